import type { Context } from 'hono';

export interface ThrottleOptions {
  /** Failures allowed under one key before waits begin. */
  free: number;
  /** The first wait, doubled with each further failure. */
  baseSeconds: number;
  /** The longest wait. */
  maxSeconds: number;
  /** A key with no failure for this long starts again from zero. */
  forgetSeconds: number;
  /** Keys kept at most (the oldest are dropped first), so a flood of keys cannot grow memory. */
  maxKeys?: number;
}

interface Entry {
  failures: number;
  blockedUntil: number;
  lastFailureAt: number;
}

/**
 * Failed attempts counted per key (a client address, a slip code, a staff name) in memory, with
 * waits that grow after `free` failures. `fail` counts synchronously, before the caller awaits
 * anything, so attempts sent at once each count and none slips through between a read and a write.
 * Kept in memory on purpose: a restart forgets the waits, but the per-account lockout of staff is in
 * the database, and a restart takes far longer than the waits it forgets.
 */
export class Throttle {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: ThrottleOptions) {}

  /** Seconds to wait before an attempt under `key` may go ahead; 0 when it may go now. */
  wait(key: string, nowMs: number): number {
    const entry = this.fresh(key, nowMs);
    if (!entry || entry.blockedUntil <= nowMs) return 0;
    return Math.ceil((entry.blockedUntil - nowMs) / 1000);
  }

  /** Counts one failure under `key` and answers the wait it brings (0 while still within `free`). */
  fail(key: string, nowMs: number): number {
    const entry = this.fresh(key, nowMs) ?? { failures: 0, blockedUntil: 0, lastFailureAt: nowMs };
    entry.failures += 1;
    entry.lastFailureAt = nowMs;
    const over = entry.failures - this.options.free;
    const waitSeconds = over > 0 ? Math.min(this.options.baseSeconds * 2 ** (over - 1), this.options.maxSeconds) : 0;
    entry.blockedUntil = Math.max(entry.blockedUntil, nowMs + waitSeconds * 1000);
    // Re-inserting keeps the map in order of the last failure: the first key is the stalest.
    this.entries.delete(key);
    this.entries.set(key, entry);
    const maxKeys = this.options.maxKeys ?? 10_000;
    while (this.entries.size > maxKeys) this.entries.delete(this.entries.keys().next().value as string);
    return waitSeconds;
  }

  /** A success under `key` clears its failures. */
  succeed(key: string): void {
    this.entries.delete(key);
  }

  /** Failures counted under `key` (for tests and the health of the box). */
  failures(key: string, nowMs: number): number {
    return this.fresh(key, nowMs)?.failures ?? 0;
  }

  private fresh(key: string, nowMs: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && nowMs - entry.lastFailureAt > this.options.forgetSeconds * 1000 && entry.blockedUntil <= nowMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}

/**
 * The address of the client's connection, never a header it sent (X-Forwarded-For is whatever the
 * client wants it to be). Requests made in-process (`app.request` in tests) without a socket are
 * 'local'; a test can pass `{ incoming: { socket: { remoteAddress } } }` as the env to play a client.
 */
export function clientAddress(c: Context): string {
  return peerAddress(c.env);
}

/** clientAddress from the env @hono/node-server hands to fetch (the plain listener decides by it before any app runs). */
export function peerAddress(env: unknown): string {
  const address = (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket
    ?.remoteAddress;
  if (!address) return 'local';
  // An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d.
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/** True for a connection from the box itself (127.0.0.0/8, ::1) or made in-process. */
export function isLoopback(address: string): boolean {
  return address === 'local' || address === '::1' || /^127\./.test(address);
}
