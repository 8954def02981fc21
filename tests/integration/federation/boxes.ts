import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createApp } from '../../../server/src/app.ts';
import { createBackup } from '../../../server/src/backup/backup.create.ts';
import { restoreBackup } from '../../../server/src/backup/backup.restore.ts';
import type { KioskConfig } from '../../../server/src/config/load.ts';
import { migrateToLatest, openDatabase, type Db } from '../../../server/src/db/database.ts';
import { build, people } from '../../fixtures/people.ts';
import { findPgBin } from '../../support/postgres.ts';
import { openMigratedSqlite } from '../../support/migrated.ts';
import type { Harness } from '../harness.ts';

/**
 * Boxes that die and come back for the restore tests: a center or hub is a data folder (or a
 * PostgreSQL database) opened by the real app, driven as its administrator; the link between
 * center and hub follows whichever hub app is current, and can lose an answer on demand.
 */

export type App = ReturnType<typeof createApp>;

export interface Box {
  dir: string;
  db: Db;
  app: App;
  /** A request as the administrator (staff need no villager token). */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

function driven(dir: string, db: Db, app: App, admin: string, close: () => Promise<void>): Box {
  return {
    dir,
    db,
    app,
    close,
    async call(method, path, body) {
      const res = await app.request(path, {
        method,
        headers: { cookie: admin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return {
        status: res.status,
        body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
      };
    },
  };
}

/** The harness's center as a box (closed by the harness). */
export function boxOf(h: Harness, admin: string): Box {
  return driven(h.dir, h.db, h.app, admin, async () => {});
}

/** A data folder (restored, or copied by hand) opened by the real app, as the box does at start. */
export async function openBox(
  dir: string,
  config: KioskConfig,
  admin: string,
  now: () => Date,
  fetch?: typeof globalThis.fetch,
): Promise<Box> {
  const db = await openMigratedSqlite(join(dir, 'kiosk.sqlite'), 'FULL');
  const app = createApp({ db, config, evidenceDir: join(dir, 'evidence'), now, ...(fetch ? { fetch } : {}) });
  return driven(dir, db, app, admin, () => db.destroy());
}

const temps: string[] = [];
export function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `kiosk-restore-${label}-`));
  temps.push(dir);
  return dir;
}
export function removeTemps(): void {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A center's data folder backed up and restored into a new folder with the real backup code, then opened. */
export async function restoredCenter(
  center: Harness,
  admin: string,
  backupPath: string,
  now: () => Date,
  link: typeof fetch,
): Promise<Box> {
  const dataDir = join(tempDir('center'), 'data');
  await restoreBackup({ from: backupPath, dataDir });
  return openBox(dataDir, center.config, admin, now, link);
}

export async function backupOf(h: Harness): Promise<string> {
  return (await createBackup({ dataDir: h.dir, db: h.db, to: tempDir('backups') })).path;
}

/** Villagers registered at the box (as staff), each with a draft assessment: their person ids. */
export async function register(box: Box, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = build.id();
    const res = await box.call('PUT', `/api/people/${id}`, people.anhTuan);
    if (res.status !== 200) throw new Error(`registration answered ${res.status} ${JSON.stringify(res.body)}`);
    ids.push(id);
  }
  return ids;
}

/** The highest outbox number a box has used. */
export async function highestSeq(db: Db): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.max<number>('seq').as('seq'))
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/** The payload the hub holds for a record, parsed, or undefined. */
export async function onHub(hubDb: Db, kind: string, id: string): Promise<any> {
  const row = await hubDb
    .selectFrom('hub_record')
    .select('payload')
    .where('record_kind', '=', kind)
    .where('record_id', '=', id)
    .executeTakeFirst();
  return row ? JSON.parse(row.payload) : undefined;
}

export type Fault = 'drop-request' | 'drop-response';

/**
 * The link from centers to the current hub app; `faults` is consumed by path: the first entry
 * whose path is the request's applies to it.
 */
export function linkTo(hubApp: () => App, faults: { path: string; fault: Fault }[] = []): typeof fetch {
  return async (input, init) => {
    const url = new URL(String(input));
    const i = faults.findIndex((f) => f.path === url.pathname);
    const fault = i >= 0 ? faults.splice(i, 1)[0]!.fault : null;
    if (fault === 'drop-request') throw new TypeError('network down');
    const res = await hubApp().request(url.pathname + url.search, init as RequestInit);
    if (fault === 'drop-response') throw new TypeError('connection reset');
    return res;
  };
}

/**
 * A hub's storage at one moment, to come back to: on SQLite the real backup of its data folder; on
 * PostgreSQL a pg_dump of its database and a copy of its evidence folder (as an operator keeps them).
 */
export interface HubSnapshot {
  reopen(): Promise<{ dir: string; db: Db; app: App; close: () => Promise<void> }>;
}

export async function snapshotHub(hub: Harness, now: () => Date, pgUrl: string | null): Promise<HubSnapshot> {
  if (!pgUrl) {
    const backup = await backupOf(hub);
    return {
      async reopen() {
        const dataDir = join(tempDir('hub'), 'data');
        await restoreBackup({ from: backup, dataDir });
        const box = await openBox(dataDir, hub.config, '', now);
        return { dir: dataDir, db: box.db, app: box.app, close: box.close };
      },
    };
  }
  const bin = findPgBin()!;
  const name = (await sql<{ name: string }>`select current_database() as name`.execute(hub.db)).rows[0]!.name;
  const url = (db: string) => {
    const u = new URL(pgUrl);
    u.pathname = `/${db}`;
    return u.toString();
  };
  const dump = spawnSync(join(bin, 'pg_dump'), ['--no-owner', '-d', url(name)], {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  if (dump.status !== 0) throw new Error(`pg_dump: ${dump.stderr}`);
  const evidence = join(tempDir('hub-evidence'), 'evidence');
  mkdirSync(evidence, { recursive: true });
  if (existsSync(join(hub.dir, 'evidence'))) cpSync(join(hub.dir, 'evidence'), evidence, { recursive: true });
  return {
    async reopen() {
      const restored = `${name}_restored_${Date.now()}`;
      const create = spawnSync(
        join(bin, 'psql'),
        ['-v', 'ON_ERROR_STOP=1', '-d', pgUrl, '-c', `create database ${restored}`],
        { encoding: 'utf8' },
      );
      if (create.status !== 0) throw new Error(`create database: ${create.stderr}`);
      const load = spawnSync(join(bin, 'psql'), ['-v', 'ON_ERROR_STOP=1', '-q', '-d', url(restored)], {
        input: dump.stdout,
        encoding: 'utf8',
        maxBuffer: 256 << 20,
      });
      if (load.status !== 0) throw new Error(`psql: ${load.stderr}`);
      const dir = tempDir('hub');
      cpSync(evidence, join(dir, 'evidence'), { recursive: true });
      const db = openDatabase({ file: '', url: url(restored), synchronous: 'FULL' });
      await migrateToLatest(db);
      const app = createApp({ db, config: hub.config, evidenceDir: join(dir, 'evidence'), now });
      return {
        dir,
        db,
        app,
        async close() {
          await db.destroy();
          spawnSync(join(bin, 'psql'), ['-d', pgUrl, '-c', `drop database if exists ${restored} with (force)`], {
            encoding: 'utf8',
          });
        },
      };
    },
  };
}
