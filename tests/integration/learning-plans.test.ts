import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PutLearningPlan } from '../../shared/schemas/learning-plan.ts';
import { build, people } from '../fixtures/people.ts';
import { staffSessions, type Role } from '../fixtures/staff.ts';
import { startHarness, type Harness } from './harness.ts';

/** Personal learning plans at the box: stored once under the tablet's id, evidence for CS02. */

let h: Harness;
let staff: Record<Role, string> & { ids: Record<Role, string> };
let personId: string;
/** The two resources of the center's catalog the plans below pick. */
const computerClass = build.id();
const servicesBook = build.id();
beforeEach(async () => {
  h = await startHarness();
  staff = await staffSessions(h);
  personId = build.id();
  expect((await h.json('PUT', `/api/people/${personId}`, people.baLan)).status).toBe(200);
  expect(
    (
      await h.json(
        'PUT',
        `/api/staff/resources/${computerClass}`,
        {
          kind: 'class',
          title: 'Học máy tính cho người lớn tuổi',
          topic: 'Kỹ năng số',
          indicators: ['CS05'],
          teacher: 'Cô Mai',
          place: 'Phòng học trung tâm',
          sessions: [{ startsAt: '2026-11-27T01:00:00.000Z' }, { startsAt: '2026-12-04T01:00:00.000Z' }],
        },
        staff.facilitator,
      )
    ).status,
  ).toBe(200);
  expect(
    (
      await h.json(
        'PUT',
        `/api/staff/resources/${servicesBook}`,
        { kind: 'printed', title: 'Sổ tay dịch vụ công trực tuyến', topic: 'Dịch vụ công', indicators: ['CS05'] },
        staff.facilitator,
      )
    ).status,
  ).toBe(200);
});
afterEach(async () => {
  await h.close();
});

const plan = (over: Partial<PutLearningPlan> = {}): PutLearningPlan => ({
  personId,
  source: 'assessment',
  needs: { indicators: ['CS05', 'CS03'], domains: [] },
  madeAt: '2026-11-23T03:00:00.000Z',
  items: [
    {
      resourceId: computerClass,
      title: 'Học máy tính cho người lớn tuổi',
      kind: 'class',
      dueOn: '2026-12-04',
      sessions: ['2026-11-27T01:00:00.000Z', '2026-12-04T01:00:00.000Z'],
    },
    {
      resourceId: servicesBook,
      title: 'Sổ tay dịch vụ công trực tuyến',
      kind: 'printed',
      dueOn: '2026-12-31',
      sessions: [],
    },
  ],
  ...over,
});
/** The plan with its first item changed. */
const withItem = (p: PutLearningPlan, change: Partial<PutLearningPlan['items'][number]>) => ({
  ...p,
  items: [{ ...p.items[0]!, ...change }, ...p.items.slice(1)],
});

