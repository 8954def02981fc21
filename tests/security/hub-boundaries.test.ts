import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex, storeEvidenceFile } from '../../server/src/evidence/evidence.store.ts';
import { newKeyPair, signRequest } from '../../server/src/sync/signing.ts';
import { refusalLog } from '../../server/src/hub/ingest/refusal-log.ts';
import type { ChangeMessage, PersonUpsertV1, AssessmentUpsertV1 } from '../../shared/sync/messages.ts';
import { build, indicatorIds } from '../fixtures/people.ts';
import { staffSessions } from '../fixtures/staff.ts';
import { startHarness, type Harness } from '../integration/harness.ts';

/**
 * Issue 20, hub boundaries: an enrolled center changes only what it sent itself, evidence never
 * comes back as a page the browser would run, and a flood of refused pushes costs bounded rows.
 * The centers here are played by hand (their own keys, signed pushes), so the attacker controls
 * every byte an enrolled center could send.
 */

const NOW = new Date('2026-11-23T03:00:00Z');
const AT = NOW.toISOString();

let hub: Harness;
let admin: string;

interface Center {
  id: string;
  privateKey: string;
  seq: number;
}

async function enrolCenter(name: string): Promise<Center> {
  const { body } = await hub.json('POST', '/api/staff/hub/enrolments', { name }, admin);
  const keys = newKeyPair();
  const res = await hub.json('POST', '/api/hub/enrol', { code: body.code, publicKey: keys.publicKey, name });
  expect(res.status).toBe(200);
  return { id: res.body.nodeId, privateKey: keys.privateKey, seq: 0 };
}

function signed(
  center: Center,
  method: string,
  path: string,
  body: Uint8Array,
  extra: Record<string, string> = {},
): Promise<Response> {
  const headers = { ...signRequest(center.id, center.privateKey, method, path, body, NOW), ...extra };
  return Promise.resolve(hub.app.request(path, { method, headers, body: body as BodyInit }));
}

/** A signed push of these changes, next in the center's outbox. */
async function push(
  center: Center,
  changes: ChangeMessage[],
): Promise<{ ackSeq: number; applied: number; unchanged: number }> {
  const wire = changes.map((message) => ({ seq: ++center.seq, message }));
  const body = gzipSync(Buffer.from(JSON.stringify({ changes: wire, backlog: 0 })));
  const res = await signed(center, 'POST', '/api/hub/push', body, {
    'content-type': 'application/json',
    'content-encoding': 'gzip',
  });
  expect(res.status).toBe(200);
  return res.json();
}

const person = (id: string, revision = 1, name = 'Nguyễn Thị Lan'): PersonUpsertV1 => ({
  type: 'PersonUpsertV1',
  id,
  revision,
  code: `C${id.slice(-5)}`,
  name,
  birthYear: 1954,
  village: 'Thôn Đồng Chằm',
  consents: [
    { purpose: 'assessment', granted: true, at: AT },
    { purpose: 'publicList', granted: true, at: AT },
  ],
});
const assessment = (id: string, personId: string, revision = 1): AssessmentUpsertV1 => ({
  type: 'AssessmentUpsertV1',
  id,
  revision,
  subjectKind: 'person',
  subjectId: personId,
  title: 'cdht',
  year: 2026,
  criteriaSetId: 'cdht-2022',
  criteriaSetVersion: '2022.1',
  group: 'nhom-1',
  status: 'submitted',
  answers: indicatorIds.map((indicatorId) => ({ indicatorId, score: 8, note: null, confirmed: false })),
  submittedAt: AT,
  assistedBy: null,
});

/** Everything the hub holds that a push could touch, and the dashboard the commune reads. */
async function hubState() {
  const db = hub.db;
  return {
    records: await db.selectFrom('hub_record').selectAll().orderBy('record_kind').orderBy('record_id').execute(),
    history: await db.selectFrom('hub_record_history').selectAll().orderBy('id').execute(),
    people: await db.selectFrom('hub_person').selectAll().orderBy('person_id').execute(),
    assessments: await db.selectFrom('hub_assessment').selectAll().orderBy('assessment_id').execute(),
    checks: await db.selectFrom('hub_digital_check').selectAll().orderBy('record_id').execute(),
    subjects: await db.selectFrom('hub_model_subject').selectAll().orderBy('id').execute(),
    dashboard: (await hub.json('GET', '/api/staff/hub/dashboard?year=2026', undefined, admin)).body,
  };
}

/** The refusal log as the commune's admin reads it (which writes the counts still held in memory), then every row. */
async function refusals() {
  expect((await hub.json('GET', '/api/staff/hub/refusals', undefined, admin)).status).toBe(200);
  return hub.db.selectFrom('hub_refusal').selectAll().execute();
}

let a: Center;
let b: Center;
let lan: string;
let lanAssessment: string;
let lanHousehold: string;

