import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build, indicatorIds, people } from '../../fixtures/people.ts';
import { staffSessions, type Role } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';

let h: Harness;
let s: Record<Role, string> & { ids: Record<Role, string> };
let lan: { personId: string; assessmentId: string };
let tuan: { personId: string; assessmentId: string };

async function submitted(
  person: typeof people.baLan | typeof people.anhTuan,
  scores: Record<string, number>,
  village?: string,
) {
  const personId = build.id();
  await h.json('PUT', `/api/people/${personId}`, village ? { ...person, village } : person);
  const assessmentId = build.id();
  const res = await h.json('PUT', `/api/assessments/${assessmentId}`, build.assessment(personId, { scores }));
  expect(res.status).toBe(200);
  return { personId, assessmentId };
}

/** The appraiser's scores: the self-scores, with some changed and a reason for each change. */
function appraise(changes: Record<string, number> = {}, self: Record<string, number> = {}) {
  return {
    scores: indicatorIds.map((indicatorId) => {
      const score = changes[indicatorId] ?? self[indicatorId] ?? 8;
      return changes[indicatorId] === undefined
        ? { indicatorId, score }
        : { indicatorId, score, reason: 'Chưa có minh chứng đi học' };
    }),
  };
}

beforeEach(async () => {
  h = await startHarness();
  s = await staffSessions(h);
  lan = await submitted(people.baLan, { CS01: 9, CS02: 9 });
  tuan = await submitted(people.anhTuan, { CS03: 10 }, 'Thôn Đồng Chằm');
});
afterEach(async () => {
  await h.close();
});

describe('appraisal (thẩm định)', () => {
  it("lists the village's submissions with their self totals", async () => {
    const q = await h.json('GET', '/api/staff/appraisals?village=Thôn Đồng Chằm&year=2026', undefined, s.appraiser);
    expect(
      q.body.map((i: { name: string; selfTotal: number; appraisal: unknown }) => [i.name, i.selfTotal, i.appraisal]),
    ).toEqual([
      ['Nguyễn Thị Lan', 82, null],
      ['Trần Văn Tuấn', 82, null],
    ]);
  });

  it('requires a reason where the appraised score differs, and computes the verdict with the same rules', async () => {
    const noReason = appraise({}, { CS01: 9, CS02: 9 });
    noReason.scores[2] = { indicatorId: 'CS03', score: 4 };
    const refused = await h.json('PUT', `/api/staff/appraisals/${lan.assessmentId}`, noReason, s.appraiser);
    expect(refused).toMatchObject({
      status: 422,
      body: { code: 'appraisal.reason-required', details: { indicatorId: 'CS03' } },
    });
    expect((await h.counts()).appraisal).toBe(0);

    const saved = await h.json(
      'PUT',
      `/api/staff/appraisals/${lan.assessmentId}`,
      appraise({ CS03: 4 }, { CS01: 9, CS02: 9 }),
      s.appraiser,
    );
    expect(saved.status).toBe(200);
    expect(saved.body.assessment.verdict.recognized).toBe(true);
    expect(saved.body.appraisal.verdict).toEqual({
      total: 78,
      recognized: false,
      shortfalls: [
        { kind: 'indicator-below-min', indicatorId: 'CS03', score: 4, min: 5 },
        { kind: 'total-below-pass', total: 78, pass: 80, needed: 2 },
      ],
    });
    const log = await h.json('GET', '/api/staff/audit?action=appraisal', undefined, s.admin);
    expect(log.body[0]).toMatchObject({
      action: 'appraisal.save',
      actor: 'Vũ Thị Mai',
      subjectId: lan.assessmentId,
      details: {
        changed: [{ indicatorId: 'CS03', from: 8, to: 4, reason: 'Chưa có minh chứng đi học' }],
        recognized: false,
      },
    });
  });

  it('refuses to appraise a draft', async () => {
    const personId = build.id();
    await h.json('PUT', `/api/people/${personId}`, people.baLan);
    const draft = build.id();
    await h.json('PUT', `/api/assessments/${draft}`, build.assessment(personId, { status: 'draft' }));
    expect((await h.json('PUT', `/api/staff/appraisals/${draft}`, appraise(), s.appraiser)).body.code).toBe(
      'appraisal.not-submitted',
    );
  });

  it('returns a submission for more evidence; the villager sees the message and submits again', async () => {
    const ret = await h.json(
      'POST',
      `/api/staff/appraisals/${lan.assessmentId}/return`,
      { message: 'Xin bổ sung ảnh giấy chứng nhận lớp tập huấn' },
      s.appraiser,
    );
    expect(ret.body.appraisal).toMatchObject({
      status: 'returned',
      message: 'Xin bổ sung ảnh giấy chứng nhận lớp tập huấn',
    });
    const seen = await h.json('GET', `/api/people/${lan.personId}/assessments/current`);
    expect(seen.body.assessment.returned.message).toBe('Xin bổ sung ảnh giấy chứng nhận lớp tập huấn');
    h.setNow(new Date('2026-11-23T04:00:00Z'));
    const again = await h.json(
      'PUT',
      `/api/assessments/${lan.assessmentId}`,
      build.assessment(lan.personId, { scores: { CS01: 9, CS02: 9, CS03: 9 } }),
    );
    expect(again.status).toBe(200);
    expect(again.body.revision).toBe(2);
    const q = await h.json('GET', '/api/staff/appraisals?village=Thôn Đồng Chằm&year=2026', undefined, s.appraiser);
    expect(q.body.find((i: { assessmentId: string }) => i.assessmentId === lan.assessmentId).resubmitted).toBe(true);
  });

  it('a finalized list locks its appraisals; only the administrator reopens one, and it is logged', async () => {
    await h.json('PUT', `/api/staff/appraisals/${lan.assessmentId}`, appraise({}, { CS01: 9, CS02: 9 }), s.appraiser);
    await h.json('PUT', `/api/staff/appraisals/${tuan.assessmentId}`, appraise({}, { CS03: 10 }), s.appraiser);
    const list = await h.json(
      'POST',
      '/api/staff/lists/finalize',
      { village: 'Thôn Đồng Chằm', year: 2026 },
      s.appraiser,
    );
    expect(list.body.entries.map((e: { name: string }) => e.name)).toEqual(['Nguyễn Thị Lan', 'Trần Văn Tuấn']);
    expect(list.body.finalizedAt).toBe('2026-11-23T03:00:00.000Z');

    const before = await h.counts();
    const locked = await h.json(
      'PUT',
      `/api/staff/appraisals/${lan.assessmentId}`,
      appraise({ CS03: 5 }, { CS01: 9, CS02: 9 }),
      s.appraiser,
    );
    expect(locked).toMatchObject({ status: 409, body: { code: 'appraisal.locked' } });
    expect(
      (await h.json('POST', `/api/staff/appraisals/${lan.assessmentId}/return`, { message: 'Thêm ảnh' }, s.appraiser))
        .body.code,
    ).toBe('appraisal.locked');
    expect(
      (
        await h.json(
          'PUT',
          `/api/assessments/${lan.assessmentId}`,
          build.assessment(lan.personId, { scores: { CS01: 10 } }),
        )
      ).body.code,
    ).toBe('assessment.already-submitted');
    expect(await h.counts()).toEqual(before);

    expect(
      (
        await h.json(
          'POST',
          `/api/staff/appraisals/${lan.assessmentId}/reopen`,
          { reason: 'Chấm nhầm CS03' },
          s.appraiser,
        )
      ).status,
    ).toBe(403);
    const reopened = await h.json(
      'POST',
      `/api/staff/appraisals/${lan.assessmentId}/reopen`,
      { reason: 'Chấm nhầm CS03' },
      s.admin,
    );
    expect(reopened.body.appraisal.locked).toBe(false);
    expect(
      (
        await h.json(
          'PUT',
          `/api/staff/appraisals/${lan.assessmentId}`,
          appraise({ CS03: 5 }, { CS01: 9, CS02: 9 }),
          s.appraiser,
        )
      ).status,
    ).toBe(200);
    const trace = await h.json('GET', `/api/staff/audit?subjectId=${lan.assessmentId}`, undefined, s.admin);
    expect(trace.body.map((e: { action: string }) => e.action)).toEqual([
      'appraisal.save',
      'appraisal.reopen',
      'appraisal.save',
    ]);
    expect(trace.body[1]).toMatchObject({ actor: 'Phạm Thị Hoa', details: { reason: 'Chấm nhầm CS03' } });
  });

  it('an empty list cannot be finalized', async () => {
    expect(
      (await h.json('POST', '/api/staff/lists/finalize', { village: 'Thôn Gò Chè', year: 2026 }, s.appraiser)).body
        .code,
    ).toBe('list.empty');
  });
});

