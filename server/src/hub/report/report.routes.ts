import { Hono } from 'hono';
import * as v from 'valibot';
import { audit } from '../../audit/audit.ts';
import { requireRole } from '../../http/auth.ts';
import type { AppEnv } from '../../http/context.ts';
import { parseOrThrow } from '../../http/errors.ts';
import { dashboard, publicRecognitionList } from '../dashboard/dashboard.service.ts';
import { modelRatesView } from '../dashboard/model-rates.service.ts';
import { deps, YearQuery } from '../context/hub.context.ts';
import { renderPublicListHtml, renderReportHtml, type YearReport } from './report.html.ts';
import { renderPublicListXlsx, renderReportXlsx } from './report.xlsx.ts';

const ReportQuery = v.object({
  ...YearQuery.entries,
  format: v.picklist(['html', 'xlsx']),
  kind: v.picklist(['report', 'public-list']),
});

/** The yearly report and the public list (part of hub.routes.ts). */
export const reportRoutes = new Hono<AppEnv>()
  // The yearly report (báo cáo kết quả thực hiện) and the public list: print view, .xlsx; audited.
  .get('/staff/hub/report', requireRole('admin'), async (c) => {
    const { year, format, kind } = parseOrThrow(ReportQuery, {
      year: c.req.query('year') ?? '',
      format: c.req.query('format') ?? '',
      kind: c.req.query('kind') ?? 'report',
    });
    deps(c);
    const { now, config, db } = c.var.deps;
    const report: YearReport = {
      dashboard: await dashboard(c.var.deps, year),
      commune: config.settings['hub.level'] === 'province' ? config.center.province : config.center.commune,
      province: config.center.province,
      generatedAt: now().toISOString(),
      recognized: await publicRecognitionList(c.var.deps, year),
      places: config.center.places,
      ...(kind === 'report' ? { models: await modelRatesView(c.var.deps, year) } : {}),
    };
    await audit(
      db,
      c.var.staff!,
      { action: 'hub.report-export', subjectKind: 'report', subjectId: `${kind}/${year}`, details: { format } },
      now().toISOString(),
    );
    const base = `${kind === 'report' ? 'bao-cao-cdht' : 'danh-sach-cdht'}-${year}`;
    if (format === 'html') return c.html(kind === 'report' ? renderReportHtml(report) : renderPublicListHtml(report));
    const xlsx = kind === 'report' ? await renderReportXlsx(report) : await renderPublicListXlsx(report);
    return c.body(new Uint8Array(xlsx), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${base}.xlsx"`,
    });
  });
