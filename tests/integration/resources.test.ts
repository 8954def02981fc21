import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResourceInputDraft } from '../../shared/schemas/resource.ts';
import { build } from '../fixtures/people.ts';
import { staffSessions, type Role } from '../fixtures/staff.ts';
import { startHarness, type Harness } from './harness.ts';

/** The center's catalog of learning resources: managed by facilitators, fetched by tablets incrementally. */

let h: Harness;
let staff: Record<Role, string>;
beforeEach(async () => {
  h = await startHarness();
  staff = await staffSessions(h);
});
afterEach(async () => {
  await h.close();
});

const computerClass: ResourceInputDraft = {
  kind: 'class',
  title: 'Học máy tính cho người lớn tuổi',
  topic: 'Kỹ năng số',
  description: 'Bật máy, gõ chữ, tìm tin trên mạng.',
  indicators: ['CS05'],
  domains: ['data'],
  audiences: ['nhom-1'],
  teacher: 'Cô Mai',
  place: 'Phòng học trung tâm',
  sessions: [{ startsAt: '2026-11-27T01:00:00.000Z' }, { startsAt: '2026-12-04T01:00:00.000Z' }],
};
const vneidLink: ResourceInputDraft = {
  kind: 'link',
  title: 'Hướng dẫn dùng VNeID',
  topic: 'Dịch vụ công',
  url: 'https://vneid.gov.vn',
  indicators: ['CS05'],
  domains: ['safety'],
};

