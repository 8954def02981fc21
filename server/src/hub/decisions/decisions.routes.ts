import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { Uuid7Schema } from '../../../../shared/schemas/ids.ts';
import { DeclineInputSchema } from '../../../../shared/schemas/commune.ts';
import { decisionTitles, ReopenDecidedSchema } from '../../../../shared/schemas/decision.ts';
import { SaveModelAppraisalSchema } from '../../../../shared/schemas/model-assessment.ts';
import { requireRole } from '../../http/auth.ts';
import type { AppEnv } from '../../http/context.ts';
import { jsonBody, parseOrThrow } from '../../http/errors.ts';
import { ModelSets } from '../../criteria/model-sets.ts';
import { deps, YearQuery } from '../context/hub.context.ts';
import {
  communeAppraisalCase,
  communeAppraisalQueue,
  saveCommuneAppraisal,
  type CommuneAppraisalDeps,
} from './commune-appraisals.service.ts';
import {
  declineProposal,
  listDecisions,
  RecordDecisionSchema,
  recordDecision,
  reopenDecided,
  RevokeDecisionSchema,
  revokeDecision,
} from './decisions.service.ts';
import { modelProposals, proposals, type DecisionDeps } from './proposals.ts';

export function decisionDeps(c: Context<AppEnv>): DecisionDeps {
  const { db, now } = deps(c);
  return {
    db,
    now,
    criteriaSetFor: (year) => c.var.deps.criteria.forYear(year),
    outstandingYears: c.var.deps.config.settings['recognition.outstandingYears'],
    modelSets: ModelSets.of(c.var.deps.config),
  };
}

function appraisalDeps(c: Context<AppEnv>): CommuneAppraisalDeps {
  const { db, now } = deps(c);
  return { db, now, modelSets: ModelSets.of(c.var.deps.config) };
}

/** A year and, for the decision screens, one of the five titles (CDHT when absent). */
const TitleYearQuery = v.object({ ...YearQuery.entries, title: v.optional(v.picklist(decisionTitles)) });

/** The commune's recognition pages (part of hub.routes.ts): proposals, decisions, declines, its own appraisals. */
export const decisionRoutes = new Hono<AppEnv>()
  // Recognition: the year's proposals from every center, decisions that recognize a selection.
  // A title (gdht, dhht, cddht, dvht) lists that title's proposals; none (or cdht) the Learning Citizens as before.
  .get('/staff/hub/proposals', requireRole('admin'), async (c) => {
    const { year, title } = parseOrThrow(TitleYearQuery, {
      year: c.req.query('year') ?? '',
      title: c.req.query('title'),
    });
    if (title && title !== 'cdht') return c.json(await modelProposals(decisionDeps(c), title, year));
    return c.json(await proposals(decisionDeps(c), year));
  })
  .get('/staff/hub/decisions', requireRole('admin'), async (c) => {
    const { year, title } = parseOrThrow(TitleYearQuery, {
      year: c.req.query('year') ?? '',
      title: c.req.query('title'),
    });
    return c.json(await listDecisions(decisionDeps(c).db, year, title));
  })
  .post('/staff/hub/decisions', requireRole('admin'), jsonBody(RecordDecisionSchema), async (c) =>
    c.json(await recordDecision(decisionDeps(c), c.var.staff!, c.req.valid('json'))),
  )
  .post('/staff/hub/decisions/:id/revoke', requireRole('admin'), jsonBody(RevokeDecisionSchema), async (c) => {
    await revokeDecision(
      decisionDeps(c),
      c.var.staff!,
      parseOrThrow(Uuid7Schema, c.req.param('id')),
      c.req.valid('json').reason,
    );
    return c.json({ ok: true });
  })
  // Reopens one person ({personId}) or one household, clan, village or unit ({subject}) of a decision.
  .post('/staff/hub/decisions/:id/reopen', requireRole('admin'), jsonBody(ReopenDecidedSchema), async (c) => {
    const input = c.req.valid('json');
    await reopenDecided(
      decisionDeps(c),
      c.var.staff!,
      parseOrThrow(Uuid7Schema, c.req.param('id')),
      'subject' in input ? input.subject : input.personId,
      input.reason,
    );
    return c.json({ ok: true });
  })
  .post('/staff/hub/declines', requireRole('admin'), jsonBody(DeclineInputSchema), async (c) => {
    const { personId, year, reason } = c.req.valid('json');
    await declineProposal(decisionDeps(c), c.var.staff!, personId, year, reason);
    return c.json({ ok: true });
  })
  // The commune appraises villages' and units' self-assessments (households and clans are the branch's, at the center).
  .get('/staff/hub/model-appraisals', requireRole('admin'), async (c) => {
    const { year } = parseOrThrow(YearQuery, { year: c.req.query('year') ?? '' });
    return c.json(await communeAppraisalQueue(appraisalDeps(c), year));
  })
  .get('/staff/hub/model-appraisals/:assessmentId', requireRole('admin'), async (c) =>
    c.json(await communeAppraisalCase(appraisalDeps(c), parseOrThrow(Uuid7Schema, c.req.param('assessmentId')))),
  )
  .put(
    '/staff/hub/model-appraisals/:assessmentId',
    requireRole('admin'),
    jsonBody(SaveModelAppraisalSchema),
    async (c) =>
      c.json(
        await saveCommuneAppraisal(
          appraisalDeps(c),
          c.var.staff!,
          parseOrThrow(Uuid7Schema, c.req.param('assessmentId')),
          c.req.valid('json'),
        ),
      ),
  );
