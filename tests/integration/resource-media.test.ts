import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build } from '../fixtures/people.ts';
import { staffSessions, type Role } from '../fixtures/staff.ts';
import { startHarness, type Harness } from './harness.ts';

/** Videos and documents stored on the box for the catalog: uploaded by staff, served by hash with ranges. */

let h: Harness;
let staff: Record<Role, string>;
beforeEach(async () => {
  h = await startHarness(undefined, { KIOSK_MAX_RESOURCE_FILE_BYTES: '2000000' });
  staff = await staffSessions(h);
});
afterEach(async () => {
  await h.close();
});

/** A small but well-formed-looking MP4: an `ftyp` box, then bytes that count up (so ranges are checkable). */
function fakeMp4(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = i % 251;
  bytes.set([0, 0, 0, 24, ...Buffer.from('ftypisom')], 0);
  return bytes;
}
const pdf = new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function upload(body: Uint8Array, cookie = staff.facilitator, type = 'application/octet-stream') {
  const res = await h.app.request('/api/staff/media', {
    method: 'POST',
    headers: { cookie, 'content-type': type },
    body: body as BodyInit,
  });
  return { status: res.status, body: await res.json() };
}
const mediaDir = () => join(h.dir, 'media');
const stored = () => (existsSync(mediaDir()) ? readdirSync(mediaDir()) : []);

describe('stored videos and documents', () => {
  it('a video is uploaded, attached to a resource and served whole or by range', async () => {
    const video = fakeMp4(300_000);
    const up = await upload(video);
    expect(up).toEqual({ status: 200, body: { sha256: sha(video), type: 'video/mp4', bytes: 300_000 } });
    const id = build.id();
    const res = await h.json(
      'PUT',
      `/api/staff/resources/${id}`,
      {
        kind: 'video',
        title: 'Cách nhận biết tin nhắn lừa đảo',
        topic: 'An toàn trên mạng',
        indicators: ['CS05'],
        file: { ...up.body, name: 'lua-dao.mp4' },
      },
      staff.facilitator,
    );
    expect(res.body).toMatchObject({ id, file: { sha256: sha(video), type: 'video/mp4', name: 'lua-dao.mp4' } });
    const tablet = (await h.json('GET', '/api/resources?since=0')).body;
    expect(tablet.changes[0].file.sha256).toBe(sha(video));

    const url = `/api/media/${sha(video)}.mp4`;
    const whole = await h.app.request(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(whole.headers.get('cache-control')).toContain('immutable');
    expect(sha(new Uint8Array(await whole.arrayBuffer()))).toBe(sha(video));

    // Scrubbing: the middle of the video, then its last bytes.
    const part = await h.app.request(url, { headers: { range: 'bytes=100000-100099' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 100000-100099/300000');
    expect([...new Uint8Array(await part.arrayBuffer())]).toEqual([...video.slice(100_000, 100_100)]);
    const tail = await h.app.request(url, { headers: { range: 'bytes=-10' } });
    expect([...new Uint8Array(await tail.arrayBuffer())]).toEqual([...video.slice(-10)]);
    expect((await h.app.request(url, { headers: { range: 'bytes=400000-' } })).status).toBe(416);
  });

  it('the same file uploaded twice is stored once; a PDF is a document', async () => {
    expect((await upload(pdf)).body).toMatchObject({ type: 'application/pdf', sha256: sha(pdf) });
    await upload(pdf, staff.admin);
    expect(stored()).toEqual([`${sha(pdf)}.pdf`]);
    const res = await h.json(
      'PUT',
      `/api/staff/resources/${build.id()}`,
      {
        kind: 'document',
        title: 'Sổ tay dịch vụ công trực tuyến',
        topic: 'Dịch vụ công',
        file: { sha256: sha(pdf), type: 'application/pdf', bytes: pdf.length, name: 'so-tay.pdf' },
      },
      staff.facilitator,
    );
    expect(res.status).toBe(200);
    expect((await h.app.request(`/api/media/${sha(pdf)}.pdf`)).headers.get('content-type')).toBe('application/pdf');
  });

  it.each<[string, Uint8Array, string]>([
    [
      'a file that is not a video, PDF or recording',
      new Uint8Array(Buffer.from('<html>not a video</html>')),
      'resource.file-type',
    ],
    ['a file over the limit', fakeMp4(2_000_001), 'resource.file-too-large'],
    ['an empty body', new Uint8Array(0), 'resource.file-type'],
  ])('refuses %s and keeps nothing', async (_name, body, code) => {
    expect((await upload(body)).body.code).toBe(code);
    expect(stored()).toEqual([]);
  });

  it('refuses uploads from a villager or an appraiser, and a resource naming a file the box lacks', async () => {
    expect((await upload(pdf, '')).status).toBe(401);
    expect((await upload(pdf, staff.appraiser)).status).toBe(403);
    const before = await h.counts();
    const missing = { sha256: 'a'.repeat(64), type: 'video/mp4', bytes: 10, name: 'x.mp4' };
    expect(
      (
        await h.json(
          'PUT',
          `/api/staff/resources/${build.id()}`,
          { kind: 'video', title: 'Video chưa tải lên', topic: 'Thử', file: missing },
          staff.facilitator,
        )
      ).body.code,
    ).toBe('resource.file-missing');
    // A PDF cannot be a video, and printed material has no stored file.
    expect(
      (
        await h.json(
          'PUT',
          `/api/staff/resources/${build.id()}`,
          { kind: 'video', title: 'Sai loại tệp', topic: 'Thử', file: { ...missing, type: 'application/pdf' } },
          staff.facilitator,
        )
      ).body.code,
    ).toBe('request.invalid');
    expect(
      (
        await h.json(
          'PUT',
          `/api/staff/resources/${build.id()}`,
          { kind: 'printed', title: 'Tài liệu in', topic: 'Thử', file: missing },
          staff.facilitator,
        )
      ).body.code,
    ).toBe('request.invalid');
    expect(await h.counts()).toEqual(before);
    expect((await h.app.request(`/api/media/${'b'.repeat(64)}.mp4`)).status).toBe(404);
    expect((await h.app.request('/api/media/..%2Fkiosk.sqlite')).status).toBe(404);
  });
});
