import { gzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPush, type HubDeps } from '../../server/src/hub/ingest/hub.service.ts';
import type { RegisterPerson } from '../../shared/schemas/person.ts';
import type { ChangeMessage } from '../../shared/sync/messages.ts';
import { build, indicatorIds } from '../fixtures/people.ts';
import { staffSessions } from '../fixtures/staff.ts';
import { startHarness, type Harness } from './harness.ts';

/**
 * The proposal lists of households ("Gia đình học tập", a village's) and clans ("Dòng họ học tập",
 * the center's) on the same service, routes and renderers as the CDHT list: only what the branch
 * appraised as passing is on them; finalizing locks those appraisals and goes up once as
 * ProposalListClosedV2; the administrator alone reopens one, and it is audited. The CDHT list of
 * the same village stays its own (V1), and the commune counts only it as the village's report.
 */

let h: Harness;
let staff: Awaited<ReturnType<typeof staffSessions>>;
const KHE_NGANG = 'Thôn Khe Ngang';
const GO_CHE = 'Thôn Gò Chè';
const YEAR = 2026;

interface Registered { id: string; code: string; birthYear: number; name: string }
async function register(name: string, birthYear: number, village = KHE_NGANG, publicList = true): Promise<Registered> {
  const id = build.id();
  const person: RegisterPerson = { name, birthYear, village, consents: { assessment: true, publicList, statistics: true } };
  const res = await h.json('PUT', `/api/people/${id}`, person);
  expect(res.status).toBe(200);
  return { id, code: res.body.code, birthYear, name };
}

/** The commune's decisions as the box holds them once the downward feed brought them. */
async function recognize(subjectKind: 'person' | 'household', ids: string[], title: 'cdht' | 'gdht') {
  await h.db.insertInto('recognition').values(ids.map((subject_id) => ({
    subject_kind: subjectKind, subject_id, title, year: YEAR, decision_id: build.id(), decision_number: '88/QĐ-UBND',
    signed_on: '2026-11-20', signer: 'Chủ tịch UBND xã', received_at: '2026-11-21T00:00:00.000Z',
  }))).execute();
}

const declared = { 'G1.2': 10, 'G1.3': 8, 'G2.2': 9, 'G2.3': 5, 'G3.1': 8, 'G3.2': 7, 'G4.1': 9, 'G4.2': 8 };
const clanDeclared = { 'D1.2': 10, 'D2.1': 15, 'D2.2': 15, 'D3.2': 15 };
const answers = (values: Record<string, number>) => Object.entries(values).map(([itemId, value]) => ({ itemId, value }));

/** A household with its adults, its facts for the year, and its submitted self-assessment. */
async function household(adults: Registered[], village = KHE_NGANG, children = 0) {
  const id = build.id();
  expect((await h.json('PUT', `/api/households/${id}`, { village, headCode: adults[0]!.code, headBirthYear: adults[0]!.birthYear })).status).toBe(200);
  for (const a of adults.slice(1)) expect((await h.json('POST', `/api/households/${id}/members`, { code: a.code, birthYear: a.birthYear })).status).toBe(200);
  await h.json('PUT', `/api/households/${id}/facts/${YEAR}`, { schoolAgeChildren: children, allChildrenInSchool: children > 0 ? true : null });
  const assessmentId = build.id();
  const body = { title: 'gdht', subjectId: id, criteriaSetId: 'gdht-2025', criteriaSetVersion: '2025.1', status: 'submitted', answers: answers(declared) };
  expect((await h.json('PUT', `/api/model-assessments/${assessmentId}`, body)).status).toBe(200);
  return { id, assessmentId };
}

/** The branch appraises with the self-assessment's own answers (no reason needed). */
const appraise = (assessmentId: string, values: Record<string, number> = declared) =>
  h.json('PUT', `/api/staff/model-appraisals/${assessmentId}`, { answers: answers(values) }, staff.appraiser);

let pao: Registered, chu: Registered, sinh: Registered, nhung: Registered;
/** Páo's household passes (two of three adults CDHT), Chứ's does not (its adult is not), Sình's passes but is not appraised; Nhung's is in Gò Chè. */
let passing: { id: string; assessmentId: string }, failing: { id: string; assessmentId: string };
let unappraised: { id: string; assessmentId: string }, elsewhere: { id: string; assessmentId: string };

