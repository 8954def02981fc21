/**
 * The checks of an imported workbook's rows against each other and what the hub knows: the
 * villages (those of the commune's configuration and those its centers sent), the years (from the
 * programme's first to the last before this one), the decision's date (in its year or the next),
 * the same row twice, and one person (household, clan, village, unit) recognized twice in a year
 * by different decisions, in the file or against an earlier import. Every bad row is named with
 * all its codes; a good row gets its id, the hash of what it says (the same row is the same id).
 */
import { createHash } from 'node:crypto';
import { foldName } from '../../../../shared/domain/units.ts';
import { sameVillage } from '../../../../shared/domain/history-match.ts';
import {
  HISTORY_FIRST_YEAR,
  type HistoryKind,
  type HistoryProblem,
  type HistoryRowProblems,
} from '../../../../shared/schemas/history.ts';
import type { SheetRow } from './history.sheet.ts';
import type { HubHistoryRow } from './history.repository.ts';

export interface ReadyRow {
  id: string;
  line: number;
  kind: HistoryKind;
  name: string;
  birthYear: number | null;
  village: string | null;
  year: number;
  number: string;
  signedOn: string;
  issuer: string;
}

const hash = (parts: unknown[]): string => createHash('sha256').update(JSON.stringify(parts)).digest('hex');

/** Who a row is about, compared folded: a clan by its name alone (a clan spans villages). */
export const identityOf = (r: Pick<ReadyRow, 'kind' | 'name' | 'birthYear' | 'village'>): string =>
  r.kind === 'clan'
    ? hash([r.kind, foldName(r.name)])
    : hash([r.kind, foldName(r.name), r.birthYear, foldName(r.village ?? '')]);

/** The paper decision a row names: one hub decision per title, year, number, date and issuing body. */
export const decisionKeyOf = (r: Pick<ReadyRow, 'kind' | 'year' | 'number' | 'signedOn' | 'issuer'>): string =>
  hash([r.kind === 'person' ? 'cdht' : r.kind, r.year, r.number.toLowerCase(), r.signedOn, foldName(r.issuer)]);

export function checkRows(
  rows: SheetRow[],
  villages: readonly string[],
  lastYear: number,
  held: HubHistoryRow[],
): { ready: ReadyRow[]; bad: HistoryRowProblems[] } {
  const known = (name: string) => villages.find((v) => sameVillage(v, name)) ?? null;
  const heldByIdentity = new Map<string, string[]>();
  for (const h of held) {
    const k = `${identityOf({ kind: h.kind as HistoryKind, name: h.name, birthYear: h.birth_year, village: h.village })}/${h.year}`;
    heldByIdentity.set(k, [...(heldByIdentity.get(k) ?? []), h.id]);
  }
  const seenIds = new Set<string>();
  const seenIdentity = new Map<string, string>();
  const ready: ReadyRow[] = [];
  const bad: HistoryRowProblems[] = [];
  for (const r of rows) {
    const problems: HistoryProblem[] = [...r.problems];
    if (r.year === null || r.year < HISTORY_FIRST_YEAR || r.year > lastYear) problems.push('year-out-of-range');
    const signedYear = r.signedOn ? Number(r.signedOn.slice(0, 4)) : null;
    if (r.year !== null && signedYear !== null && signedYear !== r.year && signedYear !== r.year + 1)
      if (!problems.includes('date-invalid')) problems.push('date-invalid');
    // A village as a learning community is named by its name; the village column may repeat it.
    const placeName = r.kind === 'community' ? r.name : r.village;
    let village: string | null = null;
    if (placeName === '') {
      if (r.kind !== 'clan' && r.kind !== null && !problems.includes('name-missing')) problems.push('village-missing');
    } else {
      village = known(placeName);
      if (village === null) problems.push('village-unknown');
    }
    if (problems.length > 0 || r.kind === null || r.year === null || r.signedOn === null) {
      bad.push({ row: r.line, problems });
      continue;
    }
    const row = {
      line: r.line,
      kind: r.kind,
      name: r.kind === 'community' ? village! : r.name.normalize('NFC'),
      birthYear: r.kind === 'person' || r.kind === 'household' ? r.birthYear : null,
      village,
      year: r.year,
      number: r.number,
      signedOn: r.signedOn,
      issuer: r.issuer,
    };
    const id = hash([row.kind, row.name, row.birthYear, row.village, row.year, row.number, row.signedOn, row.issuer]);
    const who = `${identityOf(row)}/${row.year}`;
    if (seenIds.has(id)) {
      bad.push({ row: r.line, problems: ['duplicate-row'] });
      continue;
    }
    const other = seenIdentity.get(who);
    const heldOther = (heldByIdentity.get(who) ?? []).some((h) => h !== id);
    if ((other !== undefined && other !== id) || heldOther) {
      bad.push({ row: r.line, problems: ['conflicting-decisions'] });
      continue;
    }
    seenIds.add(id);
    seenIdentity.set(who, id);
    ready.push({ id, ...row });
  }
  return { ready, bad };
}
