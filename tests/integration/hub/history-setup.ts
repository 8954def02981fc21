import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { HubNodeRow } from '../../../server/src/db/schema.ts';
import type { HubDeps } from '../../../server/src/hub/context/hub.context.ts';
import { applyPush } from '../../../server/src/hub/ingest/hub.service.ts';
import { matchArrivals } from '../../../server/src/hub/history/history.service.ts';
import type { ChangeMessage, PersonUpsertV1 } from '../../../shared/sync/messages.ts';
import { build } from '../../fixtures/people.ts';
import type { Harness } from '../harness.ts';
import { body, hubDeps, nodeIn } from './hub-db-setup.ts';

/** What the history import's tests (issue 24) share: workbooks as an officer fills them, and people as centers push them. */

export const HEADERS = [
  'Loại',
  'Họ và tên hoặc tên',
  'Năm sinh',
  'Thôn',
  'Năm công nhận',
  'Số quyết định',
  'Ngày quyết định',
  'Cơ quan ban hành',
];
export type Line = (string | number)[];

export async function workbook(rows: Line[], headers: string[] = HEADERS): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Công nhận');
  sheet.addRow(['DANH SÁCH ĐÃ ĐƯỢC CÔNG NHẬN']);
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** The five paper decisions of 2021–2025 naming a person. */
export const fiveYears = (name: string, birthYear: number, village: string): Line[] =>
  [2021, 2022, 2023, 2024, 2025].map((y) => [
    'Cá nhân',
    name,
    birthYear,
    village,
    y,
    `${y - 2000}/QĐ-UBND`,
    `15/12/${y}`,
    'UBND xã Tân Lập',
  ]);

export async function upload(h: Harness, cookie: string, bytes: Uint8Array) {
  const res = await h.app.request('/api/staff/hub/history', {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    body: bytes as BodyInit,
  });
  return { status: res.status, body: (await res.json()) as any };
}

export const AT = '2026-11-20T03:00:00.000Z';

export const person = (name: string, birthYear: number, village: string): PersonUpsertV1 => ({
  type: 'PersonUpsertV1',
  id: build.id(),
  revision: 1,
  code: `C${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
  name,
  birthYear,
  village,
  consents: [{ purpose: 'assessment', granted: true, at: AT }],
});

/** A node below, as enrolment leaves it, and a pusher for it with the hub's arrival matching. */
export async function nodeOf(h: Harness, name: string) {
  const node: HubNodeRow = await nodeIn(h.db, name);
  const deps: HubDeps = hubDeps(h.db, { onArrival: matchArrivals });
  let seq = 0;
  return {
    node,
    async push(changes: ChangeMessage[]) {
      const first = seq + 1;
      seq += changes.length;
      const res = await applyPush(deps, node, body(changes, first));
      expect(JSON.stringify(res)).not.toMatch(/"code"/);
    },
  };
}
