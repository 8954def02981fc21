import type { Selectable } from 'kysely';

/** A workbook of past recognitions imported at the hub (issue 24). */
export interface HubHistoryImportTable {
  id: string;
  sha256: string;
  /** Rows the file held, and how many of them were new. */
  rows: number;
  added: number;
  at: string;
  by_id: string;
}

/**
 * One past recognition as imported: who (a person by name, birth year and village; a household by
 * its head's; a clan, village or unit by its name), the year and the paper decision. `status`:
 * `matched` (to `subject_id`, named in `decision_id`, or none when already recognized that year),
 * `review` (a close match, `candidate_id`, waits for the officer), `pending` (no one yet: matched
 * when they register). `rejected`: JSON list of candidates the officer said are not this row.
 */
export interface HubHistoryRowTable {
  id: string;
  import_id: string;
  line: number;
  kind: string;
  name: string;
  birth_year: number | null;
  village: string | null;
  year: number;
  number: string;
  signed_on: string;
  issuer: string;
  status: string;
  subject_id: string | null;
  candidate_id: string | null;
  rejected: string;
  decision_id: string | null;
  matched_at: string | null;
}
export type HubHistoryRow = Selectable<HubHistoryRowTable>;

/** The hub decision a paper decision became (by title, year, number, date and issuing body). */
export interface HubHistoryDecisionTable {
  key: string;
  decision_id: string;
}
