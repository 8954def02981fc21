import * as v from 'valibot';
import { AppraisalCaseSchema, QueueItemSchema, type SaveAppraisal } from '../../../shared/schemas/appraisal.ts';
import { EvidenceViewSchema } from '../../../shared/schemas/assessment.ts';
import { PersonViewSchema, type ConsentPurpose } from '../../../shared/schemas/person.ts';
import { StaffStatusSchema, StaffViewSchema, type CreateStaff } from '../../../shared/schemas/staff.ts';
import { EnrolmentIssuedSchema } from '../../../shared/schemas/enrolment.ts';
import type {
  DeclineInput,
  PopulationInput,
  TargetAdjustmentInput,
  UnitChangeInput,
} from '../../../shared/schemas/commune.ts';
import { DashboardSchema } from '../../../shared/schemas/dashboard.ts';
import { ModelRatesViewSchema } from '../../../shared/schemas/model-rates.ts';
import { ResourceViewSchema, type ResourceInputDraft } from '../../../shared/schemas/resource.ts';
import { ClassAttendanceSchema, type PutAttendance } from '../../../shared/schemas/attendance.ts';
import { BackupRunSchema, BackupStatusSchema } from '../../../shared/schemas/backup.ts';
import {
  ClanViewSchema,
  HouseholdViewSchema,
  UnitViewSchema,
  type CreateClan,
  type CreateUnit,
  type UpdateClan,
  type UpdateUnit,
} from '../../../shared/schemas/registry.ts';
import type { ModelTitle } from '../../../shared/schemas/model-criteria-set.ts';
import type { PutModelAssessment, SaveModelAppraisal } from '../../../shared/schemas/model-assessment.ts';
import {
  HubModelQueueItemSchema,
  ModelProposalSchema,
  type DecisionTitle,
  type SubjectRef,
} from '../../../shared/schemas/decision.ts';
import {
  ProposalListSchema,
  type ProposalListData,
  type ProposalListTitle,
} from '../../../shared/schemas/proposal-list.ts';
import { HealthSchema } from '../../../shared/schemas/health.ts';
import { HistoryImportResultSchema, HistoryRowViewSchema } from '../../../shared/schemas/history.ts';
import { ClosedListViewSchema, type ListReturnInput } from '../../../shared/schemas/list-return.ts';
import { AuditRowSchema } from '../../../shared/schemas/responses/audit.ts';
import { AnyObjectSchema, CreatedSchema, OkSchema as Ok } from '../../../shared/schemas/responses/common.ts';
import {
  FederationStatusSchema,
  HubCertificateSchema,
  HubNodeSchema,
} from '../../../shared/schemas/responses/federation.ts';
import {
  DecisionSchema,
  PopulationRowSchema,
  ProposalSchema,
  UnitChangeRowSchema,
} from '../../../shared/schemas/responses/hub.ts';
import {
  ModelAppraisalCaseSchema,
  ModelAssessmentViewSchema,
  ModelQueueItemSchema,
  ModelStartSchema,
} from '../../../shared/schemas/responses/model-assessment.ts';
import { ErasedSchema, PersonDataSchema, PersonHitSchema } from '../../../shared/schemas/responses/people.ts';
import { ImportedSchema, StoredMediaSchema } from '../../../shared/schemas/responses/resources.ts';
import { ApiError, call as callBox } from '../lib/api.ts';

/** The staff API: the session cookie travels by itself (HttpOnly, same origin). */
const call = <S extends v.GenericSchema>(schema: S, path: string, init: RequestInit = {}): Promise<v.InferOutput<S>> =>
  callBox(schema, `/staff${path}`, init);

const send = (method: string, body?: unknown): RequestInit =>
  body === undefined
    ? { method }
    : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
const q = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(params)
      .filter(([, x]) => x !== undefined && x !== '')
      .map(([k, x]) => [k, String(x)]),
  ).toString();

