import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { HubNodeRow } from '../../../server/src/db/schema.ts';
import { applyPush, type HubDeps } from '../../../server/src/hub/ingest/hub.service.ts';
import type { ModelProposal } from '../../../shared/schemas/decision.ts';
import type { RecognitionDecisionV1, RecognitionDecisionV2 } from '../../../shared/sync/feed-messages.ts';
import type {
  AppraisalUpsertV1,
  AssessmentUpsertV1,
  ChangeMessage,
  HouseholdUpsertV1,
  PersonUpsertV1,
  UnitUpsertV1,
} from '../../../shared/sync/messages.ts';
import { build, indicatorIds } from '../../fixtures/people.ts';
import { staffSessions } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';
import { listClosedMessage } from './close-lists.ts';

/**
 * The commune's decisions on the four other titles, on the hub: two centers push their registry,
 * their households' self-assessments and the branch's appraisals (messages written by hand from
 * the contract in shared/sync/messages.ts), the commune appraises a village and a unit itself,
 * and decides. The verdicts are worked out on the hub's facts, so a CDHT decision on a household's
 * adults changes the household's verdict at once. On SQLite and PostgreSQL.
 */

const YEAR = 2026;
const AT = '2026-11-20T03:00:00.000Z';
const DONG_CHAM = 'Thôn Đồng Chằm';
const GO_CHE = 'Thôn Gò Chè';

const person = (id: string, name: string, village: string): PersonUpsertV1 => ({
  type: 'PersonUpsertV1',
  id,
  revision: 1,
  code: `C${id.slice(-6)}`,
  name,
  birthYear: 1970,
  village,
  consents: [{ purpose: 'assessment', granted: true, at: AT }],
});
const cdhtAssessment = (id: string, personId: string): AssessmentUpsertV1 => ({
  type: 'AssessmentUpsertV1',
  id,
  revision: 1,
  subjectKind: 'person',
  subjectId: personId,
  title: 'cdht',
  year: YEAR,
  criteriaSetId: 'cdht-2022',
  criteriaSetVersion: '2022.1',
  group: 'nhom-1',
  status: 'submitted',
  answers: indicatorIds.map((indicatorId) => ({ indicatorId, score: 9, note: null, confirmed: false })),
  submittedAt: AT,
  assistedBy: null,
});
const cdhtAppraisal = (assessmentId: string): AppraisalUpsertV1 => ({
  type: 'AppraisalUpsertV1',
  id: assessmentId,
  revision: 1,
  status: 'appraised',
  message: null,
  locked: false,
  scores: indicatorIds.map((indicatorId) => ({ indicatorId, score: 9, reason: null })),
});
const household = (
  id: string,
  revision: number,
  village: string,
  members: string[],
  schoolAgeChildren = 0,
): HouseholdUpsertV1 => ({
  type: 'HouseholdUpsertV1',
  id,
  revision,
  village,
  headPersonId: members[0]!,
  memberPersonIds: members,
  facts: [{ year: YEAR, schoolAgeChildren, allChildrenInSchool: schoolAgeChildren > 0 ? true : null }],
  registeredAt: AT,
});
const unit = (id: string, members: string[], count: number): UnitUpsertV1 => ({
  type: 'UnitUpsertV1',
  id,
  revision: 1,
  name: 'Hợp tác xã chè Đồng Chằm',
  kind: 'cooperative',
  village: DONG_CHAM,
  staffCounts: [{ year: YEAR, count }],
  memberPersonIds: members,
  registeredAt: AT,
});
type Answers = Record<string, number | boolean>;
const score = (v: number | boolean) => (typeof v === 'boolean' ? (v ? 1 : 0) : v);
const modelAssessment = (
  id: string,
  subjectKind: string,
  subjectId: string,
  title: string,
  set: string,
  answers: Answers,
): AssessmentUpsertV1 => ({
  type: 'AssessmentUpsertV1',
  id,
  revision: 1,
  subjectKind,
  subjectId,
  title,
  year: YEAR,
  criteriaSetId: set,
  criteriaSetVersion: '2025.1',
  group: '',
  status: 'submitted',
  answers: Object.entries(answers).map(([indicatorId, v]) => ({
    indicatorId,
    score: score(v),
    note: null,
    confirmed: false,
  })),
  submittedAt: AT,
  assistedBy: null,
});
const branchAppraisal = (
  assessmentId: string,
  answers: Answers,
  reasons: Record<string, string> = {},
): AppraisalUpsertV1 => ({
  type: 'AppraisalUpsertV1',
  id: assessmentId,
  revision: 1,
  status: 'appraised',
  message: null,
  locked: false,
  scores: Object.entries(answers).map(([indicatorId, v]) => ({
    indicatorId,
    score: score(v),
    reason: reasons[indicatorId] ?? null,
  })),
});

