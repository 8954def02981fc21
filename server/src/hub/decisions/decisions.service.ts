import { v7 as uuidv7 } from 'uuid';
import * as v from 'valibot';
import { AppError } from '../../../../shared/errors.ts';
import type { CriteriaSet } from '../../../../shared/schemas/criteria-set.ts';
import type {
  RecognitionDecisionV1,
  RecognitionDecisionV2,
  RecognitionDeclinedV1,
} from '../../../../shared/sync/feed-messages.ts';
import type { DecisionTitle, ModelProposal, RecordDecision, SubjectRef } from '../../../../shared/schemas/decision.ts';
import { titleSubject, type ModelSubjectKind, type ModelTitle } from '../../../../shared/schemas/model-criteria-set.ts';
import type { FeedPage } from '../../../../shared/sync/protocol.ts';
import { MultiLineText } from '../../../../shared/schemas/text.ts';
import { audit, type Actor } from '../../audit/audit.ts';
import { refreshRecognition } from '../ingest/facts.ts';
import type { Db } from '../../db/database.ts';
import type { CriteriaSets, CriteriaSetsV1 } from '../../criteria/criteria-sets.ts';
import type { ModelSets } from '../../criteria/model-sets.ts';
import type { HubDecisionRow, HubNodeRow } from '../../db/schema.ts';
import * as repo from './decisions.repository.ts';
import { appraisedAt, loadHubModelCases, summary } from '../ingest/model-cases.ts';

export interface DecisionDeps {
  db: Db;
  now: () => Date;
  criteriaSetFor: (year: number) => CriteriaSet;
  /** Years in a row of recognition that make a person outstanding (recognition.outstandingYears). */
  outstandingYears: number;
  /** The sets of the four other titles (config.modelSets). */
  modelSets: ModelSets;
}

const TITLE = 'cdht';

/** One person on the commune's table of proposals for a year, with the decision that named them. */
export interface Proposal {
  personId: string;
  nodeId: string;
  center: string;
  name: string;
  birthYear: number;
  village: string;
  group: string;
  selfTotal: number;
  appraisedTotal: number;
  /** Appraised and passing: may be named in a decision. */
  proposed: boolean;
  decision: { id: string; number: string; signedOn: string } | null;
  /** Consecutive recognized years ending with this one (0 when not recognized this year). */
  streak: number;
  /** Recognized `outstandingYears` years in a row: "tiêu biểu xuất sắc". */
  outstanding: boolean;
  /** The commune declined this proposal, and why (null when not, or taken back). */
  declined: { reason: string; at: string } | null;
}

/**
 * The people the centers below sent for `year`: every submitted Learning Citizen self-assessment
 * that the village branch appraised, with whether the appraised scores pass the year's criteria
 * (read from the hub's projection, server/src/hub/ingest/facts.ts).
 */
export async function proposals(deps: DecisionDeps, year: number): Promise<Proposal[]> {
  const rows = await repo.appraisedAssessments(deps.db, year);
  const nodes = await repo.nodeNames(deps.db);
  const decided = await decidedFor(deps.db, year);
  const declines = await repo.declinesInForce(deps.db, year);
  const { scoring, indicators } = deps.criteriaSetFor(year);
  const out: Proposal[] = rows.map((r) => ({
    personId: r.person_id,
    nodeId: r.node_id,
    center: nodes.get(r.node_id) ?? '',
    name: r.name,
    birthYear: Number(r.birth_year),
    village: r.village,
    group: r.grp,
    selfTotal: Number(r.self_total),
    appraisedTotal: Number(r.appraised_total ?? 0),
    // The recognition rule of shared/domain/recognition.ts (every indicator scored, none below the minimum, total at the pass mark), on the projection's sums.
    proposed:
      Number(r.appraised_count) >= indicators.length &&
      Number(r.appraised_min) >= scoring.minPerIndicator &&
      Number(r.appraised_total) >= scoring.passTotal,
    decision: decided.get(r.person_id) ?? null,
    // Kept on the projection from the decisions in force (facts.ts refreshRecognition).
    streak: Number(r.streak),
    outstanding: Number(r.streak) >= deps.outstandingYears,
    declined: declines.get(r.assessment_id) ?? null,
  }));
  return out.sort(
    (x, y) =>
      x.center.localeCompare(y.center, 'vi') ||
      x.village.localeCompare(y.village, 'vi') ||
      x.name.localeCompare(y.name, 'vi'),
  );
}

/**
 * The proposals of one of the four other titles for `year`: every submitted self-assessment of
 * that title with an appraisal (households and clans by the village branch at the center, villages
 * and units by the commune here), each with its self verdict and appraised verdict worked out now
 * on the hub's facts (a CDHT decision on an adult counts at once), and the decision that names it.
 */
