import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Counts, Dashboard, DashboardRow } from '../../../shared/schemas/dashboard.ts';
import { ensureFacts } from '../../../server/src/hub/ingest/facts.ts';
import type { DigitalBank } from '../../../shared/schemas/digital-bank.ts';
import { answerAll } from '../../fixtures/digital.ts';
import { build, indicatorIds } from '../../fixtures/people.ts';
import { cookieOf, staff, staffSessions, type Role } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';

/**
 * The commune hub's dashboard and report against counts computed here, independently, from the
 * villagers each center registered: two centers sync, the officer decides, declines, reopens,
 * enters denominators, adjusts a target and merges two villages.
 */

type Stage = 'registered' | 'draft' | 'submitted' | 'short' | 'pass';
interface Villager { village: string; group: string; stage: Stage; cs05: number; assisted: boolean; publicList: boolean; name: string }

const YEAR = 2026;
const VILLAGES = ['Thôn Đồng Chằm', 'Thôn Bãi Muống', 'Thôn Gò Chè', 'Thôn Suối Mây'];
const GROUPS = ['nhom-1', 'nhom-2', 'nhom-3'];
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ'];
const GIVEN = ['An', 'Bình', 'Cúc', 'Dung', 'Giang', 'Hà', 'Khánh'];
const STAGES: Stage[] = ['registered', 'draft', 'submitted', 'short', 'pass', 'pass', 'pass'];

/** A deterministic mix of villagers for one center. */
function villagersOf(center: number, n: number): Villager[] {
  return Array.from({ length: n }, (_, i) => ({
    village: VILLAGES[(i + center) % VILLAGES.length]!,
    group: GROUPS[(i * 7 + center) % GROUPS.length]!,
    stage: STAGES[(i * 3 + center) % STAGES.length]!,
    cs05: 6 + ((i + center * 2) % 5),
    assisted: (i + center) % 4 === 0,
    publicList: i % 3 !== 0,
    name: `${SURNAMES[i % SURNAMES.length]} ${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]} ${['Tân', 'Xuân'][center]}`,
  }));
}

interface Site { h: Harness; staff: Record<Role, string> & { ids: Record<Role, string> }; people: (Villager & { personId: string; assessmentId: string })[] }

let hub: Harness;
let province: Harness;
let hubStaff: Record<Role, string>;
let sites: Site[];

const linkTo = (to: () => Harness = () => hub): typeof fetch => async (input, init) => {
  const url = new URL(String(input));
  return to().app.request(url.pathname + url.search, init);
};

async function register(site: Site, list: Villager[]): Promise<void> {
  for (const v of list) {
    const personId = build.id();
    const assessmentId = build.id();
    const reg = await site.h.json('PUT', `/api/people/${personId}`, { name: v.name, birthYear: 1970, village: v.village, consents: { assessment: true, publicList: v.publicList, statistics: true } });
    expect(reg.status).toBe(200);
    site.people.push({ ...v, personId, assessmentId });
    if (v.stage === 'registered') continue;
    const scores = { ...Object.fromEntries(indicatorIds.map((id) => [id, 9])), CS05: v.cs05, ...(v.stage === 'short' ? { CS07: 4 } : {}) };
    const assessment = build.assessment(personId, { group: v.group, status: v.stage === 'draft' ? 'draft' : 'submitted', scores, ...(v.assisted ? { assistedBy: site.staff.ids.facilitator } : {}) });
    expect((await site.h.json('PUT', `/api/assessments/${assessmentId}`, assessment)).status).toBe(200);
    if (v.stage === 'short' || v.stage === 'pass') {
      const appraisal = { scores: indicatorIds.map((indicatorId) => ({ indicatorId, score: indicatorId === 'CS05' ? v.cs05 : indicatorId === 'CS07' && v.stage === 'short' ? 4 : 9, ...(indicatorId === 'CS07' && v.stage === 'short' ? { reason: 'Chưa có minh chứng' } : {}) })) };
      expect((await site.h.json('PUT', `/api/staff/appraisals/${assessmentId}`, appraisal, site.staff.appraiser)).status).toBe(200);
    }
  }
}

