import type { Generated } from 'kysely';
import type {
  AppraisalItemTable,
  AppraisalTable,
  AssessmentItemTable,
  AssessmentTable,
  EvidenceTable,
  ErasedTallyTable,
  ProposalListTable,
  RecognitionTable,
} from './tables/assessments.ts';
import type {
  HubAssessmentTable,
  HubDeclineTable,
  HubDecisionSubjectTable,
  HubDecisionTable,
  HubDigitalCheckTable,
  HubEnrolmentTable,
  HubFeedTable,
  HubModelAppraisalTable,
  HubModelAssessmentTable,
  HubModelSubjectTable,
  HubNodeTable,
  HubNonceTable,
  HubPersonTable,
  HubPopulationTable,
  HubRecordTable,
  HubRefusalTable,
  HubTargetAdjustmentTable,
  HubUnitChangeTable,
} from './tables/hub.ts';
import type {
  AttendanceTable,
  DigitalAttemptTable,
  DigitalDraftTable,
  LearningPlanTable,
  ResourceTable,
} from './tables/learning.ts';
import type { HubHistoryDecisionTable, HubHistoryImportTable, HubHistoryRowTable } from './tables/history.ts';
import type { HubReportTextTable } from './tables/reports.ts';
import type { HubListReturnTable, ListReturnTable } from './tables/list-returns.ts';
import type { ConsentTable, GuardianConsentTable, PersonTable, VillagerTokenTable } from './tables/people.ts';
import type {
  ClanHouseholdTable,
  ClanTable,
  HouseholdFactsTable,
  HouseholdMemberTable,
  HouseholdTable,
  UnitMemberTable,
  UnitStaffCountTable,
  UnitTable,
} from './tables/registry.ts';
import type {
  AuditLogTable,
  BackupLogTable,
  CenterSetupTable,
  SetupCodeTable,
  StaffSessionTable,
  StaffTable,
} from './tables/staff.ts';
import type { FeedRecordTable, OutboxTable, SyncStateTable } from './tables/sync.ts';
import type { DocumentKeyTable } from './tables/documents.ts';

export type {
  AppraisalItemRow,
  AppraisalItemTable,
  AppraisalRow,
  AppraisalTable,
  AssessmentItemRow,
  AssessmentItemTable,
  AssessmentRow,
  AssessmentTable,
  ErasedTallyTable,
  EvidenceRow,
  EvidenceTable,
  ProposalListTable,
  RecognitionTable,
} from './tables/assessments.ts';
export type {
  HubAssessmentTable,
  HubDeclineTable,
  HubDecisionRow,
  HubDecisionTable,
  HubEnrolmentTable,
  HubFeedTable,
  HubNodeRow,
  HubNodeTable,
  HubPersonTable,
  HubRecordTable,
} from './tables/hub.ts';
export type { AttendanceTable, DigitalAttemptTable, DigitalDraftTable, LearningPlanTable } from './tables/learning.ts';
export type {
  ConsentTable,
  GuardianConsentTable,
  PersonRow,
  PersonTable,
  VillagerTokenTable,
} from './tables/people.ts';
export type { MembershipTable } from './tables/registry.ts';
export type {
  AuditLogTable,
  BackupLogTable,
  StaffRole,
  StaffRow,
  StaffSessionTable,
  StaffTable,
} from './tables/staff.ts';
export type { NewOutboxRow, OutboxTable } from './tables/sync.ts';

/** Kysely's view of the tables; rows stop at the services. The tables themselves live in ./tables/ by subject. */
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
  hub_nonce: HubNonceTable;
  hub_refusal: HubRefusalTable;
  hub_record: HubRecordTable;
  hub_record_history: HubRecordTable & { id: Generated<number> };
  sync_state: SyncStateTable;
  hub_feed: HubFeedTable;
  hub_decision: HubDecisionTable;
  /** Who a decision names: a person (CDHT) or a household, clan, community (a village, by name) or unit. */
  hub_decision_subject: HubDecisionSubjectTable;
  recognition: RecognitionTable;
  feed_record: FeedRecordTable;
  hub_person: HubPersonTable;
  hub_assessment: HubAssessmentTable;
  /** `village`: adults entered per village; `households`: households entered per village; `unit`: staff. */
  hub_population: HubPopulationTable;
  hub_target_adjustment: HubTargetAdjustmentTable;
  hub_unit_change: HubUnitChangeTable;
  hub_decline: HubDeclineTable;
  digital_attempt: DigitalAttemptTable;
  /** A self-check paused part-way (one per person), kept here instead of on the tablet until it expires. */
  digital_draft: DigitalDraftTable;
  resource: ResourceTable;
  hub_digital_check: HubDigitalCheckTable;
  attendance: AttendanceTable;
  learning_plan: LearningPlanTable;
  backup_log: BackupLogTable;
  /** The first start's one-time setup code (one row, id 1), while no active administrator exists. */
  setup_code: SetupCodeTable;
  /** The setup made in the browser (one row, id 1), under a center file where both exist. */
  center_setup: CenterSetupTable;
  /** A villager's tablet session: only the SHA-256 of the tablet's token, bound to one person. */
  villager_token: VillagerTokenTable;
  household: HouseholdTable;
  household_member: HouseholdMemberTable;
  /** Children only as household-level facts: a count and a yes/no (null when there is none). */
  household_facts: HouseholdFactsTable;
  clan: ClanTable;
  clan_household: ClanHouseholdTable;
  unit: UnitTable;
  unit_staff_count: UnitStaffCountTable;
  unit_member: UnitMemberTable;
  hub_model_subject: HubModelSubjectTable;
  hub_model_assessment: HubModelAssessmentTable;
  /** The commune's appraisal of a community's or unit's self-assessment; answers and reasons as JSON. */
  hub_model_appraisal: HubModelAppraisalTable;
  /** Past recognitions imported at the hub (issue 24): the files, their rows, the decisions they became. */
  hub_history_import: HubHistoryImportTable;
  hub_history_row: HubHistoryRowTable;
  hub_history_decision: HubHistoryDecisionTable;
  /** The written parts of the reports the hub signs (issue 25), per year and kind. */
  hub_report_text: HubReportTextTable;
  /** A hub's own key that signs certificates, and the keys of the hub above that check them (issue 25). */
  document_key: DocumentKeyTable;
  /** Closed lists the commune returned with a reason (issue 24): the hub's record, and the center's copy. */
  hub_list_return: HubListReturnTable;
  list_return: ListReturnTable;
}
