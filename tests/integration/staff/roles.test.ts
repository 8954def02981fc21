import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, people } from '../../fixtures/people.ts';
import { staffSessions, type Role } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';

type Caller = 'anonymous' | 'villager' | Role;
const callers: Caller[] = ['anonymous', 'villager', 'facilitator', 'appraiser', 'admin'];

let h: Harness;
let cookies: Record<Role, string> & { ids: Record<Role, string> };
let personId: string;
let assessmentId: string;

// "Sao lưu ngay" writes into its own folder, not beside the harness's temp folder.
const backupDir = mkdtempSync(join(tmpdir(), 'kiosk-roles-backups-'));

beforeAll(async () => {
  h = await startHarness(undefined, { KIOSK_BACKUP_DIR: backupDir });
  cookies = await staffSessions(h);
  personId = build.id();
  await h.json('PUT', `/api/people/${personId}`, people.baLan);
  assessmentId = build.id();
  await h.json('PUT', `/api/assessments/${assessmentId}`, build.assessment(personId));
});
afterAll(async () => {
  await h.close();
  rmSync(backupDir, { recursive: true, force: true });
});

/** Every staff route, who may call it, and a request that is otherwise well-formed. */
const routes: { name: string; allowed: Role[]; request: () => [string, string, unknown?] }[] = [
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
    request: () => ['GET', `/api/staff/people/${personId}/data`],
  },
  {
    name: "export a person's data",
    allowed: ['facilitator', 'admin'],
    request: () => ['GET', `/api/staff/people/${personId}/data?format=json`],
  },
  {
    name: 'record a consent change',
    allowed: ['facilitator', 'admin'],
    request: () => ['POST', `/api/staff/people/${personId}/consents`, { purpose: 'statistics', granted: true }],
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
    request: () => ['GET', `/api/staff/appraisals/${assessmentId}`],
  },
  {
    name: 'save an appraisal',
    allowed: ['appraiser', 'admin'],
    request: () => ['PUT', `/api/staff/appraisals/${assessmentId}`, { scores: [] }],
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
      { sessionStartsAt: '2026-11-20T01:00:00.000Z', personIds: [personId] },
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

function cookieFor(caller: Caller): string | undefined {
  if (caller === 'anonymous') return undefined;
  // A villager's screens carry no staff session; a made-up cookie is no better.
  if (caller === 'villager') return 'kiosk_staff=not-a-real-session-token';
  return cookies[caller];
}

describe('role boundaries on every staff route', () => {
  const cases = routes
    .filter((r) => r.name !== 'sign out')
    .flatMap((r) => callers.map((caller) => [r.name, caller, r] as const));
  it.each(cases)('%s as %s', async (_name, caller, route) => {
    const before =
      caller === 'anonymous' || caller === 'villager' || !route.allowed.includes(caller) ? await h.counts() : null;
    const [method, path, body] = route.request();
    const res = await h.json(method, path, body, cookieFor(caller));
    if (caller === 'anonymous' || caller === 'villager') {
      expect(res).toMatchObject({ status: 401, body: { code: 'auth.required' } });
    } else if (!route.allowed.includes(caller)) {
      expect(res).toMatchObject({ status: 403, body: { code: 'auth.forbidden' } });
    } else {
      expect([401, 403]).not.toContain(res.status);
    }
    if (before) expect(await h.counts()).toEqual(before);
  });

  it.each(['anonymous', 'villager'] as const)('sign out as %s is refused', async (caller) => {
    expect((await h.json('POST', '/api/staff/sign-out', undefined, cookieFor(caller))).status).toBe(401);
  });

  it('every staff route of the app is in this table', () => {
    const registered = h.app.routes.filter(
      (r) =>
        r.path.startsWith('/api/staff/') &&
        !['/api/staff/status', '/api/staff/setup', '/api/staff/sign-in'].includes(r.path) &&
        r.method !== 'ALL',
    );
    const requests = routes.map((r) => {
      const [method, path] = r.request();
      return `${method} ${path.split('?')[0]}`;
    });
    expect(registered.length).toBeGreaterThanOrEqual(routes.length);
    for (const r of registered) {
      // A route's parameters (:id, :personId, :year) match any one path segment of a request.
      const pattern = new RegExp(`^${r.method} ${r.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`);
      expect(
        requests.some((q) => pattern.test(q)),
        `${r.method} ${r.path}`,
      ).toBe(true);
    }
  });
});
