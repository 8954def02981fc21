import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build, indicatorIds, people } from '../../fixtures/people.ts';
import { staffSessions, type Role } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';

/**
 * Issue 25 (c): the CDHT proposal list shows the self-assessed total beside the appraised one,
 * each named, and marks who would be recognized for the fifth year in a row (counted from the
 * recognitions received from the commune); a draft's .xlsx carries "BẢN NHÁP" where it is seen.
 */

let h: Harness;
let s: Record<Role, string> & { ids: Record<Role, string> };
const VILLAGE = 'Thôn Đồng Chằm';
const YEAR = 2026;

async function proposed(person: typeof people.baLan | typeof people.anhTuan, self: number, appraised: number) {
  const personId = build.id();
  expect((await h.json('PUT', `/api/people/${personId}`, { ...person, village: VILLAGE })).status).toBe(200);
  const assessmentId = build.id();
  const scores = Object.fromEntries(indicatorIds.map((id) => [id, self]));
  expect((await h.json('PUT', `/api/assessments/${assessmentId}`, build.assessment(personId, { scores }))).status).toBe(
    200,
  );
  const appraisal = {
    scores: indicatorIds.map((indicatorId) =>
      appraised === self
        ? { indicatorId, score: appraised }
        : { indicatorId, score: appraised, reason: 'Chưa đủ minh chứng' },
    ),
  };
  expect((await h.json('PUT', `/api/staff/appraisals/${assessmentId}`, appraisal, s.appraiser)).status).toBe(200);
  return personId;
}

/** A recognition received from the commune for a past year. */
async function recognized(personId: string, year: number) {
  await h.db
    .insertInto('recognition')
    .values({
      subject_kind: 'person',
      subject_id: personId,
      title: 'cdht',
      year,
      decision_id: build.id(),
      decision_number: `${year}/QĐ-UBND`,
      signed_on: `${year}-12-01`,
      signer: 'Chủ tịch UBND xã',
      received_at: `${year}-12-02T00:00:00.000Z`,
    })
    .execute();
}

const exported = (format: string) =>
  h.app.request(`/api/staff/lists/export?village=${encodeURIComponent(VILLAGE)}&year=${YEAR}&format=${format}`, {
    headers: { cookie: s.facilitator },
  });

async function sheetRows(): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await (await exported('xlsx')).arrayBuffer());
  const rows: unknown[][] = [];
  book.worksheets[0]!.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

beforeEach(async () => {
  h = await startHarness();
  s = await staffSessions(h);
});
afterEach(async () => {
  await h.close();
});

describe('the CDHT proposal list', () => {
  it('shows both totals, named, and the fifth year in a row; a draft says BẢN NHÁP in its workbook', async () => {
    const lan = await proposed(people.baLan, 9, 8);
    const tuan = await proposed(people.anhTuan, 9, 9);
    for (const y of [2022, 2023, 2024, 2025]) await recognized(lan, y);
    // A gap in 2024: this year would be Tuấn's second in a row, not his fifth.
    for (const y of [2021, 2022, 2023, 2025]) await recognized(tuan, y);

    const csv = (await (await exported('csv')).text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(csv[0]).toBe(
      'STT,Họ và tên,Năm sinh,Thôn,Nhóm đối tượng,Điểm tự đánh giá,Điểm thẩm định,Năm thứ 5 liên tục,Ghi chú',
    );
    const n = indicatorIds.length;
    const [lanRow, tuanRow] = csv.slice(1, 3).map((line) => line.split(','));
    expect(lanRow!.slice(1, 2)).toEqual(['Nguyễn Thị Lan']);
    expect(lanRow!.slice(-4)).toEqual([String(9 * n), String(8 * n), 'x', '']);
    expect(tuanRow!.slice(1, 2)).toEqual(['Trần Văn Tuấn']);
    expect(tuanRow!.slice(-4)).toEqual([String(9 * n), String(9 * n), '', '']);

    const draft = await sheetRows();
    expect(draft[2]![0]).toBe('BẢN NHÁP — chưa chốt danh sách');
    expect(await (await exported('html')).text()).toContain('BẢN NHÁP — chưa chốt danh sách');

    const closed = await h.json('POST', '/api/staff/lists/finalize', { village: VILLAGE, year: YEAR }, s.appraiser);
    expect(closed.status).toBe(200);
    const final = await sheetRows();
    expect(final[2]).toEqual([]);
    expect(JSON.stringify(final)).not.toContain('BẢN NHÁP');
    expect(await (await exported('html')).text()).not.toContain('BẢN NHÁP');
  });
});
