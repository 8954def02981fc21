import { errorCode } from '../../lib/api.ts';
import { staffApi, type AuditRow } from '../api.ts';

/** Action families (the prefix before the dot) the log can be narrowed to; '' is all of them. */
export const auditActions = [
  '',
  'staff',
  'appraisal',
  'list',
  'person',
  'resource',
  'attendance',
  'backup',
  'sync',
  'hub',
];

/** The audit log screen (Audit.svelte): the filter as chosen and the rows the box gives for it. */
export class AuditState {
  action = $state('');
  from = $state('');
  to = $state('');
  rows = $state<AuditRow[]>([]);
  error = $state<string | null>(null);

  /** The rows of the filter as it is now (read before the box answers, so an effect calling this follows the filter). */
  async load(): Promise<void> {
    this.error = null;
    try {
      this.rows = await staffApi.audit({
        action: this.action || undefined,
        from: this.from || undefined,
        to: this.to || undefined,
      });
    } catch (e) {
      this.error = errorCode(e);
    }
  }
}
