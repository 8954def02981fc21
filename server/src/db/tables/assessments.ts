import type { Generated, Selectable } from 'kysely';

export interface AssessmentTable {
  id: string;
  subject_kind: string;
  subject_id: string;
  title: string;
  year: number;
  criteria_set_id: string;
  criteria_set_version: string;
  subject_group: string;
  status: 'draft' | 'submitted';
  revision: number;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  /** Staff id of the facilitator who assisted, if any. */
  assisted_by: string | null;
}
export type AssessmentRow = Selectable<AssessmentTable>;

export interface AssessmentItemTable {
  assessment_id: string;
  indicator_id: string;
  score: number;
  note: string | null;
  /** 1 when the villager confirmed this answer in an assisted session. */
  confirmed: number | null;
}
export type AssessmentItemRow = Selectable<AssessmentItemTable>;

export interface EvidenceTable {
  id: string;
  assessment_id: string;
  indicator_id: string;
  kind: string;
  sha256: string;
  mime: string;
  bytes: number;
  revision: number;
  created_at: string;
  /**
   * 1 once the hub confirmed it holds this file (center side); 2: stays at the center, never sent
   * (a CDHT photo, evidence/evidence.policy.ts).
   */
  sent_to_hub: Generated<number>;
}
export type EvidenceRow = Selectable<EvidenceTable>;

export interface AppraisalTable {
  assessment_id: string;
  appraiser_id: string;
  status: 'appraised' | 'returned';
  message: string | null;
  locked: number;
  revision: number;
  updated_at: string;
}
export type AppraisalRow = Selectable<AppraisalTable>;

export interface AppraisalItemTable {
  assessment_id: string;
  indicator_id: string;
  score: number;
  reason: string | null;
}
export type AppraisalItemRow = Selectable<AppraisalItemTable>;

export interface ProposalListTable {
  /** 'cdht', 'gdht' or 'dhht' (lists/list.types.ts). */
  title: string;
  /** The village, or '' for the center's list of clans (a clan is not in one village). */
  village: string;
  year: number;
  finalized_at: string;
  finalized_by: string;
  /** Travels to the hub as the center's report for the year (null only before its first closing). */
  id: string | null;
  revision: Generated<number>;
}

export interface ErasedTallyTable {
  village: string;
  year: number;
  metric: string;
  count: number;
}

export interface RecognitionTable {
  /** 'person' (CDHT), 'household', 'clan', 'community' (subject_id is the village's name) or 'unit'. */
  subject_kind: Generated<string>;
  subject_id: string;
  title: string;
  year: number;
  decision_id: string;
  decision_number: string;
  signed_on: string;
  signer: string;
  received_at: string;
}
