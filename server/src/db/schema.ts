import type { Generated, Insertable, Selectable } from 'kysely';

/** Kysely's view of the tables; rows stop at the services. */
export interface Database {
  person: PersonTable;
  consent: ConsentTable;
  /** A child's guardian's consent, kept at the center only (issue 21). */
  guardian_consent: GuardianConsentTable;
  assessment: AssessmentTable;
  assessment_item: AssessmentItemTable;
  evidence: EvidenceTable;
  outbox: OutboxTable;
  staff: StaffTable;
  staff_session: StaffSessionTable;
  audit_log: AuditLogTable;
  appraisal: AppraisalTable;
  appraisal_item: AppraisalItemTable;
  proposal_list: ProposalListTable;
  erased_tally: ErasedTallyTable;
  hub_node: HubNodeTable;
  hub_enrolment: HubEnrolmentTable;
  hub_nonce: { node_id: string; nonce: string; at: string };
  hub_refusal: { id: Generated<number>; at: string; node_id: string | null; code: string; path: string; address: string | null; detail: string | null; count: Generated<number> };
  hub_record: HubRecordTable;
  hub_record_history: HubRecordTable & { id: Generated<number> };
  sync_state: { key: string; value: string };
  hub_feed: HubFeedTable;
  hub_decision: HubDecisionTable;
  /** Who a decision names: a person (CDHT) or a household, clan, community (a village, by name) or unit. */
  hub_decision_subject: { decision_id: string; subject_kind: string; subject_id: string; node_id: string };
  recognition: RecognitionTable;
  feed_record: { kind: string; record_id: string; revision: number; payload: string; received_at: string };
  hub_person: HubPersonTable;
  hub_assessment: HubAssessmentTable;
  /** `village`: adults entered per village; `households`: households entered per village; `unit`: staff. */
  hub_population: { kind: 'village' | 'households' | 'unit'; name: string; year: number; count: number; entered_by: string; entered_at: string };
  hub_target_adjustment: { id: Generated<number>; measure: string; year: number; value: number; reason: string; by_name: string; at: string };
  hub_unit_change: { id: Generated<number>; kind: 'village' | 'center'; from_name: string; to_name: string; year: number; by_name: string; at: string };
  hub_decline: HubDeclineTable;
  digital_attempt: DigitalAttemptTable;
  /** A self-check paused part-way (one per person), kept here instead of on the tablet until it expires. */
  digital_draft: DigitalDraftTable;
  resource: { id: string; origin: 'center' | 'commune' | 'province'; revision: number; version: number; retired: number; payload: string; updated_at: string; updated_by: string | null };
  hub_digital_check: { record_id: string; person_id: string; year: number; finished_at: string; has_digital: number; proficient: number };
  attendance: AttendanceTable;
  learning_plan: LearningPlanTable;
  backup_log: BackupLogTable;
  /** The first start's one-time setup code (one row, id 1), while no active administrator exists. */
  setup_code: { id: number; code: string; created_at: string };
  /** A villager's tablet session: only the SHA-256 of the tablet's token, bound to one person. */
  villager_token: VillagerTokenTable;
  household: { id: string; village: string; head_person_id: string; revision: number; created_at: string; updated_at: string };
  household_member: MembershipTable & { household_id: string; role: 'head' | 'member' };
  /** Children only as household-level facts: a count and a yes/no (null when there is none). */
  household_facts: { household_id: string; year: number; school_age_children: number; all_children_in_school: number | null; updated_at: string };
  clan: { id: string; name: string; representative: string; created_at: string; updated_at: string };
  clan_household: { id: Generated<number>; clan_id: string; household_id: string; joined_at: string; left_at: string | null };
  unit: { id: string; name: string; kind: string; village: string; created_at: string; updated_at: string };
  unit_staff_count: { unit_id: string; year: number; count: number; entered_by: string; entered_at: string };
  unit_member: MembershipTable & { unit_id: string };
  hub_model_subject: { kind: string; id: string; node_id: string; village: string | null; label: string | null; registered_year: number };
  hub_model_assessment: { assessment_id: string; subject_kind: string; subject_id: string; title: string; node_id: string; year: number; submitted: number };
  /** The commune's appraisal of a community's or unit's self-assessment; answers and reasons as JSON. */
  hub_model_appraisal: { assessment_id: string; revision: number; answers: string; reasons: string; appraiser: string; updated_at: string };
}

/** A person's membership of a household or unit; closed (`left_at`) rather than deleted, so moves keep history. */
export interface MembershipTable {
  id: Generated<number>;
  person_id: string;
  joined_at: string;
  left_at: string | null;
}

/** One backup made or tried; `ok` 1 or 0, `error` the AppError code of a failed one. */
export interface BackupLogTable {
  id: Generated<number>;
  started_at: string;
  finished_at: string;
  ok: number;
  trigger: 'nightly' | 'manual' | 'cli';
  /** The backup's folder (a failed one: the folder it was to go in). */
  path: string | null;
  bytes: number;
  files: number;
  error: string | null;
}

/** A personal learning plan as the tablet sent it; `payload` is the JSON of source, needs and items. */
export interface LearningPlanTable {
  id: string;
  person_id: string;
  year: number;
  made_at: string;
  received_at: string;
  payload: string;
  assisted_by: string | null;
}

/** A person present at a session of a class; the session is named by its start (ISO instant, UTC). */
export interface AttendanceTable {
  resource_id: string;
  session_starts_at: string;
  person_id: string;
  /** Staff id of the facilitator who marked it. */
  marked_by: string;
  marked_at: string;
}

