import { gunzipBounded, PUSH_INFLATED_BYTES } from '../../http/body-limit.ts';
import * as v from 'valibot';
import { AppError, type ErrorCode } from '../../../../shared/errors.ts';
import { ChangeMessageSchema, isKnownChangeType, recordKindOf } from '../../../../shared/sync/messages.ts';
import { PushBatchSchema, syncHeaders, type PushAck } from '../../../../shared/sync/protocol.ts';
import { audit } from '../../audit/audit.ts';
import type { HubNodeRow } from '../../db/schema.ts';
import { canonical, publicKeyFrom, verifySignature } from '../../sync/signing.ts';
import * as repo from './hub.repository.ts';
import * as refusals from './refusal-log.repository.ts';
import { applyChanges, erase, type Checked } from './push-apply.ts';
import { refusalLog } from './refusal-log.ts';
import type { HubDeps } from '../context/hub.context.ts';

/**
 * The history a node sends under from now on (signed `POST /api/hub/position`: a center restored
 * from a backup, or any center's first push of this version): the hub adopts the epoch, retiring the
 * one before, and answers how far it holds that node's changes; the node re-stamps what it made
 * after that position and sends on from there. The same epoch again (a lost answer) changes nothing.
 * An epoch already replaced is refused (sync.epoch-retired), logged, and changes nothing: the box
 * that comes back after its restored copy took over must not take the history back.
 */
export async function adoptEpoch(
  deps: HubDeps,
  node: HubNodeRow,
  epoch: string,
  address: string | null = null,
): Promise<{ lastSeq: number }> {
  const now = deps.now();
  const at = now.toISOString();
  const answer = await deps.db.transaction().execute(async (trx) => {
    const current = (await repo.findNode(trx, node.id))!;
    const retired = JSON.parse(current.retired_epochs) as string[];
    if (retired.includes(epoch)) return null;
    if (current.epoch !== epoch) {
      await repo.setEpoch(
        trx,
        node.id,
        epoch,
        current.epoch ? [...retired, current.epoch].slice(-RETIRED_KEPT) : retired,
        at,
      );
      await audit(
        trx,
        null,
        {
          action: 'hub.node-history',
          subjectKind: 'hub-node',
          subjectId: node.id,
          details: { lastSeq: current.last_seq, replaced: current.epoch !== null },
        },
        at,
      );
    }
    return { lastSeq: current.last_seq };
  });
  if (answer) return answer;
  await refusalLog(deps.db).record(
    { nodeId: node.id, known: true, address, code: 'sync.epoch-retired', path: '/api/hub/position' },
    now,
  );
  throw new AppError('sync.epoch-retired');
}

/** The latest refused requests and changes; the counts of a flood still held in memory are written first. */
export async function latestRefusals(deps: HubDeps) {
  await refusalLog(deps.db).settle();
  return refusals.latestRefusals(deps.db, 200);
}

/** Replaced epochs kept per node: a box comes back after one restore or a few, not fifty. */
const RETIRED_KEPT = 50;

/**
 * Checks a signed request: a known, active sender; a timestamp inside the skew window; a valid
 * signature over method, path, time, nonce and body digest; a nonce not seen before. Every refusal
 * is logged (with a cap, refusal-log.ts, so a flood costs bounded rows), and none changes any record.
 */
export async function verifySigned(
  deps: HubDeps,
  method: string,
  path: string,
  headers: (name: string) => string | undefined,
  body: Uint8Array,
  address: string | null = null,
): Promise<HubNodeRow> {
  const nodeId = headers(syncHeaders.node) ?? '';
  const now = deps.now();
  let known = false;
  const refuse = async (code: ErrorCode, details?: Record<string, unknown>): Promise<never> => {
    await refusalLog(deps.db).record({ nodeId: nodeId || null, known, address, code, path }, now);
    throw new AppError(code, details);
  };
  const node = /^[0-9a-f-]{36}$/.test(nodeId) ? await repo.findNode(deps.db, nodeId) : undefined;
  known = node !== undefined;
  if (!node) return refuse('sync.node-unknown');
  if (node.status !== 'active') return refuse('sync.node-revoked');
  const time = headers(syncHeaders.time) ?? '';
  const nonce = headers(syncHeaders.nonce) ?? '';
  const signature = headers(syncHeaders.signature) ?? '';
  if (!/^\d{10,16}$/.test(time) || Math.abs(now.getTime() - Number(time)) > deps.clockSkewSeconds * 1000) {
    return refuse('sync.request-stale', { skewSeconds: deps.clockSkewSeconds });
  }
  const key = publicKeyFrom(node.public_key);
  if (
    !key ||
    !/^[A-Za-z0-9_-]{16,64}$/.test(nonce) ||
    !verifySignature(key, signature, canonical(method, path, time, nonce, body))
  ) {
    return refuse('sync.signature-invalid');
  }
  // Only a genuine request spends its nonce; old nonces leave once outside any window. One
  // transaction: one commit per request.
  const forgetBefore = new Date(now.getTime() - 2 * deps.clockSkewSeconds * 1000).toISOString();
  const fresh = await deps.db
    .transaction()
    .execute((trx) => repo.spendNonce(trx, node.id, nonce, now.toISOString(), forgetBefore));
  if (!fresh) return refuse('sync.request-replayed');
  return node;
}