describe('proposal list exports', () => {
  beforeEach(async () => {
    await h.json('PUT', `/api/staff/appraisals/${lan.assessmentId}`, appraise({}, { CS01: 9, CS02: 9 }), s.appraiser);
    await h.json('PUT', `/api/staff/appraisals/${tuan.assessmentId}`, appraise({ CS04: 3 }, { CS03: 10 }), s.appraiser);
  });

  it('exports a real .xlsx with only those whose appraised result passes', async () => {
    const res = await h.app.request('/api/staff/lists/export?village=Thôn Đồng Chằm&year=2026&format=xlsx', {
      headers: { cookie: s.facilitator },
    });
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain('danh-sach-de-nghi-2026-thon-dong-cham.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const text = JSON.stringify(rows);
    expect(text).toContain('Nguyễn Thị Lan');
    expect(text).not.toContain('Trần Văn Tuấn');
    const lanRow = rows.find((r) => r.includes('Nguyễn Thị Lan'))!;
    expect(lanRow).toContain(1954);
    expect(lanRow).toContain(82);
    const log = await h.json('GET', '/api/staff/audit?action=list.export', undefined, s.admin);
    expect(log.body[0]).toMatchObject({
      actor: 'Lê Văn Bình',
      details: { format: 'xlsx', kind: 'official', count: 1 },
    });
  });

  it('the public list leaves out people who withdrew consent to it, and shows no scores', async () => {
    const withdrawn = await h.json(
      'POST',
      `/api/staff/people/${lan.personId}/consents`,
      { purpose: 'publicList', granted: false },
      s.facilitator,
    );
    expect(withdrawn.body.consents.find((c: { purpose: string }) => c.purpose === 'publicList').granted).toBe(false);
    const official = await h.json(
      'GET',
      '/api/staff/lists/export?village=Thôn Đồng Chằm&year=2026&format=csv',
      undefined,
      s.facilitator,
    );
    const publicCsv = await h.json(
      'GET',
      '/api/staff/lists/export?village=Thôn Đồng Chằm&year=2026&format=csv&kind=public',
      undefined,
      s.facilitator,
    );
    expect(official.body).toContain('Nguyễn Thị Lan');
    expect(publicCsv.body).not.toContain('Nguyễn Thị Lan');
    const html = await h.json(
      'GET',
      '/api/staff/lists/export?village=Thôn Đồng Chằm&year=2026&format=html',
      undefined,
      s.facilitator,
    );
    expect(html.body).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(html.body).toContain('Nguyễn Thị Lan');
  });
});
