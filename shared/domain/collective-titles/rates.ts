import type { RateFigure } from '../../schemas/dashboard.ts';
import { rateFigure } from '../rates.ts';
import { foldName } from '../units.ts';
import type { ModelRegistry, RegistryCommunity, RegistryStatus, VillageNames } from './model-registry.ts';
import type { ModelTargetMeasure } from './targets.ts';

/**
 * Rates of the four other titles per village and for the commune, for one year, against the year's
 * targets (shared/domain/collective-titles/targets.ts). Villages go through the merges and renames the officer
 * recorded (shared/domain/units.ts, unitResolver), so every year is counted under today's names.
 *
 * Denominators:
 * - families: all households of the village as the commune entered them (the registry only knows
 *   those who registered); no figure entered → no rate, as for CDHT (shared/domain/rates.ts);
 * - clans and units: for the commune, all clans and all agencies, schools, enterprises and other
 *   organisations of the commune as the commune entered them for the year (387/QĐ-TTg counts
 *   those, not only the ones registered here); no total entered → no rate. A village has no such
 *   total: its row shows the share of the clans and units registered in it;
 * - communities: the commune's villages.
 *
 * "Workers in learning families, clans and communities" (người lao động trong gia đình, dòng họ,
 * cộng đồng học tập; national target 40 % by 2025, 60 % by 2030) is read here as: every adult of a
 * recognized learning community (a village), and outside those villages every adult linked to a
 * household that is a recognized learning family or belongs to a recognized learning clan; of
 * them, the share recognized as CDHT for the year. A recognized village is counted from the
 * commune's figures (adults entered, CDHT recognized in the village), which already hold its
 * families, so nobody is counted twice; a recognized village without adults entered falls back to
 * its households and is named in `notes`. The registry does not ask who works, so all adults count.
 *
 * "Staff in learning units" (cán bộ, công chức, viên chức, người lao động trong đơn vị học tập; 60 %
 * by 2025, 80 % by 2030): the staff linked to recognized units who are CDHT, over the staff counts
 * those units entered for the year; a recognized unit without a count is left out and named in `notes`.
 */

export interface ModelCounts {
  registered: number;
  assessed: number;
  recognized: number;
}

export interface ModelRateRow {
  /** Current name of the village, or the commune's label for the total row. */
  name: string;
  /** The names its records were kept under (a merged village has several). */
  parts: string[];
  families: ModelCounts;
  clans: ModelCounts;
  communities: ModelCounts;
  units: ModelCounts;
  /** All households and adults as entered (sum of the known parts); null when none entered. */
  households: number | null;
  adults: number | null;
  rates: Record<ModelTargetMeasure, RateFigure>;
}

export type ModelRateNote =
  { kind: 'community-adults-unknown'; village: string } | { kind: 'unit-staff-unknown'; unitId: string };

export interface ModelRates {
  year: number;
  villages: ModelRateRow[];
  commune: ModelRateRow;
  notes: ModelRateNote[];
}

const byVi = (a: string, b: string) => a.localeCompare(b, 'vi');
const counts = (): ModelCounts => ({ registered: 0, assessed: 0, recognized: 0 });
const sumKnown = (values: (number | null)[]) =>
  values.reduce<number | null>((s, v) => (v === null ? s : (s ?? 0) + v), null);

function tally<T extends RegistryStatus>(subjects: readonly T[], year: number): ModelCounts {
  const c = counts();
  for (const s of subjects) {
    if (s.registeredYear > year) continue;
    c.registered++;
    if (s.assessedYears.includes(year)) c.assessed++;
    if (s.recognizedYears.includes(year)) c.recognized++;
  }
  return c;
}

/** Numerator and denominator of a rate, summed over villages or units. */
interface Fraction {
  n: number;
  d: number | null;
}
const addFraction = (a: Fraction, b: Fraction): Fraction => ({
  n: a.n + b.n,
  d: a.d === null ? b.d : b.d === null ? a.d : a.d + b.d,
});

/**
 * A village as a learning community for the year: assessed or recognized under its own name, or,
 * for a merged or renamed village, recognized when every former village was (the whole of it stood
 * recognized); assessed when any part was.
 */
function communityStatus(
  name: string,
  names: VillageNames,
  communities: readonly RegistryCommunity[],
  year: number,
): { assessed: boolean; recognized: boolean } {
  const own = communities.filter((c) => foldName(c.village) === foldName(name));
  const formers = names.former(name);
  const ofFormer = (f: string) => communities.filter((c) => foldName(c.village) === foldName(f));
  const assessed = [...own, ...formers.flatMap(ofFormer)].some((c) => c.assessedYears.includes(year));
  const recognized =
    own.some((c) => c.recognizedYears.includes(year)) ||
    (formers.length > 0 && formers.every((f) => ofFormer(f).some((c) => c.recognizedYears.includes(year))));
  return { assessed, recognized };
}

