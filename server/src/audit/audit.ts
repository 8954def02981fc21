import type { Db } from '../db/database.ts';
import { findAuditEntries, insertAuditEntry, type AuditFilter } from './audit.repository.ts';

/** Who did something: a signed-in staff member, or nobody (a villager at a tablet, a failed sign-in). */
export interface Actor {
  id: string;
  name: string;
}

/** Actions that matter, each written to the audit log with who, when and what. */
export type AuditAction =
  | 'staff.setup'
  | 'staff.sign-in'
  | 'staff.sign-in-failed'
  | 'staff.sign-out'
  | 'staff.create'
  | 'staff.deactivate'
  | 'staff.pin-reset'
  | 'appraisal.save'
  | 'appraisal.return'
  | 'appraisal.reopen'
  | 'list.lock'
  | 'list.export'
  | 'person.view'
  | 'person.export'
  | 'person.consent'
  | 'person.erase'
  | 'hub.enrolment-create'
  | 'hub.enrol'
  | 'hub.revoke'
  | 'hub.decision'
  | 'hub.decision-revoke'
  | 'sync.enrol'
  | 'sync.repin'
  | 'hub.enrol-again'
  | 'hub.node-history'
  | 'sync.history-lost'
  | 'resource.create'
  | 'resource.edit'
  | 'resource.retire'
  | 'resource.import'
  | 'attendance.mark'
  | 'registry.household-member'
  | 'registry.household-head'
  | 'registry.clan'
  | 'registry.unit'
  | 'backup.create'
  | 'backup.restore'
  | 'evidence.retention'
  | 'hub.decision-reopen'
  | 'hub.decline'
  | 'hub.population'
  | 'hub.target-adjust'
  | 'hub.unit-merge'
  | 'hub.unit-rename'
  | 'hub.report-export'
  | 'hub.history-import'
  | 'hub.history-review'
  | 'hub.history-match'
  | 'hub.decision-export'
  | 'hub.commendation-export'
  | 'hub.report-edit'
  | 'hub.certificates-print'
  | 'setup.create'
  | 'setup.change'
  | 'hub.list-return'
  | 'list.returned';

export interface AuditEntry {
  action: AuditAction;
  subjectKind?: string;
  subjectId?: string;
  details?: Record<string, unknown>;
}

export async function audit(db: Db, actor: Actor | null, entry: AuditEntry, at: string): Promise<void> {
  await insertAuditEntry(db, {
    at,
    actor_id: actor?.id ?? null,
    actor_name: actor?.name ?? null,
    action: entry.action,
    subject_kind: entry.subjectKind ?? null,
    subject_id: entry.subjectId ?? null,
    details: JSON.stringify(entry.details ?? {}),
  });
}

/** The log as the administrator reads it, newest first. */
export async function auditLog(db: Db, filter: AuditFilter) {
  const rows = await findAuditEntries(db, filter);
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor_name,
    actorId: r.actor_id,
    action: r.action,
    subjectKind: r.subject_kind,
    subjectId: r.subject_id,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}
