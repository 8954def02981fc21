import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../../server/src/db/database.ts';
import { build } from '../../fixtures/people.ts';
import { startKiosk, type RunningKiosk } from '../../e2e/kiosk.ts';
import {
  digestOfCenter,
  digestOfHub,
  enrolThrough,
  filesIn,
  FULL,
  firstAdmin,
  json,
  seedCenter,
  signIn,
  SMALL,
  syncUntilDone,
  type Seeded,
} from './fault-chain-setup.ts';
import { FaultProxy } from './fault-proxy.ts';

/**
 * The whole chain as it runs in a commune: a center box, a commune hub and a province hub, each
 * its own process on loopback, linked through proxies that drop, duplicate, delay and cut
 * requests and answers, while the hub and the center are killed and started again. Every record
 * and photo must reach the commune exactly once, and the province exactly what it is configured
 * to receive. Bounded: each phase gives up after a fixed number of rounds.
 */

const pgUrl = inject('pgUrl');
// A large center's year on SQLite; the PostgreSQL hub runs the same chain with less (the suite's time is bounded).
const legs = [{ storage: 'sqlite', size: FULL }, ...(pgUrl ? [{ storage: 'postgres', size: SMALL }] : [])] as const;
const seeds: Seeded[] = [];
afterAll(() => {
  for (const seeded of seeds) rmSync(seeded.dir, { recursive: true, force: true });
});

