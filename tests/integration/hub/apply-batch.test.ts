import { describe, expect, it } from 'vitest';
import type { Db } from '../../../server/src/db/database.ts';
import type { HubDeps } from '../../../server/src/hub/context/hub.context.ts';
import { applyPush } from '../../../server/src/hub/ingest/hub.service.ts';
import type {
  AppraisalUpsertV1,
  AssessmentUpsertV1,
  ChangeMessage,
  DigitalCheckV1,
  PersonUpsertV1,
} from '../../../shared/sync/messages.ts';
import { body, hubDatabases, nodeIn, storages } from './hub-db-setup.ts';
import { build, indicatorIds } from '../../fixtures/people.ts';

/**
 * The hub applies a push batch all at once (one look-up, multi-row writes, one projection update).
 * Contract, on SQLite and PostgreSQL: that gives exactly what applying the same changes one push
 * at a time gives, for the records, their history, the dashboard projection and the answers,
 * including revisions out of order inside a batch, a record another node owns, an erasure in the
 * middle, a malformed record and a replayed batch.
 */

const AT = '2026-11-20T03:00:00.000Z';
const person = (id: string, revision: number, village: string, name = 'Lò Thị Mai'): PersonUpsertV1 => ({
  type: 'PersonUpsertV1',
  id,
  revision,
  code: `C${id.slice(-6)}`,
  name,
  birthYear: 1950,
  village,
  consents: [
    { purpose: 'assessment', granted: true, at: AT },
    { purpose: 'publicList', granted: revision % 2 === 1, at: AT },
  ],
});
const assessment = (
  id: string,
  personId: string,
  revision: number,
  status: 'draft' | 'submitted',
  score = 8,
): AssessmentUpsertV1 => ({
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
  status,
  answers: indicatorIds.map((indicatorId) => ({ indicatorId, score, note: null, confirmed: false })),
  submittedAt: status === 'submitted' ? AT : null,
  assistedBy: null,
});
const appraisal = (assessmentId: string, revision: number, cs05: number): AppraisalUpsertV1 => ({
  type: 'AppraisalUpsertV1',
  id: assessmentId,
  revision,
  status: 'appraised',
  message: null,
  locked: false,
  scores: indicatorIds.map((indicatorId) => ({ indicatorId, score: indicatorId === 'CS05' ? cs05 : 8, reason: null })),
});
const check = (id: string, personId: string, finishedAt: string, proficient: boolean): DigitalCheckV1 => ({
  type: 'DigitalCheckV1',
  id,
  revision: 1,
  personId,
  year: 2026,
  bankId: 'kns-2025',
  bankVersion: '1',
  finishedAt,
  overall: { share: 0.8, level: 'co-ban' },
  domains: [],
  hasDigitalSkills: true,
  proficient,
  assisted: false,
});

/** A center's outbox with the awkward cases in it, and a change from another node sent first. */
function scenario(): { mine: ChangeMessage[]; other: ChangeMessage[] } {
  const [p1, p2, p3] = [build.id(), build.id(), build.id()];
  const [a1, a2, a3] = [build.id(), build.id(), build.id()];
  const foreign = build.id();
  const mine: ChangeMessage[] = [
    person(p1, 1, 'Thôn Đồng Chằm'),
    person(p2, 1, 'Thôn Gò Chè'),
    person(p3, 1, 'Thôn Suối Mây'),
    appraisal(a1, 1, 7), // before its assessment: projected once the assessment comes
    assessment(a1, p1, 1, 'draft'),
    assessment(a1, p1, 2, 'submitted'),
    assessment(a2, p2, 3, 'submitted', 9),
    assessment(a2, p2, 2, 'draft', 5), // newer first: the older one changes nothing
    check(build.id(), p1, '2026-03-01T00:00:00.000Z', false),
    check(build.id(), p1, '2026-05-01T00:00:00.000Z', true),
    person(p1, 2, 'Thôn Bãi Muống'), // moves village after her assessment: the projection follows
    { ...assessment(a3, p3, 1, 'submitted'), answers: 'not a list' } as unknown as ChangeMessage, // not its type's shape: refused
    { type: 'PersonErasedV1', id: p3, revision: 2 },
    person(foreign, 5, 'Thôn Gò Chè', 'Người của trung tâm khác'), // owned by the other node: unchanged
    appraisal(a2, 1, 9),
    person(p2, 1, 'Thôn Gò Chè'), // a resend of the same revision
  ];
  return { mine, other: [person(foreign, 1, 'Thôn Đồng Chằm', 'Người của trung tâm khác')] };
}