beforeEach(async () => {
  h = await startHarness();
  staff = await staffSessions(h);
  pao = await register('Hoàng Văn Páo', 1970);
  const soi = await register('Lò Thị Sợi', 1973);
  const son = await register('Hoàng Văn Sình', 1996);
  chu = await register('Vàng A Chứ', 1965);
  sinh = await register('Lò Văn Sình', 1980, KHE_NGANG, false);
  nhung = await register('Hà Thị Nhung', 1968, GO_CHE);
  await recognize('person', [pao.id, son.id, sinh.id, nhung.id], 'cdht');
  passing = await household([pao, soi, son], KHE_NGANG, 2);
  failing = await household([chu]);
  unappraised = await household([sinh]);
  elsewhere = await household([nhung], GO_CHE);
  expect((await appraise(passing.assessmentId)).body.appraisal.verdict).toMatchObject({ total: 89, passed: true });
  expect((await appraise(failing.assessmentId)).body.appraisal.verdict).toMatchObject({ passed: false });
  expect((await appraise(elsewhere.assessmentId)).body.appraisal.verdict).toMatchObject({ passed: true });
});
afterEach(async () => { await h.close(); });

const familyList = (village = KHE_NGANG, kind = 'official', cookie = staff.facilitator) =>
  h.json('GET', `/api/staff/lists?title=gdht&village=${encodeURIComponent(village)}&year=${YEAR}&kind=${kind}`, undefined, cookie);
const finalize = (body: Record<string, unknown>, cookie = staff.appraiser) => h.json('POST', '/api/staff/lists/finalize', { year: YEAR, ...body }, cookie);
const closings = async () => (await h.db.selectFrom('outbox').select(['message_type', 'payload']).where('record_kind', '=', 'proposal-list').orderBy('seq').execute())
  .map((r): Record<string, unknown> => ({ type: r.message_type, ...JSON.parse(r.payload) as object }));
const auditOf = async (action: string) => (await h.json('GET', `/api/staff/audit?action=${action}`, undefined, staff.admin)).body as { action: string; actor: string; subjectId: string; details: Record<string, unknown> }[];
async function sheetRows(path: string): Promise<{ rows: unknown[][]; disposition: string | null }> {
  const res = await h.app.request(path, { headers: { cookie: staff.facilitator } });
  expect(res.status).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  const rows: unknown[][] = [];
  book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { rows, disposition: res.headers.get('content-disposition') };
}

