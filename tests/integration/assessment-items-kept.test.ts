import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { build } from '../fixtures/people.ts';
import { freshBoxWithVillagerEachTest, h, personId } from './villager-box.ts';

/**
 * Submitting the answers of the last draft leaves the item rows as they stand (no delete and
 * insert of the same rows); any changed answer still replaces them. Seen from outside, the same.
 */

freshBoxWithVillagerEachTest();

const items = (id: string) =>
  h.db
    .selectFrom('assessment_item')
    .select(['indicator_id', 'score', 'note'])
    .where('assessment_id', '=', id)
    .orderBy('indicator_id')
    .execute();
/** Rows the box's connection has inserted, updated or deleted so far. */
const changes = async () => (await sql<{ n: number }>`select total_changes() as n`.execute(h.db)).rows[0]!.n;

describe('the answers of a saved assessment', () => {
  it('stand as they are when submitted unchanged from the draft', async () => {
    const id = build.id();
    const draft = await h.json('PUT', `/api/assessments/${id}`, build.assessment(personId, { status: 'draft' }));
    expect(draft.status).toBe(200);
    const before = await items(id);
    expect(before).toHaveLength(10);
    const from = await changes();
    const submitted = await h.json('PUT', `/api/assessments/${id}`, build.assessment(personId));
    expect(submitted.body).toMatchObject({ status: 'submitted', revision: 2 });
    expect(submitted.body.answers).toEqual(draft.body.answers);
    expect(await items(id)).toEqual(before);
    // The assessment's row and its change in the outbox; no item deleted or written again.
    expect((await changes()) - from).toBe(2);
  });

  it('are replaced when one changed, in a draft or in the submission', async () => {
    const id = build.id();
    await h.json('PUT', `/api/assessments/${id}`, build.assessment(personId, { status: 'draft' }));
    const from = await changes();
    const changed = build.assessment(personId, { status: 'draft', scores: { CS01: 9 } });
    expect((await h.json('PUT', `/api/assessments/${id}`, changed)).status).toBe(200);
    expect((await items(id)).find((i) => i.indicator_id === 'CS01')?.score).toBe(9);
    // The row, its 10 items deleted and 10 written, the outbox.
    expect((await changes()) - from).toBe(22);
    const noted = build.assessment(personId, { scores: { CS01: 9 } });
    noted.answers = noted.answers.map((a) => (a.indicatorId === 'CS02' ? { ...a, note: 'Đọc sách mỗi tối' } : a));
    const submitted = await h.json('PUT', `/api/assessments/${id}`, noted);
    expect(submitted.body.status).toBe('submitted');
    expect((await items(id)).find((i) => i.indicator_id === 'CS02')?.note).toBe('Đọc sách mỗi tối');
  });
});
