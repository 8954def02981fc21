import { afterEach, beforeEach } from 'vitest';
import { db } from '../../../web/src/db/db.ts';
import { Flow } from '../../../web/src/lib/state/flow.svelte.ts';
import { build, people } from '../../fixtures/people.ts';
import { startHarness, type Harness } from '../harness.ts';

/**
 * The tablet's real code against the real box: a fresh box for each test, the tablet's fetch sent
 * to it, and the tablet's IndexedDB (fake-indexeddb, imported by the test file first) emptied.
 * Answers a getter for the current test's box.
 */
export function tabletAgainstBox(): () => Harness {
  let h: Harness;
  const realFetch = globalThis.fetch;
  beforeEach(async () => {
    h = await startHarness();
    globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
      h.app.request(String(input), init)) as typeof fetch;
    await db.open();
    await Promise.all(db.tables.map((t) => t.clear()));
  });
  afterEach(async () => {
    globalThis.fetch = realFetch;
    await h.close();
  });
  return () => h;
}

/** Bà Lan registered at the box: her id and the code on her slip. */
export async function registered(h: Harness): Promise<{ personId: string; code: string }> {
  const personId = build.id();
  const res = await h.json('PUT', `/api/people/${personId}`, people.baLan);
  return { personId, code: res.body.code as string };
}

/** The tablet as she comes back to it: found by the code on her slip and her birth year. */
export async function comeBack(code: string): Promise<Flow> {
  const flow = new Flow();
  await flow.start();
  await flow.go('find');
  await flow.findByCode(code, 1954);
  await flow.confirmFound();
  return flow;
}
