import { afterEach, beforeEach, expect, inject } from 'vitest';
import type { ResourceInputDraft } from '../../../shared/schemas/resource.ts';
import { staffSessions, type Role } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';

export let province: Harness;
export let commune: Harness;
export let center: Harness;
export let provinceStaff: Record<Role, string>;
export let communeStaff: Record<Role, string>;
export let centerStaff: Record<Role, string>;
/** The resource items each feed page carried to the center (id, revision): what went over the wire. */
export let toCenter: [string, number][];
export let toCommune: [string, number][];
/** Answers to drop on the center's next feed reads (the link lost them after the commune answered). */
export let dropFeedAnswers: number;

/** A loopback link to one harness, noting the resource items in every feed page it carries. */
export const linkTo =
  (to: () => Harness, log: () => [string, number][], lossy = false): typeof fetch =>
  async (input, init) => {
    const url = new URL(String(input));
    const res = await to().app.request(url.pathname + url.search, init);
    if (url.pathname === '/api/hub/feed' && res.ok) {
      const page = (await res.clone().json()) as {
        items: { kind: string; message: { id: string; revision: number } }[];
      };
      for (const i of page.items) if (i.kind === 'resource') log().push([i.message.id, i.message.revision]);
      if (lossy && dropFeedAnswers > 0) {
        dropFeedAnswers--;
        throw new TypeError('connection reset');
      }
    }
    return res;
  };

export const pgUrl = inject('pgUrl');
/** The commune hub's storage, as in the federation contract suite: SQLite, and PostgreSQL when installed. */
export const hubStorages = pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

export const ricePrinted: ResourceInputDraft = {
  kind: 'printed',
  title: 'Sổ tay trồng lúa cải tiến',
  topic: 'Nông nghiệp',
  indicators: ['CS07'],
  place: 'Thư viện xã',
};
export const vneidLink: ResourceInputDraft = {
  kind: 'link',
  title: 'Hướng dẫn dùng VNeID',
  topic: 'Dịch vụ công',
  url: 'https://vneid.gov.vn',
  indicators: ['CS05'],
  domains: ['safety'],
};
export const digitalClass: ResourceInputDraft = {
  kind: 'class',
  title: 'Lớp chuyển đổi số cho người cao tuổi',
  topic: 'Kỹ năng số',
  indicators: ['CS05'],
  teacher: 'Thầy Phong (Sở GD-ĐT)',
  place: 'Hội trường UBND xã',
  sessions: [{ startsAt: '2026-12-03T01:00:00.000Z' }],
};

export const run = async (h: Harness, cookie: string) => {
  const res = await h.json('POST', '/api/staff/federation/run', undefined, cookie);
  expect(res.status).toBe(200);
  return res.body as { lastError: { code: string } | null };
};
export const syncCenter = async () => expect((await run(center, centerStaff.admin)).lastError).toBeNull();
export const syncCommune = async () => expect((await run(commune, communeStaff.admin)).lastError).toBeNull();
export const catalogOf = async (h: Harness, since = 0) =>
  (await h.json('GET', `/api/resources?since=${since}`)).body as {
    version: number;
    changes: { id: string; origin: string; revision: number; retired: boolean; title: string; version: number }[];
  };
export const rowOf = (h: Harness, id: string) =>
  h.db.selectFrom('resource').selectAll().where('id', '=', id).executeTakeFirst();

/** The hub's next `n` feed answers are lost on the way to the center. */
export function dropNextFeedAnswers(n: number): void {
  dropFeedAnswers = n;
}

/** Before each test a province, a commune hub on `storage` and a center, linked through counting proxies; closed after. */
export function freshHubsEachTest(storage: (typeof hubStorages)[number]): void {
  beforeEach(async () => {
    toCenter = [];
    toCommune = [];
    dropFeedAnswers = 0;
    province = await startHarness(undefined, { KIOSK_ROLE: 'hub', KIOSK_HUB_LEVEL: 'province' });
    commune = await startHarness(
      undefined,
      { KIOSK_ROLE: 'hub' },
      linkTo(
        () => province,
        () => toCommune,
      ),
      storage === 'postgres' ? pgUrl : null,
    );
    center = await startHarness(
      undefined,
      {},
      linkTo(
        () => commune,
        () => toCenter,
        true,
      ),
    );
    provinceStaff = await staffSessions(province);
    communeStaff = await staffSessions(commune);
    centerStaff = await staffSessions(center);
    const code = (
      await commune.json('POST', '/api/staff/hub/enrolments', { name: 'TTHTCĐ xã Tân Lập' }, communeStaff.admin)
    ).body.code;
    expect(
      (
        await center.json(
          'POST',
          '/api/staff/federation/enrol',
          { hubUrl: 'http://commune.test', code },
          centerStaff.admin,
        )
      ).status,
    ).toBe(200);
  });
  afterEach(async () => {
    await center.close();
    await commune.close();
    await province.close();
  });
}
