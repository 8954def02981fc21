import * as v from 'valibot';
import { Uuid7Schema } from './ids.ts';
import { digitalLevels } from './digital-bank.ts';
import { cleanText } from './text.ts';

/**
 * Typed text (a phone number, an amount, a form field) as typed: not blank, and free of the hidden
 * characters the shared text rule refuses. Kept as typed: the box reads the number when scoring.
 */
const Typed = (max: number) =>
  v.pipe(
    v.string(),
    cleanText(false),
    v.check((s) => s.trim() !== '', 'must not be blank'),
    v.maxLength(max),
  );
const ItemRef = v.pipe(v.string(), v.maxLength(60));
const MAX_ITEMS = 500;

/**
 * What a villager did on one item of the digital-skills self-check (the box scores it, never the
 * tablet). The shape only: whether the option, picture, message or field exists in the item is
 * the bank's to say (responseProblems in shared/domain/digital-skills.ts, checked at the box).
 */
export const DigitalResponseSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('self-rating'), step: v.picklist([0, 1, 2, 3, 4]) }),
  v.strictObject({ kind: v.literal('choice'), optionId: ItemRef }),
  v.strictObject({ kind: v.literal('tap-icon'), iconId: ItemRef }),
  v.strictObject({ kind: v.literal('type-phone'), typed: Typed(40) }),
  v.strictObject({ kind: v.literal('pick-scam'), messageId: ItemRef }),
  v.strictObject({ kind: v.literal('find-amount'), typed: Typed(40) }),
  // The tablet reports only the fields filled in, and only once one is.
  v.strictObject({
    kind: v.literal('fill-form'),
    values: v.pipe(
      v.record(ItemRef, Typed(200)),
      v.check((values) => Object.keys(values).length > 0, 'must fill at least one field'),
    ),
  }),
  v.strictObject({ kind: v.literal('skipped') }),
]);

/**
 * Responses by item id: a map, so an item is answered at most once. No bank comes near 500 items;
 * a bigger map is refused before anything looks at it.
 */
const ResponsesSchema = v.pipe(
  // A record takes a list too (as keys "0", "1"…): refused here, so a list is never read as answers.
  v.custom<Record<string, unknown>>(
    (x) => typeof x === 'object' && x !== null && !Array.isArray(x),
    'must be a map by item id, not a list',
  ),
  v.record(ItemRef, DigitalResponseSchema),
  v.check((r) => Object.keys(r).length <= MAX_ITEMS, 'too many responses'),
);

/** A finished self-check, sent once by the tablet under its own id (a resend is a no-op). */
export const PutDigitalAttemptSchema = v.strictObject({
  personId: Uuid7Schema,
  bankId: v.string(),
  bankVersion: v.string(),
  startedAt: v.pipe(v.string(), v.isoTimestamp()),
  responses: ResponsesSchema,
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

/**
 * A self-check paused part-way, sent to the box (PUT /api/people/:id/digital-draft) so that
 * nothing of it stays on the shared tablet: one per person, the newer replacing the older, under
 * the attempt id the finished check will have. Checked against the bank like a finished check.
 */
export const PutDigitalDraftSchema = v.strictObject({
  attemptId: Uuid7Schema,
  bankId: v.string(),
  bankVersion: v.string(),
  startedAt: v.pipe(v.string(), v.isoTimestamp()),
  /** The item she was on (0-based), to take her back there. */
  index: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_ITEMS - 1)),
  responses: ResponsesSchema,
});
export type PutDigitalDraft = v.InferOutput<typeof PutDigitalDraftSchema>;

/** A paused check as the box gives it back, with when it goes (`digital.draftDays` after it began). */
export const DigitalDraftViewSchema = v.object({
  attemptId: v.string(),
  bankId: v.string(),
  bankVersion: v.string(),
  startedAt: v.string(),
  index: v.number(),
  responses: v.record(v.string(), DigitalResponseSchema),
  savedAt: v.string(),
  expiresAt: v.string(),
});
export type DigitalDraftView = v.InferOutput<typeof DigitalDraftViewSchema>;

/** Her paused check, or null: none, run out, or not kept (she had finished it already). */
export const DigitalDraftAnswerSchema = v.object({ draft: v.nullable(DigitalDraftViewSchema) });
export type DigitalDraftAnswer = v.InferOutput<typeof DigitalDraftAnswerSchema>;
