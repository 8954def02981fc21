import { afterEach, beforeEach, expect, inject } from 'vitest';
import type { HubNodeRow } from '../../../server/src/db/schema.ts';
import { applyPush } from '../../../server/src/hub/ingest/hub.service.ts';
import type { ModelRateRowView, ModelRatesView } from '../../../shared/schemas/model-rates.ts';
import type { ChangeMessage } from '../../../shared/sync/messages.ts';
import { build } from '../../fixtures/people.ts';
import { staffSessions } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';
import { body, hubDeps, nodeIn } from './hub-db-setup.ts';
import {
  ADULTS,
  AT,
  HOUSEHOLDS,
  messagesOf,
  scenario,
  VILLAGES,
  villageName,
  YEAR,
  type Scenario,
} from './model-rates-scenario.ts';

/**
 * The commune hub of the four other titles' tests (model-rates*.test.ts), before each test: the
 * scenario pushed by its two centers, the commune's decisions, the households and adults entered per
 * village; its province hub above it. And what the route should say, counted from the scenario.
 */

const pgUrl = inject('pgUrl');
export const storages = pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

export let province: Harness;
export let hub: Harness;
export let admin: string;
export let s: Scenario;
export let centers: HubNodeRow[];

/** The center's next changes, numbered after those the hub already has from it. */
export async function push(h: Harness, node: HubNodeRow, changes: ChangeMessage[]): Promise<void> {
  const current = await h.db.selectFrom('hub_node').selectAll().where('id', '=', node.id).executeTakeFirstOrThrow();
  const ack = await applyPush(hubDeps(h.db), current, body(changes, current.last_seq + 1));
  expect(ack.ackSeq).toBe(current.last_seq + changes.length);
}

export interface DecisionRow {
  title: string;
  year: number;
  signedOn: string;
  number: string;
  revoked?: boolean;
  subjects: { kind: string; id: string }[];
}
export async function insertDecision(h: Harness, d: DecisionRow, node: string): Promise<void> {
  const id = build.id();
  await h.db
    .insertInto('hub_decision')
    .values({
      id,
      title: d.title,
      year: d.year,
      number: d.number,
      signed_on: d.signedOn,
      signer: 'Chủ tịch UBND xã',
      revision: d.revoked ? 2 : 1,
      revoked_reason: d.revoked ? 'Nhầm hộ' : null,
      created_at: AT,
      created_by: 'Phạm Thị Hoa',
    })
    .execute();
  await h.db
    .insertInto('hub_decision_subject')
    .values(d.subjects.map((x) => ({ decision_id: id, subject_kind: x.kind, subject_id: x.id, node_id: node })))
    .execute();
}

/** The commune's decisions as rows, and the CDHT decision naming the people recognized this year. */
export async function decide(h: Harness, s: Scenario, node: string): Promise<void> {
  const rows: DecisionRow[] = [
    ...s.decisions.map((d) => ({ ...d, subjects: [{ kind: d.kind, id: d.id }] })),
    {
      title: 'cdht',
      year: YEAR,
      signedOn: '2026-11-10',
      number: '20/QĐ-UBND',
      revoked: false,
      subjects: s.people.filter((p) => p.cdht).map((p) => ({ kind: 'person', id: p.id })),
    },
  ];
  for (const d of rows) await insertDecision(h, d, node);
}

// ---- What the route should say, counted here from the scenario itself.

export const recognizedIn = (s: Scenario, kind: string, id: string, year: number) =>
  s.decisions.some(
    (d) =>
      d.kind === kind &&
      d.id === id &&
      !d.revoked &&
      (d.year === year || (d.year < year && d.through >= `${year}-12-31`)),
  );

export interface Expected {
  families: { registered: number; assessed: number; recognized: number };
  clans: { registered: number; assessed: number; recognized: number };
  communities: { registered: number; assessed: number; recognized: number };
  units: { registered: number; assessed: number; recognized: number };
  households: number;
  adults: number;
  workers: [number, number];
  unitStaff: [number, number | null];
}

