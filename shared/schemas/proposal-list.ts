import * as v from 'valibot';

/**
 * A proposal list (danh sách đề nghị công nhận) as the staff API answers it and the renderers take
 * it: one shape per title the center proposes. A village's CDHT list names people, its "Gia đình
 * học tập" list households (by their head); the "Dòng họ học tập" list is the whole center's,
 * because a clan's households may be in several villages (the registry's clans have no village),
 * so `village` is null there. Villages and units are appraised and listed by the commune, not here.
 */

export const proposalListTitles = ['cdht', 'gdht', 'dhht'] as const;
export type ProposalListTitle = (typeof proposalListTitles)[number];

/** What every entry carries for the staff screen (the renderers never print these). */
const Listed = {
  /** The appraised assessment the entry stands for: locked once the list is finalized. */
  assessmentId: v.string(),
  locked: v.boolean(),
  note: v.string(),
};

export const PersonEntrySchema = v.object({
  ...Listed,
  name: v.string(),
  birthYear: v.number(),
  village: v.string(),
  /** Title of the person's subject group, e.g. "Nhóm 1: Nông dân, lao động nông thôn". */
  group: v.string(),
  /** Appraised total (the branch's), the one the list proposes on. */
  total: v.number(),
  /** The person's own total from the self-assessment, beside it. */
  selfTotal: v.number(),
  /** Recognized this year would be the `outstandingYears`-th in a row (shared/domain/outstanding.ts). */
  fifthYear: v.boolean(),
});
export type PersonEntry = v.InferOutput<typeof PersonEntrySchema>;

export const FamilyEntrySchema = v.object({
  ...Listed,
  /** The head of the household (chủ hộ), by whom a household is named. */
  name: v.string(),
  village: v.string(),
  /** Members registered now (the household's adults). */
  members: v.number(),
  /** Appraised total (null for a set scored by targets) and its grade band, or the level reached. */
  total: v.nullable(v.number()),
  band: v.string(),
});
export type FamilyEntry = v.InferOutput<typeof FamilyEntrySchema>;

export const ClanEntrySchema = v.object({
  ...Listed,
  name: v.string(),
  representative: v.string(),
  /** The villages of its households now, in Vietnamese order. */
  villages: v.array(v.string()),
  households: v.number(),
  total: v.nullable(v.number()),
  band: v.string(),
});
export type ClanEntry = v.InferOutput<typeof ClanEntrySchema>;

const Common = {
  center: v.object({ name: v.string(), commune: v.string(), province: v.string() }),
  /**
   * What the list calls its villages (shared/domain/places.ts): its village's own word ("Ấp"), the
   * center's words for the clans' list; absent from an older box (the names then say it).
   */
  placeWord: v.optional(v.string()),
  year: v.number(),
  /**
   * "official" goes to the commune with everything on it; "public" is the list posted in the
   * village: only what may be shown (a person or a household's head only with their consent to
   * the public list; name and village only, no scores, no birth year, no representative).
   */
  kind: v.picklist(['official', 'public']),
  /** When the list was finalized (locked), or null while still a draft. */
  finalizedAt: v.nullable(v.string()),
  generatedAt: v.string(),
  /** The commune returned the list closed last, with its reason (issue 24): it is open again. */
  returned: v.optional(v.nullable(v.object({ reason: v.string(), at: v.string(), by: v.string() }))),
};

export const CdhtListSchema = v.object({
  title: v.literal('cdht'),
  village: v.string(),
  ...Common,
  /** Years recognized in a row that make an outstanding Learning Citizen (recognition.outstandingYears). */
  outstandingYears: v.number(),
  entries: v.array(PersonEntrySchema),
});
export const FamilyListSchema = v.object({
  title: v.literal('gdht'),
  village: v.string(),
  ...Common,
  entries: v.array(FamilyEntrySchema),
});
export const ClanListSchema = v.object({
  title: v.literal('dhht'),
  village: v.null(),
  ...Common,
  entries: v.array(ClanEntrySchema),
});
export const ProposalListSchema = v.variant('title', [CdhtListSchema, FamilyListSchema, ClanListSchema]);
export type CdhtListData = v.InferOutput<typeof CdhtListSchema>;
export type FamilyListData = v.InferOutput<typeof FamilyListSchema>;
export type ClanListData = v.InferOutput<typeof ClanListSchema>;
export type ProposalListData = v.InferOutput<typeof ProposalListSchema>;
