import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { Insertable } from 'kysely';
import { insertRefusals } from './refusal-log.repository.ts';

type Row = Insertable<Database['hub_refusal']>;

export interface Refusal {
  /** The sender when it is a known node; else the id it claimed (kept for the log, never trusted). */
  nodeId: string | null;
  /** Whether `nodeId` is an enrolled node: a claimed id does not get a quota of its own. */
  known: boolean;
  address: string | null;
  code: string;
  path: string;
}

/** Rows a sender (a node at an address, or an address) gets per code and minute before the rest are only counted. */
const PER_SENDER = 5;
/** Rows the whole hub writes per minute, whatever the number of senders and addresses. */
const PER_MINUTE = 100;
/** Counted refusals are written at most this often (and whenever the commune's admin reads the log). */
const SETTLE_MS = 60_000;

interface Tally {
  rows: number;
  counted: number;
  last: Row;
}

/**
 * The hub's log of refused sync requests, with a cap, so that a flood of unsigned or forged
 * requests costs a bounded number of rows and commits: each sender gets a few rows a minute per
 * code, the whole hub at most PER_MINUTE, and whatever is over is counted in memory and written
 * later as one row with its `count`. Rows are written by one writer, in one multi-row statement
 * for all that queued while the previous write ran (group commit), never one commit each. A
 * refusal that gets a row resolves once it is written, so the log reads true when the answer
 * goes; a counted one resolves at once. Counts not yet written are lost if the hub stops.
 */
export class RefusalLog {
  private minute = -1;
  private rowsThisMinute = 0;
  private readonly tallies = new Map<string, Tally>();
  private queue: Row[] = [];
  private writing: Promise<void> = Promise.resolve();
  private pending: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly db: Db) {}

  record(r: Refusal, now: Date): Promise<void> {
    const minute = Math.floor(now.getTime() / 60_000);
    if (minute !== this.minute) {
      this.countsToRows();
      this.tallies.clear();
      this.minute = minute;
      this.rowsThisMinute = 0;
    }
    const sender = r.known ? `${r.nodeId}@${r.address ?? ''}` : `@${r.address ?? ''}`;
    const row: Row = {
      at: now.toISOString(),
      node_id: r.nodeId?.slice(0, 80) || null,
      address: r.address?.slice(0, 80) ?? null,
      code: r.code,
      path: r.path.slice(0, 200),
      detail: null,
      count: 1,
    };
    const key = `${sender}\u0000${r.code}`;
    let tally = this.tallies.get(key);
    if (!tally && this.rowsThisMinute < PER_MINUTE) this.tallies.set(key, (tally = { rows: 0, counted: 0, last: row }));
    if (tally && tally.rows < PER_SENDER && this.rowsThisMinute < PER_MINUTE) {
      tally.rows++;
      this.rowsThisMinute++;
      this.queue.push(row);
      return this.flush();
    }
    // Over the cap: counted under the sender, or, for a sender with no row this minute, under the code alone.
    const over = tally ?? this.overflow(r.code, row);
    over.counted++;
    over.last = row;
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.settle();
    }, SETTLE_MS).unref();
    return Promise.resolve();
  }

  /** Writes the counts held in memory as rows, then everything queued. */
  settle(): Promise<void> {
    this.countsToRows();
    return this.flush();
  }

  private overflow(code: string, row: Row): Tally {
    const key = `*\u0000${code}`;
    let tally = this.tallies.get(key);
    if (!tally) this.tallies.set(key, (tally = { rows: PER_SENDER, counted: 0, last: row }));
    return tally;
  }

  private countsToRows(): void {
    for (const [key, t] of this.tallies) {
      if (t.counted === 0) continue;
      const anyone = key.startsWith('*\u0000');
      this.queue.push({
        ...t.last,
        count: t.counted,
        ...(anyone ? { node_id: null, address: null } : {}),
        detail: 'over the cap: counted, not logged one by one',
      });
      t.counted = 0;
    }
  }

  /** One write for everything queued; a caller arriving during a write joins the next one. */
  private flush(): Promise<void> {
    if (this.pending) return this.pending;
    const next = this.writing
      .then(async () => {
        this.pending = null;
        const rows = this.queue.splice(0);
        if (rows.length > 0) await insertRefusals(this.db, rows);
        // A failed write (the database closing) loses those rows, not the log: the refusal itself still answers.
      })
      .catch((e: unknown) => {
        console.error('hub: refusal log write failed', e);
      });
    this.pending = next;
    this.writing = next;
    return next;
  }
}

const logs = new WeakMap<Db, RefusalLog>();

/** The refusal log of this hub's database (one per database, so each test's hub has its own). */
export function refusalLog(db: Db): RefusalLog {
  let log = logs.get(db);
  if (!log) logs.set(db, (log = new RefusalLog(db)));
  return log;
}
