import { Hono } from 'hono';
import * as v from 'valibot';
import { reportKinds, SaveReportSchema } from '../../../../../shared/schemas/report-paper.ts';
import { audit } from '../../../audit/audit.ts';
import { requireRole } from '../../../http/auth.ts';
import type { AppEnv } from '../../../http/context.ts';
import { jsonBody, parseOrThrow } from '../../../http/errors.ts';
import { DOCX_TYPE } from '../../../print/docx.ts';
import { deps, YearQuery } from '../../context/hub.context.ts';
import { reportFileName } from './report-paper.ts';
import { reportDocx } from './report-paper.docx.ts';
import { reportPaperHtml } from './report-paper.html.ts';
import { reportDraft, reportPaperOf, saveReport } from './report-paper.service.ts';

const PaperQuery = v.object({
  ...YearQuery.entries,
  kind: v.picklist(reportKinds),
  format: v.picklist(['json', 'html', 'docx']),
});

/** The reports the hub signs (part of hub.routes.ts): the editor's view, its save, the A4 print and the .docx. */
export const reportPaperRoutes = new Hono<AppEnv>()
  .get('/staff/hub/report-paper', requireRole('admin'), async (c) => {
    const { year, kind, format } = parseOrThrow(PaperQuery, {
      year: c.req.query('year') ?? '',
      kind: c.req.query('kind') ?? '',
      format: c.req.query('format') ?? 'json',
    });
    deps(c);
    if (format === 'json') return c.json(await reportDraft(c.var.deps, kind, year));
    const paper = await reportPaperOf(c.var.deps, kind, year);
    const { db, now } = c.var.deps;
    await audit(
      db,
      c.var.staff!,
      { action: 'hub.report-export', subjectKind: 'report', subjectId: `${kind}/${year}`, details: { format } },
      now().toISOString(),
    );
    if (format === 'html') return c.html(reportPaperHtml(paper));
    return c.body(new Uint8Array(await reportDocx(paper)), 200, {
      'content-type': DOCX_TYPE,
      'content-disposition': `attachment; filename="${reportFileName(paper)}.docx"`,
    });
  })
  .put('/staff/hub/report-paper', requireRole('admin'), jsonBody(SaveReportSchema), async (c) => {
    deps(c);
    return c.json(await saveReport(c.var.deps, c.var.staff!, c.req.valid('json')));
  });
