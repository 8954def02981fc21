import { Hono } from 'hono';
import * as v from 'valibot';
import { cleanText } from '../../../shared/schemas/text.ts';
import { proposalListTitles, type ProposalListTitle } from '../../../shared/schemas/proposal-list.ts';
import { audit } from '../audit/audit.ts';
import { requireRole } from '../http/auth.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonBody, parseOrThrow } from '../http/errors.ts';
import { listToCsv, listToXlsx, renderListHtml } from './list.render.ts';
import { finalizeList, listKey, proposalList, type ListScope } from './lists.service.ts';

/**
 * The proposal lists of every title on the same three routes: `title` is 'cdht' when left out (the
 * CDHT list, as before), 'gdht' (a village's households) or 'dhht' (the center's clans, with no
 * village: one given is ignored).
 */
const Title = v.optional(v.picklist(proposalListTitles), 'cdht');
const Village = v.pipe(v.string(), v.minLength(1), cleanText());
const hasVillage = (q: { title: ProposalListTitle; village?: string }) => q.title === 'dhht' || q.village !== undefined;
const villageRequired = 'village is required for this list';

const listQuery = {
  title: Title,
  village: v.optional(Village),
  year: v.pipe(v.string(), v.regex(/^\d{4}$/), v.transform(Number)),
  kind: v.optional(v.picklist(['official', 'public']), 'official'),
};
const ListQuery = v.pipe(
  v.object(listQuery),
  v.check((q) => hasVillage(q), villageRequired),
);
const ExportQuery = v.pipe(
  v.object({ ...listQuery, format: v.picklist(['xlsx', 'csv', 'html']) }),
  v.check((q) => hasVillage(q), villageRequired),
);
const FinalizeBody = v.pipe(
  v.strictObject({ title: Title, village: v.optional(Village), year: v.pipe(v.number(), v.integer()) }),
  v.check((q) => hasVillage(q), villageRequired),
);

const scopeOf = (q: { title: ProposalListTitle; village?: string; year: number }): ListScope => ({
  title: q.title,
  year: q.year,
  village: q.title === 'dhht' ? null : q.village!,
});

const ascii = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .toLowerCase();
/** The title in a file name; a CDHT list keeps the name it always had. */
const titleSlug: Record<ProposalListTitle, string> = { cdht: '', gdht: 'gia-dinh-hoc-tap-', dhht: 'dong-ho-hoc-tap-' };
const fileName = (scope: ListScope, kind: string, ext: string) =>
  `danh-sach-${kind === 'public' ? 'cong-khai' : 'de-nghi'}-${titleSlug[scope.title]}${scope.year}${scope.village === null ? '' : `-${ascii(scope.village)}`}.${ext}`;

export const listRoutes = new Hono<AppEnv>()
  .get('/staff/lists', requireRole('facilitator', 'appraiser', 'admin'), async (c) => {
    const query = parseOrThrow(ListQuery, c.req.query());
    return c.json(await proposalList(c.var.deps, scopeOf(query), query.kind));
  })
  .post('/staff/lists/finalize', requireRole('appraiser', 'admin'), jsonBody(FinalizeBody), async (c) =>
    c.json(await finalizeList(c.var.deps, c.var.staff!, scopeOf(c.req.valid('json')))),
  )
  // Print view (A4, from the browser), .xlsx and .csv; each export is audited.
  .get('/staff/lists/export', requireRole('facilitator', 'appraiser', 'admin'), async (c) => {
    const query = parseOrThrow(ExportQuery, c.req.query());
    const { kind, format } = query;
    const scope = scopeOf(query);
    const data = await proposalList(c.var.deps, scope, kind);
    const details =
      scope.title === 'cdht'
        ? { kind, format, count: data.entries.length }
        : { title: scope.title, kind, format, count: data.entries.length };
    await audit(
      c.var.deps.db,
      c.var.staff!,
      { action: 'list.export', subjectKind: 'list', subjectId: listKey(scope), details },
      c.var.deps.now().toISOString(),
    );
    if (format === 'html') return c.html(renderListHtml(data));
    const disposition = `attachment; filename="${fileName(scope, kind, format)}"`;
    if (format === 'csv')
      return c.body(listToCsv(data), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': disposition,
      });
    const xlsx = await listToXlsx(data);
    return c.body(new Uint8Array(xlsx), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': disposition,
    });
  });
