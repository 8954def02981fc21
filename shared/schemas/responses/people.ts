import * as v from 'valibot';
import { AssessmentViewSchema } from '../assessment.ts';
import { AttendanceEvidenceSchema } from '../attendance.ts';
import { LearningPlanEvidenceSchema } from '../learning-plan.ts';
import { PersonViewSchema } from '../person.ts';
import { HouseholdViewSchema } from '../registry.ts';

/**
 * A person's assessment of this year (or null) as the tablet takes it up, with the classes she
 * attended and her latest learning plan of the year.
 */
export const CurrentAssessmentSchema = v.object({
  assessment: v.nullable(AssessmentViewSchema),
  attendance: v.optional(v.nullable(AttendanceEvidenceSchema)),
  learningPlan: v.optional(v.nullable(LearningPlanEvidenceSchema)),
});

/** The household a person is in now (members by name, the head first), or null. */
export const HouseholdOfSchema = v.object({ household: v.nullable(HouseholdViewSchema) });

/** One person found by the staff's search. */
export const PersonHitSchema = v.object({
  id: v.string(),
  code: v.string(),
  name: v.string(),
  birthYear: v.number(),
  village: v.string(),
});
export type PersonHit = v.InferOutput<typeof PersonHitSchema>;

/** What the center holds about a person (the staff's "her data" page). */
export const PersonDataSchema = v.object({
  person: PersonViewSchema,
  consentLog: v.array(v.object({ purpose: v.string(), granted: v.boolean(), at: v.string() })),
  assessments: v.array(v.object({ year: v.number(), status: v.string() })),
});

/** What an erasure took away. */
export const ErasedSchema = v.object({ assessments: v.number(), photos: v.number() });
