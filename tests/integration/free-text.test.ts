import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, indicatorIds, people } from '../fixtures/people.ts';
import { staffSessions, type Role } from '../fixtures/staff.ts';
import { startHarness, type Harness } from './harness.ts';

/**
 * Issue 21: NUL and right-to-left override characters in clan, representative, teacher and center
 * names and in free text were taken (only person names refused them); a right-to-left override
 * makes a printed list or decision show other text than was stored. Through the real routes, each
 * free-text field named in the issue is now refused with `text.invalid-characters` naming the field,
 * and nothing changes. (The center's name and villages in its configuration: config.test.ts; a
 * resource import: resources.test.ts; a learning plan: learning-plans.test.ts; population:
 * hub/population.test.ts; every field of every schema: server/src/http/text-coverage.test.ts.)
 */

let center: Harness;
let hub: Harness;
let centerStaff: Record<Role, string>;
let hubStaff: Record<Role, string>;
let personId: string;
let assessmentId: string;
const clanId = build.id();

beforeAll(async () => {
  center = await startHarness();
  centerStaff = await staffSessions(center);
  hub = await startHarness(undefined, { KIOSK_ROLE: 'hub' });
  hubStaff = await staffSessions(hub);
  personId = build.id();
  expect((await center.json('PUT', `/api/people/${personId}`, people.baLan)).status).toBe(200);
  assessmentId = build.id();
  expect(
    (await center.json('PUT', `/api/assessments/${assessmentId}`, build.assessment(personId, { status: 'submitted' })))
      .status,
  ).toBe(200);
  expect(
    (
      await center.json(
        'POST',
        '/api/staff/clans',
        { id: clanId, name: 'Họ Nguyễn Văn', representative: 'Nguyễn Văn Tư' },
        centerStaff.facilitator,
      )
    ).status,
  ).toBe(200);
});
afterAll(async () => {
  await center.close();
  await hub.close();
});

const computerClass = {
  kind: 'class',
  title: 'Học máy tính cho người lớn tuổi',
  topic: 'Kỹ năng số',
  description: 'Bật máy, gõ chữ.\nTìm tin trên mạng.',
  indicators: ['CS05'],
  teacher: 'Cô Mai',
  place: 'Phòng học trung tâm',
  sessions: [{ startsAt: '2026-11-27T01:00:00.000Z' }],
};
const appraisal = (reason: string) => ({
  scores: indicatorIds.map((indicatorId) => ({
    indicatorId,
    score: 8,
    ...(indicatorId === 'CS01' ? { score: 5, reason } : {}),
  })),
});
const decision = {
  year: 2026,
  number: '15/QĐ-UBND',
  signedOn: '2026-12-01',
  signer: 'Chủ tịch UBND xã',
  personIds: [build.id()],
};

