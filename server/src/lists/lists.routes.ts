import { Hono } from 'hono';
import * as v from 'valibot';
import { audit } from '../audit/audit.ts';
import { VillageYearQuery } from '../appraisals/appraisals.routes.ts';
import { requireRole } from '../http/auth.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonBody, parseOrThrow } from '../http/errors.ts';
import { listToCsv, listToXlsx, renderListHtml } from './list.render.ts';
import { finalizeList, proposalList } from './lists.service.ts';

const ListQuery = v.object({
  ...VillageYearQuery.entries,
  kind: v.optional(v.picklist(['official', 'public']), 'official'),
});
const ExportQuery = v.object({ ...ListQuery.entries, format: v.picklist(['xlsx', 'csv', 'html']) });
const FinalizeBody = v.strictObject({ village: v.pipe(v.string(), v.minLength(1)), year: v.pipe(v.number(), v.integer()) });

const fileName = (village: string, year: number, kind: string, ext: string) =>
  `danh-sach-${kind === 'public' ? 'cong-khai' : 'de-nghi'}-${year}-${village.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}.${ext}`;

export const listRoutes = new Hono<AppEnv>()
  .get('/staff/lists', requireRole('facilitator', 'appraiser', 'admin'), async (c) => {
    const { village, year, kind } = parseOrThrow(ListQuery, c.req.query());
    return c.json(await proposalList(c.var.deps, village, year, kind));
  })
  .post('/staff/lists/finalize', requireRole('appraiser', 'admin'), jsonBody(FinalizeBody), async (c) => {
    const { village, year } = c.req.valid('json');
    return c.json(await finalizeList(c.var.deps, c.var.staff!, village, year));
  })
  // Print view (A4, from the browser), .xlsx and .csv; each export is audited.
  .get('/staff/lists/export', requireRole('facilitator', 'appraiser', 'admin'), async (c) => {
    const { village, year, kind, format } = parseOrThrow(ExportQuery, c.req.query());
    const data = await proposalList(c.var.deps, village, year, kind);
    await audit(c.var.deps.db, c.var.staff!, { action: 'list.export', subjectKind: 'list', subjectId: `${village}/${year}`, details: { kind, format, count: data.entries.length } }, c.var.deps.now().toISOString());
    if (format === 'html') return c.html(renderListHtml(data));
    const name = fileName(village, year, kind, format);
    const disposition = `attachment; filename="${name}"`;
    if (format === 'csv') return c.body(listToCsv(data), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': disposition });
    const xlsx = await listToXlsx(data);
    return c.body(new Uint8Array(xlsx), 200, { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'content-disposition': disposition });
  });
