import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const dist = resolve(import.meta.dirname, '../../dist/web');

/** The JS and CSS the first villager screen loads: index.html's scripts, styles and modulepreloads. */
export function firstLoadAssets(): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  return [...new Set(refs)];
}

describe('PWA weight', () => {
  it('the first load of the villager flow ships at most 150 KB of JS and CSS after gzip', () => {
    const assets = firstLoadAssets();
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    const gzipBytes = assets.reduce((sum, a) => sum + gzipSync(readFileSync(join(dist, a)), { level: 9 }).length, 0);
    console.log(`first-load JS+CSS: ${assets.length} files, ${(gzipBytes / 1024).toFixed(1)} KB gzip`);
    expect(gzipBytes).toBeLessThanOrEqual(150 * 1024);
  });

  it('keeps the QR code library out of the first load', () => {
    const first = firstLoadAssets()
      .map((a) => readFileSync(join(dist, a), 'utf8'))
      .join('\n');
    // qrcode's Kanji mode table is a fingerprint of the library.
    expect(first).not.toMatch(/kanji/i);
  });
});
