import * as v from 'valibot';
import { Uuid7Schema } from './ids.ts';
import { digitalLevels } from './digital-bank.ts';

/** What a villager did on one item of the digital-skills self-check (the box scores it, never the tablet). */
export const DigitalResponseSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('self-rating'), step: v.picklist([0, 1, 2, 3, 4]) }),
  v.strictObject({ kind: v.literal('choice'), optionId: v.pipe(v.string(), v.maxLength(60)) }),
  v.strictObject({ kind: v.literal('tap-icon'), iconId: v.pipe(v.string(), v.maxLength(60)) }),
  v.strictObject({ kind: v.literal('type-phone'), typed: v.pipe(v.string(), v.maxLength(40)) }),
  v.strictObject({ kind: v.literal('pick-scam'), messageId: v.pipe(v.string(), v.maxLength(60)) }),
  v.strictObject({ kind: v.literal('find-amount'), typed: v.pipe(v.string(), v.maxLength(40)) }),
  v.strictObject({ kind: v.literal('fill-form'), values: v.record(v.pipe(v.string(), v.maxLength(60)), v.pipe(v.string(), v.maxLength(200))) }),
  v.strictObject({ kind: v.literal('skipped') }),
]);

/** A finished self-check, sent once by the tablet under its own id (a resend is a no-op). */
export const PutDigitalAttemptSchema = v.strictObject({
  personId: Uuid7Schema,
  bankId: v.string(),
  bankVersion: v.string(),
  startedAt: v.pipe(v.string(), v.isoTimestamp()),
  responses: v.record(v.pipe(v.string(), v.maxLength(60)), DigitalResponseSchema),
  /** Staff id of the facilitator who helped, absent when she did it alone. */
  assistedBy: v.optional(Uuid7Schema),
});
export type PutDigitalAttempt = v.InferOutput<typeof PutDigitalAttemptSchema>;

const LevelSchema = v.picklist(digitalLevels);

/** A scored attempt as the box keeps and shows it. */
export const DigitalAttemptViewSchema = v.object({
  id: v.string(),
  personId: v.string(),
  year: v.number(),
  bankId: v.string(),
  bankVersion: v.string(),
  startedAt: v.string(),
  finishedAt: v.string(),
  overall: v.object({ share: v.number(), level: LevelSchema }),
  domains: v.array(v.object({ id: v.string(), share: v.number(), level: LevelSchema })),
  practicalShare: v.number(),
  hasDigitalSkills: v.boolean(),
  proficient: v.boolean(),
  toLearn: v.array(v.string()),
  assisted: v.boolean(),
});
export type DigitalAttemptView = v.InferOutput<typeof DigitalAttemptViewSchema>;

/** A person's attempts, newest first, and whether a new one may start now. */
export const DigitalHistorySchema = v.object({
  attempts: v.array(DigitalAttemptViewSchema),
  retake: v.variant('allowed', [
    v.object({ allowed: v.literal(true) }),
    v.object({ allowed: v.literal(false), reason: v.literal('too-soon'), nextDate: v.string() }),
  ]),
});
export type DigitalHistory = v.InferOutput<typeof DigitalHistorySchema>;
