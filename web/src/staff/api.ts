import * as v from 'valibot';
import { AppraisalCaseSchema, QueueItemSchema, type SaveAppraisal } from '../../../shared/schemas/appraisal.ts';
import { EvidenceViewSchema } from '../../../shared/schemas/assessment.ts';
import { PersonViewSchema, type ConsentPurpose } from '../../../shared/schemas/person.ts';
import { StaffStatusSchema, StaffViewSchema, type CreateStaff } from '../../../shared/schemas/staff.ts';
import { EnrolmentIssuedSchema } from '../../../shared/schemas/enrolment.ts';
import type { DeclineInput, PopulationInput, TargetAdjustmentInput, UnitChangeInput } from '../../../shared/schemas/commune.ts';
import { DashboardSchema } from '../../../shared/schemas/dashboard.ts';
import { ModelRatesViewSchema } from '../../../shared/schemas/model-rates.ts';
import { mediaTypes, ResourceViewSchema, type ResourceInputDraft } from '../../../shared/schemas/resource.ts';
import { ClassAttendanceSchema, type PutAttendance } from '../../../shared/schemas/attendance.ts';
import { BackupRunSchema, BackupStatusSchema } from '../../../shared/schemas/backup.ts';
import { ClanViewSchema, HouseholdViewSchema, UnitViewSchema, type CreateClan, type CreateUnit, type UpdateClan, type UpdateUnit } from '../../../shared/schemas/registry.ts';
import { ModelCriteriaSetSchema, type ModelTitle } from '../../../shared/schemas/model-criteria-set.ts';
import type { PutModelAssessment, SaveModelAppraisal } from '../../../shared/schemas/model-assessment.ts';
import type { ModelVerdict } from '../../../shared/domain/models/verdict.ts';
import { HubModelQueueItemSchema, ModelProposalSchema, type DecisionTitle, type SubjectRef } from '../../../shared/schemas/decision.ts';
import { ProposalListSchema, type ProposalListData, type ProposalListTitle } from '../../../shared/schemas/proposal-list.ts';
import { HealthSchema } from '../../../shared/schemas/health.ts';
import { ApiError, call as callBox } from '../lib/api.ts';

/** The verdict is computed by the box (shared/domain/models/verdict.ts): checked for its shape's main fields. */
const VerdictSchema = v.pipe(
  v.looseObject({ kind: v.picklist(['points', 'targets']), passed: v.boolean(), items: v.array(v.looseObject({ itemId: v.string() })), shortfalls: v.array(v.looseObject({ kind: v.string() })) }),
  v.transform((x) => x as unknown as ModelVerdict),
);
const SubjectSchema = v.object({ kind: v.string(), id: v.string(), label: v.string(), village: v.nullable(v.string()) });
const ModelAssessmentSchema = v.looseObject({
  id: v.string(), title: v.string(), subject: SubjectSchema, year: v.number(), criteriaSetId: v.string(), criteriaSetVersion: v.string(),
  status: v.picklist(['draft', 'submitted']), answers: v.record(v.string(), v.union([v.number(), v.boolean()])), submittedAt: v.nullable(v.string()),
  verdict: VerdictSchema,
  /** Photos of declared items (`indicatorId`: the item). */
  evidence: v.array(EvidenceViewSchema),
});
export type ModelAssessmentData = v.InferOutput<typeof ModelAssessmentSchema>;
const ModelAppraisalCaseSchema = v.object({
  assessment: ModelAssessmentSchema,
  set: ModelCriteriaSetSchema,
  appraisal: v.nullable(v.object({
    appraiser: v.string(), updatedAt: v.string(), locked: v.boolean(),
    answers: v.record(v.string(), v.union([v.number(), v.boolean()])), reasons: v.record(v.string(), v.string()), verdict: VerdictSchema,
  })),
});
export type ModelAppraisalCaseData = v.InferOutput<typeof ModelAppraisalCaseSchema>;
const ModelQueueItemSchema = v.object({
  assessmentId: v.string(), title: v.string(), subject: SubjectSchema, submittedAt: v.nullable(v.string()), selfPassed: v.boolean(),
  appraised: v.nullable(v.object({ passed: v.boolean(), total: v.nullable(v.number()), level: v.nullable(v.number()) })),
});
export type ModelQueueItem = v.InferOutput<typeof ModelQueueItemSchema>;
const ModelStart = v.object({ assessment: v.nullable(ModelAssessmentSchema), set: ModelCriteriaSetSchema, subject: SubjectSchema, year: v.number(), verdict: VerdictSchema });