// One hub for the attacks by an enrolled center (each starts from a person of its own); a fresh one per flood.
describe('two centers enrolled at one hub', () => {
  beforeAll(async () => {
    hub = await startHarness(NOW, { KIOSK_ROLE: 'hub' });
    admin = (await staffSessions(hub)).admin;
    a = await enrolCenter('TTHTCĐ xã Tân Lập');
    b = await enrolCenter('TTHTCĐ xã Xuân Sơn');
  });
  afterAll(async () => {
    await hub.close();
  });
  beforeEach(async () => {
    lan = build.id();
    lanAssessment = build.id();
    lanHousehold = build.id();
    await push(a, [
      person(lan),
      assessment(lanAssessment, lan),
      {
        type: 'HouseholdUpsertV1',
        id: lanHousehold,
        revision: 1,
        village: 'Thôn Đồng Chằm',
        headPersonId: lan,
        memberPersonIds: [lan],
        facts: [],
        registeredAt: AT,
      },
    ]);
  });

  describe('a change from a center applies only to what that center sent', () => {
    it("refuses an erasure of another center's person: her record, history and dashboard row stay", async () => {
      const before = await hubState();
      expect(before.people.map((p) => p.person_id)).toContain(lan);
      const ack = await push(b, [{ type: 'PersonErasedV1', id: lan, revision: 2 }]);
      // The cursor moves on: a refused change is skipped, never retried for ever.
      expect(ack).toEqual({ ackSeq: b.seq, applied: 0, unchanged: 1 });
      expect(await hubState()).toEqual(before);
      expect(await refusals()).toContainEqual(
        expect.objectContaining({ node_id: b.id, code: 'sync.owner-mismatch', detail: `person/${lan}` }),
      );
    });

    it("still applies a center's erasure of its own person", async () => {
      await push(a, [{ type: 'PersonErasedV1', id: lan, revision: 2 }]);
      const after = await hubState();
      expect(after.records.filter((r) => [lan, lanAssessment, lanHousehold].includes(r.record_id))).toEqual([]);
      expect(after.people.map((p) => p.person_id)).not.toContain(lan);
      expect(after.assessments.map((x) => x.assessment_id)).not.toContain(lanAssessment);
    });

    const own = () => build.id();
    it.each<[string, () => ChangeMessage]>([
      ['an upsert of her person record', () => person(lan, 9, 'Kẻ mạo danh')],
      ['an assessment naming her', () => assessment(own(), lan)],
      [
        'an appraisal of her assessment',
        () => ({
          type: 'AppraisalUpsertV1',
          id: lanAssessment,
          revision: 1,
          status: 'appraised',
          message: null,
          locked: true,
          scores: indicatorIds.map((indicatorId) => ({ indicatorId, score: 10, reason: null })),
        }),
      ],
      [
        'evidence on her assessment',
        () => ({
          type: 'EvidenceUpsertV1',
          id: own(),
          revision: 1,
          assessmentId: lanAssessment,
          indicatorId: 'CS03',
          kind: 'photo',
          sha256: 'a'.repeat(64),
          mime: 'image/jpeg',
          bytes: 10,
        }),
      ],
      [
        'a digital check of her',
        () => ({
          type: 'DigitalCheckV1',
          id: own(),
          revision: 1,
          personId: lan,
          year: 2026,
          bankId: 'kns-2025',
          bankVersion: '1',
          finishedAt: AT,
          overall: { share: 1, level: 'thanh-thao' },
          domains: [],
          hasDigitalSkills: true,
          proficient: true,
          assisted: false,
        }),
      ],
      [
        'a household listing her as an adult',
        () => ({
          type: 'HouseholdUpsertV1',
          id: own(),
          revision: 1,
          village: 'Thôn Đồng Chằm',
          headPersonId: lan,
          memberPersonIds: [lan],
          facts: [],
          registeredAt: AT,
        }),
      ],
      [
        'a clan listing her household',
        () => ({
          type: 'ClanUpsertV1',
          id: own(),
          revision: 1,
          name: 'Họ Nguyễn',
          representative: 'Nguyễn Văn An',
          householdIds: [lanHousehold],
          registeredAt: AT,
        }),
      ],
      [
        'a unit listing her as staff',
        () => ({
          type: 'UnitUpsertV1',
          id: own(),
          revision: 1,
          name: 'Trường mầm non',
          kind: 'school',
          village: 'Thôn Đồng Chằm',
          staffCounts: [],
          memberPersonIds: [lan],
          registeredAt: AT,
        }),
      ],
      [
        "a relayed aggregate under another node's id",
        () => ({
          type: 'CommuneAggregateV2',
          id: `${a.id}:2026`,
          revision: 1,
          commune: 'Xã Tân Lập',
          year: 2026,
          rows: [],
          villages: [],
        }),
      ],
    ])('refuses %s from another center, logs it, and applies the honest rest of the push', async (_name, attack) => {
      const before = await hubState();
      const mine = build.id();
      const message = attack();
      const ack = await push(b, [message, person(mine, 1, 'Hà Văn Khánh')]);
      expect(ack).toEqual({ ackSeq: b.seq, applied: 1, unchanged: 1 });
      const after = await hubState();
      // Only B's own person came in; nothing of A's changed, and nothing of B's names her.
      expect(after.records.filter((r) => r.record_id !== mine)).toEqual(before.records);
      expect(after.records.find((r) => r.record_id === mine)).toMatchObject({ origin: b.id, record_kind: 'person' });
      expect(
        after.records.filter(
          (r) =>
            r.origin === b.id &&
            (r.payload.includes(lan) || r.payload.includes(lanHousehold) || r.payload.includes(lanAssessment)),
        ),
      ).toEqual([]);
      expect(after.assessments).toEqual(before.assessments);
      expect(after.checks).toEqual(before.checks);
      expect(after.subjects).toEqual(before.subjects);
      expect(after.people.filter((p) => p.person_id !== mine)).toEqual(before.people);
      const named =
        message.type === 'AppraisalUpsertV1' || message.type === 'EvidenceUpsertV1'
          ? lanAssessment
          : message.type === 'ClanUpsertV1'
            ? lanHousehold
            : lan;
      const detail = message.type === 'CommuneAggregateV2' ? `aggregate/${message.id}` : expect.stringContaining(named);
      expect(await refusals()).toContainEqual(
        expect.objectContaining({ node_id: b.id, code: 'sync.owner-mismatch', detail, count: 1 }),
      );
    });
  });

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
    hub = await startHarness(NOW, { KIOSK_ROLE: 'hub' });
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
