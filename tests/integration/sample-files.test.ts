import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mediaUrl, type ResourceView } from '../../shared/schemas/resource.ts';
import { sampleFiles } from '../../server/src/resources/resources.sample-files.ts';
import { syncSampleCatalogue } from '../../server/src/resources/resources.sample.ts';
import { configDir, startHarness, type Harness } from './harness.ts';

/**
 * Issue 26: the demo center's sample video and document open (real small files shipped in
 * kiosk-config/sample/, put in the media store and served by the usual media path); a real center
 * gets neither the files nor the items.
 */

let h: Harness;
const start = new Date('2026-11-23T03:00:00Z');
const files = sampleFiles(configDir);
const mediaDir = () => join(h.dir, 'media');
beforeEach(async () => {
  h = await startHarness(start);
});
afterEach(async () => {
  await h.close();
});

const standing = async () =>
  ((await h.json('GET', '/api/resources?since=0')).body as { changes: ResourceView[] }).changes.filter(
    (r) => !r.retired,
  );

describe('the sample catalogue’s files', () => {
  it('are shipped: a short WebM video and a one-page PDF, each a few tens of KB', () => {
    expect(files.video?.file).toMatchObject({ type: 'video/webm', name: 'mau-video-dich-vu-cong.webm' });
    expect(files.document?.file).toMatchObject({ type: 'application/pdf', name: 'mau-ke-hoach-hoc-tap.pdf' });
    for (const f of [files.video!, files.document!]) {
      expect(f.file.bytes).toBeGreaterThan(2_000);
      expect(f.file.bytes).toBeLessThan(150_000);
    }
  });

  it('on a demo center: the video and the document carry their files, served by the media path with their type', async () => {
    await syncSampleCatalogue(h.db, start, true, { files, dir: mediaDir() });
    const items = await standing();
    for (const [kind, shipped] of [
      ['video', files.video!],
      ['document', files.document!],
    ] as const) {
      const item = items.find((r) => r.kind === kind)!;
      expect(item.title.startsWith('Mẫu: ')).toBe(true);
      expect(item.file).toEqual(shipped.file);
      const res = await h.app.request(mediaUrl(shipped.file));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(shipped.file.type);
      expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(shipped.path))).toBe(true);
    }
    // A video can be scrubbed: a range is answered with its part.
    const part = await h.app.request(mediaUrl(files.video!.file), { headers: { range: 'bytes=0-99' } });
    expect(part.status).toBe(206);
    expect((await part.arrayBuffer()).byteLength).toBe(100);

    // Again: nothing new (no second copy, no new catalog version).
    const before = (await h.json('GET', '/api/resources?since=0')).body.version;
    await syncSampleCatalogue(h.db, start, true, { files, dir: mediaDir() });
    expect((await h.json('GET', '/api/resources?since=0')).body.version).toBe(before);
    expect(readdirSync(mediaDir()).sort()).toEqual(
      [`${files.video!.file.sha256}.webm`, `${files.document!.file.sha256}.pdf`].sort(),
    );
  });

  it('on a real center: no file is put in the media store, and no sample stands', async () => {
    await syncSampleCatalogue(h.db, start, false, { files, dir: mediaDir() });
    expect(existsSync(mediaDir()) ? readdirSync(mediaDir()) : []).toEqual([]);
    expect(await standing()).toEqual([]);
    expect((await h.app.request(mediaUrl(files.video!.file))).status).toBe(404);
  });
});
