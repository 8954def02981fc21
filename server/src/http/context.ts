import type { Db } from '../db/database.ts';
import type { KioskConfig } from '../config/load.ts';
import type { CriteriaSets } from '../criteria/criteria-sets.ts';

/** What every route can reach; set once per app, replaced in tests by building another app. */
export interface Deps {
  db: Db;
  config: KioskConfig;
  /** The criteria sets known here: kiosk-config's, and those decided above. */
  criteria: CriteriaSets;
  /** Folder of evidence files, content-addressed by SHA-256. */
  evidenceDir: string;
  /** Folder of the catalog's videos and documents, content-addressed by SHA-256. */
  mediaDir: string;
  now: () => Date;
  /** How this server reaches its hub; a fault-injecting fetch in tests. */
  fetch?: typeof fetch;
}

/** The signed-in staff member, when a valid session cookie came with the request. */
export interface StaffIdentity {
  id: string;
  name: string;
  role: 'admin' | 'facilitator' | 'appraiser';
}

export interface AppEnv {
  Variables: { deps: Deps; staff?: StaffIdentity };
}
