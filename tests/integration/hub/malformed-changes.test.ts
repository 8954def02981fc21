import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { migrateToLatest, openDatabase, type Db } from '../../../server/src/db/database.ts';
import type { HubNodeRow } from '../../../server/src/db/schema.ts';
import { applyPush, type HubDeps } from '../../../server/src/hub/ingest/hub.service.ts';
import { recordKindOf, type ChangeMessage } from '../../../shared/sync/messages.ts';
import { freshPgDatabase } from '../../support/postgres.ts';
import { build } from '../../fixtures/people.ts';

/**
 * The hub checks every change against the schema of its type (shared/sync/messages.ts): a change
 * that does not match is refused (logged as sync.change-invalid, the cursor moves on) and changes
 * nothing it holds, whatever its type; the same change well formed applies.
 */

const AT = '2026-11-20T03:00:00.000Z';
const RIGHT_TO_LEFT = '\u202E';
const person = build.id();
const household = build.id();
const assessment = build.id();

/** Per message type: a well-formed change, and the same change malformed. */
const cases: [ChangeMessage['type'], () => ChangeMessage, (m: ChangeMessage) => unknown][] = [
  [
    'PersonUpsertV1',
    () => ({
      type: 'PersonUpsertV1',
      id: person,
      revision: 2,
      code: 'C12345',
      name: 'Lò Thị Mai',
      birthYear: 1950,
      village: 'Thôn Đồng Chằm',
      consents: [{ purpose: 'assessment', granted: true, at: AT }],
    }),
    (m) => ({ ...m, name: `Lò Thị ${RIGHT_TO_LEFT}Mai` }),
  ],
  [
    'AssessmentUpsertV1',
    () => ({
      type: 'AssessmentUpsertV1',
      id: assessment,
      revision: 2,
      subjectKind: 'person',
      subjectId: person,
      title: 'cdht',
      year: 2026,
      criteriaSetId: 'cdht-2022',
      criteriaSetVersion: '2022.1',
      group: 'nhom-1',
      status: 'submitted',
      answers: [{ indicatorId: 'CS01', score: 8, note: null, confirmed: false }],
      submittedAt: AT,
      assistedBy: null,
    }),
    (m) => ({ ...m, answers: 'not a list' }),
  ],
  [
    'EvidenceUpsertV1',
    () => ({
      type: 'EvidenceUpsertV1',
      id: build.id(),
      revision: 1,
      assessmentId: assessment,
      indicatorId: 'CS03',
      kind: 'photo',
      sha256: 'a'.repeat(64),
      mime: 'image/jpeg',
      bytes: 10,
    }),
    (m) => ({ ...m, sha256: '../../etc/passwd' }),
  ],
  [
    'AppraisalUpsertV1',
    () => ({
      type: 'AppraisalUpsertV1',
      id: assessment,
      revision: 1,
      status: 'appraised',
      message: null,
      locked: false,
      scores: [{ indicatorId: 'CS01', score: 8, reason: null }],
    }),
    (m) => ({ ...m, status: 'approved' }),
  ],
  ['PersonErasedV1', () => ({ type: 'PersonErasedV1', id: person, revision: 3 }), (m) => ({ ...m, revision: 0 })],
  [
    'CommuneAggregateV1',
    () => ({ type: 'CommuneAggregateV1', id: '', revision: 1, commune: 'Xã Tân Lập', year: 2026, rows: [] }),
    (m) => ({ ...m, rows: [{ village: 'Thôn Đồng Chằm' }] }),
  ],
  [
    'RecognizedListV1',
    () => ({ type: 'RecognizedListV1', id: '', revision: 1, commune: 'Xã Tân Lập', year: 2026, entries: [] }),
    (m) => ({ ...m, entries: [{ name: `Lò Thị Mai\u0000`, village: 'Thôn Đồng Chằm' }] }),
  ],
  [
    'CommuneAggregateV2',
    () => ({
      type: 'CommuneAggregateV2',
      id: '',
      revision: 1,
      commune: 'Xã Tân Lập',
      year: 2026,
      rows: [],
      villages: [],
    }),
    (m) => ({ ...m, villages: [{ village: 'Thôn Đồng Chằm', registered: -1, adults: null }] }),
  ],
  [
    'ProposalListClosedV1',
    () => ({
      type: 'ProposalListClosedV1',
      id: build.id(),
      revision: 1,
      village: 'Thôn Đồng Chằm',
      year: 2026,
      closedAt: AT,
      entries: 3,
    }),
    (m) => ({ ...m, entries: 2.5 }),
  ],
  [
    'ProposalListClosedV2',
    () => ({
      type: 'ProposalListClosedV2',
      id: build.id(),
      revision: 1,
      title: 'gdht',
      village: null,
      year: 2026,
      closedAt: AT,
      entries: 3,
    }),
    (m) => ({ ...m, title: 'other' }),
  ],
  [
    'DigitalCheckV1',
    () => ({
      type: 'DigitalCheckV1',
      id: build.id(),
      revision: 1,
      personId: person,
      year: 2026,
      bankId: 'kns-2025',
      bankVersion: '1',
      finishedAt: AT,
      overall: { share: 0.8, level: 'co-ban' },
      domains: [],
      hasDigitalSkills: true,
      proficient: false,
      assisted: false,
    }),
    (m) => ({ ...m, proficient: 'yes' }),
  ],
  [
    'HouseholdUpsertV1',
    () => ({
      type: 'HouseholdUpsertV1',
      id: household,
      revision: 2,
      village: 'Thôn Đồng Chằm',
      headPersonId: person,
      memberPersonIds: [person],
      facts: [],
      registeredAt: AT,
    }),
    (m) => ({ ...m, memberPersonIds: person }),
  ],
  [
    'ClanUpsertV1',
    () => ({
      type: 'ClanUpsertV1',
      id: build.id(),
      revision: 1,
      name: 'Họ Lò',
      representative: 'Lò Văn Pọm',
      householdIds: [household],
      registeredAt: AT,
    }),
    (m) => ({ ...m, name: 'Họ Lò\nvà họ khác' }),
  ],
  [
    'UnitUpsertV1',
    () => ({
      type: 'UnitUpsertV1',
      id: build.id(),
      revision: 1,
      name: 'Trường mầm non',
      kind: 'school',
      village: 'Thôn Đồng Chằm',
      staffCounts: [],
      memberPersonIds: [person],
      registeredAt: AT,
    }),
    (m) => ({ ...m, staffCounts: [{ year: 2026 }] }),
  ],
  [
    'ModelAggregateV1',
    () => ({
      type: 'ModelAggregateV1',
      id: '',
      revision: 1,
      commune: 'Xã Tân Lập',
      year: 2026,
      villages: [],
      communeClans: { registered: 0, assessed: 0, recognized: 0 },
      expiring: [],
    }),
    (m) => ({ ...m, communeClans: null }),
  ],
];

