import { randomBytes } from 'node:crypto';
import type SQLite from 'better-sqlite3';

/**
 * What a box hands out next once its database came back from a backup (issue 21; the whole story
 * in federation/history.ts): the outbox numbers (`seq`) and the record revisions are the hub's only
 * way to tell new from already received, so a restore starts a new history (`epoch`) and raises
 * every revision counter well above anything the dead box can have reached. Here because the
 * backup's restore marks the file before the kiosk starts, and the outbox is where those counters go up.
 */

/**
 * Added to every revision a box hands out when its database comes back from a backup: far more
 * edits than a box makes to one record between a backup and its death, and room for 2,000 restores
 * in PostgreSQL's 32-bit integer (hub_record.revision).
 */
export const REVISION_STEP = 1_000_000;

/** The tables whose rows go up with their own revision (outbox.revision apart: clans and units count theirs there). */
export const REVISION_TABLES = ['person', 'assessment', 'appraisal', 'evidence', 'household', 'proposal_list'] as const;

/** The relayed aggregates of a commune hub keep their last revision in sync_state (relay.ts). */
export const RELAY_KEYS = 'relay:%';

/** A new history's name: 32 hex digits. */
export function newEpoch(): string {
  return randomBytes(16).toString('hex');
}

/** A relayed aggregate's last revision, raised. */
export function raisedRelay(value: string): string {
  const last = JSON.parse(value) as { revision: number; digest: string };
  return JSON.stringify({ ...last, revision: last.revision + REVISION_STEP });
}

/**
 * Marks a database file just restored from a backup, through its own connection (the kiosk is
 * stopped): a new epoch, `restoredSeq` (the highest outbox number it holds: what was made after it
 * is the restored box's own), and every revision counter raised. Only a box enrolled with a hub
 * has a history to mark; a backup from an older version may lack some tables. One transaction.
 * Answers what was marked, or null.
 */
export function markRestored(db: SQLite.Database): { epoch: string; restoredSeq: number } | null {
  const has = (table: string) =>
    db.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(table) !== undefined;
  if (!has('sync_state') || !has('outbox')) return null;
  if (!db.prepare("select 1 from sync_state where key = 'nodeId'").get()) return null;
  const epoch = newEpoch();
  const mark = db.transaction(() => {
    const max = Number((db.prepare('select max(seq) as n from outbox').get() as { n: number | null }).n ?? 0);
    const used = has('sqlite_sequence')
      ? Number(
          (db.prepare("select seq as n from sqlite_sequence where name = 'outbox'").get() as { n: number } | undefined)
            ?.n ?? 0,
        )
      : 0;
    const restoredSeq = Math.max(max, used);
    for (const table of REVISION_TABLES) {
      const columns = has(table) ? (db.prepare(`pragma table_info("${table}")`).all() as { name: string }[]) : [];
      if (columns.some((c) => c.name === 'revision'))
        db.prepare(`update "${table}" set revision = revision + ?`).run(REVISION_STEP);
    }
    db.prepare('update outbox set revision = -(revision + ?)').run(REVISION_STEP);
    db.prepare('update outbox set revision = -revision').run();
    const relayed = db.prepare('select key, value from sync_state where key like ?').all(RELAY_KEYS) as {
      key: string;
      value: string;
    }[];
    for (const r of relayed)
      db.prepare('update sync_state set value = ? where key = ?').run(raisedRelay(r.value), r.key);
    const put = db.prepare(
      'insert into sync_state (key, value) values (?, ?) on conflict (key) do update set value = excluded.value',
    );
    put.run('epoch', epoch);
    put.run('restoredSeq', String(restoredSeq));
    return restoredSeq;
  });
  return { epoch, restoredSeq: mark() };
}