/** One village's (or several villages' together) counts and the numerators and denominators of its rates. */
export function expectedOf(s: Scenario, villages: number[]): Expected {
  const households = s.households.filter((h) => villages.includes(h.village));
  const clans = s.clans.filter((c) => c.households.some((h) => villages.includes(h.village)));
  const units = s.units.filter((u) => villages.includes(u.village));
  const communities = s.communities.filter((c) => villages.includes(c.village));
  const recognizedVillages = villages.filter((v) => recognizedIn(s, 'community', villageName(v), YEAR));
  // A merged village stands recognized only when every part does.
  const wholeRecognized = recognizedVillages.length === villages.length;
  let workers: [number, number];
  if (wholeRecognized) {
    workers = [
      s.people.filter((p) => villages.includes(p.village) && p.cdht).length,
      villages.reduce((n, v) => n + ADULTS[v]!, 0),
    ];
  } else {
    const inModels = households.filter(
      (h) =>
        recognizedIn(s, 'household', h.id, YEAR) ||
        s.clans.some((c) => c.households.includes(h) && recognizedIn(s, 'clan', c.id, YEAR)),
    );
    const adults = inModels.flatMap((h) => h.members);
    workers = [adults.filter((p) => p.cdht).length, adults.length];
  }
  const staffed = units.filter((u) => recognizedIn(s, 'unit', u.id, YEAR) && u.staff !== null);
  return {
    families: {
      registered: households.length,
      assessed: households.filter((h) => h.assessed === 'submitted').length,
      recognized: households.filter((h) => recognizedIn(s, 'household', h.id, YEAR)).length,
    },
    clans: {
      registered: clans.length,
      assessed: clans.filter((c) => c.assessed).length,
      recognized: clans.filter((c) => recognizedIn(s, 'clan', c.id, YEAR)).length,
    },
    communities: {
      registered: villages.length === 0 ? 0 : 1,
      assessed: communities.some((c) => c.assessed) ? 1 : 0,
      recognized: wholeRecognized ? 1 : 0,
    },
    units: {
      registered: units.length,
      assessed: units.filter((u) => u.assessed === 'submitted').length,
      recognized: units.filter((u) => recognizedIn(s, 'unit', u.id, YEAR)).length,
    },
    households: villages.reduce((n, v) => n + HOUSEHOLDS[v]!, 0),
    adults: villages.reduce((n, v) => n + ADULTS[v]!, 0),
    workers,
    unitStaff: [
      staffed.flatMap((u) => u.members).filter((p) => p.cdht).length,
      staffed.length === 0 ? null : staffed.reduce((n, u) => n + u.staff!, 0),
    ],
  };
}

export function expectRow(row: ModelRateRowView, e: Expected, label: string): void {
  expect(
    {
      families: row.families,
      units: row.units,
      communities: row.communities,
      households: row.households,
      adults: row.adults,
    },
    label,
  ).toEqual({
    families: e.families,
    units: e.units,
    communities: e.communities,
    households: e.households,
    adults: e.adults,
  });
  expect(row.rates.families, label).toMatchObject({ numerator: e.families.recognized, denominator: e.households });
  expect(row.rates.families.rate, label).toBeCloseTo(e.families.recognized / e.households, 9);
  expect(row.rates.workers, label).toMatchObject({ numerator: e.workers[0], denominator: e.workers[1] });
  expect(row.rates.unitStaff, label).toMatchObject({ numerator: e.unitStaff[0], denominator: e.unitStaff[1] });
}

/** A province hub, and the commune hub below it holding the scenario, before each test; both closed after. */
export function communeHubEachTest(storage: 'sqlite' | 'postgres'): void {
  beforeEach(async () => {
    province = await startHarness(undefined, { KIOSK_ROLE: 'hub', KIOSK_HUB_LEVEL: 'province' });
    hub = await startHarness(
      undefined,
      { KIOSK_ROLE: 'hub' },
      async (input, init) => {
        const url = new URL(String(input));
        return province.app.request(url.pathname + url.search, init);
      },
      storage === 'postgres' ? pgUrl : null,
    );
    admin = (await staffSessions(hub)).admin;
    s = scenario();
    centers = [await nodeIn(hub.db, 'TTHTCĐ Tân Lập'), await nodeIn(hub.db, 'TTHTCĐ Xuân Sơn')];
    for (const [i, node] of centers.entries()) await push(hub, node, messagesOf(s, i));
    await decide(hub, s, centers[0]!.id);
    await enterFigures(YEAR, HOUSEHOLDS, ADULTS);
  });
  afterEach(async () => {
    await hub.close();
    await province.close();
  });
}

/** The officer enters each village's households and adults for `year`, in the order of VILLAGES. */
export async function enterFigures(year: number, households: number[], adults: number[]): Promise<void> {
  for (const [v, name] of VILLAGES.entries()) {
    for (const [kind, count] of [
      ['households', households[v]],
      ['village', adults[v]],
    ] as const) {
      const res = await hub.json('PUT', '/api/staff/hub/population', { kind, name, year, count }, admin);
      expect(res.status).toBe(200);
    }
  }
}

export const rates = async (h = hub, cookie = admin, year = YEAR): Promise<ModelRatesView> => {
  const res = await h.json('GET', `/api/staff/hub/model-rates?year=${year}`, undefined, cookie);
  expect(res.status).toBe(200);
  return res.body as ModelRatesView;
};
export const row = (view: ModelRatesView, name: string) => {
  const found = view.places.find((r) => r.name === name);
  expect(found, name).toBeDefined();
  return found!;
};