export async function modelProposals(deps: DecisionDeps, title: ModelTitle, year: number): Promise<ModelProposal[]> {
  const cases = await loadHubModelCases(deps.db, deps.modelSets, { year, title });
  const decided = await decidedFor(deps.db, year, title);
  return cases
    .filter((c) => c.appraisal !== null)
    .map((c) => {
      const appraised = summary(c.appraisedVerdict);
      return {
        title,
        assessmentId: c.assessmentId,
        subject: c.subject,
        nodeId: c.nodeId,
        center: c.center,
        appraisedAt: appraisedAt[c.subject.kind],
        self: summary(c.selfVerdict),
        appraised,
        proposed: appraised?.passed === true,
        decision: decided.get(c.subject.id) ?? null,
      };
    });
}

/** Who (or what) is recognized for `title` in `year` by a decision in force, and by which; by subject id (one kind per title). */
async function decidedFor(
  db: Db,
  year: number,
  title: DecisionTitle = TITLE,
): Promise<Map<string, { id: string; number: string; signedOn: string }>> {
  const rows = await repo.subjectsDecided(db, year, title);
  return new Map(rows.map((r) => [r.subject_id, { id: r.id, number: r.number, signedOn: r.signed_on }]));
}

export { RecordDecisionSchema, type RecordDecision } from '../../../../shared/schemas/decision.ts';

export const RevokeDecisionSchema = v.strictObject({ reason: MultiLineText(3, 500) });

/** A person (CDHT) or a subject of the four other titles, as a decision names it. */
type Named = { kind: 'person' | ModelSubjectKind; id: string };

/**
 * What a decision may name for its title and year: each candidate's node, and whether it is
 * proposed (appraised and passing). Every subject of one title is of that title's kind.
 */
async function candidates(
  deps: DecisionDeps,
  title: DecisionTitle,
  year: number,
): Promise<Map<string, { nodeId: string; proposed: boolean }>> {
  const out = new Map<string, { nodeId: string; proposed: boolean }>();
  if (title === TITLE) {
    for (const p of await proposals(deps, year)) out.set(p.personId, { nodeId: p.nodeId, proposed: p.proposed });
    return out;
  }
  // A subject assessed twice in a year (two centers sending the same village) is proposed by whichever assessment passes.
  for (const p of await modelProposals(deps, title, year)) {
    if (!out.get(p.subject.id)?.proposed) out.set(p.subject.id, { nodeId: p.nodeId, proposed: p.proposed });
  }
  return out;
}

/**
 * Records one act recognizing a selection of the year's proposals of one title, and puts it in the
 * downward feed of every center that sent one of them (each center sees only its own people or
 * subjects): a Learning Citizen decision as RecognitionDecisionV1, the four other titles as V2.
 */
export async function recordDecision(deps: DecisionDeps, actor: Actor, input: RecordDecision): Promise<{ id: string }> {
  const title: DecisionTitle = input.title ?? TITLE;
  const cdht = !('subjects' in input);
  const kind: Named['kind'] = cdht ? 'person' : titleSubject[input.title];
  const named: Named[] = cdht
    ? [...new Set(input.personIds)].map((id) => ({ kind: 'person', id }))
    : [...new Map(input.subjects.map((s) => [`${s.kind}\u0000${s.id}`, s])).values()];
  /** The refusal's details: people by id (as CDHT always said), subjects as {kind, id}. */
  const detail = (xs: Named[]) =>
    cdht ? { personIds: xs.map((x) => x.id) } : { subjects: xs.map((x) => ({ kind: x.kind, id: x.id })) };
  const byId = await candidates(deps, title, input.year);
  const notProposed = named.filter((s) => s.kind !== kind || !byId.get(s.id)?.proposed);
  if (notProposed.length > 0) throw new AppError('decision.not-proposed', detail(notProposed));
  const id = uuidv7();
  const at = deps.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const decided = await decidedFor(trx, input.year, title);
    const taken = named.filter((s) => decided.has(s.id));
    if (taken.length > 0) throw new AppError('decision.already-recognized', detail(taken));
    const row: HubDecisionRow = {
      id,
      title,
      year: input.year,
      number: input.number,
      signed_on: input.signedOn,
      signer: input.signer,
      revision: 1,
      revoked_reason: null,
      created_at: at,
      created_by: actor.id,
    };
    await repo.insertDecision(
      trx,
      row,
      named.map((s) => ({ kind: s.kind, id: s.id, nodeId: byId.get(s.id)!.nodeId })),
    );
    await feedDecision(trx, row, at);
    if (cdht) {
      const personIds = named.map((s) => s.id);
      await refreshRecognition(trx, personIds);
      for (const p of personIds) await withdrawDecline(trx, p, input.year, at);
    }
    await audit(
      trx,
      actor,
      {
        action: 'hub.decision',
        subjectKind: 'decision',
        subjectId: id,
        details: cdht
          ? { number: input.number, year: input.year, people: named.length }
          : { number: input.number, year: input.year, title, subjects: named.length },
      },
      at,
    );
  });
  return { id };
}

