import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build, people } from '../fixtures/people.ts';
import { staffSessions } from '../fixtures/staff.ts';
import { startHarness, type Harness } from './harness.ts';

/**
 * A look-up by slip code and birth year that fails answers the same whether the code is unknown or
 * the birth year is wrong: status, code, message, details and headers alike, so the answer never
 * tells a prober that a code exists (the tablet then says "Mã hoặc năm sinh chưa đúng" for both).
 */

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

/** What a client can read of an answer: status, body and the headers that vary. */
const seen = (res: { status: number; body: unknown; headers: Headers }) => ({
  status: res.status,
  body: res.body,
  type: res.headers.get('content-type'),
  length: res.headers.get('content-length'),
});

/** A code of the slip alphabet that no one holds (the box made `taken`). */
const unknownCodeBeside = (taken: string) => (taken === 'HAN234' ? 'HAN235' : 'HAN234');

describe('a failed slip look-up', () => {
  it('answers a wrong birth year exactly as an unknown code', async () => {
    const { body } = await h.json('PUT', `/api/people/${build.id()}`, people.baLan);
    const code = body.code as string;
    const wrongYear = await h.json('GET', `/api/people/by-code/${code}?birthYear=${people.baLan.birthYear + 1}`);
    const unknownCode = await h.json(
      'GET',
      `/api/people/by-code/${unknownCodeBeside(code)}?birthYear=${people.baLan.birthYear}`,
    );
    expect(wrongYear.status).toBe(404);
    expect(wrongYear.body).toMatchObject({ code: 'person.not-found' });
    expect(seen(wrongYear)).toEqual(seen(unknownCode));
    // Her right code and year still find her: the two failures above were failures of the look-up alone.
    expect(
      (await h.json('GET', `/api/people/by-code/${code}?birthYear=${people.baLan.birthYear}`)).body.id,
    ).toBeDefined();
  });

  it('answers a household link with a wrong birth year exactly as one with an unknown code, and links no one', async () => {
    const staff = await staffSessions(h);
    const head = await h.json('PUT', `/api/people/${build.id()}`, people.baLan);
    const other = await h.json('PUT', `/api/people/${build.id()}`, people.anhTuan);
    const householdId = build.id();
    const made = await h.json(
      'PUT',
      `/api/households/${householdId}`,
      { village: people.baLan.village, headCode: head.body.code, headBirthYear: people.baLan.birthYear },
      staff.admin,
    );
    expect(made.status).toBe(200);
    const before = await h.counts();
    const link = (code: string, birthYear: number) =>
      h.json('POST', `/api/households/${householdId}/members`, { code, birthYear }, staff.admin);
    const wrongYear = await link(other.body.code, people.anhTuan.birthYear + 1);
    const unknownCode = await link(unknownCodeBeside(other.body.code), people.anhTuan.birthYear);
    expect(wrongYear.body).toMatchObject({ code: 'person.not-found' });
    expect(seen(wrongYear)).toEqual(seen(unknownCode));
    expect(await h.counts()).toEqual(before);
  });
});
