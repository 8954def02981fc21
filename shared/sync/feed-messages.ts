import * as v from 'valibot';
import { DocumentKeySchema } from '../schemas/certificate.ts';
import { ResourceInputSchema } from '../schemas/resource.ts';

/**
 * Versioned messages of the downward feed (hub → nodes below). Like the upward messages, a shipped
 * V1 shape is never edited: a change ships as V2.
 */

/**
 * A recognition decision as it concerns one node: the people of that node it names. A later
 * revision replaces the earlier one; `revokedReason` set means the decision was withdrawn.
 */
export const RecognitionDecisionV1Schema = v.object({
  type: v.literal('RecognitionDecisionV1'),
  id: v.string(),
  revision: v.pipe(v.number(), v.integer(), v.minValue(1)),
  title: v.string(),
  year: v.pipe(v.number(), v.integer()),
  number: v.string(),
  signedOn: v.string(),
  signer: v.string(),
  personIds: v.array(v.string()),
  revokedReason: v.nullable(v.string()),
});
export type RecognitionDecisionV1 = v.InferOutput<typeof RecognitionDecisionV1Schema>;

/**
 * A recognition decision on one of the four other titles (household, clan, community, unit) as it
 * concerns one node: the subjects of that node it names. Same rules as V1 (a later revision
 * replaces the earlier; `revokedReason` set means withdrawn); CDHT decisions stay V1.
 */
const { personIds: _people, type: _v1, ...decisionEntries } = RecognitionDecisionV1Schema.entries;
export const RecognitionDecisionV2Schema = v.object({
  ...decisionEntries,
  type: v.literal('RecognitionDecisionV2'),
  subjects: v.array(v.object({ kind: v.picklist(['household', 'clan', 'community', 'unit']), id: v.string() })),
});
export type RecognitionDecisionV2 = v.InferOutput<typeof RecognitionDecisionV2Schema>;

/**
 * The commune declined one proposal (an assessment) with a reason; `withdrawn` set means the
 * commune took the refusal back (for example, it recognized the person after all).
 */
export const RecognitionDeclinedV1Schema = v.object({
  type: v.literal('RecognitionDeclinedV1'),
  id: v.string(),
  revision: v.pipe(v.number(), v.integer(), v.minValue(1)),
  personId: v.string(),
  year: v.pipe(v.number(), v.integer()),
  reason: v.string(),
  declinedOn: v.string(),
  withdrawn: v.boolean(),
});
export type RecognitionDeclinedV1 = v.InferOutput<typeof RecognitionDeclinedV1Schema>;

/**
 * A learning resource made at a hub (a commune's, or a province's passed on by its commune), for
 * every node below: the whole record at this revision. Only the place that made it changes it; a
 * node keeps the highest revision, and `retired` set means it is no longer offered.
 */
export const ResourceV1Schema = v.object({
  type: v.literal('ResourceV1'),
  id: v.string(),
  revision: v.pipe(v.number(), v.integer(), v.minValue(1)),
  origin: v.picklist(['commune', 'province']),
  retired: v.boolean(),
  resource: ResourceInputSchema,
});
export type ResourceV1 = v.InferOutput<typeof ResourceV1Schema>;

/**
 * The public half of a hub's document key (issue 25), for every node below: with it a center checks
 * the certificates its commune printed without reaching the commune. One record per key (its id
 * is the key's), made once; kept by the node among the keys it trusts.
 */
export const DocumentKeyV1Schema = v.object({
  type: v.literal('DocumentKeyV1'),
  id: DocumentKeySchema.entries.kid,
  revision: v.pipe(v.number(), v.integer(), v.minValue(1)),
  publicKey: DocumentKeySchema.entries.publicKey,
});
export type DocumentKeyV1 = v.InferOutput<typeof DocumentKeyV1Schema>;

/**
 * The commune returned one closed (chốt) proposal list of a node with a reason (issue 24): `id` is
 * the list's own id at the center and `revision` the revision of it that was closed and is now
 * returned, so the same return read twice changes nothing and a list closed again (a higher
 * revision) is not reopened by an older return. The center reopens that revision of the list.
 */
export const ProposalListReturnedV1Schema = v.object({
  type: v.literal('ProposalListReturnedV1'),
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  revision: v.pipe(v.number(), v.integer(), v.minValue(1)),
  title: v.picklist(['cdht', 'gdht', 'dhht']),
  /** Null for the center's clans' list. */
  village: v.nullable(v.pipe(v.string(), v.maxLength(200))),
  year: v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100)),
  reason: v.pipe(v.string(), v.minLength(3), v.maxLength(500)),
  returnedAt: v.pipe(v.string(), v.isoTimestamp()),
  /** The officer's name, as the center shows it. */
  by: v.pipe(v.string(), v.maxLength(200)),
});
export type ProposalListReturnedV1 = v.InferOutput<typeof ProposalListReturnedV1Schema>;

/** The feed kind of each message type; kinds a node does not know yet are kept as they came. */
export const feedKindOf = {
  RecognitionDecisionV1: 'decision',
  RecognitionDecisionV2: 'decision',
  RecognitionDeclinedV1: 'decline',
  ResourceV1: 'resource',
  DocumentKeyV1: 'document-key',
  ProposalListReturnedV1: 'list-return',
} as const;