/** Withdraws a decision: a new revision goes down, and the centers take the recognitions back. */
export async function revokeDecision(deps: DecisionDeps, actor: Actor, id: string, reason: string): Promise<void> {
  const at = deps.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const row = await repo.findDecision(trx, id);
    if (!row) throw new AppError('decision.not-found');
    if (row.revoked_reason !== null) throw new AppError('decision.already-revoked');
    const next = { ...row, revision: row.revision + 1, revoked_reason: reason };
    await repo.updateDecision(trx, id, { revision: next.revision, revoked_reason: reason });
    await feedDecision(trx, next, at);
    const named = (await repo.decisionSubjects(trx, id)).filter((n) => n.subject_kind === 'person');
    await refreshRecognition(
      trx,
      named.map((n) => n.subject_id),
    );
    await audit(
      trx,
      actor,
      {
        action: 'hub.decision-revoke',
        subjectKind: 'decision',
        subjectId: id,
        details: { number: row.number, reason },
      },
      at,
    );
  });
}

/** The year's decisions (of one title when given), newest first, with how many they name now. */
export async function listDecisions(db: Db, year: number, title?: DecisionTitle) {
  const rows = await repo.decisionsOf(db, year, title);
  const n = await repo.subjectCounts(db);
  return rows.map((r) => ({
    id: r.id,
    title: r.title as DecisionTitle,
    year: r.year,
    number: r.number,
    signedOn: r.signed_on,
    signer: r.signer,
    people: n.get(r.id) ?? 0,
    revokedReason: r.revoked_reason,
  }));
}

/**
 * Reopens one decided result (audited): the person, or the household, clan, village or unit,
 * leaves the decision, which goes down as a new revision, so its center drops the recognition
 * (and its administrator can unlock the appraisal); a village's or unit's appraisal here opens again.
 */
export async function reopenDecided(
  deps: DecisionDeps,
  actor: Actor,
  id: string,
  subject: string | SubjectRef,
  reason: string,
): Promise<void> {
  const one: Named = typeof subject === 'string' ? { kind: 'person', id: subject } : subject;
  const at = deps.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const row = await repo.findDecision(trx, id);
    if (!row) throw new AppError('decision.not-found');
    if (row.revoked_reason !== null) throw new AppError('decision.already-revoked');
    const nodeId = await repo.removeDecisionSubject(trx, id, one.kind, one.id);
    if (nodeId === undefined) throw new AppError('decision.person-not-named');
    const next = { ...row, revision: row.revision + 1 };
    await repo.updateDecision(trx, id, { revision: next.revision });
    await feedDecision(trx, next, at, [nodeId]);
    if (one.kind === 'person') await refreshRecognition(trx, [one.id]);
    await audit(
      trx,
      actor,
      {
        action: 'hub.decision-reopen',
        subjectKind: 'decision',
        subjectId: id,
        details:
          one.kind === 'person'
            ? { number: row.number, personId: one.id, reason }
            : { number: row.number, subject: { kind: one.kind, id: one.id }, reason },
      },
      at,
    );
  });
}

/** Declines one proposal of the year with a reason, sent down to the person's center. */
export async function declineProposal(
  deps: DecisionDeps,
  actor: Actor,
  personId: string,
  year: number,
  reason: string,
): Promise<void> {
  const proposal = (await proposals(deps, year)).find((p) => p.personId === personId);
  if (!proposal?.proposed) throw new AppError('decision.not-proposed', { personIds: [personId] });
  if (proposal.decision) throw new AppError('decline.decided');
  const at = deps.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const assessmentId = await repo.assessmentIdOf(trx, personId, year);
    const before = await repo.findDecline(trx, assessmentId);
    const row: repo.DeclineRow = {
      assessment_id: assessmentId,
      person_id: personId,
      node_id: proposal.nodeId,
      year,
      reason,
      revision: (before?.revision ?? 0) + 1,
      withdrawn: 0,
      at,
      by_name: actor.name,
    };
    await repo.upsertDecline(trx, row);
    await feedDecline(trx, row);
    await audit(
      trx,
      actor,
      {
        action: 'hub.decline',
        subjectKind: 'assessment',
        subjectId: assessmentId,
        details: { personId, year, reason },
      },
      at,
    );
  });
}

