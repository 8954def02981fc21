import { Hono } from 'hono';
import * as v from 'valibot';
import { audit } from '../../../audit/audit.ts';
import { requireRole } from '../../../http/auth.ts';
import type { AppEnv } from '../../../http/context.ts';
import { parseOrThrow } from '../../../http/errors.ts';
import { DOCX_TYPE } from '../../../print/docx.ts';
import { deps } from '../../context/hub.context.ts';
import { commendationFileName, reviews } from './commendation.ts';
import { commendationDocx } from './commendation.docx.ts';
import { commendationHtml } from './commendation.html.ts';
import { commendation } from './commendation.service.ts';
import { commendationXlsx } from './commendation.xlsx.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const Query = v.object({
  review: v.pipe(v.string(), v.transform(Number), v.picklist(reviews, 'the 2025 review or the 2030 summary')),
  format: v.picklist(['html', 'docx', 'xlsx']),
});

/**
 * The commendation proposal of the 2025 review or the 2030 summary (part of hub.routes.ts), as A4
 * print, .docx or .xlsx, for the commune's administrator; audited as an export.
 */
export const commendationRoutes = new Hono<AppEnv>().get('/staff/hub/commendation', requireRole('admin'), async (c) => {
  const { db, now } = deps(c);
  const { config } = c.var.deps;
  const { review, format } = parseOrThrow(Query, {
    review: c.req.query('review') ?? '',
    format: c.req.query('format') ?? '',
  });
  const paper = await commendation(
    {
      db,
      settings: config.settings,
      unit: config.settings['hub.level'] === 'province' ? config.center.province : config.center.commune,
      province: config.center.province,
    },
    review,
  );
  const at = now().toISOString();
  await audit(
    db,
    c.var.staff!,
    {
      action: 'hub.commendation-export',
      subjectKind: 'commendation',
      subjectId: String(review),
      details: { format, rows: paper.annex.groups.reduce((n, g) => n + g.rows.length, 0) },
    },
    at,
  );
  if (format === 'html') return c.html(commendationHtml(paper));
  const [body, type, ext] =
    format === 'docx'
      ? [await commendationDocx(paper), DOCX_TYPE, 'docx']
      : [await commendationXlsx(paper, at), XLSX_TYPE, 'xlsx'];
  return c.body(new Uint8Array(body), 200, {
    'content-type': type,
    'content-disposition': `attachment; filename="${commendationFileName(paper)}.${ext}"`,
  });
});
