import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vi } from '../../shared/i18n/vi.ts';
import { appShell } from '../../web/src/components/app-shell.ts';

/**
 * The first paint of the villager start page (issue 27), in the production build (dist/web): the
 * title bar and "Đang tải…" are in index.html itself, drawn before any script has run, and the
 * box's kiosk info is asked for beside the scripts.
 */
const html = readFileSync(resolve(import.meta.dirname, '../../dist/web/index.html'), 'utf8');

describe('the start page as it first paints', () => {
  it('holds the title bar and the loading line, in Vietnamese, inside the element the app mounts on', () => {
    const app = /<div id="app">([\s\S]*?)<\/div>\s*<\/body>/.exec(html)?.[1] ?? '';
    expect(app).toContain(`<span class="title">${vi.appTitle}</span>`);
    expect(app).toContain(`<p class="loading">${vi.welcome.loading}</p>`);
    expect(app).toContain('<svg viewBox="0 0 64 64" aria-hidden="true"');
    expect(app).not.toContain('<script');
  });

  it('asks for the kiosk info as the app does (a same-origin fetch), so the app takes that answer', () => {
    expect(html).toMatch(/<link rel="preload" href="\/api\/kiosk" as="fetch" crossorigin \/>/);
    // Scripts come after the stylesheet and the kiosk info: they do not hold up the first paint.
    const scripts = html.match(/<script type="module"[^>]*>|<link rel="modulepreload"[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(1);
    for (const tag of scripts) expect(tag).toContain('fetchpriority="low"');
  });

  it('escapes what it writes', () => {
    const shell = appShell({ ...vi, appTitle: 'A & <b>', welcome: { ...vi.welcome, loading: '"x"' } });
    expect(shell).toContain('A &amp; &lt;b&gt;');
    expect(shell).toContain('&quot;x&quot;');
  });
});