async function sync(site: Site): Promise<void> {
  const res = await site.h.json('POST', '/api/staff/federation/run', undefined, site.staff.admin);
  expect(res.body.lastError).toBeNull();
}

/** What the dashboard should say, counted from the villagers themselves. */
function expected(people: Site['people'], recognized: Set<string>, digitalMin: number): Counts {
  const assessed = people.filter((p) => p.stage !== 'registered' && p.stage !== 'draft');
  const rec = people.filter((p) => recognized.has(p.personId));
  const digital = rec.filter((p) => p.cs05 >= digitalMin);
  return {
    registered: people.length,
    selfAssessed: assessed.length,
    appraised: assessed.filter((p) => p.stage === 'short' || p.stage === 'pass').length,
    recognized: rec.length,
    digital: digital.length,
    proficient: digital.filter((p) => !p.assisted).length,
    outstanding: 0,
  };
}

const rowNamed = (rows: DashboardRow[], name: string) => {
  const row = rows.find((r) => r.name === name);
  expect(row, name).toBeDefined();
  return row!;
};

const pgUrl = inject('pgUrl');
const storages = pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

describe.each(storages)('commune dashboard on %s', (storage) => {
  beforeEach(async () => {
    province = await startHarness(undefined, { KIOSK_ROLE: 'hub', KIOSK_HUB_LEVEL: 'province' });
    hub = await startHarness(undefined, { KIOSK_ROLE: 'hub' }, linkTo(() => province), storage === 'postgres' ? pgUrl : null);
    hubStaff = await staffSessions(hub);
    sites = [];
    for (const [i, name] of ['TTHTCĐ Tân Lập', 'TTHTCĐ Xuân Sơn'].entries()) {
      const h = await startHarness(undefined, {}, linkTo());
      const site: Site = { h, staff: await staffSessions(h), people: [] };
      const { body } = await hub.json('POST', '/api/staff/hub/enrolments', { name }, hubStaff.admin);
      expect((await h.json('POST', '/api/staff/federation/enrol', { hubUrl: 'http://hub.test', code: body.code }, site.staff.admin)).status).toBe(200);
      await register(site, villagersOf(i, 21 + i * 5));
      await sync(site);
      sites.push(site);
    }
  });
  afterEach(async () => {
    for (const s of sites) await s.h.close();
    await hub.close();
    await province.close();
  });

  const dashboard = async (): Promise<Dashboard> => {
    const res = await hub.json('GET', `/api/staff/hub/dashboard?year=${YEAR}`, undefined, hubStaff.admin);
    expect(res.status).toBe(200);
    return res.body as Dashboard;
  };

  it('counts what the centers sent, per village, center and group, and the decisions', async () => {
    const all = sites.flatMap((s) => s.people);
    const passing = all.filter((p) => p.stage === 'pass');
    const [declined, ...named] = passing;
    const decision = await hub.json('POST', '/api/staff/hub/decisions', { year: YEAR, number: '15/QĐ-UBND', signedOn: '2026-12-01', signer: 'Chủ tịch UBND xã', personIds: named.map((p) => p.personId) }, hubStaff.admin);
    expect(decision.status).toBe(200);
    expect((await hub.json('POST', '/api/staff/hub/declines', { personId: declined!.personId, year: YEAR, reason: 'Minh chứng CS03 chưa rõ' }, hubStaff.admin)).status).toBe(200);
    const recognized = new Set(named.map((p) => p.personId));
    const digitalMin = hub.config.settings['digital.minScore'];

    const d = await dashboard();
    expect(d.level).toBe('commune');
    expect(d.total.counts).toEqual(expected(all, recognized, digitalMin));
    for (const village of VILLAGES) {
      expect(rowNamed(d.byPlace, village).counts, village).toEqual(expected(all.filter((p) => p.village === village), recognized, digitalMin));
    }
    for (const [i, site] of sites.entries()) {
      expect(rowNamed(d.byCenter, ['TTHTCĐ Tân Lập', 'TTHTCĐ Xuân Sơn'][i]!).counts).toEqual(expected(site.people, recognized, digitalMin));
    }
    for (const group of GROUPS) {
      const inGroup = all.filter((p) => p.group === group && p.stage !== 'registered');
      // A group row's "registered" counts the people who began that year's assessment in the group.
      const title = hub.config.criteriaSets.find((set) => set.id === 'cdht-2022')!.groups.find((g) => g.id === group)!.title;
      expect(rowNamed(d.byGroup, title).counts).toEqual({ ...expected(inGroup, recognized, digitalMin), registered: inGroup.length });
    }
    // No denominators entered yet: counts, but no rate.
    expect(d.total.population).toBeNull();
    expect(d.total.rates.cdht).toMatchObject({ numerator: named.length, denominator: null, rate: null });
    expect(d.total.rates.digital.rate).toBeCloseTo(expected(all, recognized, digitalMin).digital / named.length, 6);

    // The declined proposal carries its reason; the proposal table shows it.
    const table = (await hub.json('GET', `/api/staff/hub/proposals?year=${YEAR}`, undefined, hubStaff.admin)).body as { personId: string; declined: { reason: string } | null }[];
    expect(table.find((p) => p.personId === declined!.personId)?.declined).toMatchObject({ reason: 'Minh chứng CS03 chưa rõ' });
    expect((await hub.json('POST', '/api/staff/hub/declines', { personId: named[0]!.personId, year: YEAR, reason: 'Nhầm' }, hubStaff.admin)).body.code).toBe('decline.decided');

    // Reopening one decided result takes them out of the decision (and the counts), audited.
    const reopened = await hub.json('POST', `/api/staff/hub/decisions/${decision.body.id}/reopen`, { personId: named[0]!.personId, reason: 'Chấm lại CS03' }, hubStaff.admin);
    expect(reopened.status).toBe(200);
    recognized.delete(named[0]!.personId);
    expect((await dashboard()).total.counts.recognized).toBe(recognized.size);
    const audit = await hub.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'hub.decision-reopen').execute();
    expect(audit).toHaveLength(1);
  });

  it('rates against the denominators entered and the targets in force, with the trace of an adjustment', async () => {
    const all = sites.flatMap((s) => s.people);
    const named = all.filter((p) => p.stage === 'pass');
    expect((await hub.json('POST', '/api/staff/hub/decisions', { year: YEAR, number: '15/QĐ-UBND', signedOn: '2026-12-01', signer: 'Chủ tịch UBND xã', personIds: named.map((p) => p.personId) }, hubStaff.admin)).status).toBe(200);
    const adults: Record<string, number> = { 'Thôn Đồng Chằm': 40, 'Thôn Bãi Muống': 35, 'Thôn Gò Chè': 0, 'Thôn Suối Mây': 25 };
    for (const [name, count] of Object.entries(adults)) {
      expect((await hub.json('PUT', '/api/staff/hub/population', { kind: 'village', name, year: YEAR, count }, hubStaff.admin)).status).toBe(200);
    }
    // Bad input changes nothing and says why.
    const before = await hub.counts();
    expect((await hub.json('PUT', '/api/staff/hub/population', { kind: 'village', name: 'Thôn Đồng Chằm', year: YEAR, count: -3 }, hubStaff.admin)).body.code).toBe('request.invalid');
    expect((await hub.json('POST', '/api/staff/hub/targets', { measure: 'cdht', year: YEAR, value: 1.5, reason: 'Sai' }, hubStaff.admin)).body.code).toBe('request.invalid');
    expect(await hub.counts()).toEqual(before);

    let d = await dashboard();
    // National: 40 % in 2025, 60 % in 2030, a straight line between: 44 % in 2026. The demo commune's
    // own table ends at 45 % in 2025, which holds after its last year, and wins.
    const cdht = d.targets.find((t) => t.measure === 'cdht')!;
    expect(cdht.value).toBeCloseTo(0.45, 6);
    expect(cdht.trace).toEqual([{ source: 'national', value: 0.44 }, { source: 'province', value: null }, { source: 'commune', value: 0.45 }]);
    expect(d.total.population).toBe(100);
    expect(d.total.rates.cdht.rate).toBeCloseTo(named.length / 100, 6);
    expect(d.total.rates.cdht.met).toBe(named.length / 100 >= 0.45);
    // A village whose adults were entered as 0 has no rate, not a division by zero.
    expect(rowNamed(d.byPlace, 'Thôn Gò Chè').rates.cdht).toMatchObject({ denominator: 0, rate: null, met: null });

    expect((await hub.json('POST', '/api/staff/hub/targets', { measure: 'cdht', year: YEAR, value: 0.1, reason: 'Nghị quyết HĐND xã số 12' }, hubStaff.admin)).status).toBe(200);
    d = await dashboard();
    const adjusted = d.targets.find((t) => t.measure === 'cdht')!;
    expect(adjusted.value).toBe(0.1);
    expect(adjusted.trace.at(-1)).toMatchObject({ source: 'adjustment', value: 0.1 });
    expect(adjusted.trace.at(-1)!.note).toContain('Nghị quyết HĐND xã số 12');
    expect(d.total.rates.cdht.met).toBe(named.length / 100 >= 0.1);
  });

  it('merges villages and renames a center: history and rates stay whole, old names stay searchable', async () => {
    const all = sites.flatMap((s) => s.people);
    await hub.json('PUT', '/api/staff/hub/population', { kind: 'village', name: 'Thôn Gò Chè', year: YEAR, count: 30 }, hubStaff.admin);
    await hub.json('PUT', '/api/staff/hub/population', { kind: 'village', name: 'Thôn Suối Mây', year: YEAR, count: 20 }, hubStaff.admin);
    const before = await dashboard();
    expect((await hub.json('POST', '/api/staff/hub/units', { kind: 'village', from: ['Thôn Gò Chè', 'Thôn Suối Mây'], to: 'Thôn Gò Mây', year: YEAR }, hubStaff.admin)).status).toBe(200);
    expect((await hub.json('POST', '/api/staff/hub/units', { kind: 'center', from: ['TTHTCĐ Xuân Sơn'], to: 'TTHTCĐ xã Tân Lập, điểm Xuân Sơn', year: YEAR }, hubStaff.admin)).status).toBe(200);
    expect((await hub.json('POST', '/api/staff/hub/units', { kind: 'village', from: ['Thôn Gò Mây'], to: 'Thôn Gò Chè', year: YEAR }, hubStaff.admin)).body.code).toBe('unit.cycle');
    expect((await hub.json('POST', '/api/staff/hub/units', { kind: 'village', from: ['Thôn Không Có'], to: 'Thôn Mới', year: YEAR }, hubStaff.admin)).body).toMatchObject({ code: 'unit.unknown', details: { names: ['Thôn Không Có'] } });

    const d = await dashboard();
    const merged = rowNamed(d.byPlace, 'Thôn Gò Mây');
    expect(merged.formerNames).toEqual(['Thôn Gò Chè', 'Thôn Suối Mây']);
    expect(merged.population).toBe(50);
    expect(merged.counts.registered).toBe(all.filter((p) => p.village === 'Thôn Gò Chè' || p.village === 'Thôn Suối Mây').length);
    expect(d.byPlace.map((r) => r.name)).not.toContain('Thôn Suối Mây');
    expect(d.total.counts).toEqual(before.total.counts);
    expect(rowNamed(d.byCenter, 'TTHTCĐ xã Tân Lập, điểm Xuân Sơn').formerNames).toEqual(['TTHTCĐ Xuân Sơn']);
  });

  it('shows which centers reported by the deadline and the days left', async () => {
    const [first] = sites;
    const village = first!.people.find((p) => p.stage === 'pass')!.village;
    expect((await first!.h.json('POST', '/api/staff/lists/finalize', { village, year: YEAR }, first!.staff.appraiser)).status).toBe(200);
    await sync(first!);
    const d = await dashboard();
    expect(d.reporting).toMatchObject({ deadline: '2026-11-30', daysLeft: 7 });
    expect(d.reporting.centers).toEqual([
      { name: 'TTHTCĐ Tân Lập', reportedAt: '2026-11-23T03:00:00.000Z', onTime: true, yearsDue: 1, yearsOnTime: 1, onTimeRate: 1 },
      { name: 'TTHTCĐ Xuân Sơn', reportedAt: null, onTime: null, yearsDue: 0, yearsOnTime: 0, onTimeRate: null },
    ]);
    // After the deadline the silent center is late.
    hub.setNow(new Date('2026-12-02T03:00:00Z'));
    // Sessions last hours: the officer signs in again a week later.
    hubStaff = { ...hubStaff, admin: cookieOf((await hub.json('POST', '/api/staff/sign-in', { name: staff.chiHoa.name, pin: staff.chiHoa.pin })).headers) };
    const late = await dashboard();
    expect(late.reporting.daysLeft).toBe(-2);
    expect(late.reporting.centers[1]).toMatchObject({ onTime: false, yearsDue: 1, yearsOnTime: 0, onTimeRate: 0 });
    // A center whose key was revoked is no longer waited for.
    const nodes = (await hub.json('GET', '/api/staff/hub/nodes', undefined, hubStaff.admin)).body as { id: string; name: string }[];
    await hub.json('POST', `/api/staff/hub/nodes/${nodes.find((x) => x.name === 'TTHTCĐ Xuân Sơn')!.id}/revoke`, undefined, hubStaff.admin);
    expect((await dashboard()).reporting.centers.map((c) => c.name)).toEqual(['TTHTCĐ Tân Lập']);
  });

  it('exports the yearly report as .xlsx and the public list with names and villages only', async () => {
    const all = sites.flatMap((s) => s.people);
    const named = all.filter((p) => p.stage === 'pass');
    await hub.json('POST', '/api/staff/hub/decisions', { year: YEAR, number: '15/QĐ-UBND', signedOn: '2026-12-01', signer: 'Chủ tịch UBND xã', personIds: named.map((p) => p.personId) }, hubStaff.admin);
    const res = await hub.app.request(`/api/staff/hub/report?year=${YEAR}&format=xlsx`, { headers: { cookie: hubStaff.admin } });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const list = book.getWorksheet('Danh sách công nhận')!;
    const names = new Set<string>();
    list.eachRow((row) => { const v = row.getCell(2).value; if (typeof v === 'string') names.add(v); });
    for (const p of named) expect(names.has(p.name), p.name).toBe(p.publicList);
    const html = await (await hub.app.request(`/api/staff/hub/report?year=${YEAR}&format=html&kind=public-list`, { headers: { cookie: hubStaff.admin } })).text();
    for (const p of named) expect(html.includes(p.name)).toBe(p.publicList);
    expect(html).not.toContain('1970');
    expect(await hub.db.selectFrom('audit_log').select('action').where('action', '=', 'hub.report-export').execute()).toHaveLength(2);
  });

  it('counts digital skills from the self-check where one was taken, and from CS05 where not', async () => {
    const site = sites[0]!;
    const digitalMin = hub.config.settings['digital.minScore'];
    const passing = site.people.filter((p) => p.stage === 'pass');
    const low = passing.find((p) => p.cs05 < digitalMin)!;
    const high = passing.find((p) => p.cs05 >= digitalMin && !p.assisted)!;
    const bank = (await site.h.json('GET', '/api/digital/bank')).body as DigitalBank;
    for (const [p, right] of [[low, true], [high, false]] as const) {
      const res = await site.h.json('PUT', `/api/digital-attempts/${build.id()}`, { personId: p.personId, bankId: bank.id, bankVersion: bank.version, startedAt: '2026-11-23T02:00:00.000Z', responses: answerAll(bank, right) });
      expect(res.body).toMatchObject({ hasDigitalSkills: right, proficient: right });
    }
    await sync(site);
    const all = sites.flatMap((s) => s.people).filter((p) => p.stage === 'pass');
    expect((await hub.json('POST', '/api/staff/hub/decisions', { year: YEAR, number: '15/QĐ-UBND', signedOn: '2026-12-01', signer: 'Chủ tịch UBND xã', personIds: all.map((p) => p.personId) }, hubStaff.admin)).status).toBe(200);
    const digital = (p: Site['people'][number]) => (p === low ? true : p === high ? false : p.cs05 >= digitalMin);
    const proficient = (p: Site['people'][number]) => (p === low ? true : p === high ? false : p.cs05 >= digitalMin && !p.assisted);
    const d = await dashboard();
    expect(d.total.counts).toMatchObject({ recognized: all.length, digital: all.filter(digital).length, proficient: all.filter(proficient).length });
    // Rebuilt from the records, the projection says the same.
    await hub.db.updateTable('sync_state').set({ value: '0' }).where('key', '=', 'facts:version').execute();
    await hub.db.insertInto('sync_state').values({ key: 'facts:version', value: '0' }).onConflict((oc) => oc.column('key').doUpdateSet({ value: '0' })).execute();
    expect(await ensureFacts(hub.db)).toBe(true);
    expect((await dashboard()).total.counts).toEqual(d.total.counts);
  });

  it('the province sees the same figures per commune, from the aggregates the commune relayed', async () => {
    const all = sites.flatMap((s) => s.people);
    await hub.json('POST', '/api/staff/hub/decisions', { year: YEAR, number: '15/QĐ-UBND', signedOn: '2026-12-01', signer: 'Chủ tịch UBND xã', personIds: all.filter((p) => p.stage === 'pass').map((p) => p.personId) }, hubStaff.admin);
    for (const [i, name] of VILLAGES.entries()) await hub.json('PUT', '/api/staff/hub/population', { kind: 'village', name, year: YEAR, count: 30 + i }, hubStaff.admin);
    const provinceStaff = await staffSessions(province);
    const { body } = await province.json('POST', '/api/staff/hub/enrolments', { name: 'Xã Tân Lập' }, provinceStaff.admin);
    expect((await hub.json('POST', '/api/staff/federation/enrol', { hubUrl: 'http://province.test', code: body.code }, hubStaff.admin)).status).toBe(200);
    expect((await hub.json('POST', '/api/staff/federation/run', undefined, hubStaff.admin)).body.lastError).toBeNull();

    const commune = await dashboard();
    const res = await province.json('GET', `/api/staff/hub/dashboard?year=${YEAR}`, undefined, provinceStaff.admin);
    expect(res.status).toBe(200);
    const d = res.body as Dashboard;
    expect(d).toMatchObject({ level: 'province', scope: 'Tỉnh Phú Thọ', byCenter: [] });
    expect(d.byPlace).toHaveLength(1);
    expect(d.byPlace[0]).toMatchObject({ name: 'Xã Tân Lập, Tỉnh Phú Thọ', counts: commune.total.counts, population: 30 + 31 + 32 + 33 });
    expect(d.total.rates.cdht.rate).toBeCloseTo(commune.total.rates.cdht.rate!, 6);
    expect(d.byGroup.map((g) => [g.name, g.counts])).toEqual(commune.byGroup.map((g) => [g.name, g.counts]));
    expect(d.reporting).toMatchObject({ deadline: '2026-12-10', daysLeft: 17 });
    expect(d.reporting.centers).toMatchObject([{ name: 'Xã Tân Lập', onTime: true }]);
    // Nothing person-level reached the province.
    const held = await province.db.selectFrom('hub_record').select('record_kind').distinct().execute();
    expect(held.map((r) => r.record_kind).sort()).toEqual(['aggregate', 'recognized-list']);
  });

  it('rebuilds its projection from the records it holds when the projection version changes', async () => {
    const before = await dashboard();
    await hub.db.deleteFrom('hub_assessment').execute();
    await hub.db.deleteFrom('hub_person').execute();
    await hub.db.updateTable('sync_state').set({ value: '0' }).where('key', '=', 'facts:version').execute();
    await hub.db.insertInto('sync_state').values({ key: 'facts:version', value: '0' }).onConflict((oc) => oc.column('key').doUpdateSet({ value: '0' })).execute();
    expect(await ensureFacts(hub.db)).toBe(true);
    expect(await ensureFacts(hub.db)).toBe(false);
    expect(await dashboard()).toEqual(before);
  });
});