describe('the village\'s list of households (Gia đình học tập)', () => {
  it('has only the households the branch appraised as passing, with head, members, total and band', async () => {
    const list = (await familyList()).body;
    expect(list).toMatchObject({ title: 'gdht', village: KHE_NGANG, year: YEAR, kind: 'official', finalizedAt: null });
    expect(list.entries).toEqual([
      { assessmentId: passing.assessmentId, locked: false, name: 'Hoàng Văn Páo', village: KHE_NGANG, members: 3, total: 89, band: 'Tốt', note: '' },
    ]);
    // Nhung's household is on her village's list, not this one.
    expect((await familyList(GO_CHE)).body.entries.map((e: { name: string }) => e.name)).toEqual(['Hà Thị Nhung']);
    // The village's CDHT list is another list: no household on it.
    expect((await h.json('GET', `/api/staff/lists?village=${KHE_NGANG}&year=${YEAR}`, undefined, staff.facilitator)).body).toMatchObject({ title: 'cdht', entries: [] });
  });

  it('a village is needed, and an unknown title is refused', async () => {
    expect((await h.json('GET', `/api/staff/lists?title=gdht&year=${YEAR}`, undefined, staff.facilitator)).body.code).toBe('request.invalid');
    expect((await h.json('GET', `/api/staff/lists?title=cddht&village=${KHE_NGANG}&year=${YEAR}`, undefined, staff.facilitator)).body.code).toBe('request.invalid');
    expect((await finalize({ title: 'gdht' })).body.code).toBe('request.invalid');
    expect((await finalize({ title: 'gdht', village: 'Thôn Suối Mây' })).body).toMatchObject({ code: 'list.empty', details: { title: 'gdht' } });
  });

  it('finalizing locks its appraisals and goes up once as ProposalListClosedV2; only the administrator reopens one, and it is logged', async () => {
    expect((await finalize({ title: 'gdht', village: KHE_NGANG }, staff.facilitator)).status).toBe(403);
    const before = await h.counts();
    const done = await finalize({ title: 'gdht', village: KHE_NGANG });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ title: 'gdht', finalizedAt: '2026-11-23T03:00:00.000Z', entries: [{ assessmentId: passing.assessmentId, locked: true }] });
    expect(await h.counts()).toEqual({ ...before, proposal_list: before.proposal_list! + 1, outbox: before.outbox! + 1 });
    const [closed] = await closings();
    expect(await closings()).toEqual([{
      type: 'ProposalListClosedV2', id: closed!.id, revision: 1, title: 'gdht', village: KHE_NGANG, year: YEAR, closedAt: '2026-11-23T03:00:00.000Z', entries: 1,
    }]);
    expect((await auditOf('list.lock'))[0]).toMatchObject({ actor: 'Vũ Thị Mai', subjectId: `gdht/${KHE_NGANG}/${YEAR}`, details: { title: 'gdht', count: 1 } });

    // Locked: the appraisal can no longer change; one not on the list still can.
    const locked = await appraise(passing.assessmentId, { ...declared, 'G3.1': 5 });
    expect(locked).toMatchObject({ status: 409, body: { code: 'appraisal.locked' } });
    expect((await h.db.selectFrom('appraisal').select('locked').where('assessment_id', '=', failing.assessmentId).executeTakeFirstOrThrow()).locked).toBe(0);
    expect((await appraise(elsewhere.assessmentId)).status).toBe(200);

    // The appraiser cannot reopen; the administrator can, with a reason in the log.
    const reopen = (cookie: string) => h.json('POST', `/api/staff/appraisals/${passing.assessmentId}/reopen`, { reason: 'Chấm nhầm tiêu chí 3' }, cookie);
    expect((await reopen(staff.appraiser)).status).toBe(403);
    expect((await reopen(staff.admin)).status).toBe(200);
    expect((await auditOf('appraisal.reopen'))[0]).toMatchObject({ actor: 'Phạm Thị Hoa', subjectId: passing.assessmentId, details: { reason: 'Chấm nhầm tiêu chí 3', title: 'gdht' } });
    const reopened = (await familyList()).body;
    expect(reopened.finalizedAt).toBe('2026-11-23T03:00:00.000Z');
    expect(reopened.entries[0].locked).toBe(false);
    expect((await appraise(passing.assessmentId, { ...declared, 'G3.1': 10 }))).toMatchObject({ status: 422 });

    // Closed again: the list's next revision goes up, still as V2.
    h.setNow(new Date('2026-11-23T05:00:00Z'));
    expect((await finalize({ title: 'gdht', village: KHE_NGANG })).status).toBe(200);
    expect((await closings()).map((c) => [c.type, c.id, c.revision, c.title])).toEqual([
      ['ProposalListClosedV2', closed!.id, 1, 'gdht'], ['ProposalListClosedV2', closed!.id, 2, 'gdht'],
    ]);
  });

  it('the village\'s CDHT list is finalized apart, as V1, and leaves the households\' list a draft', async () => {
    const lan = build.id();
    await h.json('PUT', `/api/people/${lan}`, { name: 'Nguyễn Thị Lan', birthYear: 1954, village: KHE_NGANG, consents: { assessment: true, publicList: true, statistics: false } });
    const cdht = build.id();
    expect((await h.json('PUT', `/api/assessments/${cdht}`, build.assessment(lan))).status).toBe(200);
    expect((await h.json('PUT', `/api/staff/appraisals/${cdht}`, { scores: indicatorIds.map((indicatorId) => ({ indicatorId, score: 8 })) }, staff.appraiser)).status).toBe(200);
    const done = await finalize({ village: KHE_NGANG });
    expect(done.body).toMatchObject({ title: 'cdht', village: KHE_NGANG, entries: [{ name: 'Nguyễn Thị Lan', total: 80, locked: true }] });
    const [closed] = await closings();
    expect(closed).toEqual({ type: 'ProposalListClosedV1', id: closed!.id, revision: 1, village: KHE_NGANG, year: YEAR, closedAt: '2026-11-23T03:00:00.000Z', entries: 1 });
    expect((await auditOf('list.lock'))[0]).toMatchObject({ subjectId: `${KHE_NGANG}/${YEAR}`, details: { count: 1 } });
    expect((await familyList()).body.finalizedAt).toBeNull();
    expect((await appraise(passing.assessmentId, { ...declared, 'G3.1': 5 })).body.code).toBe('appraisal.reason-required');
  });

  it('renders the official A4 list, .xlsx and CSV with the title and its rows; the public list only with the head\'s consent', async () => {
    const base = `/api/staff/lists/export?title=gdht&village=${encodeURIComponent(KHE_NGANG)}&year=${YEAR}`;
    const { rows, disposition } = await sheetRows(`${base}&format=xlsx`);
    expect(disposition).toContain('danh-sach-de-nghi-gia-dinh-hoc-tap-2026-thon-khe-ngang.xlsx');
    // Title and sub-title are merged across the columns (each merged cell reads the same).
    expect(rows[0]![0]).toBe('DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN “GIA ĐÌNH HỌC TẬP” NĂM 2026');
    expect(rows[2]).toEqual(['STT', 'Chủ hộ', 'Thôn', 'Số thành viên', 'Tổng điểm', 'Xếp loại', 'Ghi chú']);
    expect(rows.slice(3)).toEqual([[1, 'Hoàng Văn Páo', KHE_NGANG, 3, 89, 'Tốt', '']]);
    expect(JSON.stringify(rows)).not.toContain('Vàng A Chứ');

    const html = (await h.json('GET', `${base}&format=html`, undefined, staff.facilitator)).body as string;
    expect(html).toContain('DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN “GIA ĐÌNH HỌC TẬP” NĂM 2026');
    expect(html).toContain('CHI HỘI THÔN KHE NGANG');
    expect(html).toContain('<td>Hoàng Văn Páo</td>');
    expect(html).toContain('Tổng số: 1 gia đình.');
    expect(html).toContain('BẢN NHÁP');
    const csv = (await h.json('GET', `${base}&format=csv`, undefined, staff.facilitator)).body as string;
    // (Read as text, the byte-order mark is taken away.)
    expect(csv).toBe(`STT,Chủ hộ,Thôn,Số thành viên,Tổng điểm,Xếp loại,Ghi chú\r\n1,Hoàng Văn Páo,${KHE_NGANG},3,89,Tốt,\r\n`);
    expect((await auditOf('list.export'))[0]).toMatchObject({ actor: 'Lê Văn Bình', subjectId: `gdht/${KHE_NGANG}/${YEAR}`, details: { title: 'gdht', kind: 'official', format: 'csv', count: 1 } });

    // Sình did not agree to public lists: his household, once passing, is on the official list only.
    expect((await h.json('PUT', `/api/staff/model-appraisals/${unappraised.assessmentId}`, { answers: answers(declared) }, staff.appraiser)).status).toBe(200);
    expect((await familyList()).body.entries.map((e: { name: string }) => e.name)).toEqual(['Hoàng Văn Páo', 'Lò Văn Sình']);
    const posted = (await h.json('GET', `${base}&format=csv&kind=public`, undefined, staff.facilitator)).body as string;
    expect(posted).toBe(`STT,Chủ hộ,Thôn\r\n1,Hoàng Văn Páo,${KHE_NGANG}\r\n`);
  });
});

