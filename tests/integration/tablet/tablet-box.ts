import { afterEach, beforeEach } from 'vitest';
import { db } from '../../../web/src/db/db.ts';
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
