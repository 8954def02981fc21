import { mkdtempSync, rmSync } from 'node:fs';
import { freshPgDatabase } from '../support/postgres.ts';
import { openMigratedSqlite } from '../support/migrated.ts';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp } from '../../server/src/app.ts';
import { loadConfig, type KioskConfig } from '../../server/src/config/load.ts';
import { migrateToLatest, type Db } from '../../server/src/db/database.ts';
import type { RegisterPerson } from '../../shared/schemas/person.ts';
import { build } from '../fixtures/people.ts';
import { TabletSessions, TOKEN_HEADER } from './villager-tablet.ts';

export const configDir = resolve(import.meta.dirname, '../../kiosk-config');

export interface Harness {
  app: ReturnType<typeof createApp>;
  db: Db;
  config: KioskConfig;
  dir: string;
  /** Counts of every table, to prove that refused input changed nothing. */
  counts(): Promise<Record<string, number>>;
  /**
   * A request as the tablet (or, with `cookie`, staff) sends it: the villager's token comes along as
   * the real tablet sends it (villager-tablet.ts); `token` sends that one instead (null: none).
   */
  json(
    method: string,
    path: string,
    body?: unknown,
    cookie?: string,
    options?: { token?: string | null },
  ): Promise<{ status: number; body: any; headers: Headers }>;
  /** The tablet's villager sessions: whose token is whose. */
  tablet: TabletSessions;
  /** Moves the box's clock (sessions, lockouts, assessment year). */
  setNow(date: Date): void;
  close(): Promise<void>;
}

/** A fresh migrated SQLite file and evidence folder, the real config, and a fixed clock. */
/**
 * A fresh database for one test: a SQLite file, or, given the throwaway cluster's URL, a new
 * PostgreSQL database in it (dropped on close).
 */
async function freshDatabase(dir: string, pgUrl?: string | null): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (!pgUrl) return { db: await openMigratedSqlite(join(dir, 'kiosk.sqlite'), 'FULL'), drop: async () => {} };
  return freshPgDatabase(pgUrl, 'kiosk');
}

export async function startHarness(
  start = new Date('2026-11-23T03:00:00Z'),
  env: Record<string, string> = {},
  fetchImpl?: typeof fetch,
  pgUrl?: string | null,
): Promise<Harness> {
  let now = start;
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-it-'));
  // Sync retries pause briefly here: the links below are in-process (so their http://hub.test
  // addresses cross no network; tests/security/sync-tls.test.ts turns the HTTPS rule back on).
  const config = loadConfig({
    configDir,
    env: { KIOSK_SYNC_RETRY_MS: '5', KIOSK_SYNC_ALLOW_INSECURE_HTTP: 'on', ...env },
  });
  const { db, drop } = await freshDatabase(dir, pgUrl);
  await migrateToLatest(db);
  const app = createApp({
    db,
    config,
    evidenceDir: join(dir, 'evidence'),
    now: () => now,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  const tablet = new TabletSessions(() => now.getTime(), config.settings['villager.tokenMinutes']);
  async function send(method: string, path: string, body: unknown, cookie: string | undefined, token: string | null) {
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
    if (cookie) headers.cookie = cookie;
    if (token) headers[TOKEN_HEADER] = token;
    const res = await app.request(path, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text || null,
      headers: res.headers,
    };
  }
  return {
    app,
    db,
    config,
    dir,
    tablet,
    setNow(date) {
      now = date;
    },
    async counts() {
      const out: Record<string, number> = {};
      for (const t of [
        'person',
        'consent',
        'assessment',
        'assessment_item',
        'evidence',
        'outbox',
        'appraisal',
        'appraisal_item',
        'staff',
        'proposal_list',
        'hub_decision',
        'hub_decision_subject',
        'hub_feed',
        'recognition',
        'feed_record',
        'hub_person',
        'hub_assessment',
        'hub_population',
        'hub_target_adjustment',
        'hub_unit_change',
        'hub_decline',
        'digital_attempt',
        'digital_draft',
        'hub_digital_check',
        'resource',
        'attendance',
        'learning_plan',
        'backup_log',
        'household',
        'household_member',
        'household_facts',
        'clan',
        'clan_household',
        'unit',
        'unit_staff_count',
        'unit_member',
        'hub_model_subject',
        'hub_model_assessment',
        'hub_model_appraisal',
      ] as const) {
        const r = await db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        out[t] = Number(r.n);
      }
      return out;
    },
    async json(method, path, body, cookie, options) {
      const parsed =
        typeof body === 'string'
          ? (() => {
              try {
                return JSON.parse(body);
              } catch {
                return undefined;
              }
            })()
          : body;
      const token =
        options && 'token' in options
          ? (options.token ?? null)
          : await tablet.tokenFor(method, path, parsed, async (p, t) => {
              const r = await send('GET', p, undefined, undefined, t);
              tablet.learn('GET', p, undefined, t, r.status, r.body);
              return r;
            });
      const res = await send(method, path, body, cookie, token);
      tablet.learn(method, path, parsed, token, res.status, res.body);
      return res;
    },
    async close() {
      await db.destroy();
      await drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A villager registered through the box's API (as a tablet does), with what linking her needs. */
export interface RegisteredAdult {
  id: string;
  code: string;
  birthYear: number;
}

export async function registerAdult(
  h: Harness,
  name: string,
  birthYear: number,
  village = 'Thôn Khe Ngang',
): Promise<RegisteredAdult> {
  const id = build.id();
  const person: RegisterPerson = {
    name,
    birthYear,
    village,
    consents: { assessment: true, publicList: true, statistics: true },
  };
  const res = await h.json('PUT', `/api/people/${id}`, person);
  if (res.status !== 200) throw new Error(`registering ${name} answered ${res.status} ${JSON.stringify(res.body)}`);
  return { id, code: res.body.code, birthYear };
}
