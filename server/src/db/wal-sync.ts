import { open, type FileHandle } from 'node:fs/promises';

/**
 * The WAL's fsync off the event loop. With `synchronous=FULL` SQLite fsyncs the WAL inside every
 * COMMIT, on the thread that runs it: the box's only JavaScript thread, so on one core every
 * request waited for the disk at each commit (a quarter of a submission's time under load). The
 * same durability is had by committing with `synchronous=NORMAL` (in WAL mode that writes the
 * commit's frames and no more: the only difference from FULL is that fsync) and then syncing the
 * WAL file from libuv's thread pool before anyone is answered. Checkpoints still sync the WAL and
 * the database themselves, as with FULL.
 */

/** Brings what the WAL holds so far to the disk; `close` lets go of what it holds, once the database is closed. */
export interface SyncWal {
  (): Promise<void>;
  close?(): Promise<void>;
}

/**
 * fdatasync of the WAL beside `dbFile`, opened at the first sync and kept: SQLite keeps that file in
 * place while the database is open (a checkpoint rewinds or truncates it, never replaces it; only
 * the last connection's close deletes it), so one open file serves every sync.
 */
export function walFileSync(dbFile: string): SyncWal {
  const wal = `${dbFile}-wal`;
  let handle: Promise<FileHandle> | null = null;
  const sync: SyncWal = async () => {
    handle ??= open(wal, 'r');
    const h = await handle.catch((e: unknown) => {
      handle = null;
      throw e;
    });
    await h.datasync();
  };
  sync.close = async () => {
    const h = handle;
    handle = null;
    await h?.then((x) => x.close()).catch(() => {});
  };
  return sync;
}

interface Waiter {
  upTo: number;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Commits counted as they reach the WAL, and the syncs that make them durable: one sync at a time,
 * each covering every commit made before it began (those made while it runs wait for the next one),
 * so that under load one fsync serves many commits.
 */
export class WalDurability {
  private commits = 0;
  private synced = 0;
  private syncing = false;
  private waiting: Waiter[] = [];

  constructor(private readonly sync: SyncWal) {}

  /** A commit reached the WAL: it is visible, not yet durable. */
  committed(): void {
    this.commits++;
  }

  /** Something committed is not yet known to be on disk. */
  get pending(): boolean {
    return this.synced < this.commits;
  }

  /** Resolves once every commit made so far is on disk; rejects if the sync that was to cover it failed. */
  settled(): Promise<void> {
    if (!this.pending) return Promise.resolve();
    const done = new Promise<void>((resolve, reject) => this.waiting.push({ upTo: this.commits, resolve, reject }));
    this.next();
    return done;
  }

  private next(): void {
    if (this.syncing || this.waiting.length === 0) return;
    this.syncing = true;
    const upTo = this.commits;
    this.sync().then(
      () => this.settle(upTo, null),
      (e: unknown) => this.settle(upTo, e ?? new Error('the WAL could not be synced')),
    );
  }

  private settle(upTo: number, error: unknown): void {
    this.syncing = false;
    // A failed sync proves nothing: its commits stay pending, and the next sync covers them again.
    if (error === null) this.synced = Math.max(this.synced, upTo);
    const covered = this.waiting.filter((w) => w.upTo <= upTo);
    this.waiting = this.waiting.filter((w) => w.upTo > upTo);
    for (const w of covered) {
      if (error === null) w.resolve();
      else w.reject(error);
    }
    this.next();
  }
}
