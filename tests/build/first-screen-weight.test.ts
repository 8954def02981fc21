import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FIRST_SCREEN_TARGET_KB, firstScreenFiles, precacheEntries } from '../../bench/weight.ts';
import { vi } from '../../shared/i18n/vi.ts';

/**
 * The first villager screen on a cheap phone (issue 27): its JS and CSS, as the weight benchmark
 * finds them (index.html's scripts, styles and module preloads, and every chunk they import
 * statically), stay within 60 KB after gzip. The database, the whole catalog and the other screens
 * load when first needed, and the service worker precaches every chunk for use with the box off.
 * Run on the production build (dist/web), like the other tests here.
 */

const dist = resolve(import.meta.dirname, '../../dist/web');
const first = firstScreenFiles(dist);
const code = first.map((f) => readFileSync(join(dist, f), 'utf8')).join('\n');

describe('the first villager screen', () => {
  it(`ships at most ${FIRST_SCREEN_TARGET_KB} KB of JS and CSS after gzip`, () => {
    expect(first.some((f) => f.endsWith('.js'))).toBe(true);
    expect(first.some((f) => f.endsWith('.css'))).toBe(true);
    const sizes = first.map((f) => ({ f, gzip: gzipSync(readFileSync(join(dist, f)), { level: 9 }).length }));
    const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
    console.log(
      `first villager screen: ${(total / 1024).toFixed(1)} KB gzip (${sizes.map((s) => `${s.f} ${(s.gzip / 1024).toFixed(1)}`).join(', ')})`,
    );
    expect(total).toBeLessThanOrEqual(FIRST_SCREEN_TARGET_KB * 1024);
  });

  it('leaves the database, the rest of the catalog and the other screens to load when needed', () => {
    // Dexie's error names, a later screen's strings and an error text: none of them is in the first download.
    expect(code).not.toContain('PrematureCommit');
    expect(code).not.toContain(vi.register.namePlaceholder);
    expect(code).not.toContain(vi.errors['person.not-found']);
    // The first screen's own strings are.
    expect(code).toContain(vi.welcome.heading);
    expect(code).toContain(vi.prefs.english);
  });

  it('has the service worker precache every chunk, so each screen opens with the box off', () => {
    const precached = new Set(precacheEntries(dist).map((u) => u.replace(/^\//, '')));
    const chunks = readdirSync(join(dist, 'assets'))
      .filter((f) => /\.(?:js|css)$/.test(f))
      .map((f) => `assets/${f}`);
    expect(chunks.length).toBeGreaterThan(first.length);
    expect(chunks.filter((c) => !precached.has(c))).toEqual([]);
  });
});
