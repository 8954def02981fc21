import * as v from 'valibot';
import { OneLineText } from '../../schemas/text.ts';
import { Count, Id, Name, Revision, Time, Village, Year } from './fields.ts';

/** Change messages of the center's registry: households, clans and units. */

/**
 * A household as the center's registry holds it: the adults living in it now (linked person
 * records, the head first) and, per year, its children only as two facts (how many are of school
 * age, whether all of them attend school); never a child's name, birth year or school result.
 * A member who leaves or is erased is simply absent from the next revision.
 */
export const HouseholdUpsertV1Schema = v.object({
  type: v.literal('HouseholdUpsertV1'),
  id: Id,
  revision: Revision,
  village: Village,
  headPersonId: Id,
  memberPersonIds: v.array(Id),
  facts: v.array(v.object({ year: Year, schoolAgeChildren: Count, allChildrenInSchool: v.nullable(v.boolean()) })),
  registeredAt: Time,
});
export type HouseholdUpsertV1 = v.InferOutput<typeof HouseholdUpsertV1Schema>;

/** A clan (dòng họ): its name, its representative's name and the households in it now (across villages). */
export const ClanUpsertV1Schema = v.object({
  type: v.literal('ClanUpsertV1'),
  id: Id,
  revision: Revision,
  name: Name,
  representative: OneLineText(0, 200),
  householdIds: v.array(Id),
  registeredAt: Time,
});
export type ClanUpsertV1 = v.InferOutput<typeof ClanUpsertV1Schema>;

/** A unit (đơn vị): its staff count entered per year and the staff linked to person records now. */
export const UnitUpsertV1Schema = v.object({
  type: v.literal('UnitUpsertV1'),
  id: Id,
  revision: Revision,
  name: Name,
  kind: v.string(),
  village: Village,
  staffCounts: v.array(v.object({ year: Year, count: Count })),
  memberPersonIds: v.array(Id),
  registeredAt: Time,
});
export type UnitUpsertV1 = v.InferOutput<typeof UnitUpsertV1Schema>;