const fresh = hubDatabases('apply_batch', 'FULL');

/** Everything the hub keeps of the pushes, node ids replaced by names so two databases compare. */
async function state(db: Db, names: Map<string, string>) {
  const n = (id: string) => names.get(id) ?? id;
  const records = await db
    .selectFrom('hub_record')
    .select(['record_kind', 'record_id', 'origin', 'revision', 'payload'])
    .orderBy('record_kind')
    .orderBy('record_id')
    .execute();
  const history = await db
    .selectFrom('hub_record_history')
    .select(['record_kind', 'record_id', 'origin', 'revision', 'payload'])
    .orderBy('id')
    .execute();
  const people = await db.selectFrom('hub_person').selectAll().orderBy('person_id').execute();
  const facts = await db.selectFrom('hub_assessment').selectAll().orderBy('assessment_id').execute();
  const checks = await db.selectFrom('hub_digital_check').selectAll().orderBy('record_id').execute();
  return {
    records: records.map((r) => ({ ...r, origin: n(r.origin) })),
    history: history.map((r) => ({ ...r, origin: n(r.origin) })),
    people: people.map((r) => ({ ...r, node_id: n(r.node_id) })),
    facts: facts.map((r) => ({ ...r, node_id: n(r.node_id) })),
    checks,
  };
}

describe.each(storages)('a push batch applied at once on %s', (storage) => {
  it('gives exactly what applying its changes one push at a time gives, and a replay changes nothing', async () => {
    const { mine, other } = scenario();
    const run = async (oneByOne: boolean) => {
      const db = await fresh(storage);
      const deps: HubDeps = {
        db,
        now: () => new Date(AT),
        hubName: 'Xã Tân Lập',
        enrolmentHours: 72,
        clockSkewSeconds: 300,
      };
      const center = await nodeIn(db, 'center');
      const elsewhere = await nodeIn(db, 'elsewhere');
      await applyPush(deps, elsewhere, body(other, 1));
      const acks = [];
      if (oneByOne) for (const [i, m] of mine.entries()) acks.push(await applyPush(deps, center, body([m], i + 1)));
      else acks.push(await applyPush(deps, center, body(mine, 1)));
      const replay = await applyPush(deps, center, body(mine, 1));
      const names = new Map([
        [center.id, 'center'],
        [elsewhere.id, 'elsewhere'],
      ]);
      return {
        state: await state(db, names),
        applied: acks.reduce((s, a) => s + a.applied, 0),
        unchanged: acks.reduce((s, a) => s + a.unchanged, 0),
        ackSeq: Math.max(...acks.map((a) => a.ackSeq)),
        replay,
      };
    };
    const single = await run(true);
    const batched = await run(false);
    expect(batched).toEqual(single);
    // What the one-by-one reference itself holds, so that an equal mistake on both sides shows too.
    expect(single.applied).toBe(12);
    expect(single.unchanged).toBe(4);
    expect(single.replay).toEqual({ ackSeq: mine.length, applied: 0, unchanged: mine.length });
    expect(single.state.records.filter((r) => r.record_kind === 'person').map((r) => [r.origin, r.revision])).toEqual(
      expect.arrayContaining([
        ['center', 2],
        ['center', 1],
        ['elsewhere', 1],
      ]),
    );
    expect(single.state.people.map((p) => p.village).sort()).toEqual(
      ['Thôn Bãi Muống', 'Thôn Gò Chè', 'Thôn Đồng Chằm'].sort(),
    );
    const facts = single.state.facts;
    expect(facts).toHaveLength(2);
    const first = facts.find((f) => f.grp === 'nhom-1' && f.appraised_count !== null && f.digital_score === 7)!;
    expect(first).toMatchObject({
      village: 'Thôn Bãi Muống',
      submitted: 1,
      appraised: 1,
      check_digital: 1,
      check_proficient: 1,
    });
    expect(facts.find((f) => f.digital_score === 9)).toMatchObject({ self_total: 90, submitted: 1 });
  }, 60_000);
});
