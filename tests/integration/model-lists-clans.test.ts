import { beforeEach, describe, expect, it } from 'vitest';
import { build } from '../fixtures/people.ts';
import {
  answers,
  appraise,
  auditOf,
  chu,
  clanDeclared,
  closings,
  familyList,
  finalize,
  GO_CHE,
  h,
  KHE_NGANG,
  nhung,
  pao,
  passing,
  recognize,
  sheetRows,
  sinh,
  staff,
  useListsBox,
  YEAR,
  type Registered,
} from './model-lists-setup.ts';

/**
 * The center's proposal list of clans ("Dòng họ học tập") on the same service, routes and renderers
 * as the households' list (model-lists.test.ts): only the clans the branch appraised as passing,
 * finalized once for the whole center with no village, reopened by the administrator alone.
 */

useListsBox();

describe("the center's list of clans (Dòng họ học tập)", () => {
  const clanAssessment = async (clanId: string) => {
    const id = build.id();
    const body = {
      title: 'dhht',
      subjectId: clanId,
      criteriaSetId: 'dhht-2025',
      criteriaSetVersion: '2025.1',
      status: 'submitted',
      answers: answers(clanDeclared),
    };
    expect((await h.json('PUT', `/api/model-assessments/${id}`, body, staff.facilitator)).status).toBe(200);
    return id;
  };
  const clan = async (name: string, representative: string, heads: Registered[]) => {
    const id = build.id();
    expect((await h.json('POST', '/api/staff/clans', { id, name, representative }, staff.facilitator)).status).toBe(
      200,
    );
    for (const head of heads)
      expect(
        (await h.json('POST', `/api/staff/clans/${id}/households`, { headCode: head.code }, staff.facilitator)).status,
      ).toBe(200);
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
    expect((await appraise(hoangAssessment, clanDeclared)).body.appraisal.verdict).toMatchObject({
      total: 100,
      passed: true,
    });
    expect((await appraise(vangAssessment, clanDeclared)).body.appraisal.verdict).toMatchObject({ passed: false });
  });
  const clanList = (query = '') =>
    h.json('GET', `/api/staff/lists?title=dhht&year=${YEAR}${query}`, undefined, staff.facilitator);

  it("is the center's: the clans appraised as passing, with representative, villages and households; a village given is ignored", async () => {
    const list = (await clanList()).body;
    expect(list).toMatchObject({ title: 'dhht', village: null, year: YEAR, finalizedAt: null });
    expect(list.entries).toEqual([
      {
        assessmentId: hoangAssessment,
        locked: false,
        name: 'Họ Hoàng',
        representative: 'Hoàng Văn Páo',
        villages: [GO_CHE, KHE_NGANG],
        households: 2,
        total: 100,
        band: 'Tốt',
        note: '',
      },
    ]);
    expect((await clanList(`&village=${encodeURIComponent(KHE_NGANG)}`)).body).toEqual({
      ...list,
      generatedAt: expect.any(String),
    });
  });

  it("finalizing locks the clan's appraisal and goes up once with no village; the administrator reopens", async () => {
    const done = await finalize({ title: 'dhht' });
    expect(done.body).toMatchObject({
      title: 'dhht',
      village: null,
      finalizedAt: '2026-11-23T03:00:00.000Z',
      entries: [{ locked: true }],
    });
    const [closed] = await closings();
    expect(await closings()).toEqual([
      {
        type: 'ProposalListClosedV2',
        id: closed!.id,
        revision: 1,
        title: 'dhht',
        village: null,
        year: YEAR,
        closedAt: '2026-11-23T03:00:00.000Z',
        entries: 1,
      },
    ]);
    expect(await h.db.selectFrom('proposal_list').select(['title', 'village', 'year']).execute()).toEqual([
      { title: 'dhht', village: '', year: YEAR },
    ]);
    expect((await auditOf('list.lock'))[0]).toMatchObject({
      subjectId: `dhht/${YEAR}`,
      details: { title: 'dhht', count: 1 },
    });
    expect((await appraise(hoangAssessment, clanDeclared)).body.code).toBe('appraisal.locked');
    // The households' list of the village is another list, still a draft.
    expect((await familyList()).body.finalizedAt).toBeNull();

    expect(
      (
        await h.json(
          'POST',
          `/api/staff/appraisals/${hoangAssessment}/reopen`,
          { reason: 'Quỹ khuyến học chưa có sổ' },
          staff.admin,
        )
      ).status,
    ).toBe(200);
    expect((await clanList()).body.entries[0].locked).toBe(false);
    expect((await appraise(hoangAssessment, { ...clanDeclared, 'D2.2': 5 })).body.code).toBe(
      'appraisal.reason-required',
    );
  });

  it('renders the A4 list, .xlsx and CSV under the center, and a public list without the representative', async () => {
    const base = `/api/staff/lists/export?title=dhht&year=${YEAR}`;
    const { rows, disposition } = await sheetRows(`${base}&format=xlsx`);
    expect(disposition).toContain('danh-sach-de-nghi-dong-ho-hoc-tap-2026.xlsx');
    expect(rows[0]![0]).toBe('DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN “DÒNG HỌ HỌC TẬP” NĂM 2026');
    expect(rows[1]![0]).toBe('Trung tâm học tập cộng đồng xã Tân Lập — Xã Tân Lập, Tỉnh Phú Thọ');
    expect(rows.slice(2)).toEqual([
      Array(8).fill('BẢN NHÁP — chưa chốt danh sách'),
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
