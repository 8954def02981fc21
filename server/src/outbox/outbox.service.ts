import { redacted } from '../../../shared/sync/messages.ts';
import type { Db } from '../db/database.ts';
import { payloadsAfter, REDACTED_PAYLOAD } from './outbox.repository.ts';

/**
 * A page of the outbox as it goes on the wire, after `afterSeq`: each change's message JSON as
 * stored (spliced into the push as it is, not parsed and written again), and a redacted change as
 * the Redacted message, an empty shell that keeps its place so the hub's cursor still moves;
 * `stored` is the stored payload's length, which a batch is measured by.
 */
export async function pageForHub(db: Db, afterSeq: number, limit: number) {
  return (await payloadsAfter(db, afterSeq, limit)).map((r) => ({
    seq: r.seq,
    stored: r.payload.length,
    message: r.payload === REDACTED_PAYLOAD || isRedacted(r.payload) ? JSON.stringify(redacted(r.seq)) : r.payload,
  }));
}

/** A payload redacted by an earlier version (any JSON with `redacted` set). */
const isRedacted = (payload: string): boolean =>
  payload.includes('"redacted"') && Boolean((JSON.parse(payload) as { redacted?: unknown }).redacted);