describe.each(legs)(
  'center → proxy → commune hub on $storage → proxy → province, with faults and restarts',
  ({ storage, size }) => {
    const { assessments: ASSESSMENTS, photos: PHOTOS, appraised: APPRAISED } = size;
    let seeded: Seeded;
    beforeAll(async () => {
      seeded = await seedCenter(size);
      seeds.push(seeded);
    }, 300_000);

    it(`${ASSESSMENTS} assessments and ${PHOTOS} photos reach the commune exactly once; the province gets only the configured aggregate and list`, async () => {
      const started: RunningKiosk[] = [];
      const proxies: FaultProxy[] = [];
      let pgDb: string | null = null;
      try {
        // The commune hub's storage: a SQLite file, or a fresh database in the throwaway cluster.
        const communeEnv: Record<string, string> = {
          KIOSK_ROLE: 'hub',
          KIOSK_SYNC_INTERVAL_SECONDS: '3600',
          KIOSK_SYNC_RETRY_MS: '20',
        };
        if (storage === 'postgres') {
          pgDb = `chain_${build.id().replace(/-/g, '')}`;
          const admin = new pg.Client({ connectionString: pgUrl! });
          await admin.connect();
          await admin.query(`create database ${pgDb}`);
          await admin.end();
          const u = new URL(pgUrl!);
          u.pathname = `/${pgDb}`;
          communeEnv.KIOSK_DATABASE_URL = u.toString();
        }
        const province = await startKiosk({ web: false, env: { KIOSK_ROLE: 'hub', KIOSK_HUB_LEVEL: 'province' } });
        started.push(province);
        let commune = await startKiosk({ web: false, env: communeEnv });
        started.push(commune);
        const centerDir = mkdtempSync(join(tmpdir(), 'kiosk-chain-center-'));
        cpSync(seeded.dir, centerDir, { recursive: true });
        let center = await startKiosk({
          web: false,
          dataDir: centerDir,
          env: { KIOSK_SYNC_INTERVAL_SECONDS: '3600', KIOSK_SYNC_RETRY_MS: '20' },
        });
        started.push(center);

        const toCommune = new FaultProxy(() => commune.port);
        const toProvince = new FaultProxy(() => province.port);
        proxies.push(toCommune, toProvince);
        const communeLink = await toCommune.listen();
        const provinceLink = await toProvince.listen();
        const provinceAdmin = await firstAdmin(province.url);
        const communeAdmin = await firstAdmin(commune.url);
        let centerAdmin = await signIn(center.url);

        await enrolThrough(commune, communeAdmin, center, centerAdmin, communeLink, 'TTHTCĐ xã Tân Lập');
        await enrolThrough(province, provinceAdmin, commune, communeAdmin, provinceLink, 'Xã Tân Lập');

        // Up to the commune through a bad link; the hub loses power at round 3, the center at round 7.
        toCommune.faulty = true;
        const rounds = await syncUntilDone(
          () => center,
          () => centerAdmin,
          400,
          async (round) => {
            if (round === 3) {
              await commune.halt();
            }
            if (round === 5) {
              await commune.resume();
            }
            if (round === 7) {
              await center.halt();
              await center.resume();
              centerAdmin = await signIn(center.url);
            }
          },
        );
        console.log(
          `fault chain (${storage}): in sync after ${rounds} rounds; link faults ${JSON.stringify(toCommune.seen)}`,
        );
        expect(toCommune.seen['drop-request']).toBeGreaterThan(0);
        expect(toCommune.seen['drop-response']).toBeGreaterThan(0);

        const centerDb = openDatabase({ file: join(centerDir, 'kiosk.sqlite'), synchronous: 'NORMAL' });
        const communeDb = openDatabase({
          file: join(commune.dataDir, 'kiosk.sqlite'),
          url: communeEnv.KIOSK_DATABASE_URL ?? null,
          synchronous: 'NORMAL',
        });
        const closedLists = new Set(seeded.people.filter((p) => p.appraised).map((p) => p.village)).size;
        try {
          const kinds = await communeDb
            .selectFrom('hub_record')
            .select(['record_kind', (eb) => eb.fn.countAll<number>().as('n')])
            .groupBy('record_kind')
            .orderBy('record_kind')
            .execute();
          expect(kinds.map((k) => [k.record_kind, Number(k.n)])).toEqual([
            ['appraisal', APPRAISED],
            ['assessment', ASSESSMENTS],
            ['evidence', PHOTOS],
            ['person', ASSESSMENTS],
            // Each village list the branch closed (issue 24: the commune decides only from closed lists).
            ['proposal-list', closedLists],
          ]);
          // Exactly once: every revision applied once, no more (drafts with photos have two).
          const history = await communeDb
            .selectFrom('hub_record_history')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow();
          expect(Number(history.n)).toBe(ASSESSMENTS * 2 + PHOTOS * 2 + APPRAISED + closedLists);
          expect(await digestOfHub(communeDb)).toEqual(await digestOfCenter(centerDb));
          const centerFiles = filesIn(join(centerDir, 'evidence'));
          expect(centerFiles).toHaveLength(PHOTOS);
          expect(filesIn(join(commune.dataDir, 'evidence'))).toEqual(centerFiles);
          for (const f of filesIn(join(commune.dataDir, 'evidence'))) {
            const path = readdirSync(join(commune.dataDir, 'evidence'), { recursive: true })
              .map(String)
              .find((p) => p.endsWith(f))!;
            expect(
              createHash('sha256')
                .update(readFileSync(join(commune.dataDir, 'evidence', path)))
                .digest('hex'),
            ).toBe(f);
          }
        } finally {
          await centerDb.destroy();
          await communeDb.destroy();
        }

        // The commune recognizes the appraised people but one, then relays up through another bad link.
        const year = (await json(commune.url, 'GET', '/api/kiosk')).body.year as number;
        const table = (await json(commune.url, 'GET', `/api/staff/hub/proposals?year=${year}`, undefined, communeAdmin))
          .body as { personId: string; proposed: boolean }[];
        expect(table.filter((p) => p.proposed)).toHaveLength(APPRAISED);
        const chosen = seeded.people.filter((p) => p.appraised).slice(1);
        const decided = await json(
          commune.url,
          'POST',
          '/api/staff/hub/decisions',
          {
            year,
            number: '88/QĐ-UBND',
            signedOn: `${year}-12-05`,
            signer: 'Chủ tịch UBND xã',
            personIds: chosen.map((p) => p.id),
          },
          communeAdmin,
        );
        expect(decided.status).toBe(200);
        toProvince.faulty = true;
        await syncUntilDone(
          () => commune,
          () => communeAdmin,
          100,
          async (round) => {
            if (round === 2) {
              await commune.halt();
              await commune.resume();
            }
          },
        );

        const provinceDb = openDatabase({ file: join(province.dataDir, 'kiosk.sqlite'), synchronous: 'NORMAL' });
        try {
          const held = await provinceDb
            .selectFrom('hub_record')
            .select(['record_kind', 'payload'])
            .orderBy('record_kind')
            .execute();
          expect(held.map((r) => r.record_kind)).toEqual(['aggregate', 'recognized-list']);
          const aggregate = JSON.parse(held[0]!.payload);
          const expected = new Map<
            string,
            {
              village: string;
              group: string;
              started: number;
              selfAssessed: number;
              appraised: number;
              proposed: number;
              recognized: number;
            }
          >();
          const registered = new Map<string, number>();
          for (const p of seeded.people) {
            const key = `${p.village}|${p.group}`;
            const row = expected.get(key) ?? {
              village: p.village,
              group: p.group,
              started: 0,
              selfAssessed: 0,
              appraised: 0,
              proposed: 0,
              recognized: 0,
            };
            registered.set(p.village, (registered.get(p.village) ?? 0) + 1);
            row.started++;
            row.selfAssessed++;
            if (p.appraised) {
              row.appraised++;
              row.proposed++;
            }
            if (chosen.includes(p)) row.recognized++;
            expected.set(key, row);
          }
          expect(aggregate).toMatchObject({ type: 'CommuneAggregateV2', commune: 'Xã Tân Lập, Tỉnh Phú Thọ', year });
          const byKey = (rows: { village: string; group: string }[]) =>
            [...rows].sort((a, b) => `${a.village}|${a.group}`.localeCompare(`${b.village}|${b.group}`));
          const counted = aggregate.rows.map(
            ({ village, group, started, selfAssessed, appraised, proposed, recognized }: Record<string, unknown>) => ({
              village,
              group,
              started,
              selfAssessed,
              appraised,
              proposed,
              recognized,
            }),
          );
          expect(byKey(counted)).toEqual(byKey([...expected.values()]));
          expect(
            Object.fromEntries(
              aggregate.villages.map((v: { village: string; registered: number }) => [v.village, v.registered]),
            ),
          ).toEqual(Object.fromEntries(registered));
          const list = JSON.parse(held[1]!.payload);
          expect(byKey(list.entries.map((e: { name: string; village: string }) => ({ ...e, group: '' })))).toEqual(
            byKey(chosen.map((p) => ({ name: p.name, village: p.village, group: '' }))),
          );
          // Nothing person-level beyond names and villages went up.
          expect(JSON.stringify(list)).not.toContain(chosen[0]!.id);
          expect(held[1]!.payload.includes('birthYear')).toBe(false);
          const history = await provinceDb
            .selectFrom('hub_record_history')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow();
          expect(Number(history.n)).toBe(2);
        } finally {
          await provinceDb.destroy();
        }
      } finally {
        await Promise.all(proxies.map((p) => p.close()));
        await Promise.all(started.map((k) => k.stop()));
        if (pgDb) {
          const c = new pg.Client({ connectionString: pgUrl! });
          await c.connect();
          await c.query(`drop database if exists ${pgDb} with (force)`);
          await c.end();
        }
      }
    }, 600_000);
  },
);
