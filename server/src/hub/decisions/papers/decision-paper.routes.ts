import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { Uuid7Schema } from '../../../../../shared/schemas/ids.ts';
import { decisionTitles } from '../../../../../shared/schemas/decision.ts';
import { audit } from '../../../audit/audit.ts';
import { requireRole } from '../../../http/auth.ts';
import type { AppEnv } from '../../../http/context.ts';
import { parseOrThrow } from '../../../http/errors.ts';
import { ModelSets } from '../../../criteria/model-sets.ts';
import { DOCX_TYPE } from '../../../print/docx.ts';
import { deps, YearQuery } from '../../context/hub.context.ts';
import { paperFileName, type DecisionPaper } from './decision-paper.ts';
import { decisionDocx } from './decision-paper.docx.ts';
import { decisionHtml } from './decision-paper.html.ts';
import { draftPaper, recordedPaper, type PaperDeps } from './decision-paper.service.ts';

/** What a decision's papers are made from (its certificates too: certificates.routes.ts). */
export function paperDeps(c: Context<AppEnv>): PaperDeps {
  const { db, now } = deps(c);
  const { config, criteria } = c.var.deps;
  return {
    db,
    now,
    criteriaSetFor: (year) => criteria.forYear(year),
    outstandingYears: config.settings['recognition.outstandingYears'],
    modelSets: ModelSets.of(config),
    settings: config.settings,
    unit: config.settings['hub.level'] === 'province' ? config.center.province : config.center.commune,
  };
}

const Format = v.picklist(['html', 'docx']);
const DraftQuery = v.object({ ...YearQuery.entries, title: v.picklist(decisionTitles), format: Format });

/** The A4 print or the .docx of a decision's papers; audited as an export. */
async function send(c: Context<AppEnv>, paper: DecisionPaper, format: 'html' | 'docx', subjectId: string) {
  const { db, now } = c.var.deps;
  await audit(
    db,
    c.var.staff!,
    { action: 'hub.decision-export', subjectKind: 'decision', subjectId, details: { format, draft: paper.draft } },
    now().toISOString(),
  );
  if (format === 'html') return c.html(decisionHtml(paper));
  return c.body(new Uint8Array(await decisionDocx(paper)), 200, {
    'content-type': DOCX_TYPE,
    'content-disposition': `attachment; filename="${paperFileName(paper)}.docx"`,
  });
}

/** A decision's papers (part of hub.routes.ts): the draft of the next one, and each recorded one. */
export const decisionPaperRoutes = new Hono<AppEnv>()
  .get('/staff/hub/decision-draft', requireRole('admin'), async (c) => {
    const { year, title, format } = parseOrThrow(DraftQuery, {
      year: c.req.query('year') ?? '',
      title: c.req.query('title') ?? 'cdht',
      format: c.req.query('format') ?? '',
    });
    return send(c, await draftPaper(paperDeps(c), title, year), format, `draft/${title}/${year}`);
  })
  .get('/staff/hub/decisions/:id/paper', requireRole('admin'), async (c) => {
    const id = parseOrThrow(Uuid7Schema, c.req.param('id'));
    const format = parseOrThrow(Format, c.req.query('format') ?? '');
    return send(c, await recordedPaper(paperDeps(c), id), format, id);
  });