/**
 * Applies a batch in one transaction, idempotently by (record id, revision): an older or equal
 * revision is a no-op, a newer one replaces the current one and joins the history. A record can be
 * changed only by the node it came from, and a change may name (a person, household, assessment)
 * only records of that node: any other is refused, logged as sync.owner-mismatch and skipped
 * while the rest applies, so the cursor still moves (ownership never changes, so a retry would be
 * refused for ever and block every later change). A change of a type this hub knows is checked
 * against that type's schema (shared/sync/messages.ts): one that does not match is refused the same
 * way, logged as sync.change-invalid, and changes nothing; a type it does not know (a newer center's)
 * and a redacted change are skipped. Answers the sequence number the sender may advance to.
 * The work is done for runs of changes at once (one look-up, multi-row writes, one projection
 * update), cut only at an erasure, which must see everything before it applied. A push that names
 * its history and starting position (a center of this version) is refused, changing nothing, unless
 * both are the hub's: sync.epoch-mismatch or sync.position-mismatch, with the hub's `lastSeq`.
 */
export async function applyPush(
  deps: HubDeps,
  node: HubNodeRow,
  gzippedBody: Uint8Array,
  maxInflatedBytes = PUSH_INFLATED_BYTES,
): Promise<PushAck> {
  let parsed: unknown;
  try {
    // Bounded: a gzip bomb is refused (413) once it inflates past the limit, not after.
    parsed = JSON.parse(gunzipBounded(gzippedBody, maxInflatedBytes).toString('utf8'));
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('request.invalid', { reason: 'body must be gzip-compressed JSON' });
  }
  const batch = v.safeParse(PushBatchSchema, parsed);
  if (!batch.success) throw new AppError('request.invalid', { reason: batch.issues[0].message });
  const { epoch, after } = batch.output;
  if ((epoch === undefined) !== (after === undefined))
    throw new AppError('request.invalid', { reason: 'epoch and after go together' });
  const at = deps.now().toISOString();
  let applied = 0;
  let unchanged = 0;
  /** Changes naming another node's record, as 'kind/id': skipped (the cursor moves on) and logged with the push. */
  const refused: string[] = [];
  /** Changes of a known type that do not match its schema, as 'kind/id': skipped and logged likewise. */
  const invalid: string[] = [];
  const result = await deps.db.transaction().execute(async (trx) => {
    const current = (await repo.findNode(trx, node.id))!;
    // A center of this version says which history it sends and from where: a restored box (or hub)
    // would otherwise have changes skipped as already received. Refused before anything is written.
    if (epoch !== undefined && current.epoch !== epoch)
      throw new AppError('sync.epoch-mismatch', { lastSeq: current.last_seq });
    if (after !== undefined && after !== current.last_seq)
      throw new AppError('sync.position-mismatch', { lastSeq: current.last_seq });
    let lastSeq = current.last_seq;
    let run: Checked[] = [];
    const carried: { type: string; id: string }[] = [];
    const applyRun = async () => {
      const done = await applyChanges(trx, node.id, run, at, refused);
      applied += done;
      unchanged += run.length - done;
      run = [];
    };
    for (const { seq, message } of [...batch.output.changes].sort((a, b) => a.seq - b.seq)) {
      if (seq <= lastSeq) {
        unchanged++;
        continue;
      }
      lastSeq = seq;
      if (message.redacted || !isKnownChangeType(message.type)) {
        unchanged++;
        continue;
      }
      const checked = v.safeParse(ChangeMessageSchema, message);
      if (!checked.success) {
        invalid.push(`${recordKindOf[message.type]}/${message.id}`);
        unchanged++;
        continue;
      }
      const m = checked.output;
      if (m.type === 'PersonErasedV1') {
        await applyRun();
        const foreign = await erase(trx, node.id, m.id);
        if (foreign) {
          refused.push(foreign);
          unchanged++;
        } else applied++;
        continue;
      }
      // Stored as sent (the projection reads the checked message).
      run.push({ m, payload: JSON.stringify(message) });
      carried.push(m);
    }
    await applyRun();
    if (deps.onArrival && carried.length > 0) await deps.onArrival(trx, carried, at);
    await refusals.recordRefusedChanges(trx, node.id, 'sync.owner-mismatch', refused, at);
    await refusals.recordRefusedChanges(trx, node.id, 'sync.change-invalid', invalid, at);
    await repo.advanceNode(trx, node.id, lastSeq, at, batch.output.backlog);
    return { ackSeq: lastSeq, applied, unchanged };
  });
  return result;
}
