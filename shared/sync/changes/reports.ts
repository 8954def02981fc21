import * as v from 'valibot';
import { Count, Id, Name, Revision, Time, Village, Year } from './fields.ts';

/** What a commune reports up: its yearly counts, the people it recognized and the proposal lists its centers closed. */

/**
 * A commune's counts for one year, relayed to the province: per village and group, no person.
 * `id` is the commune hub's node id at the province and the year.
 */
export const CommuneAggregateV1Schema = v.object({
  type: v.literal('CommuneAggregateV1'),
  id: Id,
  revision: Revision,
  commune: Name,
  year: Year,
  rows: v.array(
    v.object({
      village: Village,
      group: v.string(),
      registered: Count,
      selfAssessed: Count,
      appraised: Count,
      proposed: Count,
      recognized: Count,
    }),
  ),
});
export type CommuneAggregateV1 = v.InferOutput<typeof CommuneAggregateV1Schema>;

/** The names and villages of the people the commune recognized in one year (nothing more). */
export const RecognizedListV1Schema = v.object({
  type: v.literal('RecognizedListV1'),
  id: Id,
  revision: Revision,
  commune: Name,
  year: Year,
  entries: v.array(v.object({ name: Name, village: Village })),
});
export type RecognizedListV1 = v.InferOutput<typeof RecognizedListV1Schema>;

/**
 * A commune's counts for one year, relayed to the province (supersedes V1). `rows`, per village
 * and group, count the year's assessments (`started`: begun in that group); `villages` carry the
 * people registered by the end of the year and the adults the commune entered (null if not).
 */
export const CommuneAggregateV2Schema = v.object({
  type: v.literal('CommuneAggregateV2'),
  id: Id,
  revision: Revision,
  commune: Name,
  year: Year,
  rows: v.array(
    v.object({
      village: Village,
      group: v.string(),
      started: Count,
      selfAssessed: Count,
      appraised: Count,
      proposed: Count,
      recognized: Count,
      digital: Count,
      proficient: Count,
      outstanding: Count,
    }),
  ),
  villages: v.array(v.object({ village: Village, registered: Count, adults: v.nullable(Count) })),
});
export type CommuneAggregateV2 = v.InferOutput<typeof CommuneAggregateV2Schema>;

/**
 * A center closed (chốt) the proposal list of one village for a year: its report to the commune.
 * `id` is the list's own id at the center; a closing after an unlock is a new revision.
 */
export const ProposalListClosedV1Schema = v.object({
  type: v.literal('ProposalListClosedV1'),
  id: Id,
  revision: Revision,
  village: Village,
  year: Year,
  closedAt: Time,
  entries: Count,
});
export type ProposalListClosedV1 = v.InferOutput<typeof ProposalListClosedV1Schema>;

/**
 * A center closed (chốt) a proposal list of another title than CDHT: a village's "Gia đình học tập"
 * list, or the center's "Dòng họ học tập" list (`village` null: a clan's households may be in
 * several villages). The same record kind as V1, with the title: a hub counts only CDHT lists
 * (V1, or a V2 titled 'cdht') as the village's report. A center sends its CDHT lists as V1 still,
 * so a hub that does not know V2 (and skips it) loses nothing it counted before.
 */
export const ProposalListClosedV2Schema = v.object({
  type: v.literal('ProposalListClosedV2'),
  id: Id,
  revision: Revision,
  title: v.picklist(['cdht', 'gdht', 'dhht']),
  village: v.nullable(Village),
  year: Year,
  closedAt: Time,
  entries: Count,
});
export type ProposalListClosedV2 = v.InferOutput<typeof ProposalListClosedV2Schema>;

const TitleCounts = v.object({ registered: Count, assessed: Count, recognized: Count });

/**
 * A commune's counts of the four other titles for one year, relayed to the province (no person,
 * no household): per village, registered / assessed / recognized of each title, the households and
 * adults entered, and the numerators and denominators of the two CDHT rates; with what expires.
 * `id` is the commune hub's node id at the province and the year.
 */
export const ModelAggregateV1Schema = v.object({
  type: v.literal('ModelAggregateV1'),
  id: Id,
  revision: Revision,
  commune: Name,
  year: Year,
  villages: v.array(
    v.object({
      village: Village,
      families: TitleCounts,
      clans: TitleCounts,
      communities: TitleCounts,
      units: TitleCounts,
      households: v.nullable(Count),
      adults: v.nullable(Count),
      workers: v.object({ recognized: Count, of: v.nullable(Count) }),
      unitStaff: v.object({ recognized: Count, of: v.nullable(Count) }),
    }),
  ),
  /** The commune's clans counted once each: a clan with households in several villages is in each of their rows. */
  communeClans: TitleCounts,
  /**
   * The commune's totals for the year as it entered them (all clans; all agencies, schools,
   * enterprises and organisations): the denominators of its clan and unit rates; null when not
   * entered. Absent from a commune that does not send them yet (read as not entered).
   */
  totals: v.optional(v.object({ clans: v.nullable(Count), units: v.nullable(Count) })),
  /** Recognitions whose validity ends in `year`, per title (to be renewed). */
  expiring: v.array(v.object({ title: v.string(), count: Count })),
});
export type ModelAggregateV1 = v.InferOutput<typeof ModelAggregateV1Schema>;
