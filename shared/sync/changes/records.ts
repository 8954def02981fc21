import * as v from 'valibot';
import { Count, Id, Name, Note, Revision, Time, Village, Year } from './fields.ts';

/** Change messages about a person and her own records: her self-assessments, their photos and appraisals, her digital-skills checks, her erasure. */

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
