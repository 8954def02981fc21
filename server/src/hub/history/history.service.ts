/**
 * The commune's past recognitions (2021–2025, decided on paper) brought into the hub (issue 24):
 * the template, the import (every row checked first, then all new rows in one transaction, or none;
 * the same file again changes nothing), the officer's review of close matches, and the match made
 * when a person (or household, clan, unit) registered later arrives from a center.
 */
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../../../shared/errors.ts';
import { vietnamYear } from '../../../../shared/domain/vietnam-time.ts';
import type { HistoryImportResult, HistoryKind, HistoryRowView } from '../../../../shared/schemas/history.ts';
import { audit, type Actor } from '../../audit/audit.ts';
import type { Db } from '../../db/database.ts';
import { villageNamesSeen } from '../dashboard/commune.repository.ts';
import * as repo from './history.repository.ts';
import { checkRows } from './history.check.ts';
import { candidatesOf, matchRows, attach, publish, outcomeOf, type Touched } from './history.match.ts';
import { historyTemplate, readHistorySheet } from './history.sheet.ts';

export interface HistoryDeps {
  db: Db;
  now: () => Date;
  /** The villages of the commune's own configuration. */
  villages: readonly string[];
}

async function knownVillages(db: Db, configured: readonly string[]): Promise<string[]> {
  return [...new Set([...configured, ...(await villageNamesSeen(db))])];
}

export async function template(deps: HistoryDeps): Promise<Buffer> {
  return historyTemplate(deps.now().toISOString(), await knownVillages(deps.db, deps.villages));
}

/**
 * Imports a filled-in template. A bad file or any bad row refuses the whole file, naming every bad
 * row with its codes (history.import-invalid), and writes nothing. Rows already imported are
 * skipped; the new ones are matched at once (and audited with the counts).
 */
export async function importHistory(deps: HistoryDeps, actor: Actor, bytes: Uint8Array): Promise<HistoryImportResult> {
  const sheet = await readHistorySheet(bytes);
  const at = deps.now().toISOString();
  const lastYear = vietnamYear(at) - 1;
  return deps.db.transaction().execute(async (trx) => {
    const years = [...new Set(sheet.flatMap((r) => (r.year === null ? [] : [r.year])))];
    const { ready, bad } = checkRows(
      sheet,
      await knownVillages(trx, deps.villages),
      lastYear,
      await repo.rowsOfYears(trx, years),
    );
    if (bad.length > 0) throw new AppError('history.import-invalid', { rows: bad });
    const held = await repo.heldRowIds(
      trx,
      ready.map((r) => r.id),
    );
    const fresh = ready.filter((r) => !held.has(r.id));
    const result = { rows: ready.length, added: fresh.length, matched: 0, review: 0, pending: 0 };
    if (fresh.length === 0) return result;
    const importId = uuidv7();
    await repo.insertImport(trx, {
      id: importId,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      rows: ready.length,
      added: fresh.length,
      at,
      by_id: actor.id,
    });
    const rows = fresh.map((r) => ({
      id: r.id,
      import_id: importId,
      line: r.line,
      kind: r.kind,
      name: r.name,
      birth_year: r.birthYear,
      village: r.village,
      year: r.year,
      number: r.number,
      signed_on: r.signedOn,
      issuer: r.issuer,
      status: 'pending',
      subject_id: null,
      candidate_id: null,
      rejected: '[]',
      decision_id: null,
      matched_at: null,
    }));
    await repo.insertRows(trx, rows);
    Object.assign(result, await matchRows(trx, rows, at));
    await audit(
      trx,
      actor,
      { action: 'hub.history-import', subjectKind: 'history-import', subjectId: importId, details: result },
      at,
    );
    return result;
  });
}

