import { build } from '../../fixtures/people.ts';
import { ids, type StaffRoute } from './roles-setup.ts';

/** The center's staff routes (the hub's: roles-routes-hub.ts), who may call each, and a request that is otherwise well-formed. */
export const centerRoutes: StaffRoute[] = [
  { name: 'list staff accounts', allowed: ['admin'], request: () => ['GET', '/api/staff/accounts'] },
  {
    name: 'create a staff account',
    allowed: ['admin'],
    request: () => [
      'POST',
      '/api/staff/accounts',
      {
        name: `Người Mới ${Math.random()
          .toString(36)
          .replace(/[^a-z]/g, '')
          .slice(0, 5)}`,
        role: 'facilitator',
        pin: '479260',
      },
    ],
  },
  {
    name: 'deactivate a staff account',
    allowed: ['admin'],
    request: () => ['POST', `/api/staff/accounts/${build.id()}/deactivate`],
  },
  {
    name: 'search people',
    allowed: ['facilitator', 'appraiser', 'admin'],
    request: () => ['GET', '/api/staff/people?name=Lan'],
  },
  {
    name: "see a person's data",
    allowed: ['facilitator', 'admin'],
    request: () => ['GET', `/api/staff/people/${ids.personId}/data`],
  },
  {
    name: "export a person's data",
    allowed: ['facilitator', 'admin'],
    request: () => ['GET', `/api/staff/people/${ids.personId}/data?format=json`],
  },
  {
    name: 'record a consent change',
    allowed: ['facilitator', 'admin'],
    request: () => ['POST', `/api/staff/people/${ids.personId}/consents`, { purpose: 'statistics', granted: true }],
  },
  {
    name: 'erase a person',
    allowed: ['facilitator', 'admin'],
    request: () => ['DELETE', `/api/staff/people/${build.id()}`],
  },
  {
    name: 'see an evidence photo',
    allowed: ['facilitator', 'appraiser', 'admin'],
    request: () => ['GET', `/api/staff/evidence/${build.id()}`],
  },
  {
    name: 'the appraisal queue',
    allowed: ['appraiser', 'admin'],
    request: () => ['GET', '/api/staff/appraisals?village=Thôn Đồng Chằm&year=2026'],
  },
  {
    name: 'an appraisal case',
    allowed: ['appraiser', 'admin'],
    request: () => ['GET', `/api/staff/appraisals/${ids.assessmentId}`],
  },
  {
    name: 'save an appraisal',
    allowed: ['appraiser', 'admin'],
    request: () => ['PUT', `/api/staff/appraisals/${ids.assessmentId}`, { scores: [] }],
  },
  {
    name: 'return for more evidence',
    allowed: ['appraiser', 'admin'],
    request: () => ['POST', `/api/staff/appraisals/${build.id()}/return`, { message: 'Thêm ảnh giấy chứng nhận' }],
  },
  {
    name: 'reopen a locked appraisal',
    allowed: ['admin'],
    request: () => ['POST', `/api/staff/appraisals/${build.id()}/reopen`, { reason: 'Sai điểm CS03' }],
  },
  {
    name: 'see the proposal list',
    allowed: ['facilitator', 'appraiser', 'admin'],
    request: () => ['GET', '/api/staff/lists?village=Thôn Đồng Chằm&year=2026'],
  },
  {
    name: 'finalize the proposal list',
    allowed: ['appraiser', 'admin'],
    request: () => ['POST', '/api/staff/lists/finalize', { village: 'Thôn Gò Chè', year: 2026 }],
  },
  {
    name: 'export the proposal list',
    allowed: ['facilitator', 'appraiser', 'admin'],
    request: () => ['GET', '/api/staff/lists/export?village=Thôn Đồng Chằm&year=2026&format=csv'],
  },
  {
    name: "see a village's households' list",
    allowed: ['facilitator', 'appraiser', 'admin'],
    request: () => ['GET', '/api/staff/lists?title=gdht&village=Thôn Đồng Chằm&year=2026'],
  },
  {
    name: "finalize the center's clans' list",
    allowed: ['appraiser', 'admin'],
    request: () => ['POST', '/api/staff/lists/finalize', { title: 'dhht', year: 2026 }],
  },
  {
    name: "export the center's clans' list",
    allowed: ['facilitator', 'appraiser', 'admin'],
    request: () => ['GET', '/api/staff/lists/export?title=dhht&year=2026&format=xlsx'],
  },
  { name: 'read the audit log', allowed: ['admin'], request: () => ['GET', '/api/staff/audit'] },
  { name: 'federation status', allowed: ['admin'], request: () => ['GET', '/api/staff/federation'] },
  // Port 9 on loopback refuses at once: the enrolment fails with sync.unreachable, never leaves the machine.
  {
    name: 'enrol with a hub',
    allowed: ['admin'],
    request: () => ['POST', '/api/staff/federation/enrol', { hubUrl: 'http://127.0.0.1:9', code: 'ABCDE-FGHJK' }],
  },
  { name: 'sync now', allowed: ['admin'], request: () => ['POST', '/api/staff/federation/run'] },
  {
    name: "re-pin the hub's certificate",
    allowed: ['admin'],
    request: () => ['POST', '/api/staff/federation/pin', { fingerprint: '0123A-BCDEF-GHJKM-NPQRS-TVWXY' }],
  },
  { name: 'the last backups', allowed: ['admin'], request: () => ['GET', '/api/staff/backups'] },
  { name: 'back up now', allowed: ['admin'], request: () => ['POST', '/api/staff/backups'] },
  {
    name: 'households of a village',
    allowed: ['facilitator', 'admin'],
    request: () => ['GET', '/api/staff/households?village=Thôn Đồng Chằm'],
  },
  {
    name: 'a member leaves a household',
    allowed: ['facilitator', 'admin'],
    request: () => ['POST', `/api/staff/households/${build.id()}/members/${build.id()}/leave`],
  },
  {
    name: 'hand the head role over',
    allowed: ['facilitator', 'admin'],
    request: () => ['PUT', `/api/staff/households/${build.id()}/head`, { personId: build.id() }],
  },
  { name: 'the clans', allowed: ['facilitator', 'admin'], request: () => ['GET', '/api/staff/clans'] },
  {
    name: 'create a clan',
    allowed: ['facilitator', 'admin'],
    request: () => ['POST', '/api/staff/clans', { id: build.id(), name: 'Họ Nguyễn', representative: 'Nguyễn Văn Tư' }],
  },
  { name: 'a clan', allowed: ['facilitator', 'admin'], request: () => ['GET', `/api/staff/clans/${build.id()}`] },
  {
    name: 'a household joins a clan',
    allowed: ['facilitator', 'admin'],
    request: () => ['POST', `/api/staff/clans/${build.id()}/households`, { headCode: 'ABCDEF' }],
  },
  {
    name: 'a clan corrected',
    allowed: ['facilitator', 'admin'],
    request: () => ['PUT', `/api/staff/clans/${build.id()}`, { name: 'Họ Nguyễn', representative: 'Nguyễn Văn Tư' }],
  },
  {
    name: 'a household leaves a clan',
    allowed: ['facilitator', 'admin'],
    request: () => ['POST', `/api/staff/clans/${build.id()}/households/${build.id()}/leave`],
  },
  {
    name: 'a unit corrected',
    allowed: ['facilitator', 'admin'],
    request: () => [
      'PUT',
      `/api/staff/units/${build.id()}`,
      { name: 'Hợp tác xã chè', kind: 'cooperative', village: 'Thôn Gò Chè' },
    ],
  },
  { name: 'the units', allowed: ['facilitator', 'admin'], request: () => ['GET', '/api/staff/units'] },
  {
    name: 'create a unit',
    allowed: ['facilitator', 'admin'],
    request: () => [
      'POST',
      '/api/staff/units',
      { id: build.id(), name: 'Hợp tác xã chè', kind: 'cooperative', village: 'Thôn Gò Chè' },
    ],
  },
  { name: 'a unit', allowed: ['facilitator', 'admin'], request: () => ['GET', `/api/staff/units/${build.id()}`] },
  {
    name: "a unit's staff count",
    allowed: ['facilitator', 'admin'],
    request: () => ['PUT', `/api/staff/units/${build.id()}/staff-count/2026`, { count: 12 }],
  },
  {
    name: 'link a unit member',
    allowed: ['facilitator', 'admin'],
    request: () => ['POST', `/api/staff/units/${build.id()}/members`, { code: 'ABCDEF', birthYear: 1980 }],
  },
  {
    name: 'a unit member leaves',
    allowed: ['facilitator', 'admin'],
    request: () => ['POST', `/api/staff/units/${build.id()}/members/${build.id()}/leave`],
  },
  {
    name: 'households and clans to appraise',
    allowed: ['appraiser', 'admin'],
    request: () => ['GET', '/api/staff/model-appraisals?year=2026'],
  },
  {
    name: "a household's appraisal",
    allowed: ['appraiser', 'admin'],
    request: () => ['GET', `/api/staff/model-appraisals/${build.id()}`],
  },
  {
    name: 'appraise a household',
    allowed: ['appraiser', 'admin'],
    request: () => ['PUT', `/api/staff/model-appraisals/${build.id()}`, { answers: [] }],
  },
  { name: 'sign out', allowed: ['facilitator', 'appraiser', 'admin'], request: () => ['POST', '/api/staff/sign-out'] },
];