const pgUrl = inject('pgUrl');
const storages = pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function fresh(storage: 'sqlite' | 'postgres'): Promise<Db> {
  let db: Db;
  if (storage === 'postgres') {
    const opened = await freshPgDatabase(pgUrl!, 'malformed');
    db = opened.db;
    cleanups.push(async () => {
      await db.destroy();
      await opened.drop();
    });
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-malformed-'));
    db = openDatabase({ file: join(dir, 'hub.sqlite'), synchronous: 'NORMAL' });
    cleanups.push(async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    });
  }
  await migrateToLatest(db);
  return db;
}

const body = (changes: unknown[], firstSeq: number) =>
  gzipSync(
    Buffer.from(JSON.stringify({ changes: changes.map((message, i) => ({ seq: firstSeq + i, message })), backlog: 0 })),
  );

/** Everything a push may change at the hub, apart from the node's position and the refusal log. */
async function held(db: Db) {
  const all = (
    table:
      | 'hub_record'
      | 'hub_record_history'
      | 'hub_person'
      | 'hub_assessment'
      | 'hub_digital_check'
      | 'hub_model_subject'
      | 'hub_model_assessment',
  ) => db.selectFrom(table).selectAll().execute();
  return Promise.all([
    all('hub_record'),
    all('hub_record_history'),
    all('hub_person'),
    all('hub_assessment'),
    all('hub_digital_check'),
    all('hub_model_subject'),
    all('hub_model_assessment'),
  ]);
}

