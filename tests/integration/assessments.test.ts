import { describe, expect, it } from 'vitest';
import { build, people } from '../fixtures/people.ts';
import { freshBoxWithVillagerEachTest, h, personId } from './villager-box.ts';

freshBoxWithVillagerEachTest();

describe('self-assessment', () => {
  it('saves a draft, then submits it with a verdict, keeping each revision in the outbox', async () => {
    const id = build.id();
    const draft = build.assessment(personId, {
      status: 'draft',
      answers: [{ indicatorId: 'CS01', score: 7, note: 'Nghe đài mỗi sáng' }],
    });
    const saved = await h.json('PUT', `/api/assessments/${id}`, draft);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ id, personId, year: 2026, status: 'draft', revision: 1, submittedAt: null });
    expect(saved.body.answers).toEqual([
      { indicatorId: 'CS01', score: 7, note: 'Nghe đài mỗi sáng', confirmed: false },
    ]);

    const submitted = await h.json('PUT', `/api/assessments/${id}`, build.assessment(personId));
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', revision: 2, submittedAt: '2026-11-23T03:00:00.000Z' });
    expect(submitted.body.verdict).toEqual({ total: 80, recognized: true, shortfalls: [] });

    const changes = await h.db
      .selectFrom('outbox')
      .select(['record_kind', 'revision'])
      .where('record_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(changes).toEqual([
      { record_kind: 'assessment', revision: 1 },
      { record_kind: 'assessment', revision: 2 },
    ]);
    expect((await h.json('GET', `/api/people/${personId}/assessments/current`)).body.assessment.id).toBe(id);
  });

  it('names what is short when one indicator is 4', async () => {
    const res = await h.json(
      'PUT',
      `/api/assessments/${build.id()}`,
      build.assessment(personId, { scores: { CS07: 4, CS01: 10, CS02: 10 } }),
    );
    expect(res.body.verdict).toEqual({
      total: 80,
      recognized: false,
      shortfalls: [{ kind: 'indicator-below-min', indicatorId: 'CS07', score: 4, min: 5 }],
    });
  });

  it('a retried submit with the same id is a no-op, never a second record', async () => {
    const id = build.id();
    const body = build.assessment(personId);
    const first = await h.json('PUT', `/api/assessments/${id}`, body);
    const before = await h.counts();
    for (let i = 0; i < 3; i++) {
      const again = await h.json('PUT', `/api/assessments/${id}`, body);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
    }
    expect(await h.counts()).toEqual(before);
    expect(before.assessment).toBe(1);
  });

  it('a submitted assessment no longer changes', async () => {
    const id = build.id();
    await h.json('PUT', `/api/assessments/${id}`, build.assessment(personId));
    const before = await h.counts();
    const res = await h.json('PUT', `/api/assessments/${id}`, build.assessment(personId, { scores: { CS01: 10 } }));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('assessment.already-submitted');
    expect(await h.counts()).toEqual(before);
  });

  it('a late draft save after the submission is a no-op that answers the submitted assessment', async () => {
    const id = build.id();
    const submitted = await h.json('PUT', `/api/assessments/${id}`, build.assessment(personId));
    const before = await h.counts();
    const late = await h.json('PUT', `/api/assessments/${id}`, build.assessment(personId, { status: 'draft' }));
    expect(late.status).toBe(200);
    expect(late.body).toEqual(submitted.body);
    expect(await h.counts()).toEqual(before);
  });

  it('refuses a second assessment of the same person in the same year', async () => {
    const first = build.id();
    await h.json('PUT', `/api/assessments/${first}`, build.assessment(personId, { status: 'draft' }));
    const res = await h.json('PUT', `/api/assessments/${build.id()}`, build.assessment(personId, { status: 'draft' }));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'assessment.year-taken', details: { year: 2026, assessmentId: first } });
  });

  const answers = (score: unknown, indicatorId = 'CS03') =>
    build.assessment('', { status: 'draft' }).answers.map((a) => (a.indicatorId === indicatorId ? { ...a, score } : a));

  it.each([
    ['a score of 11', { answers: answers(11) }, 422, 'assessment.score-out-of-range'],
    ['a score of 0', { answers: answers(0) }, 422, 'assessment.score-out-of-range'],
    ['a score of 4.5', { answers: answers(4.5) }, 422, 'assessment.score-out-of-range'],
    ['a score of "abc"', { answers: answers('abc') }, 400, 'request.invalid'],
    ['an unknown indicator', { answers: [{ indicatorId: 'CS99', score: 5 }] }, 422, 'assessment.indicator-unknown'],
    [
      'the same indicator twice',
      {
        answers: [
          { indicatorId: 'CS01', score: 5 },
          { indicatorId: 'CS01', score: 6 },
        ],
      },
      400,
      'request.invalid',
    ],
    ['an unknown group', { group: 'nhom-9' }, 422, 'assessment.group-unknown'],
    ['an unknown criteria set', { criteriaSetVersion: '1999.1' }, 422, 'assessment.criteria-set-unknown'],
    [
      'a submit with indicators missing',
      { status: 'submitted', answers: [{ indicatorId: 'CS01', score: 9 }] },
      422,
      'assessment.incomplete',
    ],
    // No tablet session can be bound to a person the box does not have (staff get person.not-found).
    ['an unknown person', { personId: '0190f0c2-6a5b-7cde-8f01-23456789abcd' }, 401, 'villager.token-required'],
    ['an unknown status', { status: 'approved' }, 400, 'request.invalid'],
  ])('refuses %s and changes nothing', async (_name, overrides, status, code) => {
    const before = await h.counts();
    const res = await h.json('PUT', `/api/assessments/${build.id()}`, {
      ...build.assessment(personId, { status: 'draft' }),
      ...overrides,
    });
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    expect(await h.counts()).toEqual(before);
  });

  it('an unknown assessment is assessment.not-found', async () => {
    // Asked with her session's token (with none, the box answers villager.token-required first).
    const res = await h.json('GET', `/api/assessments/${build.id()}`, undefined, undefined, {
      token: h.tablet.tokenOf(personId),
    });
    expect(res).toMatchObject({ status: 404, body: { code: 'assessment.not-found' } });
  });

  it('an unknown API route answers route.not-found', async () => {
    expect((await h.json('GET', '/api/nothing-here')).body.code).toBe('route.not-found');
  });
});

describe('kiosk info', () => {
  it('gives the tablet its center, year and criteria set', async () => {
    const res = await h.json('GET', '/api/kiosk');
    expect(res.status).toBe(200);
    expect(res.body.center.villages).toContain('Thôn Đồng Chằm');
    expect(res.body.year).toBe(2026);
    // 2026: the 2023 four-group set of 324/QĐ-KHVN, the default from 2024 on.
    expect(res.body.criteriaSet).toMatchObject({
      id: 'cdht-2023',
      version: '2023.1',
      scoring: { passTotal: 80, minPerIndicator: 5 },
    });
    expect(res.body.criteriaSet.groups.map((g: { id: string }) => g.id)).toEqual([
      'cu-dan',
      'nguoi-lao-dong',
      'can-bo',
      'hoc-sinh',
    ]);
    expect(res.body.criteriaSet.indicators).toHaveLength(10);
    expect(res.body.photo).toEqual({ longSide: 1280, maxBytes: 2_000_000 });
  });
});
