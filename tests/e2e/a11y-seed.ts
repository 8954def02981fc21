import { expect } from 'vitest';
import { build } from '../fixtures/people.ts';
import type { adminApi } from './kiosk.ts';

/** What the accessibility audit (a11y.test.ts, a11y-staff.test.ts) puts on a center before reading its screens. */

type AdminApi = Awaited<ReturnType<typeof adminApi>>;

const day = 86_400_000;
/** A minute-aligned instant, as the staff form would enter it. */
const at = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString();

/** The center's catalog: a class this week and one that has begun, printed matter, a stored video, a link. */
export async function seedCatalog(api: AdminApi) {
  const put = async (body: Record<string, unknown>) =>
    expect((await api('PUT', `/api/staff/resources/${build.id()}`, body)).status).toBe(200);
  await put({
    kind: 'class',
    title: 'Lớp dùng điện thoại thông minh',
    topic: 'Kỹ năng số',
    teacher: 'Cô Mai',
    place: 'Phòng học trung tâm',
    indicators: ['CS05'],
    sessions: [{ startsAt: at(Date.now() - 3_600_000) }, { startsAt: at(Date.now() + 2 * day) }],
  });
  await put({ kind: 'printed', title: 'Sổ tay dịch vụ công trực tuyến', topic: 'Dịch vụ công', indicators: ['CS05'] });
  await put({
    kind: 'link',
    title: 'Sử dụng điện thoại an toàn',
    topic: 'An toàn trên mạng',
    url: 'https://example.vn/an-toan',
    indicators: ['CS05'],
    domains: ['safety'],
  });
  const video = new Uint8Array(20_000).map((_, i) => i % 251);
  video.set([0, 0, 0, 24, ...new TextEncoder().encode('ftypisom')]);
  const stored = await api('POST', '/api/staff/media', video);
  await put({
    kind: 'video',
    title: 'Nhận biết tin nhắn lừa đảo',
    topic: 'An toàn trên mạng',
    indicators: ['CS05'],
    domains: ['safety'],
    file: { ...stored.body, name: 'lua-dao.mp4' },
  });
}

/**
 * The registry with one of each: a household of two (so the head can be handed over), a clan, and a
 * unit with a worker linked, so every tab of "Gia đình, dòng họ, đơn vị" has a row with its forms.
 */
export async function seedRegistry(api: AdminApi) {
  const village = 'Thôn Đồng Chằm';
  const made: { name: string; code: string; birthYear: number }[] = [];
  for (const [name, birthYear] of [
    ['Đinh Văn Lực', 1980],
    ['Đinh Thị Nga', 1985],
  ] as const) {
    const res = await api('PUT', `/api/people/${build.id()}`, {
      name,
      birthYear,
      village,
      consents: { assessment: true, publicList: true, statistics: true },
    });
    expect(res.status).toBe(200);
    made.push({ name, code: res.body.code as string, birthYear });
  }
  const [head, member] = made as [(typeof made)[0], (typeof made)[0]];
  const household = build.id();
  expect(
    (await api('PUT', `/api/households/${household}`, { village, headCode: head.code, headBirthYear: head.birthYear }))
      .status,
  ).toBe(200);
  expect(
    (
      await api('POST', `/api/households/${household}/members`, {
        code: member.code,
        birthYear: member.birthYear,
        move: true,
      })
    ).status,
  ).toBe(200);
  expect(
    (
      await api('POST', '/api/staff/clans', {
        id: build.id(),
        name: 'Họ Đinh thôn Đồng Chằm',
        representative: 'Ông Đinh Văn Tâm',
      })
    ).status,
  ).toBe(200);
  const unit = build.id();
  expect(
    (
      await api('POST', '/api/staff/units', {
        id: unit,
        name: 'Hợp tác xã chè Đồng Chằm',
        kind: 'cooperative',
        village,
      })
    ).status,
  ).toBe(200);
  expect(
    (await api('PUT', `/api/staff/units/${unit}/staff-count/${new Date().getFullYear()}`, { count: 3 })).status,
  ).toBe(200);
  expect(
    (await api('POST', `/api/staff/units/${unit}/members`, { code: member.code, birthYear: member.birthYear })).status,
  ).toBe(200);
  return { head: head.name, member: member.name, household };
}

/**
 * The four other titles at the center, for the hub's screens: a household's self-assessment the
 * branch appraised as passing, and a village's and a unit's self-assessments (the commune's to
 * appraise), all submitted, so they go up with the next push.
 */
export async function seedModels(api: AdminApi) {
  const village = 'Thôn Gò Chè';
  const answers = (values: Record<string, number | boolean>) =>
    Object.entries(values).map(([itemId, value]) => ({ itemId, value }));
  const submit = async (title: string, subjectId: string, values: Record<string, number | boolean>) => {
    const current = await api('GET', `/api/model-assessments/current/${title}/${encodeURIComponent(subjectId)}`);
    const set = current.body.set as { id: string; version: string };
    const id = (current.body.assessment as { id: string } | null)?.id ?? build.id();
    const res = await api('PUT', `/api/model-assessments/${id}`, {
      title,
      subjectId,
      criteriaSetId: set.id,
      criteriaSetVersion: set.version,
      answers: answers(values),
      status: 'submitted',
    });
    expect(res.status).toBe(200);
    return id;
  };
  const head = await api('PUT', `/api/people/${build.id()}`, {
    name: 'Hà Thị Nhung',
    birthYear: 1968,
    village,
    consents: { assessment: true, publicList: true, statistics: true },
  });
  const household = build.id();
  expect(
    (await api('PUT', `/api/households/${household}`, { village, headCode: head.body.code, headBirthYear: 1968 }))
      .status,
  ).toBe(200);
  const full = { 'G1.2': 10, 'G1.3': 10, 'G2.2': 10, 'G2.3': 5, 'G3.1': 10, 'G3.2': 10, 'G4.1': 10, 'G4.2': 10 };
  const assessed = await submit('gdht', household, full);
  expect((await api('PUT', `/api/staff/model-appraisals/${assessed}`, { answers: answers(full) })).status).toBe(200);
  await submit('cddht', village, {
    'C1.1': true,
    'C1.2': true,
    'C4.1': true,
    'C4.2': true,
    'C5.1': true,
    'C5.2': true,
    'C5.3': true,
  });
  const unit = build.id();
  expect(
    (await api('POST', '/api/staff/units', { id: unit, name: 'Trường mầm non Gò Chè', kind: 'school', village }))
      .status,
  ).toBe(200);
  expect(
    (await api('PUT', `/api/staff/units/${unit}/staff-count/${new Date().getFullYear()}`, { count: 12 })).status,
  ).toBe(200);
  await submit('dvht', unit, { 'U1.3': true, 'U2.1': true, 'U2.2': false, 'U3.1': true, 'U3.2': false });
  return { household: 'Gia đình ông/bà Hà Thị Nhung', village, unit: 'Trường mầm non Gò Chè' };
}