describe.each(storages)('a malformed change on %s', (storage) => {
  it.each(cases)(
    '%s: refused, logged, and nothing the hub holds changes; well formed, it applies',
    async (type, wellFormed, malformed) => {
      const db = await fresh(storage);
      const deps: HubDeps = {
        db,
        now: () => new Date(AT),
        hubName: 'Xã Tân Lập',
        enrolmentHours: 72,
        clockSkewSeconds: 300,
      };
      const nodeId = build.id();
      await db
        .insertInto('hub_node')
        .values({
          id: nodeId,
          name: 'center',
          public_key: 'x',
          status: 'active',
          enrolled_at: AT,
          last_contact_at: AT,
          last_seq: 0,
          backlog: 0,
        })
        .execute();
      const node = (): Promise<HubNodeRow> =>
        db.selectFrom('hub_node').selectAll().where('id', '=', nodeId).executeTakeFirstOrThrow();
      // What the center sent before: her record, her household and her assessment.
      const before: ChangeMessage[] = [
        { ...(cases[0]![1]() as Extract<ChangeMessage, { type: 'PersonUpsertV1' }>), revision: 1 },
        { ...(cases[11]![1]() as Extract<ChangeMessage, { type: 'HouseholdUpsertV1' }>), revision: 1 },
        { ...(cases[1]![1]() as Extract<ChangeMessage, { type: 'AssessmentUpsertV1' }>), revision: 1 },
      ];
      expect(await applyPush(deps, await node(), body(before, 1))).toEqual({ ackSeq: 3, applied: 3, unchanged: 0 });
      const scoped = (m: ChangeMessage) => (m.id === '' ? { ...m, id: `${nodeId}:2026` } : m);
      const good = scoped(wellFormed());
      const bad = malformed(good) as { id: string };
      const held0 = await held(db);

      expect(await applyPush(deps, await node(), body([bad], 4))).toEqual({ ackSeq: 4, applied: 0, unchanged: 1 });
      expect(await held(db)).toEqual(held0);
      expect(await db.selectFrom('hub_refusal').selectAll().execute()).toEqual([
        expect.objectContaining({
          node_id: nodeId,
          code: 'sync.change-invalid',
          path: '/api/hub/push',
          detail: `${recordKindOf[type]}/${bad.id}`,
          count: 1,
        }),
      ]);

      expect(await applyPush(deps, await node(), body([good], 5))).toEqual({ ackSeq: 5, applied: 1, unchanged: 0 });
      expect(await held(db)).not.toEqual(held0);
    },
    30_000,
  );

  it('skips a change of a type it does not know and a redacted change, as before', async () => {
    const db = await fresh(storage);
    const deps: HubDeps = {
      db,
      now: () => new Date(AT),
      hubName: 'Xã Tân Lập',
      enrolmentHours: 72,
      clockSkewSeconds: 300,
    };
    const nodeId = build.id();
    await db
      .insertInto('hub_node')
      .values({
        id: nodeId,
        name: 'center',
        public_key: 'x',
        status: 'active',
        enrolled_at: AT,
        last_contact_at: AT,
        last_seq: 0,
        backlog: 0,
      })
      .execute();
    const node = await db.selectFrom('hub_node').selectAll().where('id', '=', nodeId).executeTakeFirstOrThrow();
    const later = { type: 'PersonUpsertV9', id: build.id(), revision: 1, anything: true };
    const redacted = { type: 'Redacted', id: '2', revision: 0, redacted: true };
    expect(await applyPush(deps, node, body([later, redacted], 1))).toEqual({ ackSeq: 2, applied: 0, unchanged: 2 });
    expect(await db.selectFrom('hub_refusal').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('hub_record').selectAll().execute()).toEqual([]);
  });
});
