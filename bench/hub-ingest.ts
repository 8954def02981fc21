import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshPgDatabase } from '../tests/support/postgres.ts';
import { v7 as uuidv7 } from 'uuid';
import { migrateToLatest, openDatabase, type Db } from '../server/src/db/database.ts';
import type { HubDeps } from '../server/src/hub/context/hub.context.ts';
import { applyPush } from '../server/src/hub/ingest/hub.service.ts';
import type { AssessmentUpsertV1, PersonUpsertV1 } from '../shared/sync/messages.ts';
import { activeNode, round1, round2 } from './common.ts';
import { pushBatches } from './push-batches.ts';

/**
 * A commune hub taking in its centers' records: `records` change messages (half people, half their
 * submitted assessments, in outbox order) cut into push batches exactly as a center cuts them
 * (`sync.batchBytes`, gzip), applied through the hub's own `applyPush` (checks, idempotence by
 * revision, hub_record and its history, the dashboard projection), in-process, on SQLite
 * (WAL, synchronous=FULL) and on PostgreSQL. Signature checks and HTTP are left out: the storage
 * is what is compared.
 */

export interface HubIngestFigures {
  storage: string;
  /** Records asked for, and those applied before the time budget ran out (all of them when `complete`). */
  target: number;
  records: number;
  complete: boolean;
  batches: number;
  seconds: number;
  recordsPerSecond: number;
  /** The time the whole target takes at this rate (measured when complete). */
  secondsForTarget: number;
}

export interface HubIngestOptions {
  records: number;
  /** Each storage stops taking batches after this many seconds, so the suite stays bounded. */
  budgetSeconds?: number;
}

const villages = [
  'Thôn Đồng Chằm',
  'Thôn Bãi Muống',
  'Thôn Khe Ngang',
  'Thôn Làng Mới',
  'Thôn Gò Chè',
  'Thôn Suối Mây',
];
const indicators = ['CS01', 'CS02', 'CS03', 'CS04', 'CS05', 'CS06', 'CS07', 'CS08', 'CS09', 'CS10'];

/** The push bodies for `records` messages, built once so both storages take the same bytes. */
export function pushBodies(records: number): { body: Uint8Array; records: number }[] {
  const at = '2026-11-20T03:00:00.000Z';
  const payloads: string[] = [];
  for (let i = 0; payloads.length < records; i++) {
    const personId = uuidv7();
    const person: PersonUpsertV1 = {
      type: 'PersonUpsertV1',
      id: personId,
      revision: 1,
      code: `P${String(i).padStart(7, '0')}`,
      name: `Người số ${i}`,
      birthYear: 1940 + (i % 60),
      village: villages[i % villages.length]!,
      consents: ['assessment', 'publicList', 'statistics'].map((purpose) => ({ purpose, granted: true, at })),
    };
    payloads.push(JSON.stringify(person));
    if (payloads.length >= records) break;
    const assessment: AssessmentUpsertV1 = {
      type: 'AssessmentUpsertV1',
      id: uuidv7(),
      revision: 1,
      subjectKind: 'person',
      subjectId: personId,
      title: 'cdht',
      year: 2026,
      criteriaSetId: 'cdht-2022',
      criteriaSetVersion: '2022.1',
      group: `nhom-${1 + (i % 3)}`,
      status: 'submitted',
      answers: indicators.map((indicatorId, k) => ({
        indicatorId,
        score: 1 + ((i + k) % 10),
        note: null,
        confirmed: false,
      })),
      submittedAt: at,
      assistedBy: null,
    };
    payloads.push(JSON.stringify(assessment));
  }
  return pushBatches(payloads);
}

async function measure(
  storage: string,
  db: Db,
  bodies: { body: Uint8Array; records: number }[],
  target: number,
  budgetSeconds: number,
): Promise<HubIngestFigures> {
  await migrateToLatest(db);
  const at = new Date().toISOString();
  const id = uuidv7();
  await db
    .insertInto('hub_node')
    .values(activeNode(id, 'TTHTCĐ xã Tân Lập', at))
    .execute();
  const node = await db.selectFrom('hub_node').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const deps: HubDeps = { db, now: () => new Date(), hubName: 'Xã Tân Lập', enrolmentHours: 72, clockSkewSeconds: 300 };
  const started = performance.now();
  let applied = 0;
  let sent = 0;
  let batches = 0;
  for (const b of bodies) {
    if (performance.now() - started > budgetSeconds * 1000) break;
    applied += (await applyPush(deps, node, b.body)).applied;
    sent += b.records;
    batches++;
  }
  const seconds = (performance.now() - started) / 1000;
  const held = Number(
    (
      await db
        .selectFrom('hub_record')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  if (applied !== sent || held !== sent)
    throw new Error(`${storage}: applied ${applied}, holds ${held} of ${sent} records sent`);
  const rate = sent / seconds;
  return {
    storage,
    target,
    records: sent,
    complete: sent === target,
    batches,
    seconds: round2(seconds),
    recordsPerSecond: round1(rate),
    secondsForTarget: round1(target / rate),
  };
}

export async function hubIngestBench(
  pgUrl: string | null,
  { records, budgetSeconds = Number.POSITIVE_INFINITY }: HubIngestOptions,
): Promise<HubIngestFigures[]> {
  const bodies = pushBodies(records);
  const out: HubIngestFigures[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-hub-'));
  try {
    const sqlite = openDatabase({ file: join(dir, 'hub.sqlite'), synchronous: 'FULL' });
    try {
      out.push(await measure('sqlite', sqlite, bodies, records, budgetSeconds));
    } finally {
      await sqlite.destroy();
    }
    if (pgUrl) {
      const { db, drop } = await freshPgDatabase(pgUrl, 'bench_ingest');
      try {
        out.push(await measure('postgres', db, bodies, records, budgetSeconds));
      } finally {
        await db.destroy();
        await drop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
