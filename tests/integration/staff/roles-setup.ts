import type { Role } from '../../fixtures/staff.ts';

/** A staff route, who may call it, and a request that is otherwise well-formed. */
export type StaffRoute = { name: string; allowed: Role[]; request: () => [string, string, unknown?] };

/** The person and assessment the harness holds before the routes are tried (set in roles.test.ts's beforeAll). */
export const ids = { personId: '', assessmentId: '' };
