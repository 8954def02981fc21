import { Hono } from 'hono';
import * as v from 'valibot';
import { AppError } from '../../../shared/errors.ts';
import { Uuid7Schema } from '../../../shared/schemas/ids.ts';
import { PutModelAssessmentSchema, SaveModelAppraisalSchema } from '../../../shared/schemas/model-assessment.ts';
import { requireRole } from '../http/auth.ts';
import { assessmentYearNow } from '../config/assessment-year.ts';
import { modelAppraisalCase, modelAppraisalQueue, saveModelAppraisal } from './model-appraisals.service.ts';
import { modelTitles } from '../../../shared/schemas/model-criteria-set.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonBody, parseOrThrow } from '../http/errors.ts';
import { getModelAssessment, putModelAssessment, startModelAssessment } from './model-assessments.service.ts';
import { requireAssessment, requireHousehold } from '../villager/villager.service.ts';

const TitleParam = v.picklist(modelTitles);
const SubjectParam = v.pipe(v.string(), v.minLength(1), v.maxLength(120));
const YearQuery = v.pipe(v.string(), v.regex(/^\d{4}$/), v.transform(Number));

export const modelAssessmentRoutes = new Hono<AppEnv>()
  // A household's head answers at the tablet; a clan, a village and a unit answer with a facilitator
  // or officer signed in beside them.
  .put('/model-assessments/:id', jsonBody(PutModelAssessmentSchema), async (c) => {
    const input = c.req.valid('json');
    if (input.title !== 'gdht' && !c.var.staff) throw new AppError('auth.required');
    // A household's: its head's token (an id already another subject's is refused as id-conflict).
    await requireHousehold(c, input.subjectId, 'write');
    return c.json(await putModelAssessment(c.var.deps, parseOrThrow(Uuid7Schema, c.req.param('id')), input));
  })
  .get('/model-assessments/:id', async (c) => {
    const id = parseOrThrow(Uuid7Schema, c.req.param('id'));
    await requireAssessment(c, id, 'read');
    return c.json(await getModelAssessment(c.var.deps, id));
  })
  // The current year's assessment of a subject (null when none yet) with the set and the computed items so far.
  .get('/model-assessments/current/:title/:subjectId', async (c) => {
    const title = parseOrThrow(TitleParam, c.req.param('title'));
    const subjectId = parseOrThrow(SubjectParam, decodeURIComponent(c.req.param('subjectId')));
    // A household's: its members' tokens; a clan's, village's or unit's: staff beside them.
    if (title !== 'gdht' && !c.var.staff) throw new AppError('auth.required');
    await requireHousehold(c, subjectId, 'read');
    return c.json(await startModelAssessment(c.var.deps, title, subjectId));
  })
  // The village branch appraises households and clans (thẩm định), as it does people.
  .get('/staff/model-appraisals', requireRole('appraiser', 'admin'), async (c) => {
    const year = c.req.query('year') ? parseOrThrow(YearQuery, c.req.query('year')) : assessmentYearNow(c.var.deps);
    return c.json(await modelAppraisalQueue(c.var.deps, year));
  })
  .get('/staff/model-appraisals/:id', requireRole('appraiser', 'admin'), async (c) =>
    c.json(await modelAppraisalCase(c.var.deps, parseOrThrow(Uuid7Schema, c.req.param('id')))),
  )
  .put(
    '/staff/model-appraisals/:id',
    requireRole('appraiser', 'admin'),
    jsonBody(SaveModelAppraisalSchema),
    async (c) =>
      c.json(
        await saveModelAppraisal(
          c.var.deps,
          c.var.staff!,
          parseOrThrow(Uuid7Schema, c.req.param('id')),
          c.req.valid('json'),
        ),
      ),
  );