describe('the center\'s list of clans (Dòng họ học tập)', () => {
  const clanAssessment = async (clanId: string) => {
    const id = build.id();
    const body = { title: 'dhht', subjectId: clanId, criteriaSetId: 'dhht-2025', criteriaSetVersion: '2025.1', status: 'submitted', answers: answers(clanDeclared) };
    expect((await h.json('PUT', `/api/model-assessments/${id}`, body, staff.facilitator)).status).toBe(200);
    return id;
  };
  const clan = async (name: string, representative: string, heads: Registered[]) => {
    const id = build.id();
    expect((await h.json('POST', '/api/staff/clans', { id, name, representative }, staff.facilitator)).status).toBe(200);
    for (const head of heads) expect((await h.json('POST', `/api/staff/clans/${id}/households`, { headCode: head.code }, staff.facilitator)).status).toBe(200);
    return id;
  };
  let hoangAssessment: string;
  beforeEach(async () => {
    // Páo's household is a learning family: half of the Hoàng clan's two households (one in each village).
    await recognize('household', [passing.id], 'gdht');
    // The Vàng clan (Chứ's household only) has no learning family; the Lò clan is not appraised.
    hoangAssessment = await clanAssessment(await clan('Họ Hoàng', 'Hoàng Văn Páo', [pao, nhung]));
    const vangAssessment = await clanAssessment(await clan('Họ Vàng', 'Vàng A Chứ', [chu]));
    await clanAssessment(await clan('Họ Lò', 'Lò Văn Sình', [sinh]));
    expect((await appraise(hoangAssessment, clanDeclared)).body.appraisal.verdict).toMatchObject({ total: 100, passed: true });
    expect((await appraise(vangAssessment, clanDeclared)).body.appraisal.verdict).toMatchObject({ passed: false });
  });
  const clanList = (query = '') => h.json('GET', `/api/staff/lists?title=dhht&year=${YEAR}${query}`, undefined, staff.facilitator);

  it('is the center\'s: the clans appraised as passing, with representative, villages and households; a village given is ignored', async () => {
    const list = (await clanList()).body;
    expect(list).toMatchObject({ title: 'dhht', village: null, year: YEAR, finalizedAt: null });
    expect(list.entries).toEqual([{
      assessmentId: hoangAssessment, locked: false, name: 'Họ Hoàng', representative: 'Hoàng Văn Páo', villages: [GO_CHE, KHE_NGANG], households: 2, total: 100, band: 'Tốt', note: '',
    }]);
    expect((await clanList(`&village=${encodeURIComponent(KHE_NGANG)}`)).body).toEqual({ ...list, generatedAt: expect.any(String) });
  });

  it('finalizing locks the clan\'s appraisal and goes up once with no village; the administrator reopens', async () => {
    const done = await finalize({ title: 'dhht' });
    expect(done.body).toMatchObject({ title: 'dhht', village: null, finalizedAt: '2026-11-23T03:00:00.000Z', entries: [{ locked: true }] });
    const [closed] = await closings();
    expect(await closings()).toEqual([{
      type: 'ProposalListClosedV2', id: closed!.id, revision: 1, title: 'dhht', village: null, year: YEAR, closedAt: '2026-11-23T03:00:00.000Z', entries: 1,
    }]);
    expect(await h.db.selectFrom('proposal_list').select(['title', 'village', 'year']).execute()).toEqual([{ title: 'dhht', village: '', year: YEAR }]);
    expect((await auditOf('list.lock'))[0]).toMatchObject({ subjectId: `dhht/${YEAR}`, details: { title: 'dhht', count: 1 } });
    expect((await appraise(hoangAssessment, clanDeclared)).body.code).toBe('appraisal.locked');
    // The households' list of the village is another list, still a draft.
    expect((await familyList()).body.finalizedAt).toBeNull();

    expect((await h.json('POST', `/api/staff/appraisals/${hoangAssessment}/reopen`, { reason: 'Quỹ khuyến học chưa có sổ' }, staff.admin)).status).toBe(200);
    expect((await clanList()).body.entries[0].locked).toBe(false);
    expect((await appraise(hoangAssessment, { ...clanDeclared, 'D2.2': 5 })).body.code).toBe('appraisal.reason-required');
  });

  it('renders the A4 list, .xlsx and CSV under the center, and a public list without the representative', async () => {
    const base = `/api/staff/lists/export?title=dhht&year=${YEAR}`;
    const { rows, disposition } = await sheetRows(`${base}&format=xlsx`);
    expect(disposition).toContain('danh-sach-de-nghi-dong-ho-hoc-tap-2026.xlsx');
    expect(rows[0]![0]).toBe('DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN “DÒNG HỌ HỌC TẬP” NĂM 2026');
    expect(rows[1]![0]).toBe('Trung tâm học tập cộng đồng xã Tân Lập — Xã Tân Lập, Tỉnh Phú Thọ');
    expect(rows.slice(2)).toEqual([
      ['STT', 'Dòng họ', 'Người đại diện', 'Thôn', 'Số gia đình', 'Tổng điểm', 'Xếp loại', 'Ghi chú'],
      [1, 'Họ Hoàng', 'Hoàng Văn Páo', `${GO_CHE}, ${KHE_NGANG}`, 2, 100, 'Tốt', ''],
    ]);
    const html = (await h.json('GET', `${base}&format=html`, undefined, staff.facilitator)).body as string;
    expect(html).toContain('TRUNG TÂM HỌC TẬP CỘNG ĐỒNG XÃ TÂN LẬP');
    expect(html).toContain('Tổng số: 1 dòng họ.');
    const posted = (await h.json('GET', `${base}&format=csv&kind=public`, undefined, staff.facilitator)).body as string;
    expect(posted).toBe(`STT,Dòng họ,Thôn\r\n1,Họ Hoàng,"${GO_CHE}, ${KHE_NGANG}"\r\n`);
  });
});

