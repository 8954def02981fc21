/**
 * Versioned change messages, written to the center's outbox in the same transaction as the change
 * and later pushed to the commune hub. A shipped V1 shape is never edited: a change ships as V2.
 */

/**
 * A person's record as the commune gets it. Until issue 21 it carried `phone`; the phone number now
 * stays at the center (the commune has no use for it), so the field is gone rather than a V2 made:
 * no receiver ever read it (the hub's projection reads id, name, birth year, village and consents,
 * and stores the rest as it comes), so every hub, older ones too, takes the message as before.
 */
export interface PersonUpsertV1 {
  type: 'PersonUpsertV1';
  id: string;
  revision: number;
  code: string;
  name: string;
  birthYear: number;
  village: string;
  consents: { purpose: string; granted: boolean; at: string }[];
}

export interface AssessmentUpsertV1 {
  type: 'AssessmentUpsertV1';
  id: string;
  revision: number;
  subjectKind: string;
  subjectId: string;
  title: string;
  year: number;
  criteriaSetId: string;
  criteriaSetVersion: string;
  group: string;
  status: 'draft' | 'submitted';
  answers: { indicatorId: string; score: number; note: string | null; confirmed: boolean }[];
  submittedAt: string | null;
  /** Set when a facilitator assisted; unassisted completions count towards the digital-skills target. */
  assistedBy: string | null;
}

/** Evidence travels by hash: the file follows separately, and a resend of the same hash is a no-op. */
export interface EvidenceUpsertV1 {
  type: 'EvidenceUpsertV1';
  id: string;
  revision: number;
  assessmentId: string;
  indicatorId: string;
  kind: 'photo';
  sha256: string;
  mime: string;
  bytes: number;
}

/** The village branch's appraisal (thẩm định) of an assessment. */
export interface AppraisalUpsertV1 {
  type: 'AppraisalUpsertV1';
  id: string;
  revision: number;
  status: 'appraised' | 'returned';
  message: string | null;
  locked: boolean;
  scores: { indicatorId: string; score: number; reason: string | null }[];
}

/** A person erased at their request: the receiver deletes everything it holds of them. */
export interface PersonErasedV1 {
  type: 'PersonErasedV1';
  id: string;
  revision: number;
}

/**
 * A commune's counts for one year, relayed to the province: per village and group, no person.
 * `id` is the commune hub's node id at the province and the year.
 */
export interface CommuneAggregateV1 {
  type: 'CommuneAggregateV1';
  id: string;
  revision: number;
  commune: string;
  year: number;
  rows: { village: string; group: string; registered: number; selfAssessed: number; appraised: number; proposed: number; recognized: number }[];
}

/** The names and villages of the people the commune recognized in one year (nothing more). */
export interface RecognizedListV1 {
  type: 'RecognizedListV1';
  id: string;
  revision: number;
  commune: string;
  year: number;
  entries: { name: string; village: string }[];
}

/**
 * A commune's counts for one year, relayed to the province (supersedes V1). `rows`, per village
 * and group, count the year's assessments (`started`: begun in that group); `villages` carry the
 * people registered by the end of the year and the adults the commune entered (null if not).
 */
export interface CommuneAggregateV2 {
  type: 'CommuneAggregateV2';
  id: string;
  revision: number;
  commune: string;
  year: number;
  rows: {
    village: string; group: string; started: number; selfAssessed: number; appraised: number; proposed: number;
    recognized: number; digital: number; proficient: number; outstanding: number;
  }[];
  villages: { village: string; registered: number; adults: number | null }[];
}

/**
 * A center closed (chốt) the proposal list of one village for a year: its report to the commune.
 * `id` is the list's own id at the center; a closing after an unlock is a new revision.
 */
export interface ProposalListClosedV1 {
  type: 'ProposalListClosedV1';
  id: string;
  revision: number;
  village: string;
  year: number;
  closedAt: string;
  entries: number;
}

