import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vi } from '../../shared/i18n/vi.ts';
import { startHarness, type Harness } from './harness.ts';

/** Read-aloud packs installed on the box (<data>/audio/<pack>/), served to the tablets. */

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

/** Bytes that count up, so a range is checkable. */
const clipBytes = (size: number, seed: number) => Uint8Array.from({ length: size }, (_, i) => (i + seed) % 251);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function installPack(
  name: string,
  files: { manifest: unknown; texts?: Record<string, string>; clips: Record<string, Uint8Array> },
): string {
  const dir = join(h.dir, 'audio', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pack.json'), JSON.stringify(files.manifest));
  if (files.texts) writeFileSync(join(dir, 'texts.json'), JSON.stringify(files.texts));
  for (const [file, bytes] of Object.entries(files.clips)) writeFileSync(join(dir, file), bytes);
  return dir;
}

const heading = clipBytes(5000, 1);
const next = clipBytes(800, 2);
function hoaPack() {
  return installPack('hoa-vi', {
    manifest: { lang: 'vi', name: 'Giọng chị Hoa', kind: 'recorded', voice: 'Nguyễn Thị Hoa' },
    // texts.json names one clip; the other is trusted to say the catalog's text.
    texts: { 'welcome.heading': vi.welcome.heading },
    clips: { 'welcome.heading.ogg': heading, 'indicator.next.mp3': next, 'no.such.string.wav': clipBytes(10, 3) },
  });
}

describe('read-aloud packs on the box', () => {
  it('lists installed packs with their language, kind, clip count and version', async () => {
    hoaPack();
    const res = await h.json('GET', '/api/audio/packs');
    expect(res.status).toBe(200);
    expect(res.body.packs).toEqual([
      {
        id: 'hoa-vi',
        lang: 'vi',
        name: 'Giọng chị Hoa',
        kind: 'recorded',
        clips: 2,
        version: expect.stringMatching(/^[0-9a-f]{16}$/),
      },
    ]);
  });

  it('answers an empty list on a box without packs', async () => {
    expect((await h.json('GET', '/api/audio/packs')).body).toEqual({ packs: [] });
  });

  it("a pack's index names each clip's file, text and hash", async () => {
    hoaPack();
    const res = await h.json('GET', '/api/audio/packs/hoa-vi/index.json');
    expect(res.status).toBe(200);
    expect(res.body.clips).toEqual({
      'welcome.heading': { file: 'welcome.heading.ogg', text: vi.welcome.heading, sha: sha(heading) },
      'indicator.next': { file: 'indicator.next.mp3', text: vi.indicator.next, sha: sha(next) },
    });
  });

  it('serves a clip whole or by range, cached for good under its hash', async () => {
    hoaPack();
    const url = `/api/audio/packs/hoa-vi/clips/welcome.heading.ogg?v=${sha(heading)}`;
    const whole = await h.app.request(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('audio/ogg');
    expect(whole.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(sha(new Uint8Array(await whole.arrayBuffer()))).toBe(sha(heading));
    const part = await h.app.request(url, { headers: { range: 'bytes=1000-1099' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 1000-1099/5000');
    expect([...new Uint8Array(await part.arrayBuffer())]).toEqual([...heading.slice(1000, 1100)]);
    // Without the hash the answer may change: not kept.
    expect((await h.app.request('/api/audio/packs/hoa-vi/clips/indicator.next.mp3')).headers.get('cache-control')).toBe(
      'no-cache',
    );
    // The index and the list are never cached by the browser (the service worker takes them fresh).
    expect((await h.app.request('/api/audio/packs/hoa-vi/index.json')).headers.get('cache-control')).toBe('no-store');
  });

  it('a re-recorded clip gets a new version and hash; its old URL is refused, not answered with the new audio', async () => {
    const dir = hoaPack();
    const before = (await h.json('GET', '/api/audio/packs')).body.packs[0].version;
    const again = clipBytes(5200, 9);
    writeFileSync(join(dir, 'welcome.heading.ogg'), again);
    writeFileSync(
      join(dir, 'texts.json'),
      JSON.stringify({ 'welcome.heading': vi.welcome.heading, 'indicator.next': vi.indicator.next }),
    );
    const after = (await h.json('GET', '/api/audio/packs')).body.packs[0].version;
    expect(after).not.toBe(before);
    expect((await h.json('GET', '/api/audio/packs/hoa-vi/index.json')).body.clips['welcome.heading'].sha).toBe(
      sha(again),
    );
    const old = await h.json('GET', `/api/audio/packs/hoa-vi/clips/welcome.heading.ogg?v=${sha(heading)}`);
    expect(old).toMatchObject({ status: 404, body: { code: 'audio.clip-not-found' } });
  });

  it.each([
    ['an unknown pack', '/api/audio/packs/tay-vi/index.json', 404, 'audio.pack-unknown'],
    ['a clip of an unknown pack', '/api/audio/packs/tay-vi/clips/welcome.heading.ogg', 404, 'audio.pack-unknown'],
    ['a clip the pack does not hold', '/api/audio/packs/hoa-vi/clips/welcome.lead.ogg', 404, 'audio.clip-not-found'],
    ['a clip whose id is no string', '/api/audio/packs/hoa-vi/clips/no.such.string.wav', 404, 'audio.clip-not-found'],
    ['the manifest as a clip', '/api/audio/packs/hoa-vi/clips/pack.json', 400, 'audio.path-invalid'],
    ['a pack name climbing out', '/api/audio/packs/..%2F..%2Fetc/index.json', 400, 'audio.path-invalid'],
    ['a clip name climbing out', '/api/audio/packs/hoa-vi/clips/..%2F..%2Fkiosk.sqlite', 400, 'audio.path-invalid'],
    [
      'a clip name climbing out with an audio extension',
      '/api/audio/packs/hoa-vi/clips/..%2Fhoa-vi%2Fwelcome.heading.ogg',
      400,
      'audio.path-invalid',
    ],
    ['an upper-case pack name', '/api/audio/packs/HOA-VI/index.json', 400, 'audio.path-invalid'],
  ])('refuses %s with a stable code', async (_name, path, status, code) => {
    hoaPack();
    const res = await h.json('GET', path);
    expect(res).toMatchObject({ status, body: { code } });
  });

  it('leaves a pack with a bad pack.json out of the list, and says why when it is asked for', async () => {
    hoaPack();
    installPack('broken', { manifest: { lang: 'vi', name: 'Hỏng' }, clips: { 'welcome.heading.wav': heading } });
    expect((await h.json('GET', '/api/audio/packs')).body.packs.map((p: { id: string }) => p.id)).toEqual(['hoa-vi']);
    const res = await h.json('GET', '/api/audio/packs/broken/index.json');
    expect(res).toMatchObject({ status: 422, body: { code: 'audio.pack-invalid', details: { pack: 'broken' } } });
  });
});
