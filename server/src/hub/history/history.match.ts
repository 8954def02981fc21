/**
 * Matching imported past recognitions with what the centers registered (issue 24), and what a
 * match does: the subject is named in a hub decision standing for the paper decision (one per
 * title, year, number, date and issuing body), which goes down the feed to its center like any
 * decision, and a person's streak is worked out again. So every count of decisions (the streak
 * for "tiêu biểu xuất sắc", the family and clan rules, the rates, the centers' recognitions) takes
 * the past years in without a second path.
 */
import { v7 as uuidv7 } from 'uuid';
import { compareNames, sameVillage } from '../../../../shared/domain/history-match.ts';
import { historyTitle, type HistoryKind } from '../../../../shared/schemas/history.ts';
import type { Db } from '../../db/database.ts';
import { refreshRecognition } from '../ingest/facts.ts';
import { findDecision, updateDecision } from '../decisions/decisions.repository.ts';
import { feedDecision } from '../decisions/decision-feed.ts';
import * as repo from './history.repository.ts';
import { decisionKeyOf } from './history.check.ts';

/** Someone (or something) registered that a row may be about. */
export interface Candidate {
  id: string;
  nodeId: string;
  name: string;
  birthYear: number | null;
  village: string | null;
}

/** The registered subjects of a kind (all, or only these ids: those that just arrived). */
export async function candidatesOf(trx: Db, kind: HistoryKind, ids?: string[]): Promise<Candidate[]> {
  if (ids?.length === 0) return [];
  if (kind === 'person')
    return (await repo.people(trx, ids)).map((p) => ({ ...p, nodeId: p.node_id, birthYear: Number(p.birth_year) }));
  if (kind === 'household') {
    const records = (await repo.householdRecords(trx, ids)).map((r) => ({
      id: r.record_id,
      ...(JSON.parse(r.payload) as { headPersonId: string; village: string }),
    }));
    if (records.length === 0) return [];
    const heads = new Map(
      (await repo.people(trx, [...new Set(records.map((h) => h.headPersonId))])).map((p) => [p.id, p]),
    );
    return records.flatMap((h) => {
      const head = heads.get(h.headPersonId);
      return head
        ? [{ id: h.id, nodeId: head.node_id, name: head.name, birthYear: Number(head.birth_year), village: h.village }]
        : [];
    });
  }
  if (kind === 'community') return [];
  return (await repo.modelSubjects(trx, kind, ids)).map((s) => ({
    id: s.id,
    nodeId: s.node_id,
    name: s.label ?? '',
    birthYear: null,
    village: s.village,
  }));
}

type Outcome = { status: 'matched'; with: Candidate } | { status: 'review'; with: Candidate } | { status: 'pending' };

/**
 * Where a row stands against the candidates: the one registered with the same name, birth year
 * and village (a clan: the same name) is it; else the first close name (accents, case, spacing, one
 * letter) the officer has not rejected waits for review; else it waits for them to register.
 */
export function outcomeOf(row: repo.HubHistoryRow, candidates: Candidate[], rejected: readonly string[]): Outcome {
  const eligible = candidates.filter(
    (c) =>
      !rejected.includes(c.id) &&
      (row.birth_year === null || c.birthYear === Number(row.birth_year)) &&
      (row.kind === 'clan' || row.village === null || c.village === null || sameVillage(row.village, c.village)),
  );
  const exact = eligible.filter((c) => compareNames(row.name, c.name) === 'exact');
  if (exact.length === 1) return { status: 'matched', with: exact[0]! };
  const close = [...exact, ...eligible.filter((c) => compareNames(row.name, c.name) === 'close')];
  return close[0] ? { status: 'review', with: close[0] } : { status: 'pending' };
}

/** The decisions named anew in one step: created here (revision 1) or to go down as their next revision. */
export type Touched = Map<string, { created: boolean }>;

/**
 * Names the subject in the hub decision standing for the row's paper decision (made when first
 * needed); a subject already recognized for that title and year is matched but named nowhere new.
 */
export async function attach(trx: Db, row: repo.HubHistoryRow, subject: Candidate, at: string, touched: Touched) {
  const title = historyTitle[row.kind as HistoryKind];
  const done = { status: 'matched', subject_id: subject.id, candidate_id: null, matched_at: at };
  if (await repo.alreadyDecided(trx, title, Number(row.year), row.kind, subject.id))
    return repo.updateRow(trx, row.id, { ...done, decision_id: null });
  const key = decisionKeyOf({
    kind: row.kind as HistoryKind,
    year: Number(row.year),
    number: row.number,
    signedOn: row.signed_on,
    issuer: row.issuer,
  });
  let decisionId = await repo.decisionOfKey(trx, key);
  if (!decisionId) {
    decisionId = uuidv7();
    await repo.insertHubDecision(trx, {
      id: decisionId,
      title,
      year: Number(row.year),
      number: row.number,
      signed_on: row.signed_on,
      signer: row.issuer,
      revision: 1,
      revoked_reason: null,
      created_at: at,
      created_by: `history:${row.import_id}`,
    });
    await repo.putDecisionKey(trx, key, decisionId);
    touched.set(decisionId, { created: true });
  } else if (!touched.has(decisionId)) touched.set(decisionId, { created: false });
  await repo.addDecisionSubject(trx, decisionId, { kind: row.kind, id: subject.id, nodeId: subject.nodeId });
  await repo.updateRow(trx, row.id, { ...done, decision_id: decisionId });
}

/** Sends the decisions named anew down the feed, once each, and works out the streaks of the people named. */
export async function publish(trx: Db, touched: Touched, people: string[], at: string): Promise<void> {
  for (const [id, { created }] of touched) {
    const row = (await findDecision(trx, id))!;
    const next = created ? row : { ...row, revision: row.revision + 1 };
    if (!created) await updateDecision(trx, id, { revision: next.revision });
    await feedDecision(trx, next, at);
  }
  if (people.length > 0) await refreshRecognition(trx, [...new Set(people)]);
}

/**
 * Matches these rows against the candidates of their kind (all registered, or `arrived` only) and
 * acts on each outcome; answers how many rows ended in each status.
 */
export async function matchRows(
  trx: Db,
  rows: repo.HubHistoryRow[],
  at: string,
  arrived?: Map<string, string[]>,
): Promise<{ matched: number; review: number; pending: number }> {
  const counts = { matched: 0, review: 0, pending: 0 };
  const touched: Touched = new Map();
  const people: string[] = [];
  const byKind = new Map<string, Candidate[]>();
  for (const row of rows) {
    const kind = row.kind as HistoryKind;
    if (!byKind.has(kind))
      byKind.set(kind, await candidatesOf(trx, kind, arrived ? (arrived.get(kind) ?? []) : undefined));
    let outcome = outcomeOf(row, byKind.get(kind)!, JSON.parse(row.rejected) as string[]);
    if (kind === 'community') {
      const nodeId = await repo.nodeOfVillage(trx, row.village ?? row.name);
      outcome = nodeId
        ? { status: 'matched', with: { id: row.name, nodeId, name: row.name, birthYear: null, village: row.name } }
        : { status: 'pending' };
    }
    counts[outcome.status]++;
    if (outcome.status === 'matched') {
      await attach(trx, row, outcome.with, at, touched);
      if (kind === 'person') people.push(outcome.with.id);
    } else if (outcome.status === 'review' && (row.status !== 'review' || row.candidate_id !== outcome.with.id))
      await repo.updateRow(trx, row.id, { status: 'review', candidate_id: outcome.with.id });
  }
  await publish(trx, touched, people, at);
  return counts;
}