/** A person recognized after all: the refusal of the year is taken back, below too. */
async function withdrawDecline(trx: Db, personId: string, year: number, at: string): Promise<void> {
  const row = await repo.declineInForce(trx, personId, year);
  if (!row) return;
  const next = { ...row, revision: row.revision + 1, withdrawn: 1, at };
  await repo.withdrawDeclineRow(trx, row.assessment_id, next.revision);
  await feedDecline(trx, next);
}

async function feedDecline(trx: Db, row: repo.DeclineRow): Promise<void> {
  const message: RecognitionDeclinedV1 = {
    type: 'RecognitionDeclinedV1',
    id: row.assessment_id,
    revision: row.revision,
    personId: row.person_id,
    year: row.year,
    reason: row.reason,
    declinedOn: row.at,
    withdrawn: row.withdrawn === 1,
  };
  await repo.appendFeed(trx, {
    kind: 'decline',
    recordId: row.assessment_id,
    revision: row.revision,
    nodeId: row.node_id,
    payload: JSON.stringify(message),
    at: row.at,
  });
}

/**
 * One feed row per node named in the decision (and per node just left out of it), carrying only
 * that node's people (RecognitionDecisionV1, CDHT) or subjects (RecognitionDecisionV2, the four other titles).
 */
async function feedDecision(trx: Db, row: HubDecisionRow, at: string, alsoNodes: string[] = []): Promise<void> {
  const named = await repo.decisionSubjects(trx, row.id);
  const byNode = new Map<string, { kind: string; id: string }[]>(alsoNodes.map((n) => [n, []]));
  for (const n of named)
    byNode.set(n.node_id, [...(byNode.get(n.node_id) ?? []), { kind: n.subject_kind, id: n.subject_id }]);
  const act = {
    id: row.id,
    revision: row.revision,
    title: row.title,
    year: row.year,
    number: row.number,
    signedOn: row.signed_on,
    signer: row.signer,
  };
  for (const [nodeId, subjects] of byNode) {
    const message: RecognitionDecisionV1 | RecognitionDecisionV2 =
      row.title === TITLE
        ? {
            type: 'RecognitionDecisionV1',
            ...act,
            personIds: subjects.map((s) => s.id),
            revokedReason: row.revoked_reason,
          }
        : {
            type: 'RecognitionDecisionV2',
            ...act,
            subjects: subjects.map((s) => ({ kind: s.kind as ModelSubjectKind, id: s.id })),
            revokedReason: row.revoked_reason,
          };
    await repo.appendFeed(trx, {
      kind: 'decision',
      recordId: row.id,
      revision: row.revision,
      nodeId,
      payload: JSON.stringify(message),
      at,
    });
  }
}

/**
 * Puts the criteria sets this hub goes by (its own, or its province's) into the feed for every node
 * below, as a new revision whenever they differ from the last published. Checked against the feed
 * once per change in this process, not on every read.
 */
export async function publishCriteriaSets(db: Db, criteria: CriteriaSets, at: string): Promise<void> {
  const choice = criteria.toPublish();
  if (!choice) return;
  await db.transaction().execute(async (trx) => {
    const last = await repo.lastFeedOf(trx, 'criteria-sets');
    if (last) {
      const { sets, byYear, current } = JSON.parse(last.payload) as CriteriaSetsV1;
      if (JSON.stringify({ sets, byYear, current }) === JSON.stringify(choice)) return;
    }
    const message: CriteriaSetsV1 = {
      type: 'CriteriaSetsV1',
      id: 'criteria-sets',
      revision: (last?.revision ?? 0) + 1,
      ...choice,
    };
    await repo.appendFeed(trx, {
      kind: 'criteria-sets',
      recordId: 'criteria-sets',
      revision: message.revision,
      nodeId: null,
      payload: JSON.stringify(message),
      at,
    });
  });
  criteria.markPublished(choice);
}

/** The feed of one node after its cursor: what is for it and what is for every node. */
export async function feedFor(db: Db, node: HubNodeRow, after: number, limit: number): Promise<FeedPage> {
  const rows = await repo.feedAfter(db, node.id, after, limit);
  const items = rows
    .slice(0, limit)
    .map((r) => ({ seq: r.seq, kind: r.kind, message: JSON.parse(r.payload) as FeedPage['items'][number]['message'] }));
  return { items, more: rows.length > limit };
}
