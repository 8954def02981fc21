import type SQLite from 'better-sqlite3';
import { WalDurability, type SyncWal } from './wal-sync.ts';

/** The one better-sqlite3 connection with its statement cache and group commit (sqlite-driver.ts says how). */

/** How many prepared statements are kept: the app has a few hundred distinct queries. */
const STATEMENT_CACHE_SIZE = 400;
const SAVEPOINT = 'kiosk_tx';

interface Waiter {
  resolve: () => void;
  reject: (e: unknown) => void;
}

export class GroupCommitSqlite {
  private readonly statements = new Map<string, SQLite.Statement>();
  /** Transactions committed into the open SQLite transaction, waiting for its COMMIT. */
  private waiters: Waiter[] = [];
  /** A transaction of a caller is between its begin and its commit or rollback. */
  private active = false;
  private flushScheduled = false;
  private locked = false;
  private readonly queue: (() => void)[] = [];
  private readonly wal: WalDurability | null;

  constructor(
    readonly sqlite: SQLite.Database,
    private readonly sync?: SyncWal,
  ) {
    this.wal = sync ? new WalDurability(sync) : null;
  }

  /** What was committed is not yet known to be on disk (the WAL's sync is to come). */
  get unsettled(): boolean {
    return this.wal?.pending ?? false;
  }

  /** Resolves once everything committed so far is on disk. */
  settled(): Promise<void> {
    return this.wal ? this.wal.settled() : Promise.resolve();
  }

  /** A statement outside any transaction ran: if it wrote, SQLite committed it on its own. */
  ranAlone(wrote: boolean): void {
    if (wrote && !this.sqlite.inTransaction) this.wal?.committed();
  }

  /** Rows changed by INSERT, UPDATE and DELETE since the connection opened. */
  totalChanges(): number {
    return (this.prepare('select total_changes() as n').get() as { n: number }).n;
  }

  /** A prepared statement for `sql`, from the cache when this text was prepared before. */
  prepare(sql: string): SQLite.Statement {
    const cached = this.statements.get(sql);
    // A statement still iterating (a stream left open) cannot run again: prepare another.
    if (cached && !cached.busy) {
      // Re-inserted: a Map iterates in insertion order, so the first key is the least recently used.
      this.statements.delete(sql);
      this.statements.set(sql, cached);
      return cached;
    }
    const stmt = this.sqlite.prepare(sql);
    if (!cached) {
      this.statements.set(sql, stmt);
      if (this.statements.size > STATEMENT_CACHE_SIZE) this.statements.delete(this.statements.keys().next().value!);
    }
    return stmt;
  }

  /** The one connection, one holder at a time (as Kysely's driver does). */
  async lock(): Promise<void> {
    if (!this.locked) {
      this.locked = true;
      return;
    }
    await new Promise<void>((resolve) => this.queue.push(resolve));
  }

  unlock(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.locked = false;
  }

  begin(): void {
    if (!this.sqlite.inTransaction) this.prepare('begin').run();
    this.prepare(`savepoint ${SAVEPOINT}`).run();
    this.active = true;
  }

  /** Ends the caller's transaction; resolves once the group it joined is committed. */
  commit(): Promise<void> {
    this.prepare(`release ${SAVEPOINT}`).run();
    this.active = false;
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.scheduleFlush();
    return done;
  }

  rollback(): void {
    this.active = false;
    if (!this.sqlite.inTransaction) {
      // SQLite rolled the whole transaction back itself (disk full, I/O error): the group is lost.
      this.failGroup(new Error('the transaction was rolled back by SQLite'));
      return;
    }
    try {
      this.prepare(`rollback to ${SAVEPOINT}`).run();
      this.prepare(`release ${SAVEPOINT}`).run();
    } catch (e) {
      this.abortGroup(e);
      throw e;
    }
    this.scheduleFlush();
  }

  /** Commits the open group now (before a statement outside any transaction, a raw use, a close). */
  flush(): void {
    if (this.active || !this.sqlite.inTransaction) return;
    const waiters = this.waiters;
    this.waiters = [];
    try {
      this.prepare('commit').run();
    } catch (e) {
      this.waiters = waiters;
      this.abortGroup(e);
      return;
    }
    this.wal?.committed();
    this.answer(waiters);
  }

  /** Answers committed transactions: at once, or once the WAL's sync that follows is done. */
  private answer(waiters: Waiter[]): void {
    if (waiters.length === 0) return;
    if (!this.wal) for (const w of waiters) w.resolve();
    else
      void this.wal.settled().then(
        () => waiters.forEach((w) => w.resolve()),
        (e: unknown) => waiters.forEach((w) => w.reject(e)),
      );
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || !this.sqlite.inTransaction) {
      // Nothing open: a transaction whose group another statement already committed.
      if (!this.sqlite.inTransaction) this.resolveCommitted();
      return;
    }
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      // A transaction still open (it awaits something else) commits the group when it ends.
      if (!this.active) this.flush();
    });
  }

  private resolveCommitted(): void {
    const waiters = this.waiters;
    this.waiters = [];
    this.answer(waiters);
  }

  private abortGroup(e: unknown): void {
    try {
      if (this.sqlite.inTransaction) this.prepare('rollback').run();
    } catch {
      /* already rolled back */
    }
    this.failGroup(e);
  }

  private failGroup(e: unknown): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.reject(e);
  }

  /** Commits the open group and closes once it is on disk (closing deletes the WAL a sync would open). */
  async close(): Promise<void> {
    this.flush();
    await this.settled().catch(() => {});
    this.statements.clear();
    this.sqlite.close();
    await this.sync?.close?.();
  }
}
