import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { build } from '../fixtures/people.ts';
import { freshBoxWithVillagerEachTest, h, personId } from './villager-box.ts';

/** Bytes that start like a JPEG: the box sniffs the type, it does not trust the header. */
const jpeg = (size = 2000, seed = 1): Uint8Array<ArrayBuffer> => {
  const b = new Uint8Array(size).map((_, i) => (i * 31 + seed) % 251);
  b.set([0xff, 0xd8, 0xff, 0xe0], 0);
  b.set([0xff, 0xd9], size - 2);
  return b;
};

freshBoxWithVillagerEachTest();
let assessmentId: string;
beforeEach(async () => {
  assessmentId = build.id();
  await h.json('PUT', `/api/assessments/${assessmentId}`, build.assessment(personId, { status: 'draft' }));
});

const upload = (evidenceId: string, bytes: Uint8Array<ArrayBuffer>, indicator = 'CS03', target = assessmentId) =>
  h.app.request(`/api/assessments/${target}/evidence/${evidenceId}?indicator=${indicator}`, {
    // Her tablet's session token, as the tablet sends it (a photo's body is raw, so not through h.json).
    method: 'PUT',
    headers: { 'content-type': 'image/jpeg', 'x-villager-token': h.tablet.tokenOf(personId)! },
    body: bytes,
  });

describe('evidence photos', () => {
  it('stores a photo by its SHA-256 and lists it on the assessment', async () => {
    const id = build.id();
    const res = await upload(id, jpeg());
    expect(res.status).toBe(200);
    const view = await res.json();
    expect(view).toMatchObject({ id, indicatorId: 'CS03', kind: 'photo', bytes: 2000 });
    expect(existsSync(join(h.dir, 'evidence', view.sha256.slice(0, 2), view.sha256))).toBe(true);
    const assessment = await h.json('GET', `/api/assessments/${assessmentId}`);
    expect(assessment.body.evidence).toEqual([view]);
    // A villager is appraised here: her photo stays at the center (evidence.toCommune off), nothing is queued for the hub.
    expect(await h.db.selectFrom('outbox').selectAll().where('record_kind', '=', 'evidence').execute()).toHaveLength(0);
  });

  it('a retried upload with the same id is a no-op', async () => {
    const id = build.id();
    await upload(id, jpeg());
    const before = await h.counts();
    const again = await upload(id, jpeg());
    expect(again.status).toBe(200);
    expect(await h.counts()).toEqual(before);
  });

  it.each([
    [
      'a file that is not an image',
      (): Uint8Array<ArrayBuffer> => new Uint8Array(new TextEncoder().encode('<html>not a photo</html>')),
      415,
      'evidence.not-an-image',
    ],
    ['an oversized photo', () => jpeg(2_000_001), 413, 'evidence.too-large'],
  ])('refuses %s and changes nothing', async (_name, bytes, status, code) => {
    const before = await h.counts();
    const res = await upload(build.id(), bytes());
    expect(res.status).toBe(status);
    expect((await res.json()).code).toBe(code);
    expect(await h.counts()).toEqual(before);
    expect(existsSync(join(h.dir, 'evidence'))).toBe(false);
  });

  it('refuses a photo for an unknown indicator or assessment', async () => {
    expect((await (await upload(build.id(), jpeg(), 'CS42')).json()).code).toBe('assessment.indicator-unknown');
    expect((await (await upload(build.id(), jpeg(), 'CS03', build.id())).json()).code).toBe('assessment.not-found');
  });

  it('refuses another photo under an id already used', async () => {
    const id = build.id();
    await upload(id, jpeg(2000, 1));
    const res = await upload(id, jpeg(2000, 2));
    expect(res.status).toBe(409);
    expect((await res.json()).code).toBe('evidence.id-conflict');
  });
});