/** The staff API: the session cookie travels by itself (HttpOnly, same origin). */
const call = <S extends v.GenericSchema>(schema: S, path: string, init: RequestInit = {}): Promise<v.InferOutput<S>> =>
  callBox(schema, `/staff${path}`, init);

const send = (method: string, body?: unknown): RequestInit =>
  body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
const q = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(Object.entries(params).filter(([, x]) => x !== undefined && x !== '').map(([k, x]) => [k, String(x)])).toString();

const PersonHit = v.object({ id: v.string(), code: v.string(), name: v.string(), birthYear: v.number(), village: v.string() });
export type PersonHit = v.InferOutput<typeof PersonHit>;
export type ListData = ProposalListData;
/** Which list: a title, its year and (but for the center's clans' list) its village. */
export interface ListRef { title: ProposalListTitle; village: string; year: number }
/** The query naming a list; the clans' list is the center's and names no village. */
const listParams = ({ title, village, year }: ListRef) => ({ title, year, village: title === 'dhht' ? undefined : village });
const AuditRow = v.object({
  id: v.number(), at: v.string(), actor: v.nullable(v.string()), action: v.string(),
  subjectKind: v.nullable(v.string()), subjectId: v.nullable(v.string()), details: v.record(v.string(), v.unknown()),
});
export type AuditRow = v.InferOutput<typeof AuditRow>;
const Ok = v.object({ ok: v.literal(true) });
const FederationStatusSchema = v.object({
  enrolled: v.boolean(), hubUrl: v.nullable(v.string()), hubName: v.nullable(v.string()), fingerprint: v.optional(v.nullable(v.string()), null), lastSuccessAt: v.nullable(v.string()),
  lastAttemptAt: v.nullable(v.string()), waiting: v.number(), lastError: v.nullable(v.object({ code: v.string(), at: v.string() })),
  lostChanges: v.optional(v.number(), 0), historyUnresolved: v.optional(v.boolean(), false),
});
export type FederationStatus = v.InferOutput<typeof FederationStatusSchema>;
const HubNodeSchema = v.object({ id: v.string(), name: v.string(), status: v.string(), enrolledAt: v.string(), lastContactAt: v.nullable(v.string()), backlog: v.number() });
export type HubNode = v.InferOutput<typeof HubNodeSchema>;

