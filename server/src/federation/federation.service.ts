import { gzipSync } from 'node:zlib';
import * as v from 'valibot';
import { AppError, isErrorCode } from '../../../shared/errors.ts';
import { FeedPageSchema, MissingSchema, PositionSchema, PushAckSchema } from '../../../shared/sync/protocol.ts';
import { inGroups } from '../../../shared/schemas/enrolment.ts';
import { evidencePath } from '../evidence/evidence.store.ts';
import { readFileSync, rmSync } from 'node:fs';
import { mediaExtension, type ResourceFile, type ResourceInput } from '../../../shared/schemas/resource.ts';
import { hasMedia, mediaPath, storeMedia } from '../resources/resources.media.ts';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { Transaction } from 'kysely';
import { applyFeedItem } from './feed.apply.ts';
import { placeOf, type Place } from '../resources/resources.feed.ts';
import { queueRelay, type RelayDeps } from '../hub/dashboard/relay.ts';
import type { KioskConfig } from '../config/load.ts';
import type { CriteriaSets } from '../criteria/criteria-sets.ts';
import { signRequest } from './signing.ts';
import { newEpoch, settle } from './history.ts';
import { checkHubUrl, pinOfPem, tlsFor, transportError } from './hub-certificate.ts';
import type { HubFetch, HubTls } from './pinned-fetch.ts';

export interface FederationDeps {
  db: Db;
  evidenceDir: string;
  now: () => Date;
  /** The pinned transport (pinned-fetch.ts); a link with faults in tests. */
  fetch: HubFetch;
  /** `sync.allowInsecureHttp`: plain HTTP to a hub that is not on this machine. */
  allowInsecureHttp: boolean;
  centerName: string;
  batchBytes: number;
  /** First pause before a request that got no answer is tried again (it doubles each time). */
  retryMs: number;
  /** Replaced when the feed brings criteria sets decided above. */
  criteria?: CriteriaSets;
  /** A commune hub relays its aggregates upward (see relay.ts); a center has nothing to relay. */
  relay?: Omit<RelayDeps, 'db' | 'now' | 'nodeId' | 'criteria'>;
  /** Where this box stands: a commune hub passes the resources from its province on to its centers. */
  place: Place;
  /** The villages this box serves: a decision on a learning community names one of them. */
  villages: readonly string[];
  /** The catalog's videos and documents: those of resources from above are fetched from the hub. */
  mediaDir: string;
  /** Largest such file accepted (`resources.maxFileBytes`). */
  maxMediaBytes: number;
}

/**
 * `hubCa`: the PEM of the hub's CA pinned at enrolment (absent: the system's roots, or plain HTTP on this machine).
 * The center's history (issue 21, history.ts): `epoch` names the history it sends under, `hubEpoch`
 * the one the hub last agreed (they differ after enrolment and after a restore, until the next
 * push agrees them); `restoredSeq` is the highest outbox number a restored database held
 * (`restoredHeld` what a copy put back by hand held); `lostChanges` counts what the hub got from a
 * dead box and no backup held; `historyError` is set while the center cannot agree with its hub.
 * `enrolKeys`: the key pair sent with an enrolment whose answer has not come, reused until one does.
 */
type StateKey = 'hubUrl' | 'hubName' | 'hubCa' | 'nodeId' | 'privateKey' | 'publicKey' | 'cursor' | 'feedCursor' | 'lastSuccessAt' | 'lastAttemptAt' | 'lastError'
  | 'epoch' | 'hubEpoch' | 'restoredSeq' | 'restoredHeld' | 'lostChanges' | 'historyError' | 'enrolKeys';

