import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex, storeEvidenceFile } from '../../server/src/evidence/evidence.store.ts';
import { refusalLog } from '../../server/src/hub/ingest/refusal-log.ts';
import { build } from '../fixtures/people.ts';
import { staffSessions } from '../fixtures/staff.ts';
import { startHarness } from '../integration/harness.ts';
import {
  NOW,
  AT,
  hub,
  admin,
  signed,
  push,
  person,
  assessment,
  b,
  twoCentersEnrolled,
  startHub,
} from './hub-boundaries-setup.ts';

/** Issue 20 at the hub: evidence served only as an image, and refused pushes logged with a cap. */
describe('two centers enrolled at one hub', () => {
  twoCentersEnrolled();
  describe('evidence is served as an image only when its bytes are one', () => {
    const html = new TextEncoder().encode('<!doctype html><script>fetch("/api/staff/hub/nodes")</script>');
    const svg = new TextEncoder().encode(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>',
    );
    const jpeg = new Uint8Array(600).map((_, i) => (i * 31) % 251);
    jpeg.set([0xff, 0xd8, 0xff, 0xe0], 0);

    /** B sends a photo record claiming `mime` and the file itself, as the sync client does. */
    async function sendEvidence(bytes: Uint8Array, mime: string): Promise<string> {
      const [personId, assessmentId, id] = [build.id(), build.id(), build.id()];
      const sha256 = sha256Hex(bytes);
      await push(b, [
        person(personId),
        assessment(assessmentId, personId),
        {
          type: 'EvidenceUpsertV1',
          id,
          revision: 1,
          assessmentId,
          indicatorId: 'CS03',
          kind: 'photo',
          sha256,
          mime,
          bytes: bytes.length,
        },
      ]);
      const put = await signed(b, 'PUT', `/api/hub/evidence/${sha256}`, bytes, {
        'content-type': 'application/octet-stream',
      });
      expect(put.status).toBe(200);
      return id;
    }

    it.each([
      ['an HTML page', html, 'text/html'],
      ['an SVG with a script', svg, 'image/svg+xml'],
    ])('serves %s a center sent as a photo only as an attachment', async (_name, bytes, mime) => {
      const id = await sendEvidence(bytes, mime);
      const res = await hub.app.request(`/api/staff/evidence/${id}`, { headers: { cookie: admin } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/octet-stream');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it('serves a real JPEG as image/jpeg with nosniff, whatever type its record claimed', async () => {
      const id = await sendEvidence(jpeg, 'text/html');
      const res = await hub.app.request(`/api/staff/evidence/${id}`, { headers: { cookie: admin } });
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-disposition')).toBeNull();
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(jpeg);
    });

    it("serves a center's own evidence file that is not an image only as an attachment", async () => {
      const center = await startHarness(NOW);
      try {
        const staffCookie = (await staffSessions(center)).facilitator;
        const [personId, assessmentId] = [build.id(), build.id()];
        await center.db
          .insertInto('person')
          .values({
            id: personId,
            code: 'ABC234',
            name: 'Nguyễn Thị Lan',
            birth_year: 1954,
            village: 'Thôn Đồng Chằm',
            phone: null,
            revision: 1,
            created_at: AT,
            updated_at: AT,
          })
          .execute();
        await center.db
          .insertInto('assessment')
          .values({
            id: assessmentId,
            subject_kind: 'person',
            subject_id: personId,
            title: 'cdht',
            year: 2026,
            criteria_set_id: 'cdht-2022',
            criteria_set_version: '2022.1',
            subject_group: 'nhom-1',
            status: 'draft',
            revision: 1,
            created_at: AT,
            updated_at: AT,
            submitted_at: null,
            assisted_by: null,
          })
          .execute();
        const served = async (bytes: Uint8Array, mime: string) => {
          const id = build.id();
          storeEvidenceFile(`${center.dir}/evidence`, sha256Hex(bytes), bytes);
          await center.db
            .insertInto('evidence')
            .values({
              id,
              assessment_id: assessmentId,
              indicator_id: 'CS03',
              kind: 'photo',
              sha256: sha256Hex(bytes),
              mime,
              bytes: bytes.length,
              revision: 1,
              created_at: AT,
            })
            .execute();
          return center.app.request(`/api/staff/evidence/${id}`, { headers: { cookie: staffCookie } });
        };
        const page = await served(html, 'image/jpeg');
        expect(page.headers.get('content-type')).toBe('application/octet-stream');
        expect(page.headers.get('content-disposition')).toMatch(/^attachment/);
        expect(page.headers.get('x-content-type-options')).toBe('nosniff');
        const photo = await served(jpeg, 'image/jpeg');
        expect(photo.headers.get('content-type')).toBe('image/jpeg');
        expect(photo.headers.get('x-content-type-options')).toBe('nosniff');
      } finally {
        await center.close();
      }
    });
  });
});

describe('refused pushes are logged with a cap', () => {
  beforeEach(async () => {
    await startHub();
  });
  afterEach(async () => {
    await hub.close();
  });
  /** What the log holds once the counts kept in memory are written (as the admin's refusal page does first). */
  const logged = async () => {
    await refusalLog(hub.db).settle();
    return hub.db.selectFrom('hub_refusal').selectAll().execute();
  };
  const unsigned = (address: string) =>
    hub.app.request(
      '/api/hub/push',
      { method: 'POST', body: new Uint8Array(64) },
      { incoming: { socket: { remoteAddress: address } } },
    );

  it('2,000 unsigned pushes leave a bounded number of rows that still count every one, quickly', async () => {
    const started = performance.now();
    for (let i = 0; i < 20; i++) {
      const answers = await Promise.all(Array.from({ length: 100 }, () => unsigned('192.168.1.50')));
      expect(answers.every((r) => r.status === 401)).toBe(true);
    }
    expect(performance.now() - started).toBeLessThan(20_000);
    const rows = await logged();
    expect(rows.length).toBeLessThanOrEqual(10);
    expect(rows.reduce((n, r) => n + Number(r.count), 0)).toBe(2000);
    expect(rows.every((r) => r.code === 'sync.node-unknown' && r.address === '192.168.1.50')).toBe(true);
  });

  it('pushes from many addresses under forged node ids stay bounded too', async () => {
    for (let i = 0; i < 10; i++) {
      await Promise.all(
        Array.from({ length: 100 }, (_, j) =>
          hub.app.request(
            '/api/hub/push',
            {
              method: 'POST',
              body: new Uint8Array(64),
              headers: { 'x-kiosk-node': build.id() },
            },
            { incoming: { socket: { remoteAddress: `10.0.${i}.${j}` } } },
          ),
        ),
      );
    }
    const rows = await logged();
    expect(rows.length).toBeLessThanOrEqual(110);
    expect(rows.reduce((n, r) => n + Number(r.count), 0)).toBe(1000);
  });
});
