import { afterAll, beforeAll, expect } from 'vitest';
import { build, indicatorIds } from '../../fixtures/people.ts';
import { staffSessions, type Role } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';
import { closeVillageLists } from '../hub/close-lists.ts';

/**
 * What the certificate tests share (issue 25): a commune hub, a center enrolled with it (which got
 * the hub's key in the enrolment's answer), three villagers recognized by one decision, one of them
 * off the public list, and that decision's certificates printed as the officer prints them.
 */

export const NUMBER = '15/QĐ-UBND';
export const SIGNED_ON = '2026-12-01';
export const villagers = [
  { name: 'Hoàng Văn Páo', village: 'Thôn Đồng Chằm', publicList: true },
  { name: 'Lò Thị Xuân', village: 'Thôn Gò Chè', publicList: false },
  { name: 'Đặng Văn Quý', village: 'Thôn Đồng Chằm', publicList: true },
];

export interface Commune {
  hub: Harness;
  hubStaff: Record<Role, string>;
  center: Harness;
  centerStaff: Record<Role, string>;
  decisionId: string;
}

/** A link from a center to the hub app; `tamper` may change an answer (as a hub of an earlier version gives it). */
export const linkTo =
  (to: () => Harness, tamper?: (path: string, body: any) => any): typeof fetch =>
  async (input, init) => {
    const url = new URL(String(input));
    const res = await to().app.request(url.pathname + url.search, init);
    if (!tamper || !res.headers.get('content-type')?.includes('json')) return res;
    const body = tamper(url.pathname, await res.json());
    const headers = new Headers(res.headers);
    headers.delete('content-length');
    return new Response(JSON.stringify(body), { status: res.status, headers });
  };

/** A center enrolled with `hub` through `link`. */
export async function enrolledCenter(hub: Harness, hubAdmin: string, link: typeof fetch, name: string) {
  const center = await startHarness(undefined, {}, link);
  const centerStaff = await staffSessions(center);
  const { body } = await hub.json('POST', '/api/staff/hub/enrolments', { name }, hubAdmin);
  const res = await center.json(
    'POST',
    '/api/staff/federation/enrol',
    { hubUrl: 'http://hub.test', code: body.code },
    centerStaff.admin,
  );
  expect(res.status).toBe(200);
  return { center, centerStaff };
}

export async function sync(center: Harness, admin: string): Promise<void> {
  const res = await center.json('POST', '/api/staff/federation/run', undefined, admin);
  expect(res.body.lastError).toBeNull();
}

export async function startCommune(): Promise<Commune> {
  const hub = await startHarness(undefined, { KIOSK_ROLE: 'hub' });
  const hubStaff = await staffSessions(hub);
  const { center, centerStaff } = await enrolledCenter(
    hub,
    hubStaff.admin,
    linkTo(() => hub),
    'TTHTCĐ Tân Lập',
  );
  const personIds: string[] = [];
  for (const v of villagers) {
    const personId = build.id();
    const consents = { assessment: true, publicList: v.publicList, statistics: true };
    const reg = await center.json('PUT', `/api/people/${personId}`, {
      name: v.name,
      birthYear: 1960,
      village: v.village,
      consents,
    });
    expect(reg.status).toBe(200);
    const assessmentId = build.id();
    const assessment = build.assessment(personId, { scores: Object.fromEntries(indicatorIds.map((i) => [i, 9])) });
    expect((await center.json('PUT', `/api/assessments/${assessmentId}`, assessment)).status).toBe(200);
    const scores = indicatorIds.map((indicatorId) => ({ indicatorId, score: 9 }));
    const appraisal = await center.json(
      'PUT',
      `/api/staff/appraisals/${assessmentId}`,
      { scores },
      centerStaff.appraiser,
    );
    expect(appraisal.status).toBe(200);
    personIds.push(personId);
  }
  // The village branches close their lists before the commune decides (issue 24).
  await closeVillageLists(center, centerStaff.appraiser, 2026, villagers);
  await sync(center, centerStaff.admin);
  const decision = { year: 2026, number: NUMBER, signedOn: SIGNED_ON, signer: 'Nguyễn Văn Hùng', personIds };
  const rec = await hub.json('POST', '/api/staff/hub/decisions', decision, hubStaff.admin);
  expect(rec.status).toBe(200);
  return { hub, hubStaff, center, centerStaff, decisionId: (rec.body as { id: string }).id };
}

/** The verify links of a decision's certificates, as its print carries them (one per certificate). */
export async function printedLinks(hub: Harness, admin: string, decisionId: string): Promise<string[]> {
  const res = await hub.app.request(`/api/staff/hub/decisions/${decisionId}/certificates`, {
    headers: { cookie: admin },
  });
  expect(res.status).toBe(200);
  const html = await res.text();
  return [...html.matchAll(/data-verify-url="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
}

/** The token of a verify link. */
export const tokenOf = (link: string): string => new URL(link).searchParams.get('c')!;

/** The verify page for `token` on a box, as a phone with the address `client` opens it. */
export async function verifyOn(box: Harness, token: string, client = '192.168.1.50') {
  const res = await box.app.request(
    `/api/xac-minh?c=${encodeURIComponent(token)}`,
    {},
    { incoming: { socket: { remoteAddress: client } } },
  );
  const html = await res.text();
  const verdict = /data-verdict="([^"]*)"/.exec(html)?.[1];
  const code = /data-code="([^"]*)"/.exec(html)?.[1] ?? '';
  return { status: res.status, html, verdict, code };
}

/** The certificates of each sheet of a print, by the names they carry. */
export const sheetsOf = (html: string): string[][] =>
  html
    .split('data-sheet>')
    .slice(1)
    .map((sheet) => [...sheet.matchAll(/<p class="name">([^<]*)<\/p>/g)].map((m) => m[1]!));

/**
 * One commune (a hub, a center enrolled with it, a recorded decision) for the tests of a file, and
 * the tokens of the certificates the hub printed for that decision. Read both inside tests.
 */
export function communeForFile(): { readonly commune: Commune; readonly tokens: string[] } {
  const shared = {} as { commune: Commune; tokens: string[] };
  beforeAll(async () => {
    shared.commune = await startCommune();
    const { hub, hubStaff, decisionId } = shared.commune;
    shared.tokens = (await printedLinks(hub, hubStaff.admin, decisionId)).map(tokenOf);
  }, 60_000);
  afterAll(async () => {
    await shared.commune?.center.close();
    await shared.commune?.hub.close();
  });
  return shared;
}