/** Every imported row as the officer sees it, with the close match offered where one waits. */
export async function listRows(db: Db): Promise<HistoryRowView[]> {
  const rows = await repo.allRows(db);
  const candidates = new Map<string, { id: string; name: string; birthYear: number | null; village: string | null }>();
  for (const kind of new Set(rows.filter((r) => r.status === 'review').map((r) => r.kind as HistoryKind))) {
    const ids = rows.filter((r) => r.kind === kind && r.candidate_id).map((r) => r.candidate_id!);
    for (const c of await candidatesOf(db, kind, ids)) candidates.set(`${kind}/${c.id}`, c);
  }
  const order = { review: 0, pending: 1, matched: 2 } as const;
  return rows
    .map((r) => {
      const c = r.status === 'review' ? candidates.get(`${r.kind}/${r.candidate_id}`) : undefined;
      return {
        id: r.id,
        kind: r.kind as HistoryKind,
        name: r.name,
        birthYear: r.birth_year === null ? null : Number(r.birth_year),
        village: r.village,
        year: Number(r.year),
        number: r.number,
        signedOn: r.signed_on,
        issuer: r.issuer,
        status: r.status as HistoryRowView['status'],
        candidate: c ? { id: c.id, name: c.name, birthYear: c.birthYear, village: c.village } : null,
      };
    })
    .sort((a, b) => order[a.status] - order[b.status]);
}

/**
 * The officer's answer on a close match: accepted, the row is matched with that person (and
 * counts from now on, below too); rejected, the candidate is never offered for it again and the
 * row looks for another close name, or waits for the person to register. Audited.
 */
export async function review(deps: HistoryDeps, actor: Actor, rowId: string, accept: boolean): Promise<void> {
  const at = deps.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const row = await repo.findRow(trx, rowId);
    if (!row) throw new AppError('history.row-not-found');
    if (row.status !== 'review' || row.candidate_id === null) throw new AppError('history.not-in-review');
    const kind = row.kind as HistoryKind;
    const [candidate] = await candidatesOf(trx, kind, [row.candidate_id]);
    if (accept && candidate) {
      const touched: Touched = new Map();
      await attach(trx, row, candidate, at, touched);
      await publish(trx, touched, kind === 'person' ? [candidate.id] : [], at);
    } else {
      const rejected = [...(JSON.parse(row.rejected) as string[]), row.candidate_id];
      const next = outcomeOf(row, await candidatesOf(trx, kind), rejected);
      const other = next.status === 'pending' ? null : next.with.id;
      await repo.updateRow(trx, row.id, {
        rejected: JSON.stringify(rejected),
        status: other ? 'review' : 'pending',
        candidate_id: other,
      });
    }
    await audit(
      trx,
      actor,
      {
        action: 'hub.history-review',
        subjectKind: 'history-row',
        subjectId: row.id,
        details: { accept: accept && candidate !== undefined, candidateId: row.candidate_id, year: Number(row.year) },
      },
      at,
    );
  });
}

/** Kinds of record a center sends that an imported row may be about. */
const ARRIVING: Record<string, HistoryKind> = {
  PersonUpsertV1: 'person',
  HouseholdUpsertV1: 'household',
  ClanUpsertV1: 'clan',
  UnitUpsertV1: 'unit',
};

/**
 * In the transaction of a push: the rows still waiting for someone are matched against the people,
 * households, clans and units that just arrived (a village as a community, against the villages
 * of the people who arrived). Nothing is read when no row waits.
 */
export async function matchArrivals(trx: Db, changes: { type: string; id: string }[], at: string): Promise<void> {
  const arrived = new Map<string, string[]>();
  for (const c of changes) {
    const kind = ARRIVING[c.type];
    if (kind) arrived.set(kind, [...(arrived.get(kind) ?? []), c.id]);
  }
  if (arrived.size === 0 || !(await repo.hasRowsWithStatus(trx, 'pending'))) return;
  const waiting = (await repo.rowsWithStatus(trx, ['pending'])).filter(
    (r) => arrived.has(r.kind) || (r.kind === 'community' && arrived.size > 0),
  );
  if (waiting.length === 0) return;
  const counts = await matchRows(trx, waiting, at, arrived);
  if (counts.matched + counts.review > 0)
    await audit(trx, null, { action: 'hub.history-match', subjectKind: 'history-row', details: counts }, at);
}
