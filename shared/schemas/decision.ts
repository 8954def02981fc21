import * as v from 'valibot';
import { ReopenInputSchema } from './commune.ts';
import { modelSubjectKinds, modelTitles } from './model-criteria-set.ts';
import { cleanText, MultiLineText, OneLineText } from './text.ts';

/**
 * The commune's decisions over any of the five titles (one approval chain): a Learning Citizen
 * decision names people, a decision on a household, clan, community (a village, by its name) or
 * unit names those subjects. The CDHT body (`personIds`, no title) stays as it was.
 */

/** The five titles a decision can recognize: the person's, then the four other titles. */
export const decisionTitles = ['cdht', ...modelTitles] as const;
export type DecisionTitle = (typeof decisionTitles)[number];

const Year = v.pipe(v.number(), v.integer(), v.minValue(2020), v.maxValue(2100));
const Reason = MultiLineText(3, 500);

/** A subject a decision names: a household, clan or unit by id, a community by its village's name. */
export const SubjectRefSchema = v.strictObject({
  kind: v.picklist(modelSubjectKinds),
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(120), cleanText()),
});
export type SubjectRef = v.InferOutput<typeof SubjectRefSchema>;

const act = {
  year: Year,
  number: OneLineText(1, 60),
  signedOn: v.pipe(v.string(), v.isoDate()),
  signer: OneLineText(2, 200),
};

/** A Learning Citizen decision: the people it recognizes (the body as it has always been). */
export const RecordCdhtDecisionSchema = v.strictObject({
  title: v.optional(v.literal('cdht')),
  ...act,
  personIds: v.pipe(v.array(v.string()), v.minLength(1), v.maxLength(5000)),
});

/** A decision on one of the four other titles: the subjects it recognizes, each of the title's kind. */
export const RecordModelDecisionSchema = v.strictObject({
  title: v.picklist(modelTitles),
  ...act,
  subjects: v.pipe(v.array(SubjectRefSchema), v.minLength(1), v.maxLength(5000)),
});

export const RecordDecisionSchema = v.union([RecordCdhtDecisionSchema, RecordModelDecisionSchema]);
export type RecordDecision = v.InferOutput<typeof RecordDecisionSchema>;

/** Reopening one decided result: a person (CDHT) or a subject of the four other titles. */
export const ReopenDecidedSchema = v.union([
  ReopenInputSchema,
  v.strictObject({ subject: SubjectRefSchema, reason: Reason }),
]);
export type ReopenDecided = v.InferOutput<typeof ReopenDecidedSchema>;

/** A verdict of the four other titles in short: what a table of proposals shows. */
export const VerdictSummarySchema = v.object({
  kind: v.picklist(['points', 'targets']),
  total: v.nullable(v.number()),
  maxTotal: v.nullable(v.number()),
  /** Points sets: the grade band's label ("Tốt"), null below every band. */
  band: v.nullable(v.string()),
  /** Targets sets: the level reached (0 when none) and its label. */
  level: v.nullable(v.number()),
  levelLabel: v.nullable(v.string()),
  passed: v.boolean(),
});
export type VerdictSummary = v.InferOutput<typeof VerdictSummarySchema>;

const HubSubjectSchema = v.object({
  kind: v.picklist(modelSubjectKinds),
  id: v.string(),
  /** "Gia đình ông/bà …", the clan's or unit's name, the village. */
  label: v.string(),
  /** A clan's households may be in several villages: their names joined; null when unknown. */
  village: v.nullable(v.string()),
});

/**
 * One submitted self-assessment of a household, clan, village or unit on the commune's table of
 * proposals: its self verdict and appraised verdict as the hub computes them now (a CDHT decision
 * on an adult changes a household's share at once), and the decision that recognized it.
 */
export const ModelProposalSchema = v.object({
  title: v.picklist(modelTitles),
  assessmentId: v.string(),
  subject: HubSubjectSchema,
  nodeId: v.string(),
  center: v.string(),
  /** Households and clans are appraised by the village branch at the center, villages and units by the commune. */
  appraisedAt: v.picklist(['center', 'commune']),
  self: v.nullable(VerdictSummarySchema),
  appraised: v.nullable(VerdictSummarySchema),
  /** Appraised and passing: may be named in a decision. */
  proposed: v.boolean(),
  decision: v.nullable(v.object({ id: v.string(), number: v.string(), signedOn: v.string() })),
});
export type ModelProposal = v.InferOutput<typeof ModelProposalSchema>;

/** A submitted self-assessment of a village or unit waiting for (or having had) the commune's appraisal. */
export const HubModelQueueItemSchema = v.object({
  assessmentId: v.string(),
  title: v.picklist(modelTitles),
  subject: HubSubjectSchema,
  center: v.string(),
  submittedAt: v.nullable(v.string()),
  selfPassed: v.boolean(),
  appraised: v.nullable(
    v.object({ passed: v.boolean(), total: v.nullable(v.number()), level: v.nullable(v.number()) }),
  ),
  decided: v.boolean(),
});
export type HubModelQueueItem = v.InferOutput<typeof HubModelQueueItemSchema>;

/** A decision of the year as the officer's list shows it. */
export const DecisionViewSchema = v.object({
  id: v.string(),
  title: v.picklist(decisionTitles),
  year: v.number(),
  number: v.string(),
  signedOn: v.string(),
  signer: v.string(),
  /** How many people or subjects it names now. */
  people: v.number(),
  revokedReason: v.nullable(v.string()),
});
export type DecisionView = v.InferOutput<typeof DecisionViewSchema>;
