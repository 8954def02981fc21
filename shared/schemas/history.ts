import * as v from 'valibot';
import type { DecisionTitle } from './decision.ts';

/**
 * The commune's past recognitions (2021–2025, on paper) imported at the hub (issue 24): what one row
 * is about, the stable codes of what can be wrong with a row, the import's answer, and a row as the
 * officer reviews it.
 */
export const historyKinds = ['person', 'household', 'clan', 'community', 'unit'] as const;
export type HistoryKind = (typeof historyKinds)[number];

/** The title each kind of row recognizes. */
export const historyTitle: Record<HistoryKind, DecisionTitle> = {
  person: 'cdht',
  household: 'gdht',
  clan: 'dhht',
  community: 'cddht',
  unit: 'dvht',
};

/** The first year of the programme (677/QĐ-TTg, 2021–2030): no recognition to import before it. */
export const HISTORY_FIRST_YEAR = 2021;

/** What can be wrong with one row; codes never change meaning (the staff screen has words for each). */
export const historyProblems = [
  'kind-unknown',
  'name-missing',
  'birth-year-invalid',
  'village-missing',
  'village-unknown',
  'year-out-of-range',
  'number-missing',
  'date-invalid',
  'issuer-missing',
  'text-invalid',
  'duplicate-row',
  'conflicting-decisions',
] as const;
export type HistoryProblem = (typeof historyProblems)[number];

export const HistoryRowProblemsSchema = v.object({
  row: v.number(),
  problems: v.array(v.picklist(historyProblems)),
});
export type HistoryRowProblems = v.InferOutput<typeof HistoryRowProblemsSchema>;

/** The import's answer: rows in the file, new ones, and where the new ones stand. */
export const HistoryImportResultSchema = v.object({
  rows: v.number(),
  added: v.number(),
  matched: v.number(),
  review: v.number(),
  pending: v.number(),
});
export type HistoryImportResult = v.InferOutput<typeof HistoryImportResultSchema>;

export const historyStatuses = ['matched', 'review', 'pending'] as const;

/** One imported row, with the close match offered when it waits for review. */
export const HistoryRowViewSchema = v.object({
  id: v.string(),
  kind: v.picklist(historyKinds),
  name: v.string(),
  birthYear: v.nullable(v.number()),
  village: v.nullable(v.string()),
  year: v.number(),
  number: v.string(),
  signedOn: v.string(),
  issuer: v.string(),
  status: v.picklist(historyStatuses),
  candidate: v.nullable(
    v.object({ id: v.string(), name: v.string(), birthYear: v.nullable(v.number()), village: v.nullable(v.string()) }),
  ),
});
export type HistoryRowView = v.InferOutput<typeof HistoryRowViewSchema>;

/** The officer's answer on a close match: this is the person (accept) or not (reject). */
export const HistoryReviewSchema = v.strictObject({ accept: v.boolean() });
export type HistoryReview = v.InferOutput<typeof HistoryReviewSchema>;