/** The four models' counts and rates per village and for the commune, for `year`. */
export function modelRates(
  registry: ModelRegistry,
  year: number,
  names: VillageNames,
  targets: Record<ModelTargetMeasure, number | null>,
  communeName = 'Toàn xã',
): ModelRates {
  const current = (v: string) => names.current(v);
  const notes: ModelRateNote[] = [];
  const households = registry.households.filter((h) => h.registeredYear <= year);
  const units = registry.units.filter((u) => u.registeredYear <= year);
  const clans = registry.clans.filter((c) => c.registeredYear <= year);
  const clanRecognized = new Set(clans.filter((c) => c.recognizedYears.includes(year)).map((c) => c.clanId));
  const clansById = new Map(clans.map((c) => [c.clanId, c]));

  /** One row per current name (folded), with the names its records were kept under. */
  const rowNames = new Map<string, { name: string; parts: Set<string> }>();
  const addName = (recorded: string) => {
    const name = current(recorded);
    const row = rowNames.get(foldName(name)) ?? { name, parts: new Set<string>() };
    row.parts.add(recorded);
    rowNames.set(foldName(name), row);
  };
  for (const v of registry.villages) addName(v);
  for (const f of registry.figures) addName(f.village);
  for (const h of households) addName(h.village);
  for (const u of units) addName(u.village);
  for (const c of registry.communities) addName(c.village);

  const inVillage = (key: string) => (recorded: string) => foldName(current(recorded)) === key;
  const rows: (ModelRateRow & { workers: Fraction; staff: Fraction })[] = [];
  for (const [key, { name, parts: recordedNames }] of rowNames) {
    const parts = [...recordedNames].sort(byVi);
    const here = inVillage(key);
    const figures = registry.figures.filter((f) => here(f.village));
    const ownHouseholds = households.filter((h) => here(h.village));
    const ownUnits = units.filter((u) => here(u.village));
    const ownClanIds = new Set(
      ownHouseholds.flatMap((h) => (h.clanId !== null && clansById.has(h.clanId) ? [h.clanId] : [])),
    );
    const isCommune = registry.villages.some((v) => foldName(current(v)) === key);
    const community = communityStatus(name, names, registry.communities, year);
    const adults = sumKnown(figures.map((f) => f.adults));
    const householdsEntered = sumKnown(figures.map((f) => f.households));

    let workers: Fraction;
    if (community.recognized && adults !== null && adults > 0) {
      workers = { n: figures.reduce((s, f) => s + f.cdhtRecognized, 0), d: adults };
    } else {
      if (community.recognized) notes.push({ kind: 'community-adults-unknown', village: name });
      const counted = ownHouseholds
        .filter((h) => h.recognizedYears.includes(year) || (h.clanId !== null && clanRecognized.has(h.clanId)))
        .flatMap((h) => h.adults);
      workers = { n: counted.filter((a) => a.recognizedCdhtYears.includes(year)).length, d: counted.length };
    }

    let staff: Fraction = { n: 0, d: null };
    for (const u of ownUnits.filter((x) => x.recognizedYears.includes(year))) {
      if (u.staffCount === null) {
        notes.push({ kind: 'unit-staff-unknown', unitId: u.unitId });
        continue;
      }
      staff = addFraction(staff, {
        n: u.members.filter((m) => m.recognizedCdhtYears.includes(year)).length,
        d: u.staffCount,
      });
    }

    const row = {
      name,
      parts,
      families: tally(ownHouseholds, year),
      clans: tally(
        [...ownClanIds].map((id) => clansById.get(id)!),
        year,
      ),
      communities: isCommune
        ? { registered: 1, assessed: Number(community.assessed), recognized: Number(community.recognized) }
        : counts(),
      units: tally(ownUnits, year),
      households: householdsEntered,
      adults,
      workers,
      staff,
    };
    rows.push({ ...row, rates: ratesOf(row, targets) });
  }
  rows.sort((a, b) => byVi(a.name, b.name));

  const sum = (pick: (r: ModelRateRow) => ModelCounts) =>
    rows.reduce((s, r) => {
      const c = pick(r);
      return {
        registered: s.registered + c.registered,
        assessed: s.assessed + c.assessed,
        recognized: s.recognized + c.recognized,
      };
    }, counts());
  const communeRow = {
    name: communeName,
    totals: { clans: registry.totals?.clans ?? null, units: registry.totals?.units ?? null },
    parts: [],
    families: sum((r) => r.families),
    // A clan spanning villages is in each village's row but once in the commune's.
    clans: tally(clans, year),
    communities: sum((r) => r.communities),
    units: sum((r) => r.units),
    households: sumKnown(rows.map((r) => r.households)),
    adults: sumKnown(rows.map((r) => r.adults)),
    workers: rows.reduce<Fraction>((s, r) => addFraction(s, r.workers), { n: 0, d: null }),
    staff: rows.reduce<Fraction>((s, r) => addFraction(s, r.staff), { n: 0, d: null }),
  };
  const strip = ({
    workers: _w,
    staff: _s,
    totals: _t,
    ...row
  }: ModelRateRow & { workers: Fraction; staff: Fraction; totals?: Totals }): ModelRateRow => row;
  return {
    year,
    villages: rows.map(strip),
    commune: strip({ ...communeRow, rates: ratesOf(communeRow, targets) }),
    notes,
  };
}

type Totals = { clans: number | null; units: number | null };

/** A village's row (no `totals`) divides clans and units by those registered; the commune's by the totals entered. */
function ratesOf(
  row: Omit<ModelRateRow, 'rates' | 'name' | 'parts'> & { workers: Fraction; staff: Fraction; totals?: Totals },
  targets: Record<ModelTargetMeasure, number | null>,
): Record<ModelTargetMeasure, RateFigure> {
  const clans = row.totals ? row.totals.clans : row.clans.registered;
  const units = row.totals ? row.totals.units : row.units.registered;
  return {
    families: rateFigure(row.families.recognized, row.households, targets.families),
    clans: rateFigure(row.clans.recognized, clans, targets.clans),
    communities: rateFigure(row.communities.recognized, row.communities.registered, targets.communities),
    units: rateFigure(row.units.recognized, units, targets.units),
    workers: rateFigure(row.workers.n, row.workers.d, targets.workers),
    unitStaff: rateFigure(row.staff.n, row.staff.d, targets.unitStaff),
  };
}
