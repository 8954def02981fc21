import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import * as v from 'valibot';
import { MissingSchema, PushAckSchema } from '../../../shared/sync/protocol.ts';
import { evidencePath } from '../evidence/evidence.store.ts';
import { countAfter } from '../outbox/outbox.repository.ts';
import { pageForHub } from '../outbox/outbox.service.ts';
import { request, signed } from './federation.client.ts';
import type { FederationDeps } from './federation.deps.ts';
import { writeState, type State } from '../sync/sync-state.repository.ts';
import { markEvidenceSent, unsentEvidence } from './federation.repository.ts';

/** Outbox rows read at a time while a batch is filled (a default batch holds about 600). */
const OUTBOX_PAGE = 250;
/** Changes per batch at most, whatever their size (the protocol allows 10,000). */
const BATCH_CHANGES = 2000;

/**
 * The outbox after the cursor, in batches bounded in bytes and gzip-compressed, each signed and
 * naming the center's epoch and cursor (not to a hub of an earlier version); the cursor moves only
 * to what the hub acknowledged. A refusal over the history comes back with the hub's position.
 */
export async function pushChanges(
  deps: FederationDeps,
  s: State,
  legacy: boolean,
): Promise<'done' | string | { code: 'sync.epoch-mismatch' | 'sync.position-mismatch'; lastSeq: number }> {
  let cursor = Number(s.cursor ?? 0);
  // The backlog the hub is told is counted once, not per batch (changes made during the push make
  // it a little low). Each batch is read afresh, so an erasure made meanwhile is never sent around.
  let backlog = await countAfter(deps.db, cursor);
  for (;;) {
    // Rows are read a page at a time until the batch is full: a batch reads little more than it sends.
    const changes: string[] = [];
    let bytes = 0;
    let after = cursor;
    for (let full = false; !full;) {
      // An erased person's earlier changes travel as empty shells (Redacted), so the hub's cursor still moves.
      const page = await pageForHub(deps.db, after, OUTBOX_PAGE);
      for (const r of page) {
        if (changes.length >= BATCH_CHANGES || (changes.length > 0 && bytes + r.stored > deps.batchBytes)) {
          full = true;
          break;
        }
        // The stored payload is already the message's JSON: spliced in as it is, not parsed and written again.
        changes.push(`{"seq":${r.seq},"message":${r.message}}`);
        bytes += r.stored + 20;
        after = r.seq;
      }
      if (page.length < OUTBOX_PAGE) full = true;
    }
    if (changes.length === 0) return 'done';
    backlog = Math.max(0, backlog - changes.length);
    const history = legacy ? '' : `,"epoch":"${s.epoch}","after":${cursor}`;
    const body = gzipSync(Buffer.from(`{"changes":[${changes.join(',')}],"backlog":${backlog}${history}}`));
    const ack = await request(
      deps,
      s,
      'POST',
      '/api/hub/push',
      body,
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      PushAckSchema,
    );
    if ('code' in ack) {
      const lastSeq = Number(ack.details.lastSeq);
      if (
        (ack.code === 'sync.epoch-mismatch' || ack.code === 'sync.position-mismatch') &&
        Number.isInteger(lastSeq) &&
        lastSeq >= 0
      )
        return { code: ack.code, lastSeq };
      return ack.code;
    }
    cursor = Math.max(cursor, ack.answer.ackSeq);
    await writeState(deps.db, { cursor: String(cursor), lastSuccessAt: deps.now().toISOString() });
  }
}

/** Evidence files by hash, after the records: ask which the hub lacks, send only those, remember. */
export async function sendEvidence(deps: FederationDeps, s: State): Promise<'done' | string> {
  for (;;) {
    const hashes = await unsentEvidence(deps.db, 200);
    if (hashes.length === 0) return 'done';
    const answer = await signed(
      deps,
      s,
      'POST',
      '/api/hub/evidence/missing',
      Buffer.from(JSON.stringify({ hashes })),
      { 'content-type': 'application/json' },
      MissingSchema,
    );
    if (typeof answer === 'string') return answer;
    for (const sha256 of answer.missing) {
      const sent = await signed(
        deps,
        s,
        'PUT',
        `/api/hub/evidence/${sha256}`,
        readFileSync(evidencePath(deps.evidenceDir, sha256)),
        { 'content-type': 'application/octet-stream' },
        v.object({ ok: v.literal(true) }),
      );
      if (typeof sent === 'string') return sent;
    }
    await markEvidenceSent(deps.db, hashes);
  }
}
