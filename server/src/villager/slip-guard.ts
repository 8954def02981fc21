import type { Context } from 'hono';
import { AppError } from '../../../shared/errors.ts';
import type { AppEnv, Deps } from '../http/context.ts';
import { clientAddress, Throttle, type ThrottleOptions } from '../http/throttle.ts';

/**
 * Guessing a slip's birth year (or a code with a year) is throttled per client address and per
 * code, with growing waits. A wrong year and an unknown code are one failure alike. A success clears
 * the code's failures (its owner knows the year) but never the client's, so an attacker cannot reset
 * his count with his own slip. Attempts still in flight hold a place, so a burst sent at once cannot
 * get more guesses past the check than the free ones left.
 */
const CLIENT: ThrottleOptions = { free: 10, baseSeconds: 2, maxSeconds: 15 * 60, forgetSeconds: 60 * 60 };
const CODE: ThrottleOptions = { free: 5, baseSeconds: 2, maxSeconds: 60 * 60, forgetSeconds: 24 * 60 * 60 };

export class SlipGuard {
  private readonly client = new Throttle(CLIENT);
  private readonly code = new Throttle(CODE);
  private readonly inFlight = new Map<string, number>();

  /** Seconds to wait before this attempt may go; 0 means it goes now and holds its place until `settle`. */
  begin(client: string, code: string, nowMs: number): number {
    const keys = [
      [this.client, `client:${client}`, CLIENT.free],
      [this.code, `code:${code}`, CODE.free],
    ] as const;
    let wait = 0;
    for (const [throttle, key, free] of keys) {
      wait = Math.max(wait, throttle.wait(key, nowMs));
      // The free attempts left are all taken by attempts under way (past them, one at a time, as
      // each failure sets the next wait): come back once they are settled.
      if ((this.inFlight.get(key) ?? 0) >= Math.max(1, free - throttle.failures(key, nowMs))) wait = Math.max(wait, 1);
    }
    if (wait > 0) return wait;
    for (const [, key] of keys) this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    return 0;
  }

  /** Ends an attempt that `begin` let go: 'fail' counts a failure, 'ok' a proven slip, 'release' neither. */
  settle(client: string, code: string, outcome: 'fail' | 'ok' | 'release', nowMs: number): void {
    for (const key of [`client:${client}`, `code:${code}`]) {
      const n = (this.inFlight.get(key) ?? 1) - 1;
      if (n > 0) this.inFlight.set(key, n);
      else this.inFlight.delete(key);
    }
    if (outcome === 'fail') {
      this.client.fail(`client:${client}`, nowMs);
      this.code.fail(`code:${code}`, nowMs);
    } else if (outcome === 'ok') this.code.succeed(`code:${code}`);
  }
}

// One guard per app (tests build one app each), not one per process.
const guards = new WeakMap<Deps, SlipGuard>();

export function slipGuard(deps: Deps): SlipGuard {
  let guard = guards.get(deps);
  if (!guard) guards.set(deps, (guard = new SlipGuard()));
  return guard;
}

/**
 * Runs a look-up by slip code and birth year under the guard: refused with `auth.throttled` while a
 * wait runs (the right year too); `person.not-found` from `lookup` counts as a failure.
 */
export async function guardedSlipLookup<T>(c: Context<AppEnv>, code: string, lookup: () => Promise<T>): Promise<T> {
  const { deps } = c.var;
  const guard = slipGuard(deps);
  const client = clientAddress(c);
  const nowMs = deps.now().getTime();
  const wait = guard.begin(client, code, nowMs);
  if (wait > 0) throw new AppError('auth.throttled', { retryAfterSeconds: wait });
  try {
    const result = await lookup();
    guard.settle(client, code, 'ok', deps.now().getTime());
    return result;
  } catch (e) {
    guard.settle(
      client,
      code,
      e instanceof AppError && e.code === 'person.not-found' ? 'fail' : 'release',
      deps.now().getTime(),
    );
    throw e;
  }
}

/**
 * Runs a registration under the guard. The tablet's code is offered to `register` only when no wait
 * runs for this client or this code (else the box picks the code itself, whatever is taken, so a
 * throttled prober learns nothing); `collided` marks the tablet's slip as someone else's, a failure.
 */
export async function guardedRegistration<T>(
  c: Context<AppEnv>,
  code: string | undefined,
  register: (keepCode: boolean, collided: () => void) => Promise<T>,
): Promise<T> {
  if (!code) return register(false, () => {});
  const { deps } = c.var;
  const guard = slipGuard(deps);
  const client = clientAddress(c);
  const keepCode = guard.begin(client, code, deps.now().getTime()) === 0;
  if (!keepCode) return register(false, () => {});
  let outcome: 'fail' | 'release' = 'release';
  try {
    return await register(true, () => {
      outcome = 'fail';
    });
  } finally {
    guard.settle(client, code, outcome, deps.now().getTime());
  }
}