describe('at the commune', () => {
  it('stores a households\' list but counts only a CDHT list as the center\'s report; the households\' list shows beside it', async () => {
    const hub = await startHarness(undefined, { KIOSK_ROLE: 'hub' });
    try {
      const officer = (await staffSessions(hub)).admin;
      const deps: HubDeps = { db: hub.db, now: () => new Date('2026-11-23T03:00:00Z'), hubName: 'Xã Tân Lập', enrolmentHours: 72, clockSkewSeconds: 300 };
      const nodeId = build.id();
      await hub.db.insertInto('hub_node').values({ id: nodeId, name: 'TTHTCĐ Tân Lập', public_key: 'x', status: 'active', enrolled_at: '2026-01-01T00:00:00.000Z', last_contact_at: null, last_seq: 0, backlog: 0 }).execute();
      let sent = 0;
      /** Pushes what the center's outbox holds beyond what was sent. */
      const push = async () => {
        const rows = await h.db.selectFrom('outbox').select(['seq', 'payload']).where('seq', '>', sent).orderBy('seq').execute();
        sent = rows.at(-1)?.seq ?? sent;
        const node = await hub.db.selectFrom('hub_node').selectAll().where('id', '=', nodeId).executeTakeFirstOrThrow();
        const body = gzipSync(Buffer.from(JSON.stringify({ changes: rows.map((r) => ({ seq: r.seq, message: JSON.parse(r.payload) as ChangeMessage })), backlog: 0 })));
        await applyPush(deps, node, body);
      };
      const reporting = async () => (await hub.json('GET', `/api/staff/hub/dashboard?year=${YEAR}`, undefined, officer)).body.reporting.centers;

      expect((await finalize({ title: 'gdht', village: KHE_NGANG })).status).toBe(200);
      await push();
      expect(await hub.db.selectFrom('hub_record').select(['record_kind', 'message_type']).where('record_kind', '=', 'proposal-list').execute())
        .toEqual([{ record_kind: 'proposal-list', message_type: 'ProposalListClosedV2' }]);
      expect(await reporting()).toEqual([
        { name: 'TTHTCĐ Tân Lập', reportedAt: null, onTime: null, yearsDue: 0, yearsOnTime: 0, onTimeRate: null, models: [{ title: 'gdht', reportedAt: '2026-11-23T03:00:00.000Z' }] },
      ]);

      // The village's CDHT list, closed two hours later, is the report.
      const lan = build.id();
      await h.json('PUT', `/api/people/${lan}`, { name: 'Nguyễn Thị Lan', birthYear: 1954, village: KHE_NGANG, consents: { assessment: true, publicList: true, statistics: false } });
      const cdht = build.id();
      await h.json('PUT', `/api/assessments/${cdht}`, build.assessment(lan));
      await h.json('PUT', `/api/staff/appraisals/${cdht}`, { scores: indicatorIds.map((indicatorId) => ({ indicatorId, score: 8 })) }, staff.appraiser);
      h.setNow(new Date('2026-11-23T05:00:00Z'));
      expect((await finalize({ village: KHE_NGANG })).status).toBe(200);
      await push();
      expect(await reporting()).toEqual([
        { name: 'TTHTCĐ Tân Lập', reportedAt: '2026-11-23T05:00:00.000Z', onTime: true, yearsDue: 1, yearsOnTime: 1, onTimeRate: 1, models: [{ title: 'gdht', reportedAt: '2026-11-23T03:00:00.000Z' }] },
      ]);
    } finally {
      await hub.close();
    }
  });
});
