import { AppError } from '../../../shared/errors.ts';
import { PositionSchema } from '../../../shared/sync/protocol.ts';
import type { KioskConfig } from '../config/load.ts';
import type { CriteriaSets } from '../criteria/criteria-sets.ts';
import type { Db } from '../db/database.ts';
import { newEpoch } from '../outbox/restore-mark.ts';
import { placeOf } from '../resources/resources.feed.ts';
import { request } from './federation.client.ts';
import type { FederationDeps } from './federation.deps.ts';
import { pullFeed, pullMedia } from './federation.pull.ts';
import { pushChanges, sendEvidence } from './federation.push.ts';
import { clearState, readState, writeState, type State } from '../sync/sync-state.repository.ts';
import { federationStatus, type FederationStatus } from '../sync/sync-status.ts';
import { nodeName } from '../sync/node-name.ts';
import { settle } from './history.ts';
import { checkHubUrl } from './hub-certificate.ts';
import type { HubFetch } from '../sync/pinned-fetch.ts';
import { queueRelay } from '../hub/dashboard/relay.ts';

/** The push under way, per database: one at a time for a box (a process holding several, as tests do, keeps them apart). */
const running = new WeakMap<object, Promise<FederationStatus>>();

/**
 * Pushes the outbox to the hub in order, in batches bounded in bytes and gzip-compressed, each
 * signed; the cursor moves only to what the hub acknowledged, or to the position the hub states
 * when the two disagree (a restore of either, a lost answer: history.ts). Stops at the first
 * failure and keeps its code for the status screen. One push at a time.
 */
export function pushToHub(deps: FederationDeps): Promise<FederationStatus> {
  const underWay = running.get(deps.db);
  if (underWay) return underWay;
  const run = push(deps).finally(() => running.delete(deps.db));
  running.set(deps.db, run);
  return run;
}

async function push(deps: FederationDeps): Promise<FederationStatus> {
  const first = await readState(deps.db);
  if (!first.nodeId || !first.hubUrl || !first.privateKey) throw new AppError('sync.not-enrolled');
  // An enrolment made over plain HTTP before this was refused: nothing more goes that way.
  try {
    checkHubUrl(first.hubUrl, deps.allowInsecureHttp);
  } catch (e) {
    await fail(deps, 'sync.insecure-hub');
    throw e;
  }
  await writeState(deps.db, { lastAttemptAt: deps.now().toISOString() });
  if (deps.relay && deps.criteria)
    await queueRelay({ ...deps.relay, db: deps.db, now: deps.now, nodeId: first.nodeId, criteria: deps.criteria });
  // The center and the hub first agree where its history stands (history.ts): after enrolment, after
  // a restore of either, after a lost answer. A few agreements in one run are normal (a restored box
  // whose hub was restored too); more mean two boxes send as this one center.
  let legacy = false;
  for (let agreements = 0; ; agreements++) {
    if (agreements > MAX_AGREEMENTS) return unresolved(deps, 'agreements');
    const s = await readState(deps.db);
    if (!legacy && (!s.epoch || s.epoch !== s.hubEpoch)) {
      const agreed = await agree(deps, s);
      if (agreed === 'legacy') legacy = true;
      else if (agreed !== 'done') return agreed;
      continue;
    }
    const sent = await pushChanges(deps, s, legacy);
    if (typeof sent === 'object') {
      if (sent.code === 'sync.epoch-mismatch') await clearState(deps.db, ['hubEpoch']);
      else await settleAt(deps, sent.lastSeq, null);
      continue;
    }
    if (sent !== 'done') return fail(deps, sent);
    const files = await sendEvidence(deps, s);
    if (files !== 'done') return fail(deps, files);
    const pulled = await pullFeed(deps, s);
    if (typeof pulled === 'string') return fail(deps, pulled);
    // The hub says how far it holds this center's changes: behind the cursor, it was restored from an older backup.
    if (!legacy && pulled.pushed !== undefined && pulled.pushed !== Number((await readState(deps.db)).cursor ?? 0)) {
      await settleAt(deps, pulled.pushed, null);
      continue;
    }
    break;
  }
  const media = await pullMedia(deps, first);
  if (media !== 'done') return fail(deps, media);
  await writeState(deps.db, { lastSuccessAt: deps.now().toISOString() });
  await clearState(deps.db, ['lastError', 'historyError']);
  return federationStatus(deps.db);
}

/** Agreements of the history in one run, at most (see push). */
const MAX_AGREEMENTS = 4;

/**
 * Tells the hub the history this center sends under (its epoch, made now for a center enrolled by
 * an earlier version) and learns how far the hub holds it; then settles the cursor on it (history.ts).
 * A hub of an earlier version has no such route: the push goes as before, unless a restore waits
 * to be agreed, which such a hub cannot do. An epoch the hub has retired (this box was replaced by
 * a restored copy) cannot be resolved here.
 */
async function agree(deps: FederationDeps, s: State): Promise<'done' | 'legacy' | FederationStatus> {
  const epoch = s.epoch ?? newEpoch();
  if (!s.epoch) await writeState(deps.db, { epoch });
  const answer = await request(
    deps,
    s,
    'POST',
    '/api/hub/position',
    Buffer.from(JSON.stringify({ epoch })),
    { 'content-type': 'application/json' },
    PositionSchema,
  );
  if ('code' in answer) {
    if (answer.code === 'route.not-found')
      return s.restoredSeq === undefined ? 'legacy' : unresolved(deps, 'hub-too-old');
    if (answer.code === 'sync.epoch-retired') return unresolved(deps, 'epoch-retired');
    return fail(deps, answer.code);
  }
  await settleAt(deps, answer.answer.lastSeq, epoch);
  return 'done';
}

async function settleAt(deps: FederationDeps, hubSeq: number, agreed: string | null): Promise<void> {
  await deps.db.transaction().execute((trx) => settle(trx, hubSeq, deps.now().toISOString(), agreed));
}

/** The center cannot agree with its hub on its history: kept, with why, until an agreement or a whole run succeeds. */
async function unresolved(
  deps: FederationDeps,
  reason: 'agreements' | 'hub-too-old' | 'epoch-retired',
): Promise<FederationStatus> {
  const at = deps.now().toISOString();
  await writeState(deps.db, { historyError: JSON.stringify({ reason, at }) });
  return fail(deps, 'sync.history-unresolved');
}

async function fail(deps: FederationDeps, code: string): Promise<FederationStatus> {
  await writeState(deps.db, { lastError: JSON.stringify({ code, at: deps.now().toISOString() }) });
  return federationStatus(deps.db);
}

/** Everything a push needs, from the box's configuration: a center pushes its records, a commune hub relays. */
export function syncDeps(
  config: KioskConfig,
  criteria: CriteriaSets,
  db: Db,
  now: () => Date,
  f: HubFetch,
  evidenceDir: string,
  mediaDir: string,
): FederationDeps {
  const s = config.settings;
  return {
    db,
    now,
    evidenceDir,
    fetch: f,
    allowInsecureHttp: s['sync.allowInsecureHttp'] === 'on',
    centerName: nodeName(config),
    batchBytes: s['sync.batchBytes'],
    retryMs: s['sync.retryMs'],
    criteria,
    place: placeOf(config),
    villages: config.center.villages,
    mediaDir,
    maxMediaBytes: s['resources.maxFileBytes'],
    ...(s.role === 'hub' ? { relay: { commune: nodeName(config), send: s['relay.send'], config } } : {}),
  };
}
