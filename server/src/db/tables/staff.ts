import type { Generated, Selectable } from 'kysely';

export type StaffRole = 'admin' | 'facilitator' | 'appraiser';

export interface StaffTable {
  id: string;
  name: string;
  name_key: string;
  role: StaffRole;
  pin_hash: string;
  failed_attempts: number;
  locked_until: string | null;
  active: number;
  created_at: string;
}
export type StaffRow = Selectable<StaffTable>;

export interface StaffSessionTable {
  token_hash: string;
  staff_id: string;
  created_at: string;
  expires_at: string;
}

/** The first start's one-time setup code (one row, id 1), while no active administrator exists. */
export interface SetupCodeTable {
  id: number;
  code: string;
  created_at: string;
}

/** The setup made in the browser (one row, id 1): JSON under shared/schemas/center-setup.ts. */
export interface CenterSetupTable {
  id: number;
  data: string;
  updated_at: string;
  updated_by: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  subject_kind: string | null;
  subject_id: string | null;
  details: string;
}

/** One backup made or tried; `ok` 1 or 0, `error` the AppError code of a failed one. */
export interface BackupLogTable {
  id: Generated<number>;
  started_at: string;
  finished_at: string;
  ok: number;
  trigger: 'nightly' | 'manual' | 'cli';
  /** The backup's folder (a failed one: the folder it was to go in). */
  path: string | null;
  bytes: number;
  files: number;
  error: string | null;
}
