import * as v from 'valibot';
import { AttendanceEvidenceSchema } from '../../../shared/schemas/attendance.ts';
import { PersonViewSchema } from '../../../shared/schemas/person.ts';
import { DigitalAttemptViewSchema, DigitalResponseSchema } from '../../../shared/schemas/digital-attempt.ts';
import { LearningPlanEvidenceSchema, PutLearningPlanSchema } from '../../../shared/schemas/learning-plan.ts';
import { HouseholdViewSchema } from '../../../shared/schemas/registry.ts';
import { ModelVerdictSchema } from '../../../shared/schemas/responses/model-verdict.ts';

// The session record of the tablet's database (web/src/db/db.ts): who is at the tablet and every
// answer given so far, each part read back through its schema.

/** Where the villager is in the flow; saved on every step so a reload resumes there. */
export const ScreenSchema = v.picklist([
  'welcome',
  'register',
  'find',
  'group',
  'indicator',
  'review',
  'result',
  'digital',
  'digital-result',
  'resources',
  'plan',
  'household',
  'household-facts',
  'household-item',
  'household-review',
  'household-result',
]);
export type Screen = v.InferOutput<typeof ScreenSchema>;

export const RegistrationDraftSchema = v.object({
  name: v.string(),
  birthYear: v.string(),
  village: v.string(),
  phone: v.string(),
  consents: v.object({ assessment: v.boolean(), publicList: v.boolean(), statistics: v.boolean() }),
  /** A child's guardian, as typed (assisted mode only). */
  guardianName: v.optional(v.string()),
  guardianRelation: v.optional(v.string()),
  guardianAgrees: v.optional(v.boolean()),
});
export type RegistrationDraft = v.InferOutput<typeof RegistrationDraftSchema>;

/**
 * A digital-skills self-check in progress: where she is and what she did on each item. It lives in
 * the session only while she is doing it; paused, it goes to the box (outbox kind 'digital-draft').
 */
export const DigitalDraftSchema = v.object({
  personId: v.string(),
  attemptId: v.string(),
  startedAt: v.string(),
  index: v.number(),
  responses: v.record(v.string(), DigitalResponseSchema),
  /** Set once finished: the result (scored here the same way the box scores it, then the box's own). */
  result: v.optional(DigitalAttemptViewSchema),
});
export type DigitalDraft = v.InferOutput<typeof DigitalDraftSchema>;

/**
 * A personal learning plan being made: what it answers, the resources picked (each with how many
 * months ahead to learn it by; a class goes by its sessions), and once saved, what was sent.
 */
export const PlanDraftSchema = v.object({
  planId: v.string(),
  source: v.picklist(['assessment', 'digital']),
  needs: v.object({ indicators: v.array(v.string()), domains: v.array(v.string()) }),
  picks: v.record(v.string(), v.picklist([0, 1, 3])),
  saved: v.optional(PutLearningPlanSchema),
});
export type PlanDraft = v.InferOutput<typeof PlanDraftSchema>;

/**
 * "Gia đình tôi": the household of the villager at the tablet and its self-assessment under way.
 * Lives in the session only, so it leaves the tablet with the session; what the box must get goes
 * through the outbox.
 */
export const HouseholdDraftSchema = v.object({
  /** null until looked up at the box (or registered here). */
  view: v.nullable(HouseholdViewSchema),
  /** Registered on this tablet and still in the outbox: no member can be linked until the box has it. */
  registeredHere: v.optional(v.boolean()),
  /** The last link asked for, and what came of it (the name linked, the box's refusal, or kept to send later). */
  link: v.optional(
    v.object({
      outcome: v.picklist(['linked', 'refused', 'queued']),
      name: v.optional(v.string()),
      code: v.optional(v.string()),
    }),
  ),
  /** The year's facts as answered so far (children only as counts: never a name, birth year or grade). */
  facts: v.optional(
    v.object({
      schoolAgeChildren: v.optional(v.number()),
      allChildrenInSchool: v.optional(v.nullable(v.boolean())),
      more: v.optional(v.boolean()),
    }),
  ),
  factsStep: v.optional(v.picklist(['count', 'school'])),
  /** The self-assessment "Gia đình học tập": its id (made here), answers by item, where she is. */
  assessmentId: v.string(),
  answers: v.record(v.string(), v.number()),
  index: v.number(),
  submitted: v.boolean(),
  /** What the box gave when the assessment was opened: the set, the year and its computed items so far. */
  start: v.optional(
    v.object({ setId: v.string(), setVersion: v.string(), year: v.number(), verdict: v.nullable(ModelVerdictSchema) }),
  ),
  /** The box could not be reached when the assessment was opened: computed items are not known. */
  unreachable: v.optional(v.boolean()),
  /** The box's verdict once it has the submitted assessment. */
  result: v.optional(ModelVerdictSchema),
  /** Photos the box already holds for a draft taken up from the box, by item (those taken here are in `photos`). */
  remotePhotos: v.optional(v.record(v.string(), v.number())),
});
export type HouseholdDraft = v.InferOutput<typeof HouseholdDraftSchema>;

/**
 * The one session on this tablet: who is at it and every answer given so far. Read back through
 * this schema, so a record from an older app version that no longer fits is dropped, not trusted.
 */
export const SessionSchema = v.object({
  key: v.literal('current'),
  screen: ScreenSchema,
  indicatorIndex: v.number(),
  /** Made on the tablet before the first send, so a retried registration is the same record. */
  personId: v.string(),
  person: v.nullable(PersonViewSchema),
  assessmentId: v.string(),
  group: v.nullable(v.string()),
  answers: v.record(
    v.string(),
    v.object({ score: v.optional(v.number()), note: v.optional(v.string()), confirmed: v.optional(v.boolean()) }),
  ),
  /**
   * The token the box binds to her for this session (web/src/platform/villager-token.ts), made when
   * she registers or looks herself up; sent on every request about her, and gone with the session.
   */
  token: v.optional(v.string()),
  /** Assisted mode: the facilitator sitting with the villager. */
  assistedBy: v.optional(v.object({ id: v.string(), name: v.string() })),
  /** Text size, 1 to 2 (100 % to 200 %). */
  textScale: v.optional(v.number()),
  /** Chosen on the welcome screen for this session only (reset when it ends): language, simple mode, always read aloud. */
  lang: v.optional(v.picklist(['vi', 'en'])),
  simple: v.optional(v.boolean()),
  alwaysRead: v.optional(v.boolean()),
  /** The appraiser's message when the assessment came back for more evidence. */
  returnedMessage: v.optional(v.string()),
  /** Whether the villager has submitted (the box may not have it yet: see the outbox). */
  submitted: v.boolean(),
  /** Photos the box already holds for a draft resumed from the box, by indicator. */
  remotePhotos: v.optional(v.record(v.string(), v.number())),
  /** Classes she attended at the center this year (from the box when she was found), shown at CS03. */
  attendance: v.optional(AttendanceEvidenceSchema),
  /** Her latest learning plan of this year (from the box when she was found), shown at CS02. */
  learningPlan: v.optional(LearningPlanEvidenceSchema),
  /** The registration form as typed so far, so a reload mid-form loses nothing. */
  registration: v.optional(RegistrationDraftSchema),
  /** The digital-skills self-check under way (or just finished, with its result). */
  digital: v.optional(DigitalDraftSchema),
  /** The personal learning plan being made (or just saved). */
  plan: v.optional(PlanDraftSchema),
  /** "Gia đình tôi": her household and its self-assessment under way. */
  household: v.optional(HouseholdDraftSchema),
});
export type Session = v.InferOutput<typeof SessionSchema>;
