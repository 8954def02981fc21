import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Flow } from '../../../web/src/lib/state/flow.svelte.ts';
import { build, indicatorIds, people } from '../../fixtures/people.ts';
import { tabletAgainstBox } from './tablet-box.ts';

/**
 * Issue 26: a villager who comes back finds her draft where she stopped: the first indicator she
 * has not scored, or the review once all are.
 */
const box = tabletAgainstBox();

async function comeBack(code: string): Promise<Flow> {
  const flow = new Flow();
  await flow.start();
  await flow.go('find');
  await flow.findByCode(code, 1954);
  await flow.confirmFound();
  return flow;
}

async function registered(): Promise<{ personId: string; code: string }> {
  const personId = build.id();
  const res = await box().json('PUT', `/api/people/${personId}`, people.baLan);
  return { personId, code: res.body.code as string };
}

describe('coming back to the tablet', () => {
  it.each([
    { scored: [], screen: 'indicator', index: 0 },
    { scored: ['CS01', 'CS02', 'CS03'], screen: 'indicator', index: 3 },
    { scored: ['CS01', 'CS02', 'CS04'], screen: 'indicator', index: 2 },
    { scored: [...indicatorIds], screen: 'review', index: 0 },
  ])('a draft with $scored.length scores opens on $screen $index', async ({ scored, screen, index }) => {
    const { personId, code } = await registered();
    const body = build.assessment(personId, { status: 'draft' });
    body.answers = body.answers.filter((a) => scored.includes(a.indicatorId as (typeof indicatorIds)[number]));
    expect((await box().json('PUT', `/api/assessments/${build.id()}`, body)).status).toBe(200);
    const flow = await comeBack(code);
    expect(flow.session.screen).toBe(screen);
    expect(flow.session.indicatorIndex).toBe(index);
  });

  it('a submitted one opens on the slip', async () => {
    const { personId, code } = await registered();
    expect((await box().json('PUT', `/api/assessments/${build.id()}`, build.assessment(personId))).status).toBe(200);
    expect((await comeBack(code)).session.screen).toBe('result');
  });
});