describe('learning plans', () => {
  it('a plan is stored once under the tablet id; the same plan again is a no-op, another under that id is refused', async () => {
    const id = build.id();
    const body = plan();
    const res = await h.json('PUT', `/api/learning-plans/${id}`, body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id,
      personId,
      year: 2026,
      source: 'assessment',
      madeAt: body.madeAt,
      assisted: false,
      items: body.items,
    });
    const before = await h.counts();
    expect((await h.json('PUT', `/api/learning-plans/${id}`, body)).body).toEqual(res.body);
    expect((await h.json('PUT', `/api/learning-plans/${id}`, plan({ items: body.items.slice(0, 1) }))).body.code).toBe(
      'plan.id-conflict',
    );
    expect(await h.counts()).toEqual(before);
    expect((await h.json('GET', `/api/people/${personId}/learning-plans`)).body).toEqual([res.body]);
  });

  it.each<[string, (p: PutLearningPlan) => unknown, string]>([
    ['an empty plan', (p) => ({ ...p, items: [] }), 'request.invalid'],
    [
      'a date that is not a date',
      (p) => ({ ...p, items: [{ ...p.items[0]!, dueOn: '31/12/2026' }] }),
      'request.invalid',
    ],
    ['an unknown kind', (p) => ({ ...p, items: [{ ...p.items[0]!, kind: 'radio' }] }), 'request.invalid'],
    // No tablet session can be bound to a person the box does not have (staff get person.not-found).
    ['an unknown person', (p) => ({ ...p, personId: build.id() }), 'villager.token-required'],
    ['an unknown facilitator', (p) => ({ ...p, assistedBy: build.id() }), 'assessment.assistant-unknown'],
    ['a day that does not exist', (p) => withItem(p, { dueOn: '2026-02-31' }), 'request.invalid'],
    ['the same resource twice', (p) => ({ ...p, items: [p.items[1]!, p.items[1]!] }), 'request.invalid'],
    // Issue 21: a plan naming no real resource, due 1900-01-01, dated 2099 were all accepted.
    ['a resource the box does not have', (p) => withItem(p, { resourceId: build.id() }), 'plan.resource-unknown'],
    ['an item due 1900-01-01', (p) => withItem(p, { dueOn: '1900-01-01' }), 'plan.date-outside-year'],
    ['an item due after the assessment year', (p) => withItem(p, { dueOn: '2027-01-01' }), 'plan.date-outside-year'],
    [
      'a class session after the assessment year',
      (p) => withItem(p, { sessions: ['2027-01-08T01:00:00.000Z'] }),
      'plan.date-outside-year',
    ],
    ['a plan dated 2099', (p) => ({ ...p, madeAt: '2099-01-01T00:00:00.000Z' }), 'plan.date-outside-year'],
    ['a plan dated last year', (p) => ({ ...p, madeAt: '2025-12-31T03:00:00.000Z' }), 'plan.date-outside-year'],
    [
      "a plan dated later today than the box's clock allows",
      (p) => ({ ...p, madeAt: '2026-11-23T04:00:00.000Z' }),
      'plan.made-in-future',
    ],
    ['a title with a NUL', (p) => withItem(p, { title: 'Học máy\u0000 tính' }), 'text.invalid-characters'],
    [
      'a title with a right-to-left override',
      (p) => withItem(p, { title: 'Học \u202Emáy tính' }),
      'text.invalid-characters',
    ],
  ])('refuses %s and keeps nothing', async (_name, change, code) => {
    const before = await h.counts();
    const res = await h.json('PUT', `/api/learning-plans/${build.id()}`, change(plan()));
    expect(res.body.code).toBe(code);
    const rows = await h.db.selectFrom('learning_plan').selectAll().execute();
    expect(rows).toEqual([]);
    expect(await h.counts()).toEqual(before);
  });

  it("the plan the box received last is the CS02 evidence on the assessment, for the villager and the appraiser, whatever the tablets' dates", async () => {
    const assessmentId = build.id();
    const put = await h.json('PUT', `/api/assessments/${assessmentId}`, build.assessment(personId));
    expect(put.status).toBe(200);
    expect((await h.json('GET', `/api/assessments/${assessmentId}`)).body.learningPlan).toBeNull();
    // Before she begins next time, the tablet gets it with her current assessment too.
    expect((await h.json('GET', `/api/people/${personId}/assessments/current`)).body.learningPlan).toBeNull();
    // A tablet whose clock runs four minutes fast (within sync.clockSkewSeconds) sends one plan...
    const firstId = build.id();
    expect(
      (await h.json('PUT', `/api/learning-plans/${firstId}`, plan({ madeAt: '2026-11-23T03:04:00.000Z' }))).status,
    ).toBe(200);
    // ...and later the box receives one that another tablet queued three days ago while the box was off.
    h.setNow(new Date('2026-11-23T03:20:00Z'));
    const later = plan({
      source: 'digital',
      needs: { indicators: ['CS05'], domains: ['safety'] },
      madeAt: '2026-11-20T02:00:00.000Z',
      items: plan().items.slice(1),
    });
    const laterId = build.id();
    expect((await h.json('PUT', `/api/learning-plans/${laterId}`, later)).status).toBe(200);
    const view = (await h.json('GET', `/api/assessments/${assessmentId}`)).body;
    expect(view.learningPlan).toMatchObject({
      planId: laterId,
      madeAt: later.madeAt,
      items: later.items.map((i) => ({ title: i.title, dueOn: i.dueOn })),
    });
    const appraisal = (await h.json('GET', `/api/staff/appraisals/${assessmentId}`, undefined, staff.appraiser)).body;
    expect(appraisal.assessment.learningPlan.planId).toBe(laterId);
    expect((await h.json('GET', `/api/people/${personId}/assessments/current`)).body.learningPlan.planId).toBe(laterId);
    // Her plans, and her data export, list them as the box received them, the latest first.
    expect(
      (await h.json('GET', `/api/people/${personId}/learning-plans`)).body.map((p: { id: string }) => p.id),
    ).toEqual([laterId, firstId]);
    const data = (await h.json('GET', `/api/staff/people/${personId}/data?format=json`, undefined, staff.admin)).body;
    expect(data.learningPlans.map((p: { id: string }) => p.id)).toEqual([laterId, firstId]);
  });

  it('a stored plan sent again is answered as stored even once its year has passed', async () => {
    const id = build.id();
    const stored = (await h.json('PUT', `/api/learning-plans/${id}`, plan())).body;
    h.setNow(new Date('2027-01-05T03:00:00Z'));
    expect((await h.json('PUT', `/api/learning-plans/${id}`, plan())).body).toEqual(stored);
    // A new plan made now belongs to the new year, and its dates must too.
    expect(
      (await h.json('PUT', `/api/learning-plans/${build.id()}`, plan({ madeAt: '2027-01-05T03:00:00.000Z' }))).body
        .code,
    ).toBe('plan.date-outside-year');
    const fresh = plan({ madeAt: '2027-01-05T03:00:00.000Z', items: [{ ...plan().items[1]!, dueOn: '2027-02-28' }] });
    expect((await h.json('PUT', `/api/learning-plans/${build.id()}`, fresh)).body).toMatchObject({ year: 2027 });
  });

  it('takes a plan naming a resource retired since the tablet last fetched the catalog', async () => {
    expect(
      (await h.json('POST', `/api/staff/resources/${servicesBook}/retire`, undefined, staff.facilitator)).status,
    ).toBe(200);
    expect((await h.json('PUT', `/api/learning-plans/${build.id()}`, plan())).status).toBe(200);
  });

  it("with the year turning on 1 December, a plan's dates lie from 1 December to 30 November", async () => {
    await h.close();
    h = await startHarness(new Date('2026-12-02T03:00:00Z'), { KIOSK_YEAR_START_MONTH: '12' });
    staff = await staffSessions(h);
    expect((await h.json('PUT', `/api/people/${personId}`, people.baLan)).status).toBe(200);
    expect(
      (
        await h.json(
          'PUT',
          `/api/staff/resources/${servicesBook}`,
          { kind: 'printed', title: 'Sổ tay dịch vụ công trực tuyến', topic: 'Dịch vụ công', indicators: ['CS05'] },
          staff.facilitator,
        )
      ).status,
    ).toBe(200);
    const item = { ...plan().items[1]! };
    const at = { madeAt: '2026-12-02T03:00:00.000Z' };
    expect(
      (
        await h.json(
          'PUT',
          `/api/learning-plans/${build.id()}`,
          plan({ ...at, items: [{ ...item, dueOn: '2026-11-30' }] }),
        )
      ).body.code,
    ).toBe('plan.date-outside-year');
    expect(
      (
        await h.json(
          'PUT',
          `/api/learning-plans/${build.id()}`,
          plan({ ...at, items: [{ ...item, dueOn: '2027-12-01' }] }),
        )
      ).body.code,
    ).toBe('plan.date-outside-year');
    expect(
      (
        await h.json(
          'PUT',
          `/api/learning-plans/${build.id()}`,
          plan({ ...at, items: [{ ...item, dueOn: '2027-11-30' }] }),
        )
      ).body,
    ).toMatchObject({ year: 2027 });
  });

  it("is part of the person's data export and goes with erasure", async () => {
    await h.json('PUT', `/api/learning-plans/${build.id()}`, plan());
    const data = (await h.json('GET', `/api/staff/people/${personId}/data?format=json`, undefined, staff.admin)).body;
    expect(data.learningPlans).toHaveLength(1);
    expect(data.learningPlans[0].items[0].title).toBe('Học máy tính cho người lớn tuổi');
    const erased = await h.json('DELETE', `/api/staff/people/${personId}`, undefined, staff.admin);
    expect(erased.status).toBe(200);
    expect(await h.db.selectFrom('learning_plan').selectAll().execute()).toEqual([]);
  });
});
