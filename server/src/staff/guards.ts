import { Throttle } from '../http/throttle.ts';

/** Wrong PINs allowed before an account locks. */
export const MAX_ATTEMPTS = 5;
/** The longest lock, however many wrong PINs came before. */
export const MAX_LOCK_SECONDS = 3600;

/** Runs the work under one key one at a time (a client's sign-ins), each after the one before settles. */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const result = before.then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    // The last one out removes the key, so the map holds only clients with a sign-in under way.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

/**
 * What stands between a tablet and the staff accounts, one set per app (kept in memory: a restart
 * forgets the waits, never an account's count, which is in the database).
 */
export interface StaffGuards {
  /** Wrong setup codes per client address: 5 free, then waits from 30 s doubling up to 15 min. */
  setup: Throttle;
  /**
   * Failed sign-ins per client address: 10 free, then waits from 15 s doubling up to 15 min, so one
   * tablet cannot lock every account in a loop (an account locks after 5, so it reaches 2 at most
   * before it must wait).
   */
  client: Throttle;
  /**
   * Failed sign-ins under a name with no active account, counted and locked exactly as an account
   * is (5 free, then the lockout doubling up to an hour), so the answers do not tell that the name
   * does not exist.
   */
  unknownNames: Throttle;
  /**
   * One client's sign-ins and setups run one after the other, so its throttle has counted each
   * failure before the next attempt is looked at: 100 sent at once meet the wait after the 11th.
   */
  queue: KeyedQueue;
}

export function newStaffGuards(lockoutSeconds: number): StaffGuards {
  return {
    setup: new Throttle({ free: 5, baseSeconds: 30, maxSeconds: 900, forgetSeconds: 3600 }),
    client: new Throttle({ free: 10, baseSeconds: 15, maxSeconds: 900, forgetSeconds: 3600 }),
    unknownNames: new Throttle({
      free: MAX_ATTEMPTS - 1,
      baseSeconds: lockoutSeconds,
      maxSeconds: MAX_LOCK_SECONDS,
      forgetSeconds: 30 * 86400,
    }),
    queue: new KeyedQueue(),
  };
}
