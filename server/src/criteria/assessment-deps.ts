import type { KioskConfig } from '../config/load.ts';
import type { CriteriaSets } from './criteria-sets.ts';
import type { Db } from '../db/database.ts';

/**
 * What the assessment services and their neighbours (plans, lists, digital, privacy) work with. Kept beside
 * the criteria sets, below every feature, so a service that assessments.service.ts imports (plans.service.ts)
 * can take it without an import cycle.
 */
export interface AssessmentDeps {
  db: Db;
  config: KioskConfig;
  criteria: CriteriaSets;
  now: () => Date;
}
