import { afterEach, inject } from 'vitest';
import { startHarness, type Harness } from '../integration/harness.ts';

export const pgUrl = inject('pgUrl');
export const storages = pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);
export const t0 = new Date('2026-11-23T03:00:00Z');
export let h: Harness;
/** Closes the box a test started with startBox. */
export function closeBoxAfterEachTest(): void {
  afterEach(async () => {
    await h?.close();
  });
}
/** Starts the box of this test (closed after it) as `h`. */
export async function startBox(...args: Parameters<typeof startHarness>): Promise<Harness> {
  h = await startHarness(...args);
  return h;
}

/** A request from a tablet at `address` (the socket's address is what the box counts by). */
export async function from(address: string, method: string, path: string, body?: unknown, cookie?: string) {
  const res = await h.app.request(
    path,
    {
      method,
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    },
    { incoming: { socket: { remoteAddress: address } } },
  );
  return {
    status: res.status,
    body: (await res.json()) as { code?: string; details?: Record<string, unknown> },
    headers: res.headers,
  };
}
export const signInFrom = (address: string, name: string, pin: string) =>
  from(address, 'POST', '/api/staff/sign-in', { name, pin });
export const staffRow = (name: string) =>
  h.db.selectFrom('staff').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
export const tally = (codes: (string | undefined)[]) =>
  codes.reduce<Record<string, number>>((t, c) => ({ ...t, [c ?? 'ok']: (t[c ?? 'ok'] ?? 0) + 1 }), {});
