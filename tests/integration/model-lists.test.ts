import { describe, expect, it } from 'vitest';
import { build, indicatorIds } from '../fixtures/people.ts';
import {
  answers,
  appraise,
  auditOf,
  closings,
  declared,
  elsewhere,
  failing,
  familyList,
  finalize,
  GO_CHE,
  h,
  KHE_NGANG,
  passing,
  sheetRows,
  staff,
  unappraised,
  useListsBox,
  YEAR,
} from './model-lists-setup.ts';

/**
 * The proposal lists of households ("Gia đình học tập", a village's) and clans ("Dòng họ học tập",
 * the center's) on the same service, routes and renderers as the CDHT list: only what the branch
 * appraised as passing is on them; finalizing locks those appraisals and goes up once as
 * ProposalListClosedV2; the administrator alone reopens one, and it is audited. The CDHT list of
 * the same village stays its own (V1), and the commune counts only it as the village's report.
 * The households' list here; the clans' list in model-lists-clans.test.ts.
 */

useListsBox();

describe("the village's list of households (Gia đình học tập)", () => {
  it('has only the households the branch appraised as passing, with head, members, total and band', async () => {
    const list = (await familyList()).body;
    expect(list).toMatchObject({ title: 'gdht', village: KHE_NGANG, year: YEAR, kind: 'official', finalizedAt: null });
    expect(list.entries).toEqual([
      {
        assessmentId: passing.assessmentId,
        locked: false,
        name: 'Hoàng Văn Páo',
        village: KHE_NGANG,
        members: 3,
        total: 89,
        band: 'Tốt',
        note: '',
      },
    ]);
    // Nhung's household is on her village's list, not this one.
    expect((await familyList(GO_CHE)).body.entries.map((e: { name: string }) => e.name)).toEqual(['Hà Thị Nhung']);
    // The village's CDHT list is another list: no household on it.
    expect(
      (await h.json('GET', `/api/staff/lists?village=${KHE_NGANG}&year=${YEAR}`, undefined, staff.facilitator)).body,
    ).toMatchObject({ title: 'cdht', entries: [] });
  });

  it('a village is needed, and an unknown title is refused', async () => {
    expect(
      (await h.json('GET', `/api/staff/lists?title=gdht&year=${YEAR}`, undefined, staff.facilitator)).body.code,
    ).toBe('request.invalid');
    expect(
      (
        await h.json(
          'GET',
          `/api/staff/lists?title=cddht&village=${KHE_NGANG}&year=${YEAR}`,
          undefined,
          staff.facilitator,
        )
      ).body.code,
    ).toBe('request.invalid');
    expect((await finalize({ title: 'gdht' })).body.code).toBe('request.invalid');
    expect((await finalize({ title: 'gdht', village: 'Thôn Suối Mây' })).body).toMatchObject({
      code: 'list.empty',
      details: { title: 'gdht' },
    });
  });

  it('finalizing locks its appraisals and goes up once as ProposalListClosedV2; only the administrator reopens one, and it is logged', async () => {
    expect((await finalize({ title: 'gdht', village: KHE_NGANG }, staff.facilitator)).status).toBe(403);
    const before = await h.counts();
    const done = await finalize({ title: 'gdht', village: KHE_NGANG });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      title: 'gdht',
      finalizedAt: '2026-11-23T03:00:00.000Z',
      entries: [{ assessmentId: passing.assessmentId, locked: true }],
    });
    expect(await h.counts()).toEqual({
      ...before,
      proposal_list: before.proposal_list! + 1,
      outbox: before.outbox! + 1,
    });
    const [closed] = await closings();
    expect(await closings()).toEqual([
      {
        type: 'ProposalListClosedV2',
        id: closed!.id,
        revision: 1,
        title: 'gdht',
        village: KHE_NGANG,
        year: YEAR,
        closedAt: '2026-11-23T03:00:00.000Z',
        entries: 1,
      },
    ]);
    expect((await auditOf('list.lock'))[0]).toMatchObject({
      actor: 'Vũ Thị Mai',
      subjectId: `gdht/${KHE_NGANG}/${YEAR}`,
      details: { title: 'gdht', count: 1 },
    });

    // Locked: the appraisal can no longer change; one not on the list still can.
    const locked = await appraise(passing.assessmentId, { ...declared, 'G3.1': 5 });
    expect(locked).toMatchObject({ status: 409, body: { code: 'appraisal.locked' } });
    expect(
      (
        await h.db
          .selectFrom('appraisal')
          .select('locked')
          .where('assessment_id', '=', failing.assessmentId)
          .executeTakeFirstOrThrow()
      ).locked,
    ).toBe(0);
    expect((await appraise(elsewhere.assessmentId)).status).toBe(200);

    // The appraiser cannot reopen; the administrator can, with a reason in the log.
    const reopen = (cookie: string) =>
      h.json(
        'POST',
        `/api/staff/appraisals/${passing.assessmentId}/reopen`,
        { reason: 'Chấm nhầm tiêu chí 3' },
        cookie,
      );
    expect((await reopen(staff.appraiser)).status).toBe(403);
    expect((await reopen(staff.admin)).status).toBe(200);
    expect((await auditOf('appraisal.reopen'))[0]).toMatchObject({
      actor: 'Phạm Thị Hoa',
      subjectId: passing.assessmentId,
      details: { reason: 'Chấm nhầm tiêu chí 3', title: 'gdht' },
    });
    const reopened = (await familyList()).body;
    expect(reopened.finalizedAt).toBe('2026-11-23T03:00:00.000Z');
    expect(reopened.entries[0].locked).toBe(false);
    expect(await appraise(passing.assessmentId, { ...declared, 'G3.1': 10 })).toMatchObject({ status: 422 });

    // Closed again: the list's next revision goes up, still as V2.
    h.setNow(new Date('2026-11-23T05:00:00Z'));
    expect((await finalize({ title: 'gdht', village: KHE_NGANG })).status).toBe(200);
    expect((await closings()).map((c) => [c.type, c.id, c.revision, c.title])).toEqual([
      ['ProposalListClosedV2', closed!.id, 1, 'gdht'],
      ['ProposalListClosedV2', closed!.id, 2, 'gdht'],
    ]);
  });

  it("the village's CDHT list is finalized apart, as V1, and leaves the households' list a draft", async () => {
    const lan = build.id();
    await h.json('PUT', `/api/people/${lan}`, {
      name: 'Nguyễn Thị Lan',
      birthYear: 1954,
      village: KHE_NGANG,
      consents: { assessment: true, publicList: true, statistics: false },
    });
    const cdht = build.id();
    expect((await h.json('PUT', `/api/assessments/${cdht}`, build.assessment(lan))).status).toBe(200);
    expect(
      (
        await h.json(
          'PUT',
          `/api/staff/appraisals/${cdht}`,
          { scores: indicatorIds.map((indicatorId) => ({ indicatorId, score: 8 })) },
          staff.appraiser,
        )
      ).status,
    ).toBe(200);
    const done = await finalize({ village: KHE_NGANG });
    expect(done.body).toMatchObject({
      title: 'cdht',
      village: KHE_NGANG,
      entries: [{ name: 'Nguyễn Thị Lan', total: 80, locked: true }],
    });
    const [closed] = await closings();
    expect(closed).toEqual({
      type: 'ProposalListClosedV1',
      id: closed!.id,
      revision: 1,
      village: KHE_NGANG,
      year: YEAR,
      closedAt: '2026-11-23T03:00:00.000Z',
      entries: 1,
    });
    expect((await auditOf('list.lock'))[0]).toMatchObject({ subjectId: `${KHE_NGANG}/${YEAR}`, details: { count: 1 } });
    expect((await familyList()).body.finalizedAt).toBeNull();
    expect((await appraise(passing.assessmentId, { ...declared, 'G3.1': 5 })).body.code).toBe(
      'appraisal.reason-required',
    );
  });

  it("renders the official A4 list, .xlsx and CSV with the title and its rows; the public list only with the head's consent", async () => {
    const base = `/api/staff/lists/export?title=gdht&village=${encodeURIComponent(KHE_NGANG)}&year=${YEAR}`;
    const { rows, disposition } = await sheetRows(`${base}&format=xlsx`);
    expect(disposition).toContain('danh-sach-de-nghi-gia-dinh-hoc-tap-2026-thon-khe-ngang.xlsx');
    // Title and sub-title are merged across the columns (each merged cell reads the same).
    expect(rows[0]![0]).toBe('DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN “GIA ĐÌNH HỌC TẬP” NĂM 2026');
    // Not closed yet: the sheet says it is a draft, across the columns, above the header.
    expect(rows[2]).toEqual(Array(7).fill('BẢN NHÁP — chưa chốt danh sách'));
    expect(rows[3]).toEqual(['STT', 'Chủ hộ', 'Thôn', 'Số thành viên', 'Tổng điểm', 'Xếp loại', 'Ghi chú']);
    expect(rows.slice(4)).toEqual([[1, 'Hoàng Văn Páo', KHE_NGANG, 3, 89, 'Tốt', '']]);
    expect(JSON.stringify(rows)).not.toContain('Vàng A Chứ');

    const html = (await h.json('GET', `${base}&format=html`, undefined, staff.facilitator)).body as string;
    expect(html).toContain('DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN “GIA ĐÌNH HỌC TẬP” NĂM 2026');
    expect(html).toContain('CHI HỘI THÔN KHE NGANG');
    expect(html).toContain('<td>Hoàng Văn Páo</td>');
    expect(html).toContain('Tổng số: 1 gia đình.');
    expect(html).toContain('BẢN NHÁP');
    const csv = (await h.json('GET', `${base}&format=csv`, undefined, staff.facilitator)).body as string;
    // (Read as text, the byte-order mark is taken away.)
    expect(csv).toBe(
      `STT,Chủ hộ,Thôn,Số thành viên,Tổng điểm,Xếp loại,Ghi chú\r\n1,Hoàng Văn Páo,${KHE_NGANG},3,89,Tốt,\r\n`,
    );
    expect((await auditOf('list.export'))[0]).toMatchObject({
      actor: 'Lê Văn Bình',
      subjectId: `gdht/${KHE_NGANG}/${YEAR}`,
      details: { title: 'gdht', kind: 'official', format: 'csv', count: 1 },
    });

    // Sình did not agree to public lists: his household, once passing, is on the official list only.
    expect(
      (
        await h.json(
          'PUT',
          `/api/staff/model-appraisals/${unappraised.assessmentId}`,
          { answers: answers(declared) },
          staff.appraiser,
        )
      ).status,
    ).toBe(200);
    expect((await familyList()).body.entries.map((e: { name: string }) => e.name)).toEqual([
      'Hoàng Văn Páo',
      'Lò Văn Sình',
    ]);
    const posted = (await h.json('GET', `${base}&format=csv&kind=public`, undefined, staff.facilitator)).body as string;
    expect(posted).toBe(`STT,Chủ hộ,Thôn\r\n1,Hoàng Văn Páo,${KHE_NGANG}\r\n`);
  });
});
