import type { Generated, Selectable } from 'kysely';

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

export interface HubNonceTable {
  node_id: string;
  nonce: string;
  at: string;
}

export interface HubRefusalTable {
  id: Generated<number>;
  at: string;
  node_id: string | null;
  code: string;
  path: string;
  address: string | null;
  detail: string | null;
  count: Generated<number>;
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

/** Who a decision names: a person (CDHT) or a household, clan, community (a village, by name) or unit. */
export interface HubDecisionSubjectTable {
  decision_id: string;
  subject_kind: string;
  subject_id: string;
  node_id: string;
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

/** `village`: adults entered per village; `households`: households entered per village; `unit`: staff. */
export interface HubPopulationTable {
  /** clans-total, units-total: the commune's totals of the year, under the commune's name. */
  kind: 'village' | 'households' | 'unit' | 'clans-total' | 'units-total';
  name: string;
  year: number;
  count: number;
  entered_by: string;
  entered_at: string;
}

export interface HubTargetAdjustmentTable {
  id: Generated<number>;
  measure: string;
  year: number;
  value: number;
  reason: string;
  by_name: string;
  at: string;
}

export interface HubUnitChangeTable {
  id: Generated<number>;
  kind: 'village' | 'center';
  from_name: string;
  to_name: string;
  year: number;
  by_name: string;
  at: string;
}

export interface HubDigitalCheckTable {
  record_id: string;
  person_id: string;
  year: number;
  finished_at: string;
  has_digital: number;
  proficient: number;
}

export interface HubModelSubjectTable {
  kind: string;
  id: string;
  node_id: string;
  village: string | null;
  label: string | null;
  registered_year: number;
}

export interface HubModelAssessmentTable {
  assessment_id: string;
  subject_kind: string;
  subject_id: string;
  title: string;
  node_id: string;
  year: number;
  submitted: number;
}

/** The commune's appraisal of a community's or unit's self-assessment; answers and reasons as JSON. */
export interface HubModelAppraisalTable {
  assessment_id: string;
  revision: number;
  answers: string;
  reasons: string;
  appraiser: string;
  updated_at: string;
}
