import * as v from 'valibot';
import { DocumentKeySchema } from '../schemas/certificate.ts';
import { OneLineText } from '../schemas/text.ts';

/** Headers of a signed sync request. */
export const syncHeaders = {
  node: 'x-kiosk-node',
  time: 'x-kiosk-time',
  nonce: 'x-kiosk-nonce',
  signature: 'x-kiosk-signature',
} as const;

/** A center (or commune) asks to join its hub with a one-time code and its public key. */
export const EnrolRequestSchema = v.strictObject({
  code: v.pipe(v.string(), v.trim(), v.minLength(6), v.maxLength(64)),
  /** Ed25519 public key, SPKI DER, base64. */
  publicKey: v.pipe(v.string(), v.minLength(40), v.maxLength(200)),
  name: OneLineText(1, 200),
});
export type EnrolRequest = v.InferOutput<typeof EnrolRequestSchema>;

/** The hub's answer; a hub of this version adds the public half of its document key (certificates, issue 25). */
export const EnrolResponseSchema = v.object({
  nodeId: v.string(),
  hubName: v.string(),
  documentKey: v.optional(DocumentKeySchema),
});

/** One outbox change on the wire: its position in the sender's outbox and the versioned message. */
export const WireChangeSchema = v.object({
  seq: v.pipe(v.number(), v.integer(), v.minValue(1)),
  message: v.looseObject({ type: v.string(), id: v.string(), revision: v.pipe(v.number(), v.integer()) }),
});

/** A node's history (issue 21): made at enrolment and anew by a restore; 32 hex digits. */
export const EpochSchema = v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/));

/**
 * A push: changes in outbox order, and how many more wait behind them. A center of this version
 * also says its history (`epoch`) and the position it believes the hub holds (`after`, its cursor):
 * the hub refuses the push when either differs (sync.epoch-mismatch, sync.position-mismatch, each
 * with its `lastSeq`), so a restored box never has its new changes skipped as already received. A
 * center of an earlier version sends neither and is served as before.
 */
export const PushBatchSchema = v.strictObject({
  changes: v.pipe(v.array(WireChangeSchema), v.maxLength(10_000)),
  backlog: v.pipe(v.number(), v.integer(), v.minValue(0)),
  epoch: v.optional(EpochSchema),
  after: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});
export type PushBatch = v.InferOutput<typeof PushBatchSchema>;

/**
 * A node tells its hub the history it now sends under (signed `POST /api/hub/position`); the hub
 * adopts it (retiring the one before) and answers how far it holds that node's changes.
 */
export const PositionRequestSchema = v.strictObject({ epoch: EpochSchema });
export const PositionSchema = v.object({ lastSeq: v.pipe(v.number(), v.integer(), v.minValue(0)) });

/** The center lists evidence hashes; the hub answers those it lacks. */
export const HashListSchema = v.strictObject({
  hashes: v.pipe(v.array(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/))), v.maxLength(1000)),
});
export const MissingSchema = v.object({ missing: v.array(v.string()) });

/** The hub's acknowledgement: the sender may advance its cursor to `ackSeq`. */
export const PushAckSchema = v.object({ ackSeq: v.number(), applied: v.number(), unchanged: v.number() });
export type PushAck = v.InferOutput<typeof PushAckSchema>;

/** A node below asks its hub for the downward feed after its cursor. */
export const FeedRequestSchema = v.strictObject({
  after: v.pipe(v.number(), v.integer(), v.minValue(0)),
  limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)),
});
export type FeedRequest = v.InferOutput<typeof FeedRequestSchema>;

/** One change in the downward feed: its place in the hub's feed, and the versioned message. */
export const FeedItemSchema = v.object({
  seq: v.pipe(v.number(), v.integer(), v.minValue(1)),
  kind: v.string(),
  message: v.looseObject({
    type: v.string(),
    id: v.string(),
    revision: v.pipe(v.number(), v.integer(), v.minValue(1)),
  }),
});
/**
 * A page of the feed; `pushed` (a hub of this version) is how far the hub holds the asking node's own
 * changes, so a center learns at every run that its hub was restored behind it, even with nothing to send.
 */
export const FeedPageSchema = v.object({
  items: v.array(FeedItemSchema),
  more: v.boolean(),
  pushed: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});
export type FeedPage = v.InferOutput<typeof FeedPageSchema>;
