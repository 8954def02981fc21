import { PostgresAdapter, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';

/**
 * The few places where SQLite and PostgreSQL spell a column differently. Part of the migrations
 * (frozen with them), not app code: every migration runs unchanged on both.
 */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** An auto-incrementing integer primary key: `integer ... autoincrement` on SQLite, `serial` on PostgreSQL. */
export function withSerialId<T extends string>(
  db: Kysely<any>,
  table: CreateTableBuilder<T, any>,
  name: string,
): CreateTableBuilder<T, any> {
  return isPostgres(db)
    ? table.addColumn(name, 'serial', (c: ColumnDefinitionBuilder) => c.primaryKey())
    : table.addColumn(name, 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement());
}
