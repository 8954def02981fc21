import { build } from '../../fixtures/people.ts';
import { ids, type StaffRoute } from './roles-setup.ts';

/** The hub's staff routes, who may call each, and a request that is otherwise well-formed. */
export const hubRoutes: StaffRoute[] = [
  { name: 'hub registry', allowed: ['admin'], request: () => ['GET', '/api/staff/hub/nodes'] },
  {
    name: "the hub's certificate fingerprint",
    allowed: ['admin'],
    request: () => ['GET', '/api/staff/hub/certificate'],
  },
  {
    name: 'hub enrolment code',
    allowed: ['admin'],
    request: () => ['POST', '/api/staff/hub/enrolments', { name: 'TTHTCĐ Tân Lập' }],
  },
  { name: 'hub revoke', allowed: ['admin'], request: () => ['POST', `/api/staff/hub/nodes/${build.id()}/revoke`] },
  { name: 'hub refusals', allowed: ['admin'], request: () => ['GET', '/api/staff/hub/refusals'] },
  { name: 'hub proposals', allowed: ['admin'], request: () => ['GET', '/api/staff/hub/proposals?year=2026'] },
  { name: 'hub decisions', allowed: ['admin'], request: () => ['GET', '/api/staff/hub/decisions?year=2026'] },
  {
    name: 'record a decision',
    allowed: ['admin'],
    request: () => [
      'POST',
      '/api/staff/hub/decisions',
      { year: 2026, number: '12/QĐ-UBND', signedOn: '2026-12-01', signer: 'Chủ tịch UBND xã', personIds: [build.id()] },
    ],
  },
  {
    name: 'revoke a decision',
    allowed: ['admin'],
    request: () => ['POST', `/api/staff/hub/decisions/${build.id()}/revoke`, { reason: 'Nhầm người' }],
  },
  {
    name: 'reopen a decided result',
    allowed: ['admin'],
    request: () => [
      'POST',
      `/api/staff/hub/decisions/${build.id()}/reopen`,
      { personId: build.id(), reason: 'Chấm lại CS03' },
    ],
  },
  {
    name: 'decline a proposal',
    allowed: ['admin'],
    request: () => [
      'POST',
      '/api/staff/hub/declines',
      { personId: build.id(), year: 2026, reason: 'Thiếu minh chứng' },
    ],
  },
  {
    name: 'hub proposals of a title',
    allowed: ['admin'],
    request: () => ['GET', '/api/staff/hub/proposals?year=2026&title=gdht'],
  },
  {
    name: 'record a decision on households',
    allowed: ['admin'],
    request: () => [
      'POST',
      '/api/staff/hub/decisions',
      {
        title: 'gdht',
        year: 2026,
        number: '13/QĐ-UBND',
        signedOn: '2026-12-01',
        signer: 'Chủ tịch UBND xã',
        subjects: [{ kind: 'household', id: build.id() }],
      },
    ],
  },
  {
    name: 'reopen a decided household',
    allowed: ['admin'],
    request: () => [
      'POST',
      `/api/staff/hub/decisions/${build.id()}/reopen`,
      { subject: { kind: 'household', id: build.id() }, reason: 'Chấm lại G2.2' },
    ],
  },
  {
    name: 'villages and units to appraise',
    allowed: ['admin'],
    request: () => ['GET', '/api/staff/hub/model-appraisals?year=2026'],
  },
  {
    name: "a village's appraisal",
    allowed: ['admin'],
    request: () => ['GET', `/api/staff/hub/model-appraisals/${build.id()}`],
  },
  {
    name: 'appraise a village',
    allowed: ['admin'],
    request: () => ['PUT', `/api/staff/hub/model-appraisals/${build.id()}`, { answers: [] }],
  },
  { name: 'the resource catalog', allowed: ['facilitator', 'admin'], request: () => ['GET', '/api/staff/resources'] },
  {
    name: 'create or edit a resource',
    allowed: ['facilitator', 'admin'],
    request: () => [
      'PUT',
      `/api/staff/resources/${build.id()}`,
      { kind: 'printed', title: 'Sổ tay trồng lúa', topic: 'Nông nghiệp' },
    ],
  },
  {
    name: 'import resources',
    allowed: ['facilitator', 'admin'],
    request: () => ['POST', '/api/staff/resources/import', 'Loại,Tiêu đề,Chủ đề\r\nTài liệu in,Sổ tay,Nông nghiệp'],
  },
  {
    name: 'retire a resource',
    allowed: ['facilitator', 'admin'],
    request: () => ['POST', `/api/staff/resources/${build.id()}/retire`],
  },
  {
    name: 'class attendance',
    allowed: ['facilitator', 'admin'],
    request: () => ['GET', `/api/staff/resources/${build.id()}/attendance`],
  },
  {
    name: 'mark attendance',
    allowed: ['facilitator', 'admin'],
    request: () => [
      'PUT',
      `/api/staff/resources/${build.id()}/attendance`,
      { sessionStartsAt: '2026-11-20T01:00:00.000Z', personIds: [ids.personId] },
    ],
  },
  {
    name: 'store a video or document',
    allowed: ['facilitator', 'admin'],
    request: () => ['POST', '/api/staff/media', '%PDF-1.4 tài liệu'],
  },
  { name: 'the dashboard', allowed: ['admin'], request: () => ['GET', '/api/staff/hub/dashboard?year=2026'] },
  {
    name: "the four models' rates",
    allowed: ['admin'],
    request: () => ['GET', '/api/staff/hub/model-rates?year=2026'],
  },
  { name: 'the denominators', allowed: ['admin'], request: () => ['GET', '/api/staff/hub/population?year=2026'] },
  {
    name: 'enter a denominator',
    allowed: ['admin'],
    request: () => [
      'PUT',
      '/api/staff/hub/population',
      { kind: 'village', name: 'Thôn Đồng Chằm', year: 2026, count: 420 },
    ],
  },
  {
    name: 'enter households of a village',
    allowed: ['admin'],
    request: () => [
      'PUT',
      '/api/staff/hub/population',
      { kind: 'households', name: 'Thôn Đồng Chằm', year: 2026, count: 120 },
    ],
  },
  {
    name: 'adjust a target',
    allowed: ['admin'],
    request: () => [
      'POST',
      '/api/staff/hub/targets',
      { measure: 'cdht', year: 2026, value: 0.45, reason: 'Nghị quyết HĐND xã' },
    ],
  },
  { name: 'unit changes', allowed: ['admin'], request: () => ['GET', '/api/staff/hub/units'] },
  {
    name: 'merge or rename a unit',
    allowed: ['admin'],
    request: () => [
      'POST',
      '/api/staff/hub/units',
      { kind: 'village', from: ['Thôn Gò Chè'], to: 'Thôn Gò Chè Mới', year: 2026 },
    ],
  },
  {
    name: 'the yearly report',
    allowed: ['admin'],
    request: () => ['GET', '/api/staff/hub/report?year=2026&format=html'],
  },
  {
    name: 'a signed report: its editor, A4 print or Word',
    allowed: ['admin'],
    request: () => ['GET', '/api/staff/hub/report-paper?year=2026&kind=result&format=json'],
  },
  {
    name: "a signed report's written sections saved",
    allowed: ['admin'],
    request: () => [
      'PUT',
      '/api/staff/hub/report-paper',
      { year: 2026, kind: 'emulation', number: '', date: '', sections: { proposals: 'Đề nghị khen thưởng.' } },
    ],
  },
  {
    name: 'the draft of the next decision (A4 or Word)',
    allowed: ['admin'],
    request: () => ['GET', '/api/staff/hub/decision-draft?year=2026&title=cdht&format=html'],
  },
  {
    name: "a decision's papers (A4 or Word)",
    allowed: ['admin'],
    request: () => ['GET', `/api/staff/hub/decisions/${build.id()}/paper?format=docx`],
  },
  {
    name: 'the commendation proposal (A4, Word or Excel)',
    allowed: ['admin'],
    request: () => ['GET', '/api/staff/hub/commendation?review=2025&format=html'],
  },
  {
    name: "a decision's certificates (A4 sheets of two)",
    allowed: ['admin'],
    request: () => ['GET', `/api/staff/hub/decisions/${build.id()}/certificates`],
  },
  {
    name: 'the template of past recognitions',
    allowed: ['admin'],
    request: () => ['GET', '/api/staff/hub/history/template'],
  },
  { name: 'the imported past recognitions', allowed: ['admin'], request: () => ['GET', '/api/staff/hub/history'] },
  { name: 'import past recognitions', allowed: ['admin'], request: () => ['POST', '/api/staff/hub/history', 'x'] },
  {
    name: 'review a close match',
    allowed: ['admin'],
    request: () => ['POST', `/api/staff/hub/history/${build.id()}/review`, { accept: true }],
  },
  {
    name: 'the closed village lists',
    allowed: ['admin'],
    request: () => ['GET', '/api/staff/hub/closed-lists?year=2026'],
  },
  {
    name: 'return a closed list',
    allowed: ['admin'],
    request: () => [
      'POST',
      '/api/staff/hub/list-returns',
      { nodeId: build.id(), listId: build.id(), reason: 'Thiếu minh chứng CS03' },
    ],
  },
];
