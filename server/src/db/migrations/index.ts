import type { Migration } from 'kysely';
import * as initial from './202611230900-initial.ts';
import * as staff from './202611231000-staff-appraisal-audit.ts';
import * as federation from './202611231100-federation.ts';
import * as evidenceSync from './202611231200-evidence-sync.ts';
import * as downwardFeed from './202611231300-downward-feed.ts';
import * as communeDashboard from './202611231400-commune-dashboard.ts';
import * as digitalCheck from './202611231500-digital-check.ts';
import * as resources from './202611231600-resources.ts';
import * as attendance from './202611241000-attendance.ts';
import * as learningPlan from './202611241100-learning-plan.ts';
import * as backupLog from './202611241200-backup-log.ts';
import * as registry from './202611251000-registry.ts';
import * as modelSubjects from './202611261000-model-subjects.ts';
import * as listTitles from './202611261130-list-titles.ts';
import * as setupCode from './202612071100-setup-code.ts';
import * as villagerTokens from './202612071200-villager-tokens.ts';
import * as hubRefusalLog from './202612071340-hub-refusal-log.ts';
import * as guardianConsent from './202612081300-guardian-consent.ts';
import * as phoneStaysAtCenter from './202612081310-phone-stays-at-center.ts';
import * as digitalDrafts from './202612081200-digital-drafts.ts';
import * as syncEpoch from './202612081400-sync-epoch.ts';
import * as centerSetup from './202612090100-center-setup.ts';
import * as historyImport from './202612090200-history-import.ts';
import * as documentKeys from './202612100700-h7-document-keys.ts';
import * as listReturns from './202612101000-h3-list-returns.ts';
import * as reportTexts from './202612101500-h6-report-texts.ts';
import * as dashboardSums from './202612110000-dashboard-sums-index.ts';

/** Every migration, by name; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '202611230900-initial': initial,
  '202611231000-staff-appraisal-audit': staff,
  '202611231100-federation': federation,
  '202611231200-evidence-sync': evidenceSync,
  '202611231300-downward-feed': downwardFeed,
  '202611231400-commune-dashboard': communeDashboard,
  '202611231500-digital-check': digitalCheck,
  '202611231600-resources': resources,
  '202611241000-attendance': attendance,
  '202611241100-learning-plan': learningPlan,
  '202611241200-backup-log': backupLog,
  '202611251000-registry': registry,
  '202611261000-model-subjects': modelSubjects,
  '202611261130-list-titles': listTitles,
  '202612071100-setup-code': setupCode,
  '202612071200-villager-tokens': villagerTokens,
  '202612071340-hub-refusal-log': hubRefusalLog,
  '202612081200-digital-drafts': digitalDrafts,
  '202612081300-guardian-consent': guardianConsent,
  '202612081310-phone-stays-at-center': phoneStaysAtCenter,
  '202612081400-sync-epoch': syncEpoch,
  '202612090100-center-setup': centerSetup,
  '202612090200-history-import': historyImport,
  '202612100700-h7-document-keys': documentKeys,
  '202612101000-h3-list-returns': listReturns,
  '202612101500-h6-report-texts': reportTexts,
  '202612110000-dashboard-sums-index': dashboardSums,
};
