import * as v from 'valibot';

/** One line of the audit log. */
export const AuditRowSchema = v.object({
  id: v.number(),
  at: v.string(),
  actor: v.nullable(v.string()),
  action: v.string(),
  subjectKind: v.nullable(v.string()),
  subjectId: v.nullable(v.string()),
  details: v.record(v.string(), v.unknown()),
});
export type AuditRow = v.InferOutput<typeof AuditRowSchema>;