const ProposalSchema = v.object({
  personId: v.string(), nodeId: v.string(), center: v.string(), name: v.string(), birthYear: v.number(), village: v.string(), group: v.string(),
  selfTotal: v.number(), appraisedTotal: v.number(), proposed: v.boolean(),
  decision: v.nullable(v.object({ id: v.string(), number: v.string(), signedOn: v.string() })),
  streak: v.number(), outstanding: v.boolean(),
  declined: v.nullable(v.object({ reason: v.string(), at: v.string() })),
});
export type Proposal = v.InferOutput<typeof ProposalSchema>;
const DecisionSchema = v.object({
  id: v.string(), title: v.optional(v.string(), 'cdht'), year: v.number(), number: v.string(), signedOn: v.string(), signer: v.string(), people: v.number(), revokedReason: v.nullable(v.string()),
});
export type Decision = v.InferOutput<typeof DecisionSchema>;
const PopulationRow = v.object({ kind: v.picklist(['village', 'households', 'unit']), name: v.string(), year: v.number(), count: v.number(), enteredBy: v.string(), enteredAt: v.string() });
export type PopulationRow = v.InferOutput<typeof PopulationRow>;
const UnitChangeRow = v.object({ kind: v.picklist(['village', 'center']), from: v.string(), to: v.string(), year: v.number(), by: v.string(), at: v.string() });
export type UnitChangeRow = v.InferOutput<typeof UnitChangeRow>;
/** A decision: people for the Learning Citizen title, households, clans, villages or units for the four others. */
export type NewDecision = { year: number; number: string; signedOn: string; signer: string } & ({ personIds: string[] } | { title: Exclude<DecisionTitle, 'cdht'>; subjects: SubjectRef[] });
export type { ModelProposal, HubModelQueueItem } from '../../../shared/schemas/decision.ts';

