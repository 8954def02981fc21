import * as v from 'valibot';
import { MultiLineText, OneLineText } from '../schemas/text.ts';

/**
 * Versioned change messages, written to the center's outbox in the same transaction as the change
 * and later pushed to the commune hub. A shipped V1 shape is never edited: a change ships as V2.
 * Each message is a schema; its type is inferred from it, and the hub checks every change it
 * receives against the schema of its type (ChangeMessageSchema) before it applies it.
 */

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const Revision = v.pipe(v.number(), v.integer(), v.minValue(1));
const Year = v.pipe(v.number(), v.integer());
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
/** A time as the center wrote it (ISO 8601). */
const Time = v.string();
/** A name of a place, a commune, a clan or a unit: one line of free text. */
const Name = OneLineText(1, 200);
/** A village's name; a record may carry none ('' or, where the field allows it, null). */
const Village = OneLineText(0, 200);
const Note = v.nullable(MultiLineText(0, 2000));

/**
 * A person's record as the commune gets it. Until issue 21 it carried `phone`; the phone number now
 * stays at the center (the commune has no use for it), so the field is gone rather than a V2 made:
 * no receiver ever read it (the hub's projection reads id, name, birth year, village and consents,
 * and stores the rest as it comes), so every hub, older ones too, takes the message as before.
 */
export const PersonUpsertV1Schema = v.object({
  type: v.literal('PersonUpsertV1'),
  id: Id,
  revision: Revision,
  code: v.string(),
  name: Name,
  birthYear: Year,
  village: Village,
  consents: v.array(v.object({ purpose: v.string(), granted: v.boolean(), at: Time })),
});
export type PersonUpsertV1 = v.InferOutput<typeof PersonUpsertV1Schema>;

export const AssessmentUpsertV1Schema = v.object({
  type: v.literal('AssessmentUpsertV1'),
  id: Id,
  revision: Revision,
  subjectKind: v.string(),
  subjectId: Id,
  title: v.string(),
  year: Year,
  criteriaSetId: v.string(),
  criteriaSetVersion: v.string(),
  group: v.string(),
  status: v.picklist(['draft', 'submitted']),
  answers: v.array(v.object({ indicatorId: v.string(), score: v.number(), note: Note, confirmed: v.boolean() })),
  submittedAt: v.nullable(Time),
  /** Set when a facilitator assisted; unassisted completions count towards the digital-skills target. */
  assistedBy: v.nullish(v.string()),
});
export type AssessmentUpsertV1 = v.InferOutput<typeof AssessmentUpsertV1Schema>;

/** Evidence travels by hash: the file follows separately, and a resend of the same hash is a no-op. */
export const EvidenceUpsertV1Schema = v.object({
  type: v.literal('EvidenceUpsertV1'),
  id: Id,
  revision: Revision,
  assessmentId: Id,
  indicatorId: v.string(),
  kind: v.literal('photo'),
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  mime: v.string(),
  bytes: Count,
});
export type EvidenceUpsertV1 = v.InferOutput<typeof EvidenceUpsertV1Schema>;

/** The village branch's appraisal (thẩm định) of an assessment. */
export const AppraisalUpsertV1Schema = v.object({
  type: v.literal('AppraisalUpsertV1'),
  id: Id,
  revision: Revision,
  status: v.picklist(['appraised', 'returned']),
  message: Note,
  locked: v.boolean(),
  scores: v.array(v.object({ indicatorId: v.string(), score: v.number(), reason: Note })),
});
export type AppraisalUpsertV1 = v.InferOutput<typeof AppraisalUpsertV1Schema>;

/** A person erased at their request: the receiver deletes everything it holds of them. */
export const PersonErasedV1Schema = v.object({ type: v.literal('PersonErasedV1'), id: Id, revision: Revision });
export type PersonErasedV1 = v.InferOutput<typeof PersonErasedV1Schema>;

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

/**
 * A finished digital-skills self-check, as the box scored it: the levels and the two flags the
 * commune counts (the responses stay at the center).
 */
export const DigitalCheckV1Schema = v.object({
  type: v.literal('DigitalCheckV1'),
  id: Id,
  revision: Revision,
  personId: Id,
  year: Year,
  bankId: v.string(),
  bankVersion: v.string(),
  finishedAt: Time,
  overall: v.object({ share: v.number(), level: v.string() }),
  domains: v.array(v.object({ id: v.string(), share: v.number(), level: v.string() })),
  hasDigitalSkills: v.boolean(),
  proficient: v.boolean(),
  assisted: v.boolean(),
});
export type DigitalCheckV1 = v.InferOutput<typeof DigitalCheckV1Schema>;

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
  /** Recognitions whose validity ends in `year`, per title (to be renewed). */
  expiring: v.array(v.object({ title: v.string(), count: Count })),
});
export type ModelAggregateV1 = v.InferOutput<typeof ModelAggregateV1Schema>;

/** Every change message a node sends up, keyed by its type (which names its version). */
export const ChangeMessageSchema = v.variant('type', [
  PersonUpsertV1Schema,
  AssessmentUpsertV1Schema,
  EvidenceUpsertV1Schema,
  AppraisalUpsertV1Schema,
  PersonErasedV1Schema,
  CommuneAggregateV1Schema,
  RecognizedListV1Schema,
  CommuneAggregateV2Schema,
  ProposalListClosedV1Schema,
  ProposalListClosedV2Schema,
  DigitalCheckV1Schema,
  HouseholdUpsertV1Schema,
  ClanUpsertV1Schema,
  UnitUpsertV1Schema,
  ModelAggregateV1Schema,
]);
export type ChangeMessage = v.InferOutput<typeof ChangeMessageSchema>;

/**
 * What goes up in place of a change whose content was erased at the center (a person's erasure
 * redacts her waiting changes): it keeps the change's place in the outbox (`id` is its sequence
 * number) and carries nothing; every receiver, older hubs too, skips it for its `redacted` flag.
 */
export const RedactedSchema = v.object({
  type: v.literal('Redacted'),
  id: v.string(),
  revision: v.literal(0),
  redacted: v.literal(true),
});
export type Redacted = v.InferOutput<typeof RedactedSchema>;

/** The message that goes up for the redacted change at `seq`. */
export const redacted = (seq: number): Redacted => ({ type: 'Redacted', id: String(seq), revision: 0, redacted: true });

/** The record kind each message type changes. */
export const recordKindOf = {
  PersonUpsertV1: 'person',
  AssessmentUpsertV1: 'assessment',
  EvidenceUpsertV1: 'evidence',
  AppraisalUpsertV1: 'appraisal',
  PersonErasedV1: 'person',
  CommuneAggregateV1: 'aggregate',
  RecognizedListV1: 'recognized-list',
  CommuneAggregateV2: 'aggregate',
  ProposalListClosedV1: 'proposal-list',
  ProposalListClosedV2: 'proposal-list',
  DigitalCheckV1: 'digital-check',
  HouseholdUpsertV1: 'household',
  ClanUpsertV1: 'clan',
  UnitUpsertV1: 'unit',
  ModelAggregateV1: 'model-aggregate',
} as const satisfies Record<ChangeMessage['type'], string>;

/** Whether a message type is one this version knows (a newer center may send types it does not). */
export const isKnownChangeType = (type: string): type is ChangeMessage['type'] => Object.hasOwn(recordKindOf, type);
