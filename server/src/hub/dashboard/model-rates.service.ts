/**
 * The four other titles on the hub's dashboard and yearly report: the registry the centers sent
 * (model-facts.ts), the commune's decisions and the figures the officer entered, turned into the
 * shape shared/domain/collective-titles/rates.ts takes, and the rates against the year's model targets; the
 * recognitions standing in the year with the day each ends; the scope's figures for every year from
 * the first with anything of the four titles to the year asked, each computed as that year's own
 * view; and, for the relay, the same counts as a ModelAggregateV1 per year (numbers only). A
 * province hub reads the communes' aggregates instead, year by year.
 */
import { vietnamDate, vietnamYear } from '../../../../shared/domain/vietnam-time.ts';
import type { ModelRatesView } from '../../../../shared/schemas/model-rates.ts';
import type { ModelAggregateV1 } from '../../../../shared/sync/messages.ts';
import { anyModelRecord } from './dashboard.repository.ts';
import {
  communeRatesOf,
  expiringOf,
  firstModelYear,
  loadCommune,
  modelYears,
  trendYears,
  validityFor,
  viewRow,
  type ModelRatesDeps,
} from './model-rates.commune.ts';
import { provinceView } from './model-rates.province.ts';

async function communeView(deps: ModelRatesDeps, year: number): Promise<ModelRatesView> {
  const data = await loadCommune(deps);
  const { rates, targets } = communeRatesOf(deps, data, year);
  const validity = validityFor(data, year, vietnamDate(deps.now()));
  const total = viewRow(rates.commune, []);
  // Every earlier year as its own view computes it: the same rules, that year's figures and targets.
  const trend = trendYears(firstModelYear(data), year).map((y) => ({
    year: y,
    row: y === year ? total : viewRow(communeRatesOf(deps, data, y).rates.commune, []),
  }));
  return {
    level: 'commune',
    scope: deps.config.center.commune,
    year,
    targets,
    places: rates.villages.map((r) => viewRow(r, data.names.former(r.name))),
    total,
    notes: rates.notes.map((n) =>
      n.kind === 'community-adults-unknown'
        ? { kind: n.kind, name: n.village }
        : { kind: n.kind, name: data.state.registry.units.get(n.unitId)?.name ?? n.unitId },
    ),
    validity,
    expiring: expiringOf(validity),
    trend,
  };
}

type AggregateContent = Omit<ModelAggregateV1, 'type' | 'id' | 'revision' | 'commune'>;
/**
 * A commune's ModelAggregateV1 content for every year it has anything of the four titles: counts,
 * figures entered and the two CDHT rates' numerators and denominators per village, its clans once,
 * and how many recognitions end in the year per title. Numbers and village names only.
 */
export async function modelAggregateContent(deps: ModelRatesDeps): Promise<AggregateContent[]> {
  // Before every push: a commune with nothing of the four titles reads no further.
  if (!(await anyModelRecord(deps.db))) return [];
  const data = await loadCommune(deps);
  const out: AggregateContent[] = [];
  for (const year of modelYears(data, vietnamYear(deps.now().toISOString()))) {
    const { rates } = communeRatesOf(deps, data, year);
    // Whether a recognition has ended by today is left out: the content must not change with the date.
    const validity = validityFor(data, year, '0000-00-00');
    out.push({
      year,
      villages: rates.villages.map((r) => ({
        village: r.name,
        families: r.families,
        clans: r.clans,
        communities: r.communities,
        units: r.units,
        households: r.households,
        adults: r.adults,
        workers: { recognized: r.rates.workers.numerator, of: r.rates.workers.denominator },
        unitStaff: { recognized: r.rates.unitStaff.numerator, of: r.rates.unitStaff.denominator },
      })),
      communeClans: rates.commune.clans,
      totals: { clans: rates.commune.rates.clans.denominator, units: rates.commune.rates.units.denominator },
      expiring: expiringOf(validity),
    });
  }
  return out;
}

/** The four titles' counts, rates and recognitions to renew for `year`: over villages on a commune hub, over communes on a province hub. */
export function modelRatesView(deps: ModelRatesDeps, year: number): Promise<ModelRatesView> {
  return deps.config.settings['hub.level'] === 'province' ? provinceView(deps, year) : communeView(deps, year);
}
