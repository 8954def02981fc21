import * as v from 'valibot';
import {
  PersonUpsertV1Schema,
  AssessmentUpsertV1Schema,
  EvidenceUpsertV1Schema,
  AppraisalUpsertV1Schema,
  PersonErasedV1Schema,
  DigitalCheckV1Schema,
} from './changes/records.ts';
import {
  CommuneAggregateV1Schema,
  RecognizedListV1Schema,
  CommuneAggregateV2Schema,
  ProposalListClosedV1Schema,
  ProposalListClosedV2Schema,
  ModelAggregateV1Schema,
} from './changes/reports.ts';
import { HouseholdUpsertV1Schema, ClanUpsertV1Schema, UnitUpsertV1Schema } from './changes/registry.ts';

/**
 * Versioned change messages, written to the center's outbox in the same transaction as the change
 * and later pushed to the commune hub. A shipped V1 shape is never edited: a change ships as V2.
 * Each message is a schema; its type is inferred from it, and the hub checks every change it
 * receives against the schema of its type (ChangeMessageSchema) before it applies it. The messages'
 * schemas live by subject in ./changes/ and are all exported from here.
 */

export * from './changes/records.ts';
export * from './changes/reports.ts';
export * from './changes/registry.ts';

/** Every change message a node sends up, keyed by its type (which names its version). */
export const ChangeMessageSchema = v.variant('type', [
  PersonUpsertV1Schema,
  AssessmentUpsertV1Schema,
  EvidenceUpsertV1Schema,
  AppraisalUpsertV1Schema,
  PersonErasedV1Schema,
  CommuneAggregateV1Schema,
  RecognizedListV1Schema,
  CommuneAggregateV2Schema,
  ProposalListClosedV1Schema,
  ProposalListClosedV2Schema,
  DigitalCheckV1Schema,
  HouseholdUpsertV1Schema,
  ClanUpsertV1Schema,
  UnitUpsertV1Schema,
  ModelAggregateV1Schema,
]);
export type ChangeMessage = v.InferOutput<typeof ChangeMessageSchema>;

/**
 * What goes up in place of a change whose content was erased at the center (a person's erasure
 * redacts her waiting changes): it keeps the change's place in the outbox (`id` is its sequence
 * number) and carries nothing; every receiver, older hubs too, skips it for its `redacted` flag.
 */
export const RedactedSchema = v.object({
  type: v.literal('Redacted'),
  id: v.string(),
  revision: v.literal(0),
  redacted: v.literal(true),
});
export type Redacted = v.InferOutput<typeof RedactedSchema>;

/** The message that goes up for the redacted change at `seq`. */
export const redacted = (seq: number): Redacted => ({ type: 'Redacted', id: String(seq), revision: 0, redacted: true });

/** The record kind each message type changes. */
export const recordKindOf = {
  PersonUpsertV1: 'person',
  AssessmentUpsertV1: 'assessment',
  EvidenceUpsertV1: 'evidence',
  AppraisalUpsertV1: 'appraisal',
  PersonErasedV1: 'person',
  CommuneAggregateV1: 'aggregate',
  RecognizedListV1: 'recognized-list',
  CommuneAggregateV2: 'aggregate',
  ProposalListClosedV1: 'proposal-list',
  ProposalListClosedV2: 'proposal-list',
  DigitalCheckV1: 'digital-check',
  HouseholdUpsertV1: 'household',
  ClanUpsertV1: 'clan',
  UnitUpsertV1: 'unit',
  ModelAggregateV1: 'model-aggregate',
} as const satisfies Record<ChangeMessage['type'], string>;

/** Whether a message type is one this version knows (a newer center may send types it does not). */
export const isKnownChangeType = (type: string): type is ChangeMessage['type'] => Object.hasOwn(recordKindOf, type);
