import { join } from 'node:path';
import { afterEach, inject } from 'vitest';
import { deleteExpiredEvidence } from '../../server/src/evidence/evidence.retention.ts';
import { runChecks } from '../../server/src/health/checks.ts';
import type { Harness } from './harness.ts';
import { startPair, type Pair } from './evidence-pair.ts';

export let pair: Pair;
/** Closes the boxes a test opened with openPair. */
export function closePairAfterEachTest(): void {
  afterEach(async () => {
    await pair.close();
  });
}
/** Starts a center and its hub for this test (closed after it) as `pair`. */
export async function openPair(...args: Parameters<typeof startPair>): Promise<Pair> {
  pair = await startPair(...args);
  return pair;
}

export const retention = (h: Harness) =>
  deleteExpiredEvidence({
    db: h.db,
    config: h.config,
    evidenceDir: join(h.dir, 'evidence'),
    now: () => new Date(h === pair.hub ? hubNow : centerNow),
  });
export let hubNow = '';
export let centerNow = '';
/** Both boxes' clocks, and a run of the job on each. */
export async function nightOf(at: string) {
  hubNow = centerNow = at;
  await pair.setNow(new Date(at));
  return { center: await retention(pair.center), hub: await retention(pair.hub) };
}
export const runs = (h: Harness) =>
  h.db
    .selectFrom('audit_log')
    .select(['actor_id', 'subject_kind', 'details'])
    .where('action', '=', 'evidence.retention')
    .orderBy('id')
    .execute();
export const evidenceCheck = async (h: Harness, at: string) =>
  (await runChecks({ db: h.db, config: h.config, dataDir: h.dir, now: () => new Date(at) })).checks.find(
    (c) => c.id === 'evidence',
  );
export const pgUrl = inject('pgUrl');
/** The hub's storage: SQLite, and PostgreSQL on the throwaway cluster when it is installed. */
export const hubStorages = pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);
export const pass = {
  scores: ['CS01', 'CS02', 'CS03', 'CS04', 'CS05', 'CS06', 'CS07', 'CS08', 'CS09', 'CS10'].map((indicatorId) => ({
    indicatorId,
    score: 8,
  })),
};
