import { v7 as uuidv7 } from 'uuid';
import * as v from 'valibot';
import { AppError } from '../../../../shared/errors.ts';
import type { DecisionTitle, RecordDecision, SubjectRef } from '../../../../shared/schemas/decision.ts';
import { titleSubject } from '../../../../shared/schemas/model-criteria-set.ts';
import { MultiLineText } from '../../../../shared/schemas/text.ts';
import { audit, type Actor } from '../../audit/audit.ts';
import { refreshRecognition } from '../ingest/facts.ts';
import type { Db } from '../../db/database.ts';
import type { HubDecisionRow } from '../../db/schema.ts';
import * as repo from './decisions.repository.ts';
import { feedDecision, feedDecline, withdrawDecline } from './decision-feed.ts';
import { checkNextLevel } from './next-level.ts';
import { candidates, decidedFor, proposals, TITLE, type DecisionDeps, type Named } from './proposals.ts';

export { RecordDecisionSchema, type RecordDecision } from '../../../../shared/schemas/decision.ts';

/** How a refusal names a list: the village, and its center ("Thôn A (TTHTCĐ X)"); the center's clans' list by the center. */
const listName = (village: string | null, center: string) => (village === null ? center : `${village} (${center})`);

export const RevokeDecisionSchema = v.strictObject({ reason: MultiLineText(3, 500) });

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
  // Village lists close before the commune decides: only from lists the village branch closed (chốt).
  const unclosed = named.filter((s) => !byId.get(s.id)!.listClosed);
  if (unclosed.length > 0) {
    const lists = [...new Set(unclosed.map((s) => byId.get(s.id)!).map((c) => listName(c.village, c.center)))];
    throw new AppError('decision.list-not-closed', { ...detail(unclosed), lists });
  }
  if (!cdht) await checkNextLevel(deps, input.title, input.year, input.signedOn, named);
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