/** A household's declared items at full points (G1.1 and G2.1 are computed). */
const fullHousehold: Answers = {
  'G1.2': 10,
  'G1.3': 10,
  'G2.2': 10,
  'G2.3': 5,
  'G3.1': 10,
  'G3.2': 10,
  'G4.1': 10,
  'G4.2': 10,
};
/** As the branch scored the first household: criterion 2 holds 5 points and needs 15 until its adults are CDHT (G2.1, 15 points). */
const lowOnAdults: Answers = { ...fullHousehold, 'G2.2': 5, 'G2.3': 0 };
const village: Answers = {
  'C1.1': true,
  'C1.2': true,
  'C4.1': true,
  'C4.2': true,
  'C5.1': true,
  'C5.2': true,
  'C5.3': true,
};
const unitAnswers: Answers = { 'U1.3': true, 'U2.1': true, 'U2.2': true, 'U3.1': true, 'U3.2': true };

const pgUrl = inject('pgUrl');
const storages = pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

describe.each(storages)('decisions on households, villages and units on a %s hub', (storage) => {
  let hub: Harness;
  let officer: string;
  let deps: HubDeps;
  const seq = new Map<string, number>();

  beforeEach(async () => {
    hub = await startHarness(undefined, { KIOSK_ROLE: 'hub' }, undefined, storage === 'postgres' ? pgUrl : null);
    officer = (await staffSessions(hub)).admin;
    deps = { db: hub.db, now: () => new Date(AT), hubName: 'Xã Tân Lập', enrolmentHours: 72, clockSkewSeconds: 300 };
  });
  afterEach(async () => {
    await hub.close();
  });

  async function nodeNamed(name: string): Promise<HubNodeRow> {
    const id = build.id();
    await hub.db
      .insertInto('hub_node')
      .values({
        id,
        name,
        public_key: 'x',
        status: 'active',
        enrolled_at: AT,
        last_contact_at: AT,
        last_seq: 0,
        backlog: 0,
      })
      .execute();
    return hub.db.selectFrom('hub_node').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }
  /** One push from a node's outbox, numbered after its last. */
  async function push(node: HubNodeRow, changes: ChangeMessage[]) {
    const first = (seq.get(node.id) ?? 0) + 1;
    seq.set(node.id, first + changes.length - 1);
    const body = gzipSync(
      Buffer.from(JSON.stringify({ changes: changes.map((message, i) => ({ seq: first + i, message })), backlog: 0 })),
    );
    return applyPush(deps, node, body);
  }
  const proposalsOf = async (title: string) =>
    (await hub.json('GET', `/api/staff/hub/proposals?year=${YEAR}&title=${title}`, undefined, officer))
      .body as ModelProposal[];
  const decide = (body: Record<string, unknown>) =>
    hub.json(
      'POST',
      '/api/staff/hub/decisions',
      { year: YEAR, signedOn: '2026-12-05', signer: 'Nguyễn Văn Hùng, Chủ tịch UBND xã', ...body },
      officer,
    );
  const feedOf = async (decisionId: string) =>
    (
      await hub.db
        .selectFrom('hub_feed')
        .select(['node_id', 'revision', 'payload'])
        .where('record_id', '=', decisionId)
        .orderBy('seq')
        .execute()
    ).map((r) => ({
      nodeId: r.node_id,
      revision: r.revision,
      message: JSON.parse(r.payload) as RecognitionDecisionV1 | RecognitionDecisionV2,
    }));

  it('proposes what the branch or the commune appraised as passing, decides it once, sends each center its own, and forgets an erased adult', async () => {
    const tanLap = await nodeNamed('TTHTCĐ Tân Lập');
    const xuanSon = await nodeNamed('TTHTCĐ Xuân Sơn');
    const [lan, tuan, mai, hoa, son] = [build.id(), build.id(), build.id(), build.id(), build.id()];
    const [h1, h2, h3, u1] = [build.id(), build.id(), build.id(), build.id()];
    const [cdht1, cdht2, aH1, aH2, aH3, aVillage, aUnit] = [
      build.id(),
      build.id(),
      build.id(),
      build.id(),
      build.id(),
      build.id(),
      build.id(),
    ];

    await push(tanLap, [
      person(lan, 'Nguyễn Thị Lan', DONG_CHAM),
      person(tuan, 'Nguyễn Văn Tuấn', DONG_CHAM),
      person(mai, 'Nguyễn Thị Mai', DONG_CHAM),
      person(hoa, 'Lò Văn Hòa', GO_CHE),
      cdhtAssessment(cdht1, lan),
      cdhtAppraisal(cdht1),
      cdhtAssessment(cdht2, tuan),
      cdhtAppraisal(cdht2),
      // Bà Lan's household: she registers alone, then her son and daughter-in-law join (two revisions, both kept in the history).
      household(h1, 1, DONG_CHAM, [lan]),
      household(h1, 2, DONG_CHAM, [lan, tuan, mai], 1),
      household(h2, 1, GO_CHE, [hoa]),
      unit(u1, [lan, tuan], 2),
      modelAssessment(aH1, 'household', h1, 'gdht', 'gdht-2025', fullHousehold),
      branchAppraisal(aH1, lowOnAdults, { 'G2.2': 'Chưa có sổ ghi chép', 'G2.3': 'Chưa có minh chứng' }),
      modelAssessment(aH2, 'household', h2, 'gdht', 'gdht-2025', fullHousehold),
      branchAppraisal(aH2, fullHousehold),
      modelAssessment(aVillage, 'community', DONG_CHAM, 'cddht', 'cddht-2025', village),
      modelAssessment(aUnit, 'unit', u1, 'dvht', 'dvht-2025', unitAnswers),
      // The branch closed its lists (issue 24: the commune decides only from closed lists).
      listClosedMessage(YEAR, { village: DONG_CHAM }),
      listClosedMessage(YEAR, { title: 'gdht', village: DONG_CHAM }),
      listClosedMessage(YEAR, { title: 'gdht', village: GO_CHE }),
    ]);
    await push(xuanSon, [
      person(son, 'Hà Văn Sơn', 'Thôn Suối Mây'),
      household(h3, 1, 'Thôn Suối Mây', [son]),
      modelAssessment(aH3, 'household', h3, 'gdht', 'gdht-2025', fullHousehold),
      branchAppraisal(aH3, fullHousehold),
      listClosedMessage(YEAR, { title: 'gdht', village: 'Thôn Suối Mây' }),
    ]);

    // The households' proposals: the self verdict and the branch's, on the hub's facts.
    let table = await proposalsOf('gdht');
    expect(table.map((p) => p.subject.label).sort()).toEqual([
      'Gia đình ông/bà Hà Văn Sơn',
      'Gia đình ông/bà Lò Văn Hòa',
      'Gia đình ông/bà Nguyễn Thị Lan',
    ]);
    const first = () => table.find((p) => p.subject.id === h1)!;
    expect(first()).toMatchObject({
      center: 'TTHTCĐ Tân Lập',
      appraisedAt: 'center',
      subject: { kind: 'household', village: DONG_CHAM },
      proposed: false,
      decision: null,
      self: { kind: 'points', total: 85, band: 'Tốt', passed: true },
      appraised: { total: 75, passed: false },
    });
    expect(table.find((p) => p.subject.id === h2)).toMatchObject({
      proposed: true,
      appraised: { total: 85, band: 'Tốt', passed: true },
    });
    expect(table.find((p) => p.subject.id === h3)).toMatchObject({ proposed: true, center: 'TTHTCĐ Xuân Sơn' });

    // Not proposed (the branch's scores fall short, a subject of another kind, one never sent): refused, nothing changes.
    const before = await hub.counts();
    for (const subjects of [
      [{ kind: 'household', id: h1 }],
      [{ kind: 'unit', id: u1 }],
      [{ kind: 'household', id: build.id() }],
    ]) {
      const refused = await decide({ title: 'gdht', number: '19/QĐ-UBND', subjects });
      expect(refused.body).toMatchObject({ code: 'decision.not-proposed', details: { subjects } });
    }
    expect(await hub.counts()).toEqual(before);

    // Two of the household's three adults recognized as CDHT: its adults' share (G2.1) is met, and it passes.
    const cdht = await decide({ number: '18/QĐ-UBND', personIds: [lan, tuan] });
    expect(cdht.status).toBe(200);
    table = await proposalsOf('gdht');
    expect(first()).toMatchObject({ proposed: true, appraised: { total: 90, band: 'Tốt', passed: true } });

    // A decision on it goes down to its own center only, as RecognitionDecisionV2.
    const made = await decide({ title: 'gdht', number: '20/QĐ-UBND', subjects: [{ kind: 'household', id: h1 }] });
    expect(made.status).toBe(200);
    expect(await feedOf(made.body.id)).toEqual([
      {
        nodeId: tanLap.id,
        revision: 1,
        message: {
          type: 'RecognitionDecisionV2',
          id: made.body.id,
          revision: 1,
          title: 'gdht',
          year: YEAR,
          number: '20/QĐ-UBND',
          signedOn: '2026-12-05',
          signer: 'Nguyễn Văn Hùng, Chủ tịch UBND xã',
          subjects: [{ kind: 'household', id: h1 }],
          revokedReason: null,
        },
      },
    ]);
    table = await proposalsOf('gdht');
    expect(first().decision).toEqual({ id: made.body.id, number: '20/QĐ-UBND', signedOn: '2026-12-05' });
    const again = await hub.counts();
    expect(
      (await decide({ title: 'gdht', number: '21/QĐ-UBND', subjects: [{ kind: 'household', id: h1 }] })).body,
    ).toMatchObject({ code: 'decision.already-recognized', details: { subjects: [{ kind: 'household', id: h1 }] } });
    expect(await hub.counts()).toEqual(again);

    // One decision over two centers: each center's row carries only its own household.
    const both = await decide({
      title: 'gdht',
      number: '22/QĐ-UBND',
      subjects: [
        { kind: 'household', id: h2 },
        { kind: 'household', id: h3 },
      ],
    });
    const rows = await feedOf(both.body.id);
    expect(rows.map((r) => [r.nodeId, (r.message as RecognitionDecisionV2).subjects]).sort()).toEqual(
      [
        [tanLap.id, [{ kind: 'household', id: h2 }]],
        [xuanSon.id, [{ kind: 'household', id: h3 }]],
      ].sort(),
    );
    // A withdrawal goes down as the next revision, to both.
    expect(
      (
        await hub.json(
          'POST',
          `/api/staff/hub/decisions/${both.body.id}/revoke`,
          { reason: 'Ghi nhầm số quyết định' },
          officer,
        )
      ).status,
    ).toBe(200);
    const revoked = (await feedOf(both.body.id)).filter((r) => r.revision === 2);
    expect(revoked.map((r) => r.nodeId).sort()).toEqual([tanLap.id, xuanSon.id].sort());
    expect(revoked.every((r) => r.message.revokedReason === 'Ghi nhầm số quyết định')).toBe(true);
    expect((await proposalsOf('gdht')).find((p) => p.subject.id === h2)!.decision).toBeNull();

    // The CDHT decision is as it always was: V1 with the people, on the CDHT table.
    expect(await feedOf(cdht.body.id)).toEqual([
      {
        nodeId: tanLap.id,
        revision: 1,
        message: expect.objectContaining({
          type: 'RecognitionDecisionV1',
          title: 'cdht',
          personIds: expect.arrayContaining([lan, tuan]),
        }),
      },
    ]);
    const people = (await hub.json('GET', `/api/staff/hub/proposals?year=${YEAR}`, undefined, officer)).body as {
      personId: string;
      decision: { number: string } | null;
    }[];
    expect(people.map((p) => [p.personId, p.decision?.number]).sort()).toEqual(
      [
        [lan, '18/QĐ-UBND'],
        [tuan, '18/QĐ-UBND'],
      ].sort(),
    );
    const list = (await hub.json('GET', `/api/staff/hub/decisions?year=${YEAR}&title=gdht`, undefined, officer))
      .body as { number: string; title: string }[];
    expect(list.map((d) => d.number).sort()).toEqual(['20/QĐ-UBND', '22/QĐ-UBND']);

    // The commune appraises the village and the unit itself; households stay the branch's.
    await hub.db
      .insertInto('hub_population')
      .values({ kind: 'households', name: DONG_CHAM, year: YEAR, count: 2, entered_by: 'Cán bộ xã', entered_at: AT })
      .execute();
    expect(
      (
        await hub.json(
          'PUT',
          '/api/staff/hub/population',
          { kind: 'village', name: DONG_CHAM, year: YEAR, count: 5 },
          officer,
        )
      ).status,
    ).toBe(200);
    const queue = (await hub.json('GET', `/api/staff/hub/model-appraisals?year=${YEAR}`, undefined, officer)).body as {
      assessmentId: string;
      appraised: unknown;
      selfPassed: boolean;
    }[];
    expect(queue.map((q) => q.assessmentId).sort()).toEqual([aVillage, aUnit].sort());
    expect(queue.every((q) => q.appraised === null)).toBe(true);
    expect((await hub.json('GET', `/api/staff/hub/model-appraisals/${aH1}`, undefined, officer)).body.code).toBe(
      'appraisal.not-here',
    );
    expect((await hub.json('PUT', `/api/staff/hub/model-appraisals/${aH1}`, { answers: [] }, officer)).body.code).toBe(
      'appraisal.not-here',
    );
    const villageCase = (await hub.json('GET', `/api/staff/hub/model-appraisals/${aVillage}`, undefined, officer)).body;
    expect(villageCase).toMatchObject({
      assessment: { subject: { kind: 'community', id: DONG_CHAM, label: DONG_CHAM }, answers: village },
      set: { id: 'cddht-2025' },
      appraisal: null,
    });
    // The village's computed items as the hub counts them: its household recognized over the households entered, its CDHT adults over the adults entered.
    const explained = (
      villageCase.assessment.verdict.items as { itemId: string; computed: { explanation: string } | null }[]
    ).find((i) => i.itemId === 'C2.1')!.computed!.explanation;
    expect(explained).toContain('1 trong 2 hộ của Thôn Đồng Chằm');
    const changed = Object.entries({ ...village, 'C4.2': false }).map(([itemId, value]) => ({ itemId, value }));
    expect(
      (await hub.json('PUT', `/api/staff/hub/model-appraisals/${aVillage}`, { answers: changed }, officer)).body,
    ).toMatchObject({ code: 'appraisal.reason-required', details: { indicatorId: 'C4.2' } });
    const withReason = changed.map((a) => (a.itemId === 'C4.2' ? { ...a, reason: 'Chưa có biên bản' } : a));
    const appraised = await hub.json(
      'PUT',
      `/api/staff/hub/model-appraisals/${aVillage}`,
      { answers: withReason },
      officer,
    );
    expect(appraised.body.appraisal).toMatchObject({
      appraiser: 'Phạm Thị Hoa',
      locked: false,
      reasons: { 'C4.2': 'Chưa có biên bản' },
      verdict: { kind: 'targets', level: 1, passed: true },
    });
    const unitDone = await hub.json(
      'PUT',
      `/api/staff/hub/model-appraisals/${aUnit}`,
      { answers: Object.entries(unitAnswers).map(([itemId, value]) => ({ itemId, value })) },
      officer,
    );
    expect(unitDone.body.appraisal.verdict).toMatchObject({ level: 2, passed: true });
    expect(
      await hub.db
        .selectFrom('hub_model_appraisal')
        .select(['assessment_id', 'revision'])
        .orderBy('assessment_id')
        .execute(),
    ).toEqual(
      [
        { assessment_id: aVillage, revision: 1 },
        { assessment_id: aUnit, revision: 1 },
      ].sort((a, b) => a.assessment_id.localeCompare(b.assessment_id)),
    );
    expect((await proposalsOf('cddht'))[0]).toMatchObject({
      subject: { kind: 'community', id: DONG_CHAM },
      appraisedAt: 'commune',
      proposed: true,
      appraised: { level: 1, levelLabel: 'Mức độ 1 (khá)' },
    });

    // Then decided; the village's appraisal is locked while the decision stands, and opens again when the commune reopens it.
    const villageDecision = await decide({
      title: 'cddht',
      number: '23/QĐ-UBND',
      subjects: [{ kind: 'community', id: DONG_CHAM }],
    });
    const unitDecision = await decide({ title: 'dvht', number: '24/QĐ-UBND', subjects: [{ kind: 'unit', id: u1 }] });
    expect([villageDecision.status, unitDecision.status]).toEqual([200, 200]);
    expect(
      (await feedOf(unitDecision.body.id)).map((r) => [r.nodeId, (r.message as RecognitionDecisionV2).subjects]),
    ).toEqual([[tanLap.id, [{ kind: 'unit', id: u1 }]]]);
    expect(
      (await hub.json('PUT', `/api/staff/hub/model-appraisals/${aVillage}`, { answers: withReason }, officer)).body,
    ).toMatchObject({ code: 'appraisal.decided', details: { decisionNumber: '23/QĐ-UBND' } });
    expect(
      (await hub.json('GET', `/api/staff/hub/model-appraisals/${aVillage}`, undefined, officer)).body.appraisal.locked,
    ).toBe(true);
    const reopened = await hub.json(
      'POST',
      `/api/staff/hub/decisions/${villageDecision.body.id}/reopen`,
      { subject: { kind: 'community', id: DONG_CHAM }, reason: 'Chấm lại C4.2' },
      officer,
    );
    expect(reopened.status).toBe(200);
    expect((await feedOf(villageDecision.body.id)).at(-1)).toMatchObject({
      nodeId: tanLap.id,
      revision: 2,
      message: { subjects: [] },
    });
    expect(
      (await hub.json('PUT', `/api/staff/hub/model-appraisals/${aVillage}`, { answers: withReason }, officer)).body
        .appraisal,
    ).toMatchObject({ locked: false });
    expect(
      (
        await hub.db
          .selectFrom('hub_model_appraisal')
          .select('revision')
          .where('assessment_id', '=', aVillage)
          .executeTakeFirstOrThrow()
      ).revision,
    ).toBe(2);
    const audit = await hub.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', 'in', ['hub.decision', 'hub.decision-reopen', 'appraisal.save'])
      .execute();
    expect(audit.filter((a) => a.action === 'hub.decision').map((a) => JSON.parse(a.details))).toContainEqual({
      number: '23/QĐ-UBND',
      year: YEAR,
      title: 'cddht',
      subjects: 1,
    });
    expect(audit.filter((a) => a.action === 'appraisal.save')).toHaveLength(3);
    expect(audit.filter((a) => a.action === 'hub.decision-reopen').map((a) => JSON.parse(a.details))).toEqual([
      { number: '23/QĐ-UBND', subject: { kind: 'community', id: DONG_CHAM }, reason: 'Chấm lại C4.2' },
    ]);

    // Erasure: anh Tuấn leaves bà Lan's household and the unit in every stored payload; ông Hòa was his household's only adult, so it goes.
    await push(tanLap, [
      { type: 'PersonErasedV1', id: tuan, revision: 2 },
      { type: 'PersonErasedV1', id: hoa, revision: 2 },
    ]);
    for (const table of ['hub_record', 'hub_record_history'] as const) {
      const held = await hub.db
        .selectFrom(table)
        .select(['record_kind', 'record_id', 'payload'])
        .where('record_kind', 'in', ['household', 'unit'])
        .execute();
      expect(held.filter((r) => r.payload.includes(tuan) || r.payload.includes(hoa))).toEqual([]);
      expect(held.filter((r) => r.record_id === h2)).toEqual([]);
    }
    const kept = await hub.db
      .selectFrom('hub_record_history')
      .select('payload')
      .where('record_id', '=', h1)
      .orderBy('id')
      .execute();
    expect(kept.map((r) => (JSON.parse(r.payload) as HouseholdUpsertV1).memberPersonIds)).toEqual([[lan], [lan, mai]]);
    expect(
      (
        JSON.parse(
          (
            await hub.db
              .selectFrom('hub_record')
              .select('payload')
              .where('record_id', '=', u1)
              .executeTakeFirstOrThrow()
          ).payload,
        ) as UnitUpsertV1
      ).memberPersonIds,
    ).toEqual([lan]);
    expect(await hub.db.selectFrom('hub_record').select('record_id').where('record_id', '=', aH2).execute()).toEqual(
      [],
    );
    expect(await hub.db.selectFrom('hub_model_subject').select('id').where('id', '=', h2).execute()).toEqual([]);
    expect(
      await hub.db
        .selectFrom('hub_model_assessment')
        .select('assessment_id')
        .where('assessment_id', '=', aH2)
        .execute(),
    ).toEqual([]);
    table = await proposalsOf('gdht');
    expect(table.map((p) => p.subject.id).sort()).toEqual([h1, h3].sort());
  }, 20_000);
});
