import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PutLearningPlan } from '../../shared/schemas/learning-plan.ts';
import { build, people } from '../fixtures/people.ts';
import { staffSessions } from '../fixtures/staff.ts';
import { startHarness, type Harness } from './harness.ts';

/** Personal learning plans at the box: stored once under the tablet's id, evidence for CS02. */

let h: Harness;
let personId: string;
beforeEach(async () => {
  h = await startHarness();
  personId = build.id();
  expect((await h.json('PUT', `/api/people/${personId}`, people.baLan)).status).toBe(200);
});
afterEach(async () => { await h.close(); });

const plan = (over: Partial<PutLearningPlan> = {}): PutLearningPlan => ({
  personId, source: 'assessment', needs: { indicators: ['CS05', 'CS03'], domains: [] }, madeAt: '2026-11-23T03:10:00.000Z',
  items: [
    { resourceId: build.id(), title: 'Học máy tính cho người lớn tuổi', kind: 'class', dueOn: '2026-12-04', sessions: ['2026-11-27T01:00:00.000Z', '2026-12-04T01:00:00.000Z'] },
    { resourceId: build.id(), title: 'Sổ tay dịch vụ công trực tuyến', kind: 'printed', dueOn: '2026-12-31', sessions: [] },
  ],
  ...over,
});

describe('learning plans', () => {
  it('a plan is stored once under the tablet id; the same plan again is a no-op, another under that id is refused', async () => {
    const id = build.id();
    const body = plan();
    const res = await h.json('PUT', `/api/learning-plans/${id}`, body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, personId, year: 2026, source: 'assessment', madeAt: body.madeAt, assisted: false, items: body.items });
    const before = await h.counts();
    expect((await h.json('PUT', `/api/learning-plans/${id}`, body)).body).toEqual(res.body);
    expect((await h.json('PUT', `/api/learning-plans/${id}`, plan({ items: body.items.slice(0, 1) }))).body.code).toBe('plan.id-conflict');
    expect(await h.counts()).toEqual(before);
    expect((await h.json('GET', `/api/people/${personId}/learning-plans`)).body).toEqual([res.body]);
  });

  it.each<[string, (p: PutLearningPlan) => unknown, string]>([
    ['an empty plan', (p) => ({ ...p, items: [] }), 'request.invalid'],
    ['a date that is not a date', (p) => ({ ...p, items: [{ ...p.items[0]!, dueOn: '31/12/2026' }] }), 'request.invalid'],
    ['an unknown kind', (p) => ({ ...p, items: [{ ...p.items[0]!, kind: 'radio' }] }), 'request.invalid'],
    // No tablet session can be bound to a person the box does not have (staff get person.not-found).
    ['an unknown person', (p) => ({ ...p, personId: build.id() }), 'villager.token-required'],
    ['an unknown facilitator', (p) => ({ ...p, assistedBy: build.id() }), 'assessment.assistant-unknown'],
  ])('refuses %s and keeps nothing', async (_name, change, code) => {
    const before = await h.counts();
    const res = await h.json('PUT', `/api/learning-plans/${build.id()}`, change(plan()));
    expect(res.body.code).toBe(code);
    const rows = await h.db.selectFrom('learning_plan').selectAll().execute();
    expect(rows).toEqual([]);
    expect(await h.counts()).toEqual(before);
  });

  it('the latest plan of the year is the CS02 evidence on the assessment, for the villager and the appraiser', async () => {
    const staff = await staffSessions(h);
    const assessmentId = build.id();
    const put = await h.json('PUT', `/api/assessments/${assessmentId}`, build.assessment(personId));
    expect(put.status).toBe(200);
    expect((await h.json('GET', `/api/assessments/${assessmentId}`)).body.learningPlan).toBeNull();
    // Before she begins next time, the tablet gets it with her current assessment too.
    expect((await h.json('GET', `/api/people/${personId}/assessments/current`)).body.learningPlan).toBeNull();
    await h.json('PUT', `/api/learning-plans/${build.id()}`, plan({ madeAt: '2026-11-23T03:10:00.000Z' }));
    const later = plan({ source: 'digital', needs: { indicators: ['CS05'], domains: ['safety'] }, madeAt: '2026-11-23T03:30:00.000Z' });
    const laterId = build.id();
    await h.json('PUT', `/api/learning-plans/${laterId}`, later);
    const view = (await h.json('GET', `/api/assessments/${assessmentId}`)).body;
    expect(view.learningPlan).toMatchObject({ planId: laterId, madeAt: later.madeAt, items: later.items.map((i) => ({ title: i.title, dueOn: i.dueOn })) });
    const appraisal = (await h.json('GET', `/api/staff/appraisals/${assessmentId}`, undefined, staff.appraiser)).body;
    expect(appraisal.assessment.learningPlan.planId).toBe(laterId);
    expect((await h.json('GET', `/api/people/${personId}/assessments/current`)).body.learningPlan.planId).toBe(laterId);
  });

  it('is part of the person\'s data export and goes with erasure', async () => {
    const staff = await staffSessions(h);
    await h.json('PUT', `/api/learning-plans/${build.id()}`, plan());
    const data = (await h.json('GET', `/api/staff/people/${personId}/data?format=json`, undefined, staff.admin)).body;
    expect(data.learningPlans).toHaveLength(1);
    expect(data.learningPlans[0].items[0].title).toBe('Học máy tính cho người lớn tuổi');
    const erased = await h.json('DELETE', `/api/staff/people/${personId}`, undefined, staff.admin);
    expect(erased.status).toBe(200);
    expect(await h.db.selectFrom('learning_plan').selectAll().execute()).toEqual([]);
  });
});
