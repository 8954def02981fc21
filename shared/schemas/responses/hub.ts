import * as v from 'valibot';

/** A person proposed to the commune for the Learning Citizen title, with what became of it. */
export const ProposalSchema = v.object({
  personId: v.string(),
  nodeId: v.string(),
  center: v.string(),
  name: v.string(),
  birthYear: v.number(),
  village: v.string(),
  group: v.string(),
  selfTotal: v.number(),
  appraisedTotal: v.number(),
  proposed: v.boolean(),
  /** The village branch closed (chốt) the list of the person's village for the year: only then may the commune decide. */
  listClosed: v.boolean(),
  decision: v.nullable(v.object({ id: v.string(), number: v.string(), signedOn: v.string() })),
  streak: v.number(),
  outstanding: v.boolean(),
  declined: v.nullable(v.object({ reason: v.string(), at: v.string() })),
});
export type Proposal = v.InferOutput<typeof ProposalSchema>;

/** A recognition decision of the commune, as its list shows it. */
export const DecisionSchema = v.object({
  id: v.string(),
  title: v.optional(v.string(), 'cdht'),
  year: v.number(),
  number: v.string(),
  signedOn: v.string(),
  signer: v.string(),
  people: v.number(),
  revokedReason: v.nullable(v.string()),
});
export type Decision = v.InferOutput<typeof DecisionSchema>;

/** A population figure entered at the hub (a village's people or households, a unit's staff). */
export const PopulationRowSchema = v.object({
  kind: v.picklist(['village', 'households', 'unit', 'clans-total', 'units-total']),
  name: v.string(),
  year: v.number(),
  count: v.number(),
  enteredBy: v.string(),
  enteredAt: v.string(),
});
export type PopulationRow = v.InferOutput<typeof PopulationRowSchema>;

/** A village or center renamed or merged. */
export const UnitChangeRowSchema = v.object({
  kind: v.picklist(['village', 'center']),
  from: v.string(),
  to: v.string(),
  year: v.number(),
  by: v.string(),
  at: v.string(),
});
export type UnitChangeRow = v.InferOutput<typeof UnitChangeRowSchema>;
