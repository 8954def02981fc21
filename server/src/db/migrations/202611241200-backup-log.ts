import type { Kysely } from 'kysely';
import { withSerialId } from './dialect.ts';

/**
 * Every backup the box made or tried (nightly, "Sao lưu ngay", or `npm run backup`): when, where,
 * how much and, for a failed one, the error code. The administrator's home page reads the last ones.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withSerialId(db, db.schema.createTable('backup_log'), 'id')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('path', 'text')
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('files', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('backup_log_ok').on('backup_log').columns(['ok', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('backup_log').execute();
}
