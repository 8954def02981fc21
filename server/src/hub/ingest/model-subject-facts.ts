import type {
  ClanSubjectFacts,
  CommunitySubjectFacts,
  HouseholdSubjectFacts,
  PersonFacts,
  SubjectFacts,
  UnitSubjectFacts,
} from '../../../../shared/domain/collective-titles/subject-facts.ts';
import type { ModelSubjectKind } from '../../../../shared/schemas/model-criteria-set.ts';
import { recognizedYearsOf, type HubHousehold, type HubModelState } from './model-facts.ts';

/** The facts of one subject of the four other titles, from the hub's state (model-facts.ts). */
const people = (ids: readonly string[], cdht: ReadonlyMap<string, readonly number[]>): PersonFacts[] =>
  ids.map((personId) => ({ personId, recognizedCdhtYears: cdht.get(personId) ?? [] }));

function householdFacts(state: HubModelState, h: HubHousehold, year: number): HouseholdSubjectFacts {
  const facts = h.facts.find((f) => f.year === year);
  return {
    kind: 'household',
    householdId: h.id,
    village: h.village,
    adults: people(h.memberPersonIds, state.cdht),
    schoolAgeChildren: facts?.schoolAgeChildren ?? 0,
    allChildrenInSchool: facts ? facts.allChildrenInSchool : null,
    familyYears: recognizedYearsOf(state.decided, 'household', h.id),
  };
}

/**
 * The facts of a subject for its assessment of `year`, as the hub knows them, or null when the
 * subject is not (or no longer) on record. A village is named by its name; its households and
 * adults are what the commune entered for the year.
 */
export function hubSubjectFacts(
  state: HubModelState,
  kind: ModelSubjectKind,
  id: string,
  year: number,
): SubjectFacts | null {
  const { registry } = state;
  if (kind === 'household') {
    const h = registry.households.get(id);
    return h ? householdFacts(state, h, year) : null;
  }
  if (kind === 'clan') {
    const c = registry.clans.get(id);
    if (!c) return null;
    const households = c.householdIds.flatMap((hid) => {
      const h = registry.households.get(hid);
      return h ? [householdFacts(state, h, year)] : [];
    });
    return { kind: 'clan', clanId: c.id, households } satisfies ClanSubjectFacts;
  }
  if (kind === 'unit') {
    const u = registry.units.get(id);
    if (!u) return null;
    return {
      kind: 'unit',
      unitId: u.id,
      staffCount: u.staffCounts.find((s) => s.year === year)?.count ?? null,
      members: people(u.memberPersonIds, state.cdht),
    } satisfies UnitSubjectFacts;
  }
  const entered = (k: string) =>
    state.population.find((p) => p.kind === k && p.name === id && p.year === year)?.count ?? null;
  const households = [...registry.households.values()].filter((h) => h.village === id);
  const inVillage = new Set(households.map((h) => h.id));
  const clans = [...registry.clans.values()].filter((c) => c.householdIds.some((hid) => inVillage.has(hid)));
  return {
    kind: 'community',
    village: id,
    households: entered('households'),
    adults: entered('village'),
    registeredHouseholds: households.map((h) => ({
      householdId: h.id,
      familyYears: recognizedYearsOf(state.decided, 'household', h.id),
    })),
    clans: clans.map((c) => ({ clanId: c.id, clanYears: recognizedYearsOf(state.decided, 'clan', c.id) })),
    cdhtRecognizedByYear: state.cdhtByVillage.get(id) ?? {},
  } satisfies CommunitySubjectFacts;
}
