import * as v from 'valibot';

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
  name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
});
export type EnrolRequest = v.InferOutput<typeof EnrolRequestSchema>;

export const EnrolResponseSchema = v.object({ nodeId: v.string(), hubName: v.string() });

/** One outbox change on the wire: its position in the sender's outbox and the versioned message. */
export const WireChangeSchema = v.object({
  seq: v.pipe(v.number(), v.integer(), v.minValue(1)),
  message: v.looseObject({ type: v.string(), id: v.string(), revision: v.pipe(v.number(), v.integer()) }),
});

/** A push: changes in outbox order, and how many more wait behind them. */
export const PushBatchSchema = v.strictObject({
  changes: v.pipe(v.array(WireChangeSchema), v.maxLength(10_000)),
  backlog: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type PushBatch = v.InferOutput<typeof PushBatchSchema>;

/** The center lists evidence hashes; the hub answers those it lacks. */
export const HashListSchema = v.strictObject({ hashes: v.pipe(v.array(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/))), v.maxLength(1000)) });
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
  message: v.looseObject({ type: v.string(), id: v.string(), revision: v.pipe(v.number(), v.integer(), v.minValue(1)) }),
});
export const FeedPageSchema = v.object({ items: v.array(FeedItemSchema), more: v.boolean() });
export type FeedPage = v.InferOutput<typeof FeedPageSchema>;
