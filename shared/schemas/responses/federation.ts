import * as v from 'valibot';

/** The center's link to its hub, as its staff see it. */
export const FederationStatusSchema = v.object({
  enrolled: v.boolean(),
  hubUrl: v.nullable(v.string()),
  hubName: v.nullable(v.string()),
  fingerprint: v.optional(v.nullable(v.string()), null),
  lastSuccessAt: v.nullable(v.string()),
  lastAttemptAt: v.nullable(v.string()),
  waiting: v.number(),
  lastError: v.nullable(v.object({ code: v.string(), at: v.string() })),
  lostChanges: v.optional(v.number(), 0),
  historyUnresolved: v.optional(v.boolean(), false),
});
export type FederationStatus = v.InferOutput<typeof FederationStatusSchema>;

/** A center enrolled at the hub. */
export const HubNodeSchema = v.object({
  id: v.string(),
  name: v.string(),
  status: v.string(),
  enrolledAt: v.string(),
  lastContactAt: v.nullable(v.string()),
  backlog: v.number(),
});
export type HubNode = v.InferOutput<typeof HubNodeSchema>;

/** The fingerprint of the hub's certificate (null when it serves plain HTTP). */
export const HubCertificateSchema = v.object({ fingerprint: v.nullable(v.string()) });
