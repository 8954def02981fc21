import { Hono } from 'hono';
import * as v from 'valibot';
import { AppError } from '../../../shared/errors.ts';
import { Uuid7Schema } from '../../../shared/schemas/ids.ts';
import { PutModelAssessmentSchema } from '../../../shared/schemas/model-assessment.ts';
import { modelTitles } from '../../../shared/schemas/model-criteria-set.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonBody, parseOrThrow } from '../http/errors.ts';
import { currentModelAssessment, getModelAssessment, preview, putModelAssessment } from './model-assessments.service.ts';

const TitleParam = v.picklist(modelTitles);
const SubjectParam = v.pipe(v.string(), v.minLength(1), v.maxLength(120));

export const modelAssessmentRoutes = new Hono<AppEnv>()
  // A household's head answers at the tablet; a clan, a village and a unit answer with a facilitator
  // or officer signed in beside them.
  .put('/model-assessments/:id', jsonBody(PutModelAssessmentSchema), async (c) => {
    const input = c.req.valid('json');
    if (input.title !== 'gdht' && !c.var.staff) throw new AppError('auth.required');
    return c.json(await putModelAssessment(c.var.deps, parseOrThrow(Uuid7Schema, c.req.param('id')), input));
  })
  .get('/model-assessments/:id', async (c) => c.json(await getModelAssessment(c.var.deps, parseOrThrow(Uuid7Schema, c.req.param('id')))))
  // The current year's assessment of a subject (null when none yet) with the set and the computed items so far.
  .get('/model-assessments/current/:title/:subjectId', async (c) => {
    const title = parseOrThrow(TitleParam, c.req.param('title'));
    const subjectId = parseOrThrow(SubjectParam, decodeURIComponent(c.req.param('subjectId')));
    const [assessment, start] = await Promise.all([currentModelAssessment(c.var.deps, title, subjectId), preview(c.var.deps, title, subjectId)]);
    return c.json({ assessment, set: start.set, subject: start.subject, year: start.year, verdict: assessment?.verdict ?? start.verdict });
  });
