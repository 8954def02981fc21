import * as v from 'valibot';
import { Uuid7Schema } from './ids.ts';
import { PersonCodeSchema } from './person.ts';
import { cleanText } from './text.ts';

/**
 * The registry of the four other learning models' subjects: households (gia đình), clans (dòng
 * họ), units (đơn vị); communities are the villages the center already has. Adults are linked by
 * the code on their slip; children exist only as household-level facts (how many are of school
 * age, whether all attend school): never a child's name, birth year or school result (Law 91/2025:
 * collect the minimum).
 */

/** Names of clans, units and their representatives, villages: one line under the shared text rule (text.ts). */
const Text = v.pipe(
  v.string(),
  v.trim(),
  cleanText(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(120, 'too long'),
);
const BirthYear = v.pipe(v.number(), v.integer(), v.minValue(1900), v.maxValue(2100));
export const RegistryYearSchema = v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100));

/** A household registered at a tablet by its head, who proves her slip with her birth year. */
export const RegisterHouseholdSchema = v.strictObject({
  village: Text,
  headCode: PersonCodeSchema,
  headBirthYear: BirthYear,
});
export type RegisterHousehold = v.InferOutput<typeof RegisterHouseholdSchema>;

/** An adult linked by the code on her slip; the birth year proves the code was not guessed. */
export const LinkMemberSchema = v.strictObject({
  code: PersonCodeSchema,
  birthYear: BirthYear,
  /** Staff only: close the person's membership elsewhere in the same step (a move keeps history). */
  move: v.optional(v.boolean()),
});
export type LinkMember = v.InferOutput<typeof LinkMemberSchema>;

/** The household's children, as facts about the household for one year, never about a child. */
export const HouseholdFactsSchema = v.pipe(
  v.strictObject({
    schoolAgeChildren: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(30)),
    /** Whether every school-age child attends school; null only when there is none. */
    allChildrenInSchool: v.nullable(v.boolean()),
  }),
  v.check(
    (f) => (f.schoolAgeChildren === 0) === (f.allChildrenInSchool === null),
    'allChildrenInSchool is answered exactly when there are school-age children',
  ),
);
export type HouseholdFacts = v.InferOutput<typeof HouseholdFactsSchema>;

/**
 * A current member. Staff see everyone's id and slip code; a villager's token sees the others by
 * name and role only (`personId` and `code` only on her own row).
 */
export const HouseholdMemberViewSchema = v.object({
  personId: v.optional(v.string()),
  code: v.optional(v.string()),
  name: v.string(),
  role: v.picklist(['head', 'member']),
  since: v.string(),
});
export type HouseholdMemberView = v.InferOutput<typeof HouseholdMemberViewSchema>;

/**
 * A recognition decided by the commune on one of the four other titles, as the center received
 * it: the data year, the decision's number and date, and the last day it stands (from the title's
 * set; null when the box cannot tell).
 */
export const ModelRecognitionViewSchema = v.object({
  title: v.string(),
  year: v.number(),
  decisionNumber: v.string(),
  signedOn: v.string(),
  validThrough: v.nullable(v.string()),
});
export type ModelRecognitionView = v.InferOutput<typeof ModelRecognitionViewSchema>;

export const HouseholdViewSchema = v.object({
  id: v.string(),
  village: v.string(),
  /** The head's id; in a villager's view only when she is the head. */
  headPersonId: v.optional(v.string()),
  /** Current members (the head first); former members are kept in the history, not shown here. */
  members: v.array(HouseholdMemberViewSchema),
  /** Facts per year, keyed by year. */
  facts: v.record(
    v.string(),
    v.object({ schoolAgeChildren: v.number(), allChildrenInSchool: v.nullable(v.boolean()) }),
  ),
  clanId: v.nullable(v.string()),
  revision: v.number(),
  /** Its "Gia đình học tập" recognitions, newest first (absent in a view kept by an older tablet). */
  recognitions: v.optional(v.array(ModelRecognitionViewSchema), []),
});
export type HouseholdView = v.InferOutput<typeof HouseholdViewSchema>;

export const CreateClanSchema = v.strictObject({
  id: Uuid7Schema,
  name: Text,
  /** The clan's representative (trưởng họ or a person the clan chose), by name. */
  representative: Text,
});
export type CreateClan = v.InferOutput<typeof CreateClanSchema>;

/** A clan's name and representative, corrected. */
export const UpdateClanSchema = v.strictObject({ name: Text, representative: Text });
export type UpdateClan = v.InferOutput<typeof UpdateClanSchema>;

/** A household joins a clan, found by its head's code; `move` takes it out of another clan (staff). */
export const LinkHouseholdSchema = v.strictObject({ headCode: PersonCodeSchema, move: v.optional(v.boolean()) });
export type LinkHousehold = v.InferOutput<typeof LinkHouseholdSchema>;

export const ClanViewSchema = v.object({
  id: v.string(),
  name: v.string(),
  representative: v.string(),
  households: v.array(v.object({ householdId: v.string(), village: v.string(), head: v.string(), since: v.string() })),
  /** Villages its households live in (a clan often spans several). */
  villages: v.array(v.string()),
});
export type ClanView = v.InferOutput<typeof ClanViewSchema>;

export const unitKinds = ['agency', 'school', 'enterprise', 'cooperative', 'production'] as const;
export type UnitKind = (typeof unitKinds)[number];

export const CreateUnitSchema = v.strictObject({
  id: Uuid7Schema,
  name: Text,
  kind: v.picklist(unitKinds),
  village: Text,
});
export type CreateUnit = v.InferOutput<typeof CreateUnitSchema>;

/** A unit's name, kind and village, corrected. */
export const UpdateUnitSchema = v.strictObject({ name: Text, kind: v.picklist(unitKinds), village: Text });
export type UpdateUnit = v.InferOutput<typeof UpdateUnitSchema>;

/** A unit's staff count for one year, as its leader declares it. */
export const StaffCountSchema = v.strictObject({
  count: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000)),
});

export const UnitViewSchema = v.object({
  id: v.string(),
  name: v.string(),
  kind: v.picklist(unitKinds),
  village: v.string(),
  /** Staff count entered per year, keyed by year. */
  staffCounts: v.record(v.string(), v.number()),
  /** Registered people linked as the unit's staff now. */
  members: v.array(v.object({ personId: v.string(), code: v.string(), name: v.string(), since: v.string() })),
});
export type UnitView = v.InferOutput<typeof UnitViewSchema>;