describe('learning resources', () => {
  it('a facilitator creates, edits and retires; a tablet gets only what changed since its version', async () => {
    const a = build.id();
    const b = build.id();
    expect((await h.json('PUT', `/api/staff/resources/${a}`, computerClass, staff.facilitator)).body).toMatchObject({
      id: a,
      version: 1,
      revision: 1,
      origin: 'center',
      retired: false,
    });
    expect((await h.json('PUT', `/api/staff/resources/${b}`, vneidLink, staff.facilitator)).body).toMatchObject({
      version: 2,
    });
    const first = (await h.json('GET', '/api/resources?since=0')).body;
    expect(first.version).toBe(2);
    expect(first.changes.map((r: { id: string }) => r.id)).toEqual([a, b]);

    // The same body again is no change; an edit and a retirement are.
    expect((await h.json('PUT', `/api/staff/resources/${a}`, computerClass, staff.facilitator)).body.version).toBe(1);
    await h.json(
      'PUT',
      `/api/staff/resources/${a}`,
      { ...computerClass, place: 'Nhà văn hóa thôn Khe Ngang' },
      staff.facilitator,
    );
    await h.json('POST', `/api/staff/resources/${b}/retire`, undefined, staff.facilitator);
    const next = (await h.json('GET', `/api/resources?since=${first.version}`)).body;
    expect(next.version).toBe(4);
    expect(
      next.changes.map((r: { id: string; retired: boolean; place?: string }) => [r.id, r.retired, r.place ?? null]),
    ).toEqual([
      [a, false, 'Nhà văn hóa thôn Khe Ngang'],
      [b, true, null],
    ]);
    expect((await h.json('GET', '/api/resources?since=4')).body).toEqual({ version: 4, changes: [] });
    expect((await h.json('PUT', `/api/staff/resources/${b}`, vneidLink, staff.facilitator)).body.code).toBe(
      'resource.retired',
    );
    const actions = await h.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_kind', '=', 'resource')
      .execute();
    expect(actions.map((x) => x.action)).toEqual([
      'resource.create',
      'resource.create',
      'resource.edit',
      'resource.retire',
    ]);
  });

  it('a resource from the commune is not editable at the center', async () => {
    const id = build.id();
    await h.db
      .insertInto('resource')
      .values({
        id,
        origin: 'commune',
        revision: 1,
        version: 1,
        retired: 0,
        payload: JSON.stringify(vneidLink),
        updated_at: '2026-11-20T00:00:00.000Z',
        updated_by: null,
      })
      .execute();
    expect((await h.json('PUT', `/api/staff/resources/${id}`, vneidLink, staff.facilitator)).body).toMatchObject({
      code: 'resource.not-editable',
      details: { origin: 'commune' },
    });
    expect((await h.json('POST', `/api/staff/resources/${id}/retire`, undefined, staff.admin)).body.code).toBe(
      'resource.not-editable',
    );
  });

  it.each<[string, Record<string, unknown>]>([
    ['a class without its teacher', { ...computerClass, teacher: undefined }],
    ['a link without its address', { ...vneidLink, url: undefined }],
    ['a plain-http link', { ...vneidLink, url: 'http://example.vn' }],
    ['an indicator that does not exist', { ...vneidLink, indicators: ['CS11'] }],
    ['an unknown digital domain', { ...vneidLink, domains: ['cooking'] }],
    [
      'sessions on printed material',
      {
        kind: 'printed',
        title: 'Sổ tay nông nghiệp',
        topic: 'Trồng trọt',
        sessions: [{ startsAt: '2026-11-27T01:00:00.000Z' }],
      },
    ],
  ])('refuses %s and changes nothing', async (_name, body) => {
    const before = await h.counts();
    const res = await h.json(
      'PUT',
      `/api/staff/resources/${build.id()}`,
      JSON.parse(JSON.stringify(body)),
      staff.facilitator,
    );
    expect(res).toMatchObject({ status: 400, body: { code: 'request.invalid' } });
    expect(await h.counts()).toEqual(before);
  });

  describe('import from a spreadsheet', () => {
    const header = [
      'Loại',
      'Tiêu đề',
      'Chủ đề',
      'Mô tả',
      'Chỉ số',
      'Lĩnh vực số',
      'Người dạy',
      'Nơi học',
      'Các buổi',
      'Đường dẫn',
    ];
    const good = [
      [
        'Lớp học',
        'Học máy tính cơ bản',
        'Kỹ năng số',
        'Bật máy, gõ chữ',
        'CS05',
        'data',
        'Cô Mai',
        'Phòng học trung tâm',
        '27/11/2026 08:00; 04/12/2026 08:00',
        '',
      ],
      ['Tài liệu in', 'Sổ tay trồng lúa', 'Nông nghiệp', '', 'CS07, CS01', '', '', '', '', ''],
      [
        'Đường dẫn',
        'Cổng dịch vụ công',
        'Dịch vụ công',
        '',
        'CS05',
        'communication',
        '',
        '',
        '',
        'https://dichvucong.gov.vn',
      ],
    ];
    const xlsx = async (rows: string[][]) => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('Tài liệu');
      sheet.addRow(header);
      for (const r of rows) sheet.addRow(r);
      return new Uint8Array(await book.xlsx.writeBuffer());
    };
    const send = async (body: Uint8Array | string, type: string, who = staff.facilitator) => {
      const res = await h.app.request('/api/staff/resources/import', {
        method: 'POST',
        headers: { cookie: who, 'content-type': type },
        body: body as BodyInit,
      });
      return {
        status: res.status,
        body: (await res.json()) as {
          code?: string;
          imported?: number;
          details: { rows: { row: number; problems: string[] }[] };
        },
      };
    };

    it('a sheet with two bad rows imports nothing and names both rows', async () => {
      const bad = [
        ...good.slice(0, 1),
        ['Lớp học', 'Lớp nấu ăn', 'Dinh dưỡng', '', '', '', 'Cô Lan', 'Nhà văn hóa', '30/02/2026 08:00', ''],
        good[1]!,
        ['Phim', 'Video trồng rau', 'Nông nghiệp', '', 'CS11', '', '', '', '', ''],
      ];
      const before = await h.counts();
      const res = await send(await xlsx(bad), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('resource.import-invalid');
      expect(res.body.details.rows.map((r) => r.row)).toEqual([3, 5]);
      expect(res.body.details.rows[0]!.problems.join(' ')).toContain('30/02/2026 08:00');
      expect(res.body.details.rows[1]!.problems.join(' ')).toContain('Phim');
      expect(await h.counts()).toEqual(before);
    });

    it('a row with hidden characters (NUL, a right-to-left override) imports nothing and names the row and column', async () => {
      const hidden = (teacher: string) => [
        good[0]!.map((c, i) => (i === 6 ? teacher : c)),
        good[1]!.map((c, i) => (i === 1 ? 'Sổ tay \u202Etrồng lúa' : c)),
        good[2]!,
      ];
      // A .xlsx cannot hold a NUL (XML has no place for it): there a bidi isolate; the .csv carries the NUL itself.
      const csv = [header, ...hidden('Cô\u0000 Mai')].map((r) => r.map((c) => `"${c}"`).join(',')).join('\r\n');
      for (const [body, type] of [
        [await xlsx(hidden('Cô \u2067Mai\u2069')), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        [csv, 'text/csv'],
      ] as const) {
        const before = await h.counts();
        const res = await send(body, type);
        expect(res.status).toBe(422);
        expect(res.body.code).toBe('resource.import-invalid');
        expect(res.body.details.rows.map((r) => r.row)).toEqual([2, 3]);
        expect(res.body.details.rows[0]!.problems).toEqual([
          expect.stringMatching(/^Người dạy: .*text\.invalid-characters/),
        ]);
        expect(res.body.details.rows[1]!.problems).toEqual([
          expect.stringMatching(/^Tiêu đề: .*text\.invalid-characters/),
        ]);
        expect(await h.counts()).toEqual(before);
      }
    });

    it('a good .xlsx imports every row, and a good .csv too', async () => {
      expect(
        (await send(await xlsx(good), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).body,
      ).toEqual({ imported: 3 });
      const csv = [header, ...good].map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n');
      expect((await send(`\uFEFF${csv}`, 'text/csv')).body).toEqual({ imported: 3 });
      const { changes } = (await h.json('GET', '/api/resources?since=0')).body;
      expect(changes).toHaveLength(6);
      const lesson = changes.find((r: { title: string }) => r.title === 'Học máy tính cơ bản');
      expect(lesson).toMatchObject({
        kind: 'class',
        teacher: 'Cô Mai',
        indicators: ['CS05'],
        sessions: [{ startsAt: '2026-11-27T01:00:00.000Z' }, { startsAt: '2026-12-04T01:00:00.000Z' }],
      });
      expect(changes.find((r: { title: string }) => r.title === 'Sổ tay trồng lúa').indicators).toEqual([
        'CS07',
        'CS01',
      ]);
    });

    it('refuses a file that is not a spreadsheet', async () => {
      expect(
        (await send(new Uint8Array([1, 2, 3]), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'))
          .body.code,
      ).toBe('resource.import-unreadable');
    });
  });
});
