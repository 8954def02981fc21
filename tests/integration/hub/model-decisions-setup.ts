import { afterEach, beforeEach, inject } from 'vitest';
import type { HubNodeRow } from '../../../server/src/db/schema.ts';
import { applyPush } from '../../../server/src/hub/ingest/hub.service.ts';
import type { ModelProposal } from '../../../shared/schemas/decision.ts';
import type { RecognitionDecisionV1, RecognitionDecisionV2 } from '../../../shared/sync/feed-messages.ts';
import type { ChangeMessage } from '../../../shared/sync/messages.ts';
import { build } from '../../fixtures/people.ts';
import { staffSessions } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';
import { listClosedMessage } from './close-lists.ts';
import { body, hubDeps, nodeIn } from './hub-db-setup.ts';
import {
  branchAppraisal,
  cdhtAppraisal,
  cdhtAssessment,
  DONG_CHAM,
  fullHousehold,
  GO_CHE,
  household,
  lowOnAdults,
  modelAssessment,
  person,
  unit,
  unitAnswers,
  village,
  YEAR,
} from './model-decisions-messages.ts';

/**
 * The commune hub of model-decisions.test.ts, fresh before each test, with what its officer reads and
 * does through the routes, and what two centers push to it.
 */

const pgUrl = inject('pgUrl');
export const storages = pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

export let hub: Harness;
export let officer: string;
const seq = new Map<string, number>();

/** A commune hub on `storage` before each test, its administrator signed in; closed after. */
export function decisionsHubEachTest(storage: 'sqlite' | 'postgres'): void {
  beforeEach(async () => {
    hub = await startHarness(undefined, { KIOSK_ROLE: 'hub' }, undefined, storage === 'postgres' ? pgUrl : null);
    officer = (await staffSessions(hub)).admin;
  });
  afterEach(async () => {
    await hub.close();
  });
}

/** One push from a node's outbox, numbered after its last. */
export async function push(node: HubNodeRow, changes: ChangeMessage[]) {
  const first = (seq.get(node.id) ?? 0) + 1;
  seq.set(node.id, first + changes.length - 1);
  return applyPush(hubDeps(hub.db), node, body(changes, first));
}

export const proposalsOf = async (title: string) =>
  (await hub.json('GET', `/api/staff/hub/proposals?year=${YEAR}&title=${title}`, undefined, officer))
    .body as ModelProposal[];
export const decide = (body: Record<string, unknown>) =>
  hub.json(
    'POST',
    '/api/staff/hub/decisions',
    { year: YEAR, signedOn: '2026-12-05', signer: 'Nguyễn Văn Hùng, Chủ tịch UBND xã', ...body },
    officer,
  );
export const feedOf = async (decisionId: string) =>
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

/** A case on the commune's appraisal queue, as the route gives it. */
export const appraisalCase = async (assessmentId: string) =>
  (await hub.json('GET', `/api/staff/hub/model-appraisals/${assessmentId}`, undefined, officer)).body;
/** The commune appraises a case with `answers`; the route's answer. */
export const appraise = async (assessmentId: string, answers: { itemId: string; value: unknown; reason?: string }[]) =>
  (await hub.json('PUT', `/api/staff/hub/model-appraisals/${assessmentId}`, { answers }, officer)).body;
export const revoke = (decisionId: string, reason: string) =>
  hub.json('POST', `/api/staff/hub/decisions/${decisionId}/revoke`, { reason }, officer);

/** The audit log's rows of these actions. */
export const auditOf = (actions: string[]) =>
  hub.db.selectFrom('audit_log').select(['action', 'details']).where('action', 'in', actions).execute();

/** The commune's appraisals held, by assessment. */
export const appraisalsHeld = () =>
  hub.db.selectFrom('hub_model_appraisal').select(['assessment_id', 'revision']).orderBy('assessment_id').execute();

/** A record's revisions as the hub's history keeps them, oldest first. */
export const historyOf = async <T>(recordId: string): Promise<T[]> =>
  (
    await hub.db
      .selectFrom('hub_record_history')
      .select('payload')
      .where('record_id', '=', recordId)
      .orderBy('id')
      .execute()
  ).map((r) => JSON.parse(r.payload) as T);

/** A record as the hub holds it now. */
export const heldOf = async <T>(recordId: string): Promise<T> =>
  JSON.parse(
    (
      await hub.db
        .selectFrom('hub_record')
        .select('payload')
        .where('record_id', '=', recordId)
        .executeTakeFirstOrThrow()
    ).payload,
  ) as T;

/**
 * Two centers' pushes: Tân Lập's people of Đồng Chằm and Gò Chè, two of them appraised CDHT, bà Lan's
 * household (the branch scored it short on its adults), ông Hòa's, a unit, a village's and a unit's
 * self-assessments the commune appraises itself; Xuân Sơn's one household, appraised as passing.
 */
export async function twoCentersPushed() {
  const tanLap = await nodeIn(hub.db, 'TTHTCĐ Tân Lập');
  const xuanSon = await nodeIn(hub.db, 'TTHTCĐ Xuân Sơn');
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
  return { tanLap, xuanSon, lan, tuan, mai, hoa, h1, h2, h3, u1, aH1, aH2, aVillage, aUnit };
}
