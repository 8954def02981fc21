/** The yearly report's data from the hub's figures: the tables-only report (report.routes.ts) and the signed reports (paper/). */
import type { Deps } from '../../http/context.ts';
import { signerLines } from '../../print/committee.ts';
import { dashboard, publicRecognitionList } from '../dashboard/dashboard.service.ts';
import { modelRatesView } from '../dashboard/model-rates.service.ts';
import type { YearReport } from './report.words.ts';

/** The year's figures as the report prints them; `models` adds the four other titles (section VII). */
export async function yearReportOf(deps: Deps, year: number, models: boolean): Promise<YearReport> {
  const { config, now } = deps;
  const view = await modelRatesView(deps, year);
  return {
    dashboard: await dashboard(deps, year, view),
    commune: config.settings['hub.level'] === 'province' ? config.center.province : config.center.commune,
    province: config.center.province,
    generatedAt: now().toISOString(),
    recognized: await publicRecognitionList(deps, year),
    signer: signerLines(config.settings),
    places: config.center.places,
    ...(models ? { models: view } : {}),
  };
}
