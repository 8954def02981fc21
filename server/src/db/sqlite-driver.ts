import type SQLite from 'better-sqlite3';
import {
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';

/**
 * Kysely's SQLite dialect with the driver a busy box needs. Kysely's own driver prepares every
 * statement again on each execution (a quarter of the time of a request went to `prepare`) and
 * commits every transaction on its own (one fsync each, with `synchronous=FULL`). This one:
 *
 * - keeps prepared statements, keyed by their SQL text, in a bounded least-recently-used cache;
 * - commits in groups: a transaction runs inside a savepoint of one SQLite transaction shared
 *   with the others that run in the same turn of the event loop, and that transaction is
 *   committed (one fsync) once the turn ends. Each caller's `commit` resolves only after that
 *   COMMIT returned, so nothing is acknowledged before it is on disk: the durability is the
 *   same, the fsyncs are shared. A transaction that fails rolls back to its own savepoint and
 *   leaves the others of its group alone; a failed group COMMIT fails every transaction in it.
 *
 * Anything that reads or writes outside a transaction first commits the open group, so it never
 * sees (or answers with) data that is not yet durable, and never joins a group it cannot wait for.
 */

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

  constructor(readonly sqlite: SQLite.Database) {}

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
    for (const w of waiters) w.resolve();
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
    for (const w of waiters) w.resolve();
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

  close(): void {
    this.flush();
    this.statements.clear();
    this.sqlite.close();
  }
}

/**
 * One holding of the connection. A transaction's commit lets the connection go before Kysely
 * releases it (so that the next transaction can join the group); a holding used again after that
 * (a transaction inside `db.connection()`, then more statements) takes the connection back first.
 */
class Holding implements DatabaseConnection {
  released = false;
  inTransaction = false;
  constructor(private readonly shared: GroupCommitSqlite) {}

  async reacquire(): Promise<void> {
    if (!this.released) return;
    await this.shared.lock();
    this.released = false;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (this.released) await this.reacquire();
    return this.run<R>(compiled);
  }

  private run<R>(compiled: CompiledQuery): QueryResult<R> {
    if (!this.inTransaction) this.shared.flush();
    const stmt = this.shared.prepare(compiled.sql);
    if (stmt.reader) return { rows: stmt.all(compiled.parameters) as R[] };
    const { changes, lastInsertRowid } = stmt.run(compiled.parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (this.released) await this.reacquire();
    if (!this.inTransaction) this.shared.flush();
    const stmt = this.shared.prepare(compiled.sql);
    if (!stmt.reader) throw new Error('SQLite streams only queries that return rows');
    for (const row of stmt.iterate(compiled.parameters)) yield { rows: [row as R] };
  }
}

class GroupCommitDriver implements Driver {
  constructor(private readonly shared: GroupCommitSqlite) {}
  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.shared.lock();
    return new Holding(this.shared);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as Holding).reacquire();
    (connection as Holding).inTransaction = true;
    this.shared.begin();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const holding = connection as Holding;
    holding.inTransaction = false;
    const committed = this.shared.commit();
    // Let the next transaction in before this group's COMMIT, so that it can join the group.
    this.release(holding);
    await committed;
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const holding = connection as Holding;
    // After a failed group COMMIT the connection is someone else's already; the group rolled back.
    if (holding.released) return;
    holding.inTransaction = false;
    this.shared.rollback();
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery({
      sql: `savepoint "${name.replace(/"/g, '""')}"`,
      parameters: [],
    } as unknown as CompiledQuery);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery({
      sql: `rollback to "${name.replace(/"/g, '""')}"`,
      parameters: [],
    } as unknown as CompiledQuery);
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery({
      sql: `release "${name.replace(/"/g, '""')}"`,
      parameters: [],
    } as unknown as CompiledQuery);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.release(connection as Holding);
  }

  private release(holding: Holding): void {
    if (holding.released) return;
    holding.released = true;
    this.shared.unlock();
  }

  async destroy(): Promise<void> {
    this.shared.close();
  }
}

/** SQLite through better-sqlite3 with cached statements and group commit (see above). */
export class GroupCommitSqliteDialect implements Dialect {
  constructor(private readonly shared: GroupCommitSqlite) {}
  createDriver(): Driver {
    return new GroupCommitDriver(this.shared);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createAdapter() {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db);
  }
}