export async function readState(db: Db): Promise<Partial<Record<StateKey, string>>> {
  const rows = await db.selectFrom('sync_state').selectAll().execute();
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

/** Sets these keys in one statement: one commit (one fsync) however many keys change. */
export async function writeState(db: Db | Transaction<Database>, values: Partial<Record<StateKey, string>>): Promise<void> {
  const rows = Object.entries(values).map(([key, value]) => ({ key, value: value! }));
  if (rows.length === 0) return;
  await db.insertInto('sync_state').values(rows).onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') }))).execute();
}

/** What the center administrator sees, in plain words on the screen. */
export interface FederationStatus {
  enrolled: boolean;
  hubUrl: string | null;
  hubName: string | null;
  /** The pinned CA's fingerprint as the commune gives it (XXXXX-…), or null. */
  fingerprint: string | null;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  /** Outbox changes not yet acknowledged by the hub. */
  waiting: number;
  lastError: { code: string; at: string } | null;
  /** Changes the hub received from this center's box before it was restored, which no backup held (issue 21). */
  lostChanges: number;
  /** The center and its hub do not agree on which changes the hub holds: nothing goes up until someone looks (lastError says why). */
  historyUnresolved: boolean;
}

/** The TLS context of a request to the hub outside a push (the health check's): its pinned CA, or the system's roots. */
export async function hubTls(db: Db): Promise<HubTls> {
  return tlsFor((await readState(db)).hubCa);
}

export async function federationStatus(db: Db): Promise<FederationStatus> {
  const s = await readState(db);
  const cursor = Number(s.cursor ?? 0);
  const waiting = Number((await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('seq', '>', cursor).executeTakeFirstOrThrow()).n);
  return {
    enrolled: Boolean(s.nodeId), hubUrl: s.hubUrl ?? null, hubName: s.hubName ?? null, fingerprint: s.hubCa ? inGroups(pinOfPem(s.hubCa)) : null,
    lastSuccessAt: s.lastSuccessAt ?? null, lastAttemptAt: s.lastAttemptAt ?? null, waiting,
    lastError: s.lastError ? (JSON.parse(s.lastError) as { code: string; at: string }) : null,
    lostChanges: Number(s.lostChanges ?? 0), historyUnresolved: s.historyError !== undefined,
  };
}

let running: Promise<FederationStatus> | null = null;

/** Outbox rows read at a time while a batch is filled (a default batch holds about 600). */
const OUTBOX_PAGE = 250;
/** Changes per batch at most, whatever their size (the protocol allows 10,000). */
const BATCH_CHANGES = 2000;

/**
 * Pushes the outbox to the hub in order, in batches bounded in bytes and gzip-compressed, each
 * signed; the cursor moves only to what the hub acknowledged, or to the position the hub states
 * when the two disagree (a restore of either, a lost answer: history.ts). Stops at the first
 * failure and keeps its code for the status screen. One push at a time.
 */
export function pushToHub(deps: FederationDeps): Promise<FederationStatus> {
  running ??= push(deps).finally(() => { running = null; });
  return running;
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
  if (deps.relay && deps.criteria) await queueRelay({ ...deps.relay, db: deps.db, now: deps.now, nodeId: first.nodeId, criteria: deps.criteria });
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
      if (sent.code === 'sync.epoch-mismatch') await deps.db.deleteFrom('sync_state').where('key', '=', 'hubEpoch').execute();
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
  await deps.db.deleteFrom('sync_state').where('key', 'in', ['lastError', 'historyError']).execute();
  return federationStatus(deps.db);
}

/** Agreements of the history in one run, at most (see push). */
const MAX_AGREEMENTS = 4;

/**
 * The outbox after the cursor, in batches bounded in bytes and gzip-compressed, each signed and
 * naming the center's epoch and cursor (not to a hub of an earlier version); the cursor moves only
 * to what the hub acknowledged. A refusal over the history comes back with the hub's position.
 */
async function pushChanges(deps: FederationDeps, s: State, legacy: boolean): Promise<'done' | string | { code: 'sync.epoch-mismatch' | 'sync.position-mismatch'; lastSeq: number }> {
  let cursor = Number(s.cursor ?? 0);
  // The backlog the hub is told is counted once, not per batch (changes made during the push make
  // it a little low). Each batch is read afresh, so an erasure made meanwhile is never sent around.
  let backlog = Number((await deps.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('seq', '>', cursor).executeTakeFirstOrThrow()).n);
  for (;;) {
    // Rows are read a page at a time until the batch is full: a batch reads little more than it sends.
    const changes: string[] = [];
    let bytes = 0;
    let after = cursor;
    for (let full = false; !full;) {
      const page = await deps.db.selectFrom('outbox').select(['seq', 'payload']).where('seq', '>', after).orderBy('seq').limit(OUTBOX_PAGE).execute();
      for (const r of page) {
        if (changes.length >= BATCH_CHANGES || (changes.length > 0 && bytes + r.payload.length > deps.batchBytes)) { full = true; break; }
        // An erased person's earlier changes travel as empty shells, so the hub's cursor still moves.
        const message = r.payload.includes('"redacted"') && (JSON.parse(r.payload) as { redacted?: unknown }).redacted
          ? JSON.stringify({ type: 'Redacted', id: String(r.seq), revision: 0, redacted: true }) : r.payload;
        // The stored payload is already the message's JSON: spliced in as it is, not parsed and written again.
        changes.push(`{"seq":${r.seq},"message":${message}}`);
        bytes += r.payload.length + 20;
        after = r.seq;
      }
      if (page.length < OUTBOX_PAGE) full = true;
    }
    if (changes.length === 0) return 'done';
    backlog = Math.max(0, backlog - changes.length);
    const history = legacy ? '' : `,"epoch":"${s.epoch}","after":${cursor}`;
    const body = gzipSync(Buffer.from(`{"changes":[${changes.join(',')}],"backlog":${backlog}${history}}`));
    const ack = await request(deps, s, 'POST', '/api/hub/push', body, { 'content-type': 'application/json', 'content-encoding': 'gzip' }, PushAckSchema);
    if ('code' in ack) {
      const lastSeq = Number(ack.details.lastSeq);
      if ((ack.code === 'sync.epoch-mismatch' || ack.code === 'sync.position-mismatch') && Number.isInteger(lastSeq) && lastSeq >= 0) return { code: ack.code, lastSeq };
      return ack.code;
    }
    cursor = Math.max(cursor, ack.answer.ackSeq);
    await writeState(deps.db, { cursor: String(cursor), lastSuccessAt: deps.now().toISOString() });
  }
}

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
  const answer = await request(deps, s, 'POST', '/api/hub/position', Buffer.from(JSON.stringify({ epoch })), { 'content-type': 'application/json' }, PositionSchema);
  if ('code' in answer) {
    if (answer.code === 'route.not-found') return s.restoredSeq === undefined ? 'legacy' : unresolved(deps, 'hub-too-old');
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
async function unresolved(deps: FederationDeps, reason: 'agreements' | 'hub-too-old' | 'epoch-retired'): Promise<FederationStatus> {
  const at = deps.now().toISOString();
  await writeState(deps.db, { historyError: JSON.stringify({ reason, at }) });
  return fail(deps, 'sync.history-unresolved');
}

type State = Partial<Record<StateKey, string>>;

/** A refusal or failure of a request to the hub: its code, and the details a refusal came with. */
type Failed = { code: string; details: Record<string, unknown> };

/**
 * One signed request to the hub; answers the parsed body, or the error code to show. A request
 * that got no usable answer (the link dropped it, or its answer) is signed afresh and tried again
 * a few times, with a growing pause, before the run stops; a refusal is never retried here.
 */
async function signed<S extends v.GenericSchema>(deps: FederationDeps, s: State, method: string, path: string, body: Uint8Array, headers: Record<string, string>, schema: S): Promise<v.InferOutput<S> | string> {
  const answer = await request(deps, s, method, path, body, headers, schema);
  return 'code' in answer ? answer.code : answer.answer;
}

/** As `signed`, keeping a refusal's details (the hub's position). */
async function request<S extends v.GenericSchema>(deps: FederationDeps, s: State, method: string, path: string, body: Uint8Array, headers: Record<string, string>, schema: S): Promise<{ answer: v.InferOutput<S> } | Failed> {
  for (let attempt = 0; ; attempt++) {
    const answer = await signedOnce(deps, s, method, path, body, headers, schema);
    if (!('code' in answer) || answer.code !== 'sync.unreachable' || attempt >= RETRIES) return answer;
    await new Promise((r) => setTimeout(r, deps.retryMs * 2 ** attempt));
  }
}

const RETRIES = 3;

async function signedOnce<S extends v.GenericSchema>(deps: FederationDeps, s: State, method: string, path: string, body: Uint8Array, headers: Record<string, string>, schema: S): Promise<{ answer: v.InferOutput<S> } | Failed> {
  const failed = (code: string, details: Record<string, unknown> = {}): Failed => ({ code, details });
  try {
    const res = await deps.fetch(`${s.hubUrl}${path}`, { method, headers: { ...headers, ...signRequest(s.nodeId!, s.privateKey!, method, path, body, deps.now()) }, body: body as RequestInit['body'] }, tlsFor(s.hubCa));
    const answer: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const { code, details } = (answer ?? {}) as { code?: unknown; details?: unknown };
      return isErrorCode(code) && res.status < 500 ? failed(code, typeof details === 'object' && details !== null ? details as Record<string, unknown> : {}) : failed('sync.unreachable');
    }
    const parsed = v.safeParse(schema, answer);
    return parsed.success ? { answer: parsed.output } : failed('sync.unreachable');
  } catch (e) {
    // A certificate that does not chain to the pinned CA is another server: not retried, nothing sent.
    return failed(transportError(e));
  }
}

/** Evidence files by hash, after the records: ask which the hub lacks, send only those, remember. */
async function sendEvidence(deps: FederationDeps, s: State): Promise<'done' | string> {
  for (;;) {
    const rows = await deps.db.selectFrom('evidence').select('sha256').distinct().where('sent_to_hub', '=', 0).limit(200).execute();
    if (rows.length === 0) return 'done';
    const hashes = rows.map((r) => r.sha256);
    const answer = await signed(deps, s, 'POST', '/api/hub/evidence/missing', Buffer.from(JSON.stringify({ hashes })), { 'content-type': 'application/json' }, MissingSchema);
    if (typeof answer === 'string') return answer;
    for (const sha256 of answer.missing) {
      const sent = await signed(deps, s, 'PUT', `/api/hub/evidence/${sha256}`, readFileSync(evidencePath(deps.evidenceDir, sha256)), { 'content-type': 'application/octet-stream' }, v.object({ ok: v.literal(true) }));
      if (typeof sent === 'string') return sent;
    }
    await deps.db.updateTable('evidence').set({ sent_to_hub: 1 }).where('sha256', 'in', hashes).execute();
  }
}

/**
 * Reads the hub's downward feed after the center's cursor, page by page; each page is applied and
 * the cursor moved in one transaction, so a page is applied once however often it is fetched.
 * Answers how far the hub says it holds this center's own changes (a hub of this version).
 */
async function pullFeed(deps: FederationDeps, s: State): Promise<{ pushed: number | undefined } | string> {
  for (;;) {
    const cursor = Number((await readState(deps.db)).feedCursor ?? 0);
    const page = await signed(deps, s, 'POST', '/api/hub/feed', Buffer.from(JSON.stringify({ after: cursor, limit: 200 })), { 'content-type': 'application/json' }, FeedPageSchema);
    if (typeof page === 'string') return page;
    const at = deps.now().toISOString();
    await deps.db.transaction().execute(async (trx) => {
      let next = cursor;
      for (const item of page.items) {
        if (item.seq <= next) continue;
        await applyFeedItem(trx, item, at, deps.place, deps.villages);
        next = item.seq;
      }
      await writeState(trx, { feedCursor: String(next) });
    });
    if (page.items.some((i) => i.kind === 'criteria-sets')) await deps.criteria?.reload(deps.db);
    if (!page.more || page.items.length === 0) return { pushed: page.pushed };
  }
}

/**
 * The videos and documents of resources from above that this box does not hold yet, fetched by hash
 * from the hub (streamed to disk, checked against the hash the record names). A file the hub lacks
 * for now (its own copy is still on the way from the province) is tried again at the next run.
 */
async function pullMedia(deps: FederationDeps, s: State): Promise<'done' | string> {
  const rows = await deps.db.selectFrom('resource').select('payload').where('origin', '!=', deps.place).where('retired', '=', 0).execute();
  const wanted = rows.map((r) => (JSON.parse(r.payload) as ResourceInput).file).filter((f): f is ResourceFile => f !== undefined && !hasMedia(deps.mediaDir, f));
  for (const file of wanted) {
    const path = `/api/hub/media/${file.sha256}.${mediaExtension[file.type]}`;
    let res: Response;
    try {
      res = await deps.fetch(`${s.hubUrl}${path}`, { method: 'POST', headers: signRequest(s.nodeId!, s.privateKey!, 'POST', path, new Uint8Array(0), deps.now()) }, tlsFor(s.hubCa));
    } catch (e) {
      return transportError(e);
    }
    if (res.status === 404) continue;
    if (!res.ok) return 'sync.unreachable';
    try {
      const stored = await storeMedia(deps.mediaDir, res.body, deps.maxMediaBytes);
      if (stored.sha256 !== file.sha256) {
        rmSync(mediaPath(deps.mediaDir, stored), { force: true });
        return 'evidence.hash-mismatch';
      }
    } catch (e) {
      if (e instanceof AppError) return e.code;
      return 'sync.unreachable';
    }
  }
  return 'done';
}

async function fail(deps: FederationDeps, code: string): Promise<FederationStatus> {
  await writeState(deps.db, { lastError: JSON.stringify({ code, at: deps.now().toISOString() }) });
  return federationStatus(deps.db);
}

/** The name a box goes by with the hub above it and the nodes below it. */
export function nodeName(config: KioskConfig): string {
  if (config.settings.role === 'center') return config.center.name;
  return config.settings['hub.level'] === 'province' ? config.center.province : `${config.center.commune}, ${config.center.province}`;
}

/** Everything a push needs, from the box's configuration: a center pushes its records, a commune hub relays. */
export function syncDeps(config: KioskConfig, criteria: CriteriaSets, db: Db, now: () => Date, f: HubFetch, evidenceDir: string, mediaDir: string): FederationDeps {
  const s = config.settings;
  return {
    db, now, evidenceDir, fetch: f, allowInsecureHttp: s['sync.allowInsecureHttp'] === 'on', centerName: nodeName(config), batchBytes: s['sync.batchBytes'], retryMs: s['sync.retryMs'], criteria, place: placeOf(config), villages: config.center.villages,
    mediaDir, maxMediaBytes: s['resources.maxFileBytes'],
    ...(s.role === 'hub' ? { relay: { commune: nodeName(config), send: s['relay.send'], config } } : {}),
  };
}
