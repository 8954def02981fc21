import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { build, indicatorIds } from '../../fixtures/people.ts';
import { comeBack, registered, tabletAgainstBox } from './tablet-box.ts';

/**
 * Issue 26: a villager who comes back finds her draft where she stopped: the first indicator she
 * has not scored, or the review once all are.
 */
const box = tabletAgainstBox();

describe('coming back to the tablet', () => {
  it.each([
    { scored: [], screen: 'indicator', index: 0 },
    { scored: ['CS01', 'CS02', 'CS03'], screen: 'indicator', index: 3 },
    { scored: ['CS01', 'CS02', 'CS04'], screen: 'indicator', index: 2 },
    { scored: [...indicatorIds], screen: 'review', index: 0 },
  ])('a draft with $scored.length scores opens on $screen $index', async ({ scored, screen, index }) => {
    const { personId, code } = await registered(box());
    const body = build.assessment(personId, { status: 'draft' });
    body.answers = body.answers.filter((a) => scored.includes(a.indicatorId as (typeof indicatorIds)[number]));
    expect((await box().json('PUT', `/api/assessments/${build.id()}`, body)).status).toBe(200);
    const flow = await comeBack(code);
    expect(flow.session.screen).toBe(screen);
    expect(flow.session.indicatorIndex).toBe(index);
  });

  it('a submitted one opens on the slip', async () => {
    const { personId, code } = await registered(box());
    expect((await box().json('PUT', `/api/assessments/${build.id()}`, build.assessment(personId))).status).toBe(200);
    expect((await comeBack(code)).session.screen).toBe('result');
  });
});