/**
 * A center closed (chốt) a proposal list of another title than CDHT: a village's "Gia đình học tập"
 * list, or the center's "Dòng họ học tập" list (`village` null: a clan's households may be in
 * several villages). The same record kind as V1, with the title: a hub counts only CDHT lists
 * (V1, or a V2 titled 'cdht') as the village's report. A center sends its CDHT lists as V1 still,
 * so a hub that does not know V2 (and skips it) loses nothing it counted before.
 */
export interface ProposalListClosedV2 {
  type: 'ProposalListClosedV2';
  id: string;
  revision: number;
  title: 'cdht' | 'gdht' | 'dhht';
  village: string | null;
  year: number;
  closedAt: string;
  entries: number;
}

/**
 * A finished digital-skills self-check, as the box scored it: the levels and the two flags the
 * commune counts (the responses stay at the center).
 */
export interface DigitalCheckV1 {
  type: 'DigitalCheckV1';
  id: string;
  revision: number;
  personId: string;
  year: number;
  bankId: string;
  bankVersion: string;
  finishedAt: string;
  overall: { share: number; level: string };
  domains: { id: string; share: number; level: string }[];
  hasDigitalSkills: boolean;
  proficient: boolean;
  assisted: boolean;
}

/**
 * A household as the center's registry holds it: the adults living in it now (linked person
 * records, the head first) and, per year, its children only as two facts (how many are of school
 * age, whether all of them attend school); never a child's name, birth year or school result.
 * A member who leaves or is erased is simply absent from the next revision.
 */
export interface HouseholdUpsertV1 {
  type: 'HouseholdUpsertV1';
  id: string;
  revision: number;
  village: string;
  headPersonId: string;
  memberPersonIds: string[];
  facts: { year: number; schoolAgeChildren: number; allChildrenInSchool: boolean | null }[];
  registeredAt: string;
}

/** A clan (dòng họ): its name, its representative's name and the households in it now (across villages). */
export interface ClanUpsertV1 {
  type: 'ClanUpsertV1';
  id: string;
  revision: number;
  name: string;
  representative: string;
  householdIds: string[];
  registeredAt: string;
}

/** A unit (đơn vị): its staff count entered per year and the staff linked to person records now. */
export interface UnitUpsertV1 {
  type: 'UnitUpsertV1';
  id: string;
  revision: number;
  name: string;
  kind: string;
  village: string;
  staffCounts: { year: number; count: number }[];
  memberPersonIds: string[];
  registeredAt: string;
}

/**
 * A commune's counts of the four other titles for one year, relayed to the province (no person,
 * no household): per village, registered / assessed / recognized of each title, the households and
 * adults entered, and the numerators and denominators of the two CDHT rates; with what expires.
 * `id` is the commune hub's node id at the province and the year.
 */
export interface ModelAggregateV1 {
  type: 'ModelAggregateV1';
  id: string;
  revision: number;
  commune: string;
  year: number;
  villages: {
    village: string;
    families: { registered: number; assessed: number; recognized: number };
    clans: { registered: number; assessed: number; recognized: number };
    communities: { registered: number; assessed: number; recognized: number };
    units: { registered: number; assessed: number; recognized: number };
    households: number | null;
    adults: number | null;
    workers: { recognized: number; of: number | null };
    unitStaff: { recognized: number; of: number | null };
  }[];
  /** The commune's clans counted once each: a clan with households in several villages is in each of their rows. */
  communeClans: { registered: number; assessed: number; recognized: number };
  /** Recognitions whose validity ends in `year`, per title (to be renewed). */
  expiring: { title: string; count: number }[];
}

export type ChangeMessage = PersonUpsertV1 | AssessmentUpsertV1 | EvidenceUpsertV1 | AppraisalUpsertV1 | PersonErasedV1 | CommuneAggregateV1 | RecognizedListV1
  | CommuneAggregateV2 | ProposalListClosedV1 | ProposalListClosedV2 | DigitalCheckV1 | HouseholdUpsertV1 | ClanUpsertV1 | UnitUpsertV1 | ModelAggregateV1;

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