export type ListData = ProposalListData;
export type { ClosedListView } from '../../../shared/schemas/list-return.ts';
/** Which list: a title, its year and (but for the center's clans' list) its village. */
export interface ListRef {
  title: ProposalListTitle;
  village: string;
  year: number;
}
/** The query naming a list; the clans' list is the center's and names no village. */
const listParams = ({ title, village, year }: ListRef) => ({
  title,
  year,
  village: title === 'dhht' ? undefined : village,
});
/** A decision: people for the Learning Citizen title, households, clans, villages or units for the four others. */
export type NewDecision = { year: number; number: string; signedOn: string; signer: string } & (
  { personIds: string[] } | { title: Exclude<DecisionTitle, 'cdht'>; subjects: SubjectRef[] }
);
export type { ModelProposal, HubModelQueueItem } from '../../../shared/schemas/decision.ts';
export type { AuditRow } from '../../../shared/schemas/responses/audit.ts';
export type { FederationStatus, HubNode } from '../../../shared/schemas/responses/federation.ts';
export type { Decision, PopulationRow, Proposal, UnitChangeRow } from '../../../shared/schemas/responses/hub.ts';
export type {
  ModelAppraisalCaseData,
  ModelAssessmentViewData as ModelAssessmentData,
  ModelQueueItem,
} from '../../../shared/schemas/responses/model-assessment.ts';
export type { PersonHit } from '../../../shared/schemas/responses/people.ts';

