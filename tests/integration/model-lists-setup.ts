import ExcelJS from 'exceljs';
import { afterEach, beforeEach, expect } from 'vitest';
import type { RegisterPerson } from '../../shared/schemas/person.ts';
import { build } from '../fixtures/people.ts';
import { staffSessions } from '../fixtures/staff.ts';
import { startHarness, type Harness } from './harness.ts';

/**
 * What the tests of the households' and clans' lists (model-lists.test.ts, model-lists-clans.test.ts)
 * share: before each test a fresh box with four households, three of them appraised (set in the
 * bindings below), and ways to read the lists, their closings and the audit.
 */

export let h: Harness;
export let staff: Awaited<ReturnType<typeof staffSessions>>;
export const KHE_NGANG = 'Thôn Khe Ngang';
export const GO_CHE = 'Thôn Gò Chè';
export const YEAR = 2026;

export interface Registered {
  id: string;
  code: string;
  birthYear: number;
  name: string;
}
async function register(name: string, birthYear: number, village = KHE_NGANG, publicList = true): Promise<Registered> {
  const id = build.id();
  const person: RegisterPerson = {
    name,
    birthYear,
    village,
    consents: { assessment: true, publicList, statistics: true },
  };
  const res = await h.json('PUT', `/api/people/${id}`, person);
  expect(res.status).toBe(200);
  return { id, code: res.body.code, birthYear, name };
}

/** The commune's decisions as the box holds them once the downward feed brought them. */
export async function recognize(subjectKind: 'person' | 'household', ids: string[], title: 'cdht' | 'gdht') {
  await h.db
    .insertInto('recognition')
    .values(
      ids.map((subject_id) => ({
        subject_kind: subjectKind,
        subject_id,
        title,
        year: YEAR,
        decision_id: build.id(),
        decision_number: '88/QĐ-UBND',
        signed_on: '2026-11-20',
        signer: 'Chủ tịch UBND xã',
        received_at: '2026-11-21T00:00:00.000Z',
      })),
    )
    .execute();
}

export const declared = { 'G1.2': 10, 'G1.3': 8, 'G2.2': 9, 'G2.3': 5, 'G3.1': 8, 'G3.2': 7, 'G4.1': 9, 'G4.2': 8 };
export const clanDeclared = { 'D1.2': 10, 'D2.1': 15, 'D2.2': 15, 'D3.2': 15 };
export const answers = (values: Record<string, number>) =>
  Object.entries(values).map(([itemId, value]) => ({ itemId, value }));

/** A household with its adults, its facts for the year, and its submitted self-assessment. */
async function household(adults: Registered[], village = KHE_NGANG, children = 0) {
  const id = build.id();
  expect(
    (
      await h.json('PUT', `/api/households/${id}`, {
        village,
        headCode: adults[0]!.code,
        headBirthYear: adults[0]!.birthYear,
      })
    ).status,
  ).toBe(200);
  for (const a of adults.slice(1))
    expect(
      (await h.json('POST', `/api/households/${id}/members`, { code: a.code, birthYear: a.birthYear })).status,
    ).toBe(200);
  await h.json('PUT', `/api/households/${id}/facts/${YEAR}`, {
    schoolAgeChildren: children,
    allChildrenInSchool: children > 0 ? true : null,
  });
  const assessmentId = build.id();
  const body = {
    title: 'gdht',
    subjectId: id,
    criteriaSetId: 'gdht-2025',
    criteriaSetVersion: '2025.1',
    status: 'submitted',
    answers: answers(declared),
  };
  expect((await h.json('PUT', `/api/model-assessments/${assessmentId}`, body)).status).toBe(200);
  return { id, assessmentId };
}

/** The branch appraises with the self-assessment's own answers (no reason needed). */
export const appraise = (assessmentId: string, values: Record<string, number> = declared) =>
  h.json('PUT', `/api/staff/model-appraisals/${assessmentId}`, { answers: answers(values) }, staff.appraiser);

export let pao: Registered, chu: Registered, sinh: Registered, nhung: Registered;
/** Páo's household passes (two of three adults CDHT), Chứ's does not (its adult is not), Sình's passes but is not appraised; Nhung's is in Gò Chè. */
export let passing: { id: string; assessmentId: string }, failing: { id: string; assessmentId: string };
export let unappraised: { id: string; assessmentId: string }, elsewhere: { id: string; assessmentId: string };

/** Starts the box of the lists' tests before each test of the calling file and closes it after. */
export function useListsBox(): void {
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
  afterEach(async () => {
    await h.close();
  });
}

export const familyList = (village = KHE_NGANG, kind = 'official', cookie = staff.facilitator) =>
  h.json(
    'GET',
    `/api/staff/lists?title=gdht&village=${encodeURIComponent(village)}&year=${YEAR}&kind=${kind}`,
    undefined,
    cookie,
  );
export const finalize = (body: Record<string, unknown>, cookie = staff.appraiser) =>
  h.json('POST', '/api/staff/lists/finalize', { year: YEAR, ...body }, cookie);
export const closings = async () =>
  (
    await h.db
      .selectFrom('outbox')
      .select(['message_type', 'payload'])
      .where('record_kind', '=', 'proposal-list')
      .orderBy('seq')
      .execute()
  ).map((r): Record<string, unknown> => ({ type: r.message_type, ...(JSON.parse(r.payload) as object) }));
export const auditOf = async (action: string) =>
  (await h.json('GET', `/api/staff/audit?action=${action}`, undefined, staff.admin)).body as {
    action: string;
    actor: string;
    subjectId: string;
    details: Record<string, unknown>;
  }[];
export async function sheetRows(path: string): Promise<{ rows: unknown[][]; disposition: string | null }> {
  const res = await h.app.request(path, { headers: { cookie: staff.facilitator } });
  expect(res.status).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  const rows: unknown[][] = [];
  book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { rows, disposition: res.headers.get('content-disposition') };
}
