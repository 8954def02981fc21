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
import { GroupCommitSqlite } from './group-commit.ts';

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
 * Given a `SyncWal` (openDatabase's, with `synchronous=NORMAL`: wal-sync.ts), a COMMIT does not wait
 * for the disk: its callers, and a statement outside any transaction, are answered once the WAL's
 * sync that followed it is done, with the connection free for others meanwhile.
 */

export { GroupCommitSqlite };

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
    const result = this.run<R>(compiled);
    // Outside a transaction, what it saw or wrote may still be on its way to the disk: answered
    // once it is there, the connection let go meanwhile (taken back by the next statement).
    if (!this.inTransaction && this.shared.unsettled) {
      const settled = this.shared.settled();
      this.released = true;
      this.shared.unlock();
      await settled;
    }
    return result;
  }

  private run<R>(compiled: CompiledQuery): QueryResult<R> {
    if (!this.inTransaction) this.shared.flush();
    const stmt = this.shared.prepare(compiled.sql);
    if (stmt.reader) {
      // A write that answers rows (… RETURNING) commits on its own too: to be synced before its
      // answer. Known by the rows it changed (a PRAGMA is no read-only statement either, and writes none).
      const alone = !this.inTransaction && !stmt.readonly;
      const before = alone ? this.shared.totalChanges() : 0;
      const rows = stmt.all(compiled.parameters) as R[];
      if (alone) this.shared.ranAlone(this.shared.totalChanges() !== before);
      return { rows };
    }
    const { changes, lastInsertRowid } = stmt.run(compiled.parameters);
    if (!this.inTransaction) this.shared.ranAlone(true);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (this.released) await this.reacquire();
    if (!this.inTransaction) this.shared.flush();
    if (!this.inTransaction) await this.shared.settled();
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
    await this.shared.close();
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