export const staffApi = {
  status: () => call(StaffStatusSchema, '/status'),
  setup: (name: string, pin: string, setupCode: string) => call(StaffViewSchema, '/setup', send('POST', { name, pin, setupCode })),
  signIn: (name: string, pin: string) => call(StaffViewSchema, '/sign-in', send('POST', { name, pin })),
  signOut: () => call(Ok, '/sign-out', send('POST')),
  accounts: () => call(v.array(StaffViewSchema), '/accounts'),
  createAccount: (input: CreateStaff) => call(StaffViewSchema, '/accounts', send('POST', input)),
  deactivate: (id: string) => call(Ok, `/accounts/${id}/deactivate`, send('POST')),
  findPeople: (params: { code?: string; name?: string; birthYear?: number; village?: string }) => call(v.array(PersonHit), `/people?${q(params)}`),
  personData: (id: string) => call(v.object({ person: PersonViewSchema, consentLog: v.array(v.object({ purpose: v.string(), granted: v.boolean(), at: v.string() })), assessments: v.array(v.object({ year: v.number(), status: v.string() })) }), `/people/${id}/data`),
  changeConsent: (id: string, purpose: ConsentPurpose, granted: boolean) => call(PersonViewSchema, `/people/${id}/consents`, send('POST', { purpose, granted })),
  erase: (id: string) => call(v.object({ assessments: v.number(), photos: v.number() }), `/people/${id}`, send('DELETE')),
  queue: (village: string, year: number) => call(v.array(QueueItemSchema), `/appraisals?${q({ village, year })}`),
  appraisal: (id: string) => call(AppraisalCaseSchema, `/appraisals/${id}`),
  saveAppraisal: (id: string, body: SaveAppraisal) => call(AppraisalCaseSchema, `/appraisals/${id}`, send('PUT', body)),
  returnAppraisal: (id: string, message: string) => call(AppraisalCaseSchema, `/appraisals/${id}/return`, send('POST', { message })),
  reopen: (id: string, reason: string) => call(AppraisalCaseSchema, `/appraisals/${id}/reopen`, send('POST', { reason })),
  list: (ref: ListRef, kind: 'official' | 'public' = 'official') => call(ProposalListSchema, `/lists?${q({ ...listParams(ref), kind })}`),
  finalize: (ref: ListRef) => call(ProposalListSchema, '/lists/finalize', send('POST', listParams(ref))),
  /** The administrator reopens a locked appraisal from the list (a person's, a household's or a clan's). */
  reopenListed: (assessmentId: string, reason: string) => call(v.looseObject({}), `/appraisals/${assessmentId}/reopen`, send('POST', { reason })),
  audit: (params: { action?: string; from?: string; to?: string }) => call(v.array(AuditRow), `/audit?${q(params)}`),
  federation: () => call(FederationStatusSchema, '/federation'),
  enrol: (hubUrl: string, code: string) => call(FederationStatusSchema, '/federation/enrol', send('POST', { hubUrl, code })),
  syncNow: () => call(FederationStatusSchema, '/federation/run', send('POST')),
  repin: (fingerprint: string) => call(FederationStatusSchema, '/federation/pin', send('POST', { fingerprint })),
  hubNodes: () => call(v.array(HubNodeSchema), '/hub/nodes'),
  createEnrolment: (name: string) => call(EnrolmentIssuedSchema, '/hub/enrolments', send('POST', { name })),
  hubCertificate: () => call(v.object({ fingerprint: v.nullable(v.string()) }), '/hub/certificate'),
  revokeNode: (id: string) => call(Ok, `/hub/nodes/${id}/revoke`, send('POST')),
  proposals: (year: number) => call(v.array(ProposalSchema), `/hub/proposals?${q({ year })}`),
  /** The proposals of one of the four other titles (households, clans, villages, units). */
  modelProposals: (title: Exclude<DecisionTitle, 'cdht'>, year: number) => call(v.array(ModelProposalSchema), `/hub/proposals?${q({ year, title })}`),
  decisions: (year: number, title?: DecisionTitle) => call(v.array(DecisionSchema), `/hub/decisions?${q({ year, title })}`),
  recordDecision: (d: NewDecision) => call(v.object({ id: v.string() }), '/hub/decisions', send('POST', d)),
  revokeDecision: (id: string, reason: string) => call(Ok, `/hub/decisions/${id}/revoke`, send('POST', { reason })),
  /** Takes one person (by id) or one household, clan, village or unit out of a decision. */
  reopenDecided: (id: string, who: string | SubjectRef, reason: string) =>
    call(Ok, `/hub/decisions/${id}/reopen`, send('POST', typeof who === 'string' ? { personId: who, reason } : { subject: who, reason })),
  decline: (input: DeclineInput) => call(Ok, '/hub/declines', send('POST', input)),
  dashboard: (year: number) => call(DashboardSchema, `/hub/dashboard?${q({ year })}`),
  modelRates: (year: number) => call(ModelRatesViewSchema, `/hub/model-rates?${q({ year })}`),
  population: (year: number) => call(v.array(PopulationRow), `/hub/population?${q({ year })}`),
  setPopulation: (input: PopulationInput) => call(Ok, '/hub/population', send('PUT', input)),
  adjustTarget: (input: TargetAdjustmentInput) => call(Ok, '/hub/targets', send('POST', input)),
  unitChanges: () => call(v.array(UnitChangeRow), '/hub/units'),
  changeUnits: (input: UnitChangeInput) => call(Ok, '/hub/units', send('POST', input)),
  resources: () => call(v.array(ResourceViewSchema), '/resources'),
  putResource: (id: string, input: ResourceInputDraft) => call(ResourceViewSchema, `/resources/${id}`, send('PUT', input)),
  storeMedia: (file: File) => call(v.object({ sha256: v.string(), type: v.picklist(mediaTypes), bytes: v.number() }), '/media', {
    method: 'POST', body: file, headers: { 'content-type': file.type || 'application/octet-stream' },
  }),
  retireResource: (id: string) => call(ResourceViewSchema, `/resources/${id}/retire`, send('POST')),
  attendance: (resourceId: string) => call(ClassAttendanceSchema, `/resources/${resourceId}/attendance`),
  putAttendance: (resourceId: string, body: PutAttendance) => call(ClassAttendanceSchema, `/resources/${resourceId}/attendance`, send('PUT', body)),
  importResources: (file: File) => call(v.object({ imported: v.number() }), '/resources/import', {
    method: 'POST', body: file, headers: { 'content-type': file.name.toLowerCase().endsWith('.csv') ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  }),
  households: (village?: string) => call(v.array(HouseholdViewSchema), `/households?${q({ village })}`),
  /** A move: staff link a person already in another household, closing that membership. */
  moveIntoHousehold: (id: string, code: string, birthYear: number) =>
    callBox(HouseholdViewSchema, `/households/${id}/members`, send('POST', { code, birthYear, move: true })),
  leaveHousehold: (id: string, personId: string) => call(HouseholdViewSchema, `/households/${id}/members/${personId}/leave`, send('POST')),
  setHouseholdHead: (id: string, personId: string) => call(HouseholdViewSchema, `/households/${id}/head`, send('PUT', { personId })),
  clans: () => call(v.array(ClanViewSchema), '/clans'),
  createClan: (input: CreateClan) => call(ClanViewSchema, '/clans', send('POST', input)),
  linkClanHousehold: (id: string, headCode: string, move = false) => call(ClanViewSchema, `/clans/${id}/households`, send('POST', { headCode, ...(move ? { move } : {}) })),
  leaveClan: (id: string, householdId: string) => call(ClanViewSchema, `/clans/${id}/households/${householdId}/leave`, send('POST')),
  updateClan: (id: string, input: UpdateClan) => call(ClanViewSchema, `/clans/${id}`, send('PUT', input)),
  updateUnit: (id: string, input: UpdateUnit) => call(UnitViewSchema, `/units/${id}`, send('PUT', input)),
  units: () => call(v.array(UnitViewSchema), '/units'),
  createUnit: (input: CreateUnit) => call(UnitViewSchema, '/units', send('POST', input)),
  setStaffCount: (id: string, year: number, count: number) => call(UnitViewSchema, `/units/${id}/staff-count/${year}`, send('PUT', { count })),
  linkUnitMember: (id: string, code: string, birthYear: number) => call(UnitViewSchema, `/units/${id}/members`, send('POST', { code, birthYear })),
  leaveUnit: (id: string, personId: string) => call(UnitViewSchema, `/units/${id}/members/${personId}/leave`, send('POST')),
  /** The subject's assessment of a title this year (null when none yet), its set and the verdict so far. */
  modelAssessment: (title: ModelTitle, subjectId: string) => callBox(ModelStart, `/model-assessments/current/${title}/${encodeURIComponent(subjectId)}`),
  putModelAssessment: (id: string, input: PutModelAssessment) => callBox(ModelAssessmentSchema, `/model-assessments/${id}`, send('PUT', input)),
  modelQueue: (year: number) => call(v.array(ModelQueueItemSchema), `/model-appraisals?${q({ year })}`),
  modelAppraisal: (id: string) => call(ModelAppraisalCaseSchema, `/model-appraisals/${id}`),
  saveModelAppraisal: (id: string, input: SaveModelAppraisal) => call(ModelAppraisalCaseSchema, `/model-appraisals/${id}`, send('PUT', input)),
  /** The commune's appraisal of villages and units, on the hub. */
  hubModelQueue: (year: number) => call(v.array(HubModelQueueItemSchema), `/hub/model-appraisals?${q({ year })}`),
  hubModelAppraisal: (id: string) => call(ModelAppraisalCaseSchema, `/hub/model-appraisals/${id}`),
  saveHubModelAppraisal: (id: string, input: SaveModelAppraisal) => call(ModelAppraisalCaseSchema, `/hub/model-appraisals/${id}`, send('PUT', input)),
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
  reportUrl: (year: number, format: 'html' | 'xlsx', kind: 'report' | 'public-list') => `/api/staff/hub/report?${q({ year, format, kind })}`,
  /** Links the browser opens itself (print view, downloads): the cookie goes with them. */
  exportUrl: (ref: ListRef, format: 'html' | 'xlsx' | 'csv', kind: 'official' | 'public' = 'official') =>
    `/api/staff/lists/export?${q({ ...listParams(ref), format, kind })}`,
  personDataUrl: (id: string, format: 'json' | 'html') => `/api/staff/people/${id}/data?format=${format}`,
  evidenceUrl: (id: string) => `/api/staff/evidence/${id}`,
};