export const staffApi = {
  status: () => call(StaffStatusSchema, '/status'),
  setup: (name: string, pin: string, setupCode: string) =>
    call(StaffViewSchema, '/setup', send('POST', { name, pin, setupCode })),
  signIn: (name: string, pin: string) => call(StaffViewSchema, '/sign-in', send('POST', { name, pin })),
  signOut: () => call(Ok, '/sign-out', send('POST')),
  accounts: () => call(v.array(StaffViewSchema), '/accounts'),
  createAccount: (input: CreateStaff) => call(StaffViewSchema, '/accounts', send('POST', input)),
  deactivate: (id: string) => call(Ok, `/accounts/${id}/deactivate`, send('POST')),
  findPeople: (params: { code?: string; name?: string; birthYear?: number; village?: string }) =>
    call(v.array(PersonHitSchema), `/people?${q(params)}`),
  personData: (id: string) => call(PersonDataSchema, `/people/${id}/data`),
  changeConsent: (id: string, purpose: ConsentPurpose, granted: boolean) =>
    call(PersonViewSchema, `/people/${id}/consents`, send('POST', { purpose, granted })),
  erase: (id: string) => call(ErasedSchema, `/people/${id}`, send('DELETE')),
  queue: (village: string, year: number) => call(v.array(QueueItemSchema), `/appraisals?${q({ village, year })}`),
  appraisal: (id: string) => call(AppraisalCaseSchema, `/appraisals/${id}`),
  saveAppraisal: (id: string, body: SaveAppraisal) => call(AppraisalCaseSchema, `/appraisals/${id}`, send('PUT', body)),
  returnAppraisal: (id: string, message: string) =>
    call(AppraisalCaseSchema, `/appraisals/${id}/return`, send('POST', { message })),
  reopen: (id: string, reason: string) =>
    call(AppraisalCaseSchema, `/appraisals/${id}/reopen`, send('POST', { reason })),
  list: (ref: ListRef, kind: 'official' | 'public' = 'official') =>
    call(ProposalListSchema, `/lists?${q({ ...listParams(ref), kind })}`),
  finalize: (ref: ListRef) => call(ProposalListSchema, '/lists/finalize', send('POST', listParams(ref))),
  /** The administrator reopens a locked appraisal from the list (a person's, a household's or a clan's). */
  reopenListed: (assessmentId: string, reason: string) =>
    call(AnyObjectSchema, `/appraisals/${assessmentId}/reopen`, send('POST', { reason })),
  audit: (params: { action?: string; from?: string; to?: string }) =>
    call(v.array(AuditRowSchema), `/audit?${q(params)}`),
  federation: () => call(FederationStatusSchema, '/federation'),
  /** The officer's join code; the hub's address only when the code carries none. */
  enrol: (code: string, hubUrl?: string) =>
    call(FederationStatusSchema, '/federation/enrol', send('POST', hubUrl ? { hubUrl, code } : { code })),
  syncNow: () => call(FederationStatusSchema, '/federation/run', send('POST')),
  repin: (fingerprint: string) => call(FederationStatusSchema, '/federation/pin', send('POST', { fingerprint })),
  hubNodes: () => call(v.array(HubNodeSchema), '/hub/nodes'),
  createEnrolment: (name: string, address: string) =>
    call(EnrolmentIssuedSchema, '/hub/enrolments', send('POST', { name, address })),
  hubCertificate: () => call(HubCertificateSchema, '/hub/certificate'),
  revokeNode: (id: string) => call(Ok, `/hub/nodes/${id}/revoke`, send('POST')),
  proposals: (year: number) => call(v.array(ProposalSchema), `/hub/proposals?${q({ year })}`),
  /** The proposals of one of the four other titles (households, clans, villages, units). */
  modelProposals: (title: Exclude<DecisionTitle, 'cdht'>, year: number) =>
    call(v.array(ModelProposalSchema), `/hub/proposals?${q({ year, title })}`),
  decisions: (year: number, title?: DecisionTitle) =>
    call(v.array(DecisionSchema), `/hub/decisions?${q({ year, title })}`),
  recordDecision: (d: NewDecision) => call(CreatedSchema, '/hub/decisions', send('POST', d)),
  revokeDecision: (id: string, reason: string) => call(Ok, `/hub/decisions/${id}/revoke`, send('POST', { reason })),
  /** Takes one person (by id) or one household, clan, village or unit out of a decision. */
  reopenDecided: (id: string, who: string | SubjectRef, reason: string) =>
    call(
      Ok,
      `/hub/decisions/${id}/reopen`,
      send('POST', typeof who === 'string' ? { personId: who, reason } : { subject: who, reason }),
    ),
  decline: (input: DeclineInput) => call(Ok, '/hub/declines', send('POST', input)),
  dashboard: (year: number) => call(DashboardSchema, `/hub/dashboard?${q({ year })}`),
  modelRates: (year: number) => call(ModelRatesViewSchema, `/hub/model-rates?${q({ year })}`),
  population: (year: number) => call(v.array(PopulationRowSchema), `/hub/population?${q({ year })}`),
  setPopulation: (input: PopulationInput) => call(Ok, '/hub/population', send('PUT', input)),
  adjustTarget: (input: TargetAdjustmentInput) => call(Ok, '/hub/targets', send('POST', input)),
  unitChanges: () => call(v.array(UnitChangeRowSchema), '/hub/units'),
  changeUnits: (input: UnitChangeInput) => call(Ok, '/hub/units', send('POST', input)),
  resources: () => call(v.array(ResourceViewSchema), '/resources'),
  putResource: (id: string, input: ResourceInputDraft) =>
    call(ResourceViewSchema, `/resources/${id}`, send('PUT', input)),
  storeMedia: (file: File) =>
    call(StoredMediaSchema, '/media', {
      method: 'POST',
      body: file,
      headers: { 'content-type': file.type || 'application/octet-stream' },
    }),
  retireResource: (id: string) => call(ResourceViewSchema, `/resources/${id}/retire`, send('POST')),
  attendance: (resourceId: string) => call(ClassAttendanceSchema, `/resources/${resourceId}/attendance`),
  putAttendance: (resourceId: string, body: PutAttendance) =>
    call(ClassAttendanceSchema, `/resources/${resourceId}/attendance`, send('PUT', body)),
  importResources: (file: File) =>
    call(ImportedSchema, '/resources/import', {
      method: 'POST',
      body: file,
      headers: {
        'content-type': file.name.toLowerCase().endsWith('.csv')
          ? 'text/csv'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
    }),
  households: (village?: string) => call(v.array(HouseholdViewSchema), `/households?${q({ village })}`),
  /** A move: staff link a person already in another household, closing that membership. */
  moveIntoHousehold: (id: string, code: string, birthYear: number) =>
    callBox(HouseholdViewSchema, `/households/${id}/members`, send('POST', { code, birthYear, move: true })),
  leaveHousehold: (id: string, personId: string) =>
    call(HouseholdViewSchema, `/households/${id}/members/${personId}/leave`, send('POST')),
  setHouseholdHead: (id: string, personId: string) =>
    call(HouseholdViewSchema, `/households/${id}/head`, send('PUT', { personId })),
  clans: () => call(v.array(ClanViewSchema), '/clans'),
  createClan: (input: CreateClan) => call(ClanViewSchema, '/clans', send('POST', input)),
  linkClanHousehold: (id: string, headCode: string, move = false) =>
    call(ClanViewSchema, `/clans/${id}/households`, send('POST', { headCode, ...(move ? { move } : {}) })),
  leaveClan: (id: string, householdId: string) =>
    call(ClanViewSchema, `/clans/${id}/households/${householdId}/leave`, send('POST')),
  updateClan: (id: string, input: UpdateClan) => call(ClanViewSchema, `/clans/${id}`, send('PUT', input)),
  updateUnit: (id: string, input: UpdateUnit) => call(UnitViewSchema, `/units/${id}`, send('PUT', input)),
  units: () => call(v.array(UnitViewSchema), '/units'),
  createUnit: (input: CreateUnit) => call(UnitViewSchema, '/units', send('POST', input)),
  setStaffCount: (id: string, year: number, count: number) =>
    call(UnitViewSchema, `/units/${id}/staff-count/${year}`, send('PUT', { count })),
  linkUnitMember: (id: string, code: string, birthYear: number) =>
    call(UnitViewSchema, `/units/${id}/members`, send('POST', { code, birthYear })),
  leaveUnit: (id: string, personId: string) =>
    call(UnitViewSchema, `/units/${id}/members/${personId}/leave`, send('POST')),
  /** The subject's assessment of a title this year (null when none yet), its set and the verdict so far. */
  modelAssessment: (title: ModelTitle, subjectId: string) =>
    callBox(ModelStartSchema, `/model-assessments/current/${title}/${encodeURIComponent(subjectId)}`),
  putModelAssessment: (id: string, input: PutModelAssessment) =>
    callBox(ModelAssessmentViewSchema, `/model-assessments/${id}`, send('PUT', input)),
  modelQueue: (year: number) => call(v.array(ModelQueueItemSchema), `/model-appraisals?${q({ year })}`),
  modelAppraisal: (id: string) => call(ModelAppraisalCaseSchema, `/model-appraisals/${id}`),
  saveModelAppraisal: (id: string, input: SaveModelAppraisal) =>
    call(ModelAppraisalCaseSchema, `/model-appraisals/${id}`, send('PUT', input)),
  /** The commune's appraisal of villages and units, on the hub. */
  hubModelQueue: (year: number) => call(v.array(HubModelQueueItemSchema), `/hub/model-appraisals?${q({ year })}`),
  hubModelAppraisal: (id: string) => call(ModelAppraisalCaseSchema, `/hub/model-appraisals/${id}`),
  saveHubModelAppraisal: (id: string, input: SaveModelAppraisal) =>
    call(ModelAppraisalCaseSchema, `/hub/model-appraisals/${id}`, send('PUT', input)),
  backups: () => call(BackupStatusSchema, '/backups'),
  /** The box's checks: 503 (something fails) carries the same body as 200, so both are read. */
  health: async () => {
    let res: Response;
    try {
      res = await fetch('/api/health', { credentials: 'same-origin' });
    } catch (e) {
      throw new ApiError('network', (e as Error).message);
    }
    if (res.status !== 200 && res.status !== 503) throw new ApiError('internal', res.statusText);
    return v.parse(HealthSchema, await res.json());
  },
  backupNow: () => call(BackupRunSchema, '/backups', send('POST')),
  reportUrl: (year: number, format: 'html' | 'xlsx', kind: 'report' | 'public-list') =>
    `/api/staff/hub/report?${q({ year, format, kind })}`,
  /** Links the browser opens itself (print view, downloads): the cookie goes with them. */
  exportUrl: (ref: ListRef, format: 'html' | 'xlsx' | 'csv', kind: 'official' | 'public' = 'official') =>
    `/api/staff/lists/export?${q({ ...listParams(ref), format, kind })}`,
  decisionPaperUrl: (id: string, format: 'html' | 'docx') => `/api/staff/hub/decisions/${id}/paper?${q({ format })}`,
  /** A recorded decision's certificates, two A5 on each A4 sheet, each with its QR code (issue 25). */
  decisionCertificatesUrl: (id: string) => `/api/staff/hub/decisions/${id}/certificates`,
  decisionDraftUrl: (year: number, title: DecisionTitle, format: 'html' | 'docx') =>
    `/api/staff/hub/decision-draft?${q({ year, title, format })}`,
  commendationUrl: (review: 2025 | 2030, format: 'html' | 'docx' | 'xlsx') =>
    `/api/staff/hub/commendation?${q({ review, format })}`,
  personDataUrl: (id: string, format: 'json' | 'html') => `/api/staff/people/${id}/data?format=${format}`,
  evidenceUrl: (id: string) => `/api/staff/evidence/${id}`,
  /** The commune's past recognitions (issue 24): the template, the import, the rows, the review of a close match. */
  historyTemplateUrl: () => '/api/staff/hub/history/template',
  historyRows: () => call(v.array(HistoryRowViewSchema), '/hub/history'),
  importHistory: (file: File) =>
    call(HistoryImportResultSchema, '/hub/history', {
      method: 'POST',
      body: file,
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    }),
  reviewHistory: (id: string, accept: boolean) => call(Ok, `/hub/history/${id}/review`, send('POST', { accept })),
  /** The village lists the centers closed (issue 24), and returning one with a reason. */
  closedLists: (year: number) => call(v.array(ClosedListViewSchema), `/hub/closed-lists?${q({ year })}`),
  returnList: (input: ListReturnInput) => call(Ok, '/hub/list-returns', send('POST', input)),
};
