import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { staffSessions } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';
import { AT, fiveYears, HEADERS, nodeOf, person, upload, workbook, type Line } from './history-setup.ts';

/**
 * Issue 24: the commune's 2021–2025 recognitions, decided on paper, come into the hub from a
 * workbook. A bad file or bad rows are refused row by row with stable codes and nothing is written;
 * the same file again changes nothing; a row is matched with the person of the same name, birth
 * year and village, a close name waits for the officer's review, and someone not registered yet is
 * matched when their record arrives. On SQLite and PostgreSQL.
 */

const pgUrl = inject('pgUrl');
const storages = pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);
const DONG_CHAM = 'Thôn Đồng Chằm';
const GO_CHE = 'Thôn Gò Chè';

describe.each(storages)('past recognitions imported on %s', (storage) => {
  let hub: Harness;
  let officer: string;

  beforeEach(async () => {
    hub = await startHarness(new Date(AT), { KIOSK_ROLE: 'hub' }, undefined, storage === 'postgres' ? pgUrl : null);
    officer = (await staffSessions(hub)).admin;
  });
  afterEach(async () => {
    await hub.close();
  });

  const rowsOf = async () =>
    (await hub.json('GET', '/api/staff/hub/history', undefined, officer)).body as {
      id: string;
      name: string;
      year: number;
      status: string;
      candidate: { id: string; name: string } | null;
    }[];
  const decided = (personId: string) =>
    hub.db
      .selectFrom('hub_decision_subject')
      .innerJoin('hub_decision', 'hub_decision.id', 'hub_decision_subject.decision_id')
      .select(['hub_decision.year', 'hub_decision.number', 'hub_decision.signer'])
      .where('subject_id', '=', personId)
      .orderBy('hub_decision.year')
      .execute();

  it('gives a template whose header row is the columns it reads', async () => {
    const res = await hub.app.request('/api/staff/hub/history/template', { headers: { cookie: officer } });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const values = book.worksheets[0]!.getRow(4).values as unknown[];
    expect(values.slice(1)).toEqual(HEADERS);
  });

  it('refuses wrong columns and bad rows, each with its code, writing nothing', async () => {
    const me = person('Nguyễn Thị Lan', 1962, DONG_CHAM);
    await (await nodeOf(hub, 'TTHTCĐ Tân Lập')).push([me]);
    const before = await hub.counts();
    const wrong = await upload(
      hub,
      officer,
      await workbook([['Cá nhân', 'Nguyễn Thị Lan', 1962]], ['Loại', 'Tên', 'Năm sinh']),
    );
    expect(wrong).toMatchObject({ status: 422, body: { code: 'history.import-columns' } });
    expect(wrong.body.details.missing).toContain('Số quyết định');
    const good: Line = ['Cá nhân', 'Nguyễn Thị Lan', 1962, DONG_CHAM, 2024, '15/QĐ-UBND', '20/12/2024', 'UBND xã'];
    const res = await upload(
      hub,
      officer,
      await workbook([
        good,
        ['Cá nhân', 'Trần Văn Bình', 1960, 'Thôn Không Có', 2024, '15/QĐ-UBND', '20/12/2024', 'UBND xã'],
        ['Cá nhân', 'Trần Văn Bình', 1960, DONG_CHAM, 2019, '9/QĐ-UBND', '20/12/2019', 'UBND xã'],
        ['Cá nhân', 'Trần Văn Bình', 1960, DONG_CHAM, 2026, '9/QĐ-UBND', '20/12/2026', 'UBND xã'],
        good,
        ['Cá nhân', 'Nguyễn Thị Lan', 1962, DONG_CHAM, 2024, '99/QĐ-UBND', '21/12/2024', 'UBND xã'],
        ['Cá nhân', 'Lê Thị Cúc', '', DONG_CHAM, 2023, '', '31/02/2023', ''],
        ['Học sinh', 'Lê Thị Cúc', 1970, DONG_CHAM, 2023, '5/QĐ-UBND', '20/12/2023', 'UBND xã'],
      ]),
    );
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('history.import-invalid');
    expect(res.body.details.rows).toEqual([
      { row: 4, problems: ['village-unknown'] },
      { row: 5, problems: ['year-out-of-range'] },
      { row: 6, problems: ['year-out-of-range'] },
      { row: 7, problems: ['duplicate-row'] },
      { row: 8, problems: ['conflicting-decisions'] },
      { row: 9, problems: ['date-invalid', 'number-missing', 'issuer-missing', 'birth-year-invalid'] },
      { row: 10, problems: ['kind-unknown'] },
    ]);
    expect(await hub.counts()).toEqual(before);
    // A later file contradicting what was imported is refused too.
    expect((await upload(hub, officer, await workbook([good]))).status).toBe(200);
    const after = await hub.counts();
    const contradicts = await upload(
      hub,
      officer,
      await workbook([['Cá nhân', 'Nguyễn Thị Lan', 1962, DONG_CHAM, 2024, '99/QĐ-UBND', '21/12/2024', 'UBND xã']]),
    );
    expect(contradicts.body.details.rows).toEqual([{ row: 3, problems: ['conflicting-decisions'] }]);
    expect(await hub.counts()).toEqual(after);
  });

  it('matches exact names, offers close ones for review, keeps the rest until they register; the same file again changes nothing', async () => {
    const center = await nodeOf(hub, 'TTHTCĐ Tân Lập');
    const lan = person('Nguyễn Thị Lan', 1962, DONG_CHAM);
    const hoa = person('Phạm Thị Hoà', 1965, GO_CHE);
    const other = person('Phạm Thị Hoa', 1965, DONG_CHAM);
    await center.push([lan, hoa, other]);
    const file = await workbook([
      ...fiveYears('Nguyễn Thị Lan', 1962, DONG_CHAM),
      ['Cá nhân', 'pham thi hoa', 1965, 'thôn gò chè', 2025, '25/QĐ-UBND', '15/12/2025', 'UBND xã Tân Lập'],
      ['Cá nhân', 'Vũ Văn Khánh', 1958, GO_CHE, 2025, '25/QĐ-UBND', '15/12/2025', 'UBND xã Tân Lập'],
    ]);
    const first = await upload(hub, officer, file);
    expect(first).toMatchObject({ status: 200, body: { rows: 7, added: 7, matched: 5, review: 1, pending: 1 } });
    expect((await decided(lan.id)).map((d) => d.year)).toEqual([2021, 2022, 2023, 2024, 2025]);
    expect((await decided(lan.id))[0]).toMatchObject({ number: '21/QĐ-UBND', signer: 'UBND xã Tân Lập' });
    const feed = await hub.db
      .selectFrom('hub_feed')
      .select(['node_id', 'payload'])
      .where('kind', '=', 'decision')
      .execute();
    expect(feed.filter((f) => JSON.parse(f.payload).personIds.includes(lan.id))).toHaveLength(5);
    expect(feed.every((f) => f.node_id === center.node.id)).toBe(true);
    const audited = await hub.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'hub.history-import')
      .execute();
    expect(audited).toHaveLength(1);

    const counts = await hub.counts();
    expect(await upload(hub, officer, file)).toMatchObject({ status: 200, body: { rows: 7, added: 0 } });
    expect(await hub.counts()).toEqual(counts);

    // The close name waits for the officer, offering bà Hoà of Gò Chè (not bà Hoa of Đồng Chằm).
    const waiting = (await rowsOf()).find((r) => r.status === 'review')!;
    expect(waiting.candidate).toMatchObject({ id: hoa.id, name: 'Phạm Thị Hoà' });
    expect(
      (await hub.json('POST', `/api/staff/hub/history/${waiting.id}/review`, { accept: true }, officer)).status,
    ).toBe(200);
    expect((await decided(hoa.id)).map((d) => d.year)).toEqual([2025]);
    const again = await hub.json('POST', `/api/staff/hub/history/${waiting.id}/review`, { accept: true }, officer);
    expect(again).toMatchObject({ status: 409, body: { code: 'history.not-in-review' } });

    // Ông Khánh registers later: his record arriving matches the row that waited for him.
    const khanh = person('Vũ Văn Khánh', 1958, GO_CHE);
    await center.push([khanh]);
    expect((await decided(khanh.id)).map((d) => d.year)).toEqual([2025]);
    expect((await rowsOf()).map((r) => r.status).sort()).toEqual(Array(7).fill('matched'));
    // One decision per paper decision: bà Hoà and ông Khánh are both in 25/QĐ-UBND.
    const d2025 = await hub.db.selectFrom('hub_decision').select('id').where('year', '=', 2025).execute();
    expect(d2025).toHaveLength(1);
  });

  it('a rejected close match is not offered again, and the row waits', async () => {
    const center = await nodeOf(hub, 'TTHTCĐ Tân Lập');
    const hoa = person('Phạm Thị Hoà', 1965, GO_CHE);
    await center.push([hoa]);
    await upload(
      hub,
      officer,
      await workbook([['Cá nhân', 'Phạm Thị Hoa', 1965, GO_CHE, 2025, '25/QĐ-UBND', '15/12/2025', 'UBND xã']]),
    );
    const [row] = await rowsOf();
    expect(row).toMatchObject({ status: 'review', candidate: { id: hoa.id } });
    expect(
      (await hub.json('POST', `/api/staff/hub/history/${row!.id}/review`, { accept: false }, officer)).status,
    ).toBe(200);
    expect(await rowsOf()).toMatchObject([{ status: 'pending', candidate: null }]);
    expect(await decided(hoa.id)).toEqual([]);
    const reviews = await hub.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'hub.history-review')
      .execute();
    expect(JSON.parse(reviews[0]!.details)).toMatchObject({ accept: false, candidateId: hoa.id });
    // Her record coming again (a new revision) does not bring the rejected match back.
    await center.push([{ ...hoa, revision: 2 }]);
    expect(await rowsOf()).toMatchObject([{ status: 'pending', candidate: null }]);
  });
});