/** A finished digital-skills self-check; `result` is the JSON of the box's scoring. */
export interface DigitalAttemptTable {
  id: string;
  person_id: string;
  year: number;
  bank_id: string;
  bank_version: string;
  started_at: string;
  finished_at: string;
  responses: string;
  result: string;
  has_digital: number;
  proficient: number;
  assisted_by: string | null;
}

/** A paused digital-skills self-check; `responses` is the JSON of her answers so far, by item id. */
export interface DigitalDraftTable {
  person_id: string;
  attempt_id: string;
  bank_id: string;
  bank_version: string;
  started_at: string;
  item_index: number;
  responses: string;
  saved_at: string;
}

/** Hub projection of a received person: what the dashboard counts by. Rebuilt from hub_record. */
export interface HubPersonTable {
  person_id: string;
  node_id: string;
  name: string;
  birth_year: number;
  village: string;
  /** Year (Vietnam time) of the person's first consent, i.e. of registering. */
  registered_year: number;
  /** 1 when the person consented to appear on the public recognition list. */
  public_list: number;
}

/** Hub projection of a received Learning Citizen assessment with its appraisal. */
export interface HubAssessmentTable {
  assessment_id: string;
  person_id: string;
  node_id: string;
  year: number;
  /** The person's village (kept in step with hub_person). */
  village: string;
  grp: string;
  submitted: number;
  assisted: number;
  /** Total of the villager's own scores. */
  self_total: number;
  appraised: number;
  appraised_total: number | null;
  appraised_min: number | null;
  appraised_count: number | null;
  /** Appraised score of the information-technology indicator (CS05). */
  digital_score: number | null;
  /** Flags of the person's latest digital-skills self-check of the year (null: none taken). */
  check_digital: number | null;
  check_proficient: number | null;
  /** 1 when a decision in force recognizes the person for this year. */
  recognized: number;
  /** Years recognized in a row up to this one (0 when not recognized this year). */
  streak: number;
}

export interface HubDeclineTable {
  assessment_id: string;
  person_id: string;
  node_id: string;
  year: number;
  reason: string;
  revision: number;
  withdrawn: number;
  at: string;
  by_name: string;
}

export interface HubFeedTable {
  seq: Generated<number>;
  kind: string;
  record_id: string;
  revision: number;
  /** Null: for every node below. */
  node_id: string | null;
  payload: string;
  created_at: string;
}

export interface HubDecisionTable {
  id: string;
  title: string;
  year: number;
  number: string;
  signed_on: string;
  signer: string;
  revision: number;
  revoked_reason: string | null;
  created_at: string;
  created_by: string;
}
export type HubDecisionRow = Selectable<HubDecisionTable>;

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

export interface GuardianConsentTable {
  id: Generated<number>;
  person_id: string;
  guardian_name: string;
  /** 'father', 'mother' or 'guardian' (shared/schemas/person.ts). */
  relation: string;
  /** The facilitator signed in beside her. */
  assisted_by: string;
  at: string;
}

export interface VillagerTokenTable {
  token_hash: string;
  person_id: string;
  /** When a registration or a code + birth-year look-up bound it; reads and writes age from here. */
  bound_at: string;
}

export interface PersonTable {
  id: string;
  code: string;
  name: string;
  birth_year: number;
  village: string;
  phone: string | null;
  revision: number;
  created_at: string;
  updated_at: string;
}
export type PersonRow = Selectable<PersonTable>;

export interface ConsentTable {
  id: Generated<number>;
  person_id: string;
  purpose: string;
  granted: number;
  at: string;
}

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
  /** 1 once the hub confirmed it holds this file (center side); 2: stays at the center, never sent (a CDHT photo, evidence/evidence.policy.ts). */
  sent_to_hub: Generated<number>;
}
export type EvidenceRow = Selectable<EvidenceTable>;

export interface OutboxTable {
  seq: Generated<number>;
  record_kind: string;
  record_id: string;
  revision: number;
  message_type: string;
  payload: string;
  created_at: string;
}
export type NewOutboxRow = Insertable<OutboxTable>;

export type StaffRole = 'admin' | 'facilitator' | 'appraiser';

export interface StaffTable {
  id: string;
  name: string;
  name_key: string;
  role: StaffRole;
  pin_hash: string;
  failed_attempts: number;
  locked_until: string | null;
  active: number;
  created_at: string;
}
export type StaffRow = Selectable<StaffTable>;

export interface StaffSessionTable {
  token_hash: string;
  staff_id: string;
  created_at: string;
  expires_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  subject_kind: string | null;
  subject_id: string | null;
  details: string;
}

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

export interface HubNodeTable {
  id: string;
  name: string;
  public_key: string;
  status: 'active' | 'revoked';
  enrolled_at: string;
  last_contact_at: string | null;
  last_seq: number;
  backlog: number;
  /** The history the node's pushes belong to (issue 21; null: not agreed yet). */
  epoch: Generated<string | null>;
  /** JSON list of the epochs it replaced: a push or position under one of them is refused. */
  retired_epochs: Generated<string>;
}
export type HubNodeRow = Selectable<HubNodeTable>;

export interface HubEnrolmentTable {
  code_hash: string;
  name: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  node_id: string | null;
}

export interface HubRecordTable {
  record_kind: string;
  record_id: string;
  origin: string;
  revision: number;
  message_type: string;
  payload: string;
  received_at: string;
}