type Where = 'center' | 'hub';
/** Where, the request with the bad text put in, who sends it, and the field named in the refusal. */
const fields: [string, Where, (bad: string) => [string, string, unknown], Role | null, string][] = [
  [
    "a clan's name",
    'center',
    (bad) => ['POST', '/api/staff/clans', { id: build.id(), name: `Họ ${bad}Nguyễn`, representative: 'Nguyễn Văn Tư' }],
    'facilitator',
    'name',
  ],
  [
    "a clan's representative",
    'center',
    (bad) => ['POST', '/api/staff/clans', { id: build.id(), name: 'Họ Trần', representative: `Trần ${bad}Văn Ba` }],
    'facilitator',
    'representative',
  ],
  [
    "a clan's representative, corrected",
    'center',
    (bad) => ['PUT', `/api/staff/clans/${clanId}`, { name: 'Họ Nguyễn Văn', representative: `Nguyễn${bad} Văn Tư` }],
    'facilitator',
    'representative',
  ],
  [
    "a unit's name",
    'center',
    (bad) => [
      'POST',
      '/api/staff/units',
      { id: build.id(), name: `Trường tiểu học${bad} Tân Lập`, kind: 'school', village: 'Thôn Đồng Chằm' },
    ],
    'admin',
    'name',
  ],
  [
    "a class's teacher",
    'center',
    (bad) => ['PUT', `/api/staff/resources/${build.id()}`, { ...computerClass, teacher: `Cô ${bad}Mai` }],
    'facilitator',
    'teacher',
  ],
  [
    "a resource's title",
    'center',
    (bad) => ['PUT', `/api/staff/resources/${build.id()}`, { ...computerClass, title: `Học máy tính${bad}` }],
    'facilitator',
    'title',
  ],
  [
    "a resource's description",
    'center',
    (bad) => [
      'PUT',
      `/api/staff/resources/${build.id()}`,
      { ...computerClass, description: `Bật máy.\n${bad}Gõ chữ.` },
    ],
    'facilitator',
    'description',
  ],
  [
    "a villager's note on an answer",
    'center',
    (bad) => [
      'PUT',
      `/api/assessments/${build.id()}`,
      build.assessment(personId, { answers: [{ indicatorId: 'CS01', score: 7, note: `Tôi đi họp${bad} thôn` }] }),
    ],
    null,
    'answers.0.note',
  ],
  [
    "an appraiser's reason",
    'center',
    (bad) => ['PUT', `/api/staff/appraisals/${assessmentId}`, appraisal(`Chưa có${bad} minh chứng`)],
    'appraiser',
    'scores.0.reason',
  ],
  [
    'a message returning an assessment',
    'center',
    (bad) => ['POST', `/api/staff/appraisals/${assessmentId}/return`, { message: `Cần thêm${bad} ảnh` }],
    'appraiser',
    'message',
  ],
  [
    "a decision's number",
    'hub',
    (bad) => ['POST', '/api/staff/hub/decisions', { ...decision, number: `15${bad}/QĐ-UBND` }],
    'admin',
    'number',
  ],
  [
    "a decision's signer",
    'hub',
    (bad) => ['POST', '/api/staff/hub/decisions', { ...decision, signer: `Chủ tịch${bad} UBND xã` }],
    'admin',
    'signer',
  ],
  [
    "a center's name given with its enrolment code",
    'hub',
    (bad) => ['POST', '/api/staff/hub/enrolments', { name: `TTHTCĐ${bad} Tân Lập` }],
    'admin',
    'name',
  ],
  [
    "a village's new name",
    'hub',
    (bad) => [
      'POST',
      '/api/staff/hub/units',
      { kind: 'village', from: ['Thôn Gò Chè'], to: `Thôn${bad} Gò Mây`, year: 2026 },
    ],
    'admin',
    'to',
  ],
  [
    'the reason for a target',
    'hub',
    (bad) => [
      'POST',
      '/api/staff/hub/targets',
      { measure: 'cdht', year: 2026, value: 0.5, reason: `Nghị quyết${bad} số 12` },
    ],
    'admin',
    'reason',
  ],
  [
    'the reason for a decline',
    'hub',
    (bad) => [
      'POST',
      '/api/staff/hub/declines',
      { personId: build.id(), year: 2026, reason: `Minh chứng${bad} chưa rõ` },
    ],
    'admin',
    'reason',
  ],
];

describe('free text through the routes', () => {
  it.each(fields)(
    'refuses a NUL and a right-to-left override in %s, changing nothing',
    async (_name, where, request, role, field) => {
      const h = where === 'center' ? center : hub;
      const cookie = role === null ? undefined : (where === 'center' ? centerStaff : hubStaff)[role];
      for (const bad of ['\u0000', '\u202E']) {
        const before = await h.counts();
        const [method, path, body] = request(bad);
        const res = await h.json(method, path, body, cookie);
        expect(res.status, JSON.stringify(res.body)).toBe(422);
        expect(res.body).toMatchObject({ code: 'text.invalid-characters', details: { fields: [field] } });
        expect(await h.counts()).toEqual(before);
      }
    },
  );

  it('takes the same fields in plain Vietnamese, line breaks where a field has several lines', async () => {
    expect(
      (await center.json('PUT', `/api/staff/resources/${build.id()}`, computerClass, centerStaff.facilitator)).status,
    ).toBe(200);
    expect(
      (
        await center.json(
          'POST',
          '/api/staff/clans',
          { id: build.id(), name: 'Họ Đặng', representative: 'Đặng Thị Ánh' },
          centerStaff.facilitator,
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await center.json(
          'PUT',
          `/api/staff/appraisals/${assessmentId}`,
          appraisal('Chưa có minh chứng.\nHỏi lại trưởng thôn.'),
          centerStaff.appraiser,
        )
      ).status,
    ).toBe(200);
    // A line break is no part of a one-line name.
    expect(
      (
        await center.json(
          'POST',
          '/api/staff/clans',
          { id: build.id(), name: 'Họ\nĐặng', representative: 'Đặng Thị Ánh' },
          centerStaff.facilitator,
        )
      ).body,
    ).toMatchObject({ code: 'text.invalid-characters', details: { fields: ['name'] } });
  });
});
