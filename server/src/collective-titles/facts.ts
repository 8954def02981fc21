import { AppError } from '../../../shared/errors.ts';
import type {
  ClanSubjectFacts,
  HouseholdSubjectFacts,
  PersonFacts,
  SubjectFacts,
  UnitSubjectFacts,
} from '../../../shared/domain/collective-titles/subject-facts.ts';
import type { ModelSubjectKind } from '../../../shared/schemas/model-criteria-set.ts';
import type { Db } from '../db/database.ts';
import * as repo from './facts.repository.ts';
import { countedYearsOf, type ValidityMonths } from './recognitions.ts';

/**
 * What the box's registry knows about a household, clan or unit, as the pure computations of
 * shared/domain/models take it. Recognitions are the commune's decisions received through the
 * downward feed (the `recognition` table): a person's CDHT by the year decided; a household's
 * "Gia đình học tập" and a clan's "Dòng họ học tập" by the years they count for, which depend on
 * how long the title's set says a recognition stands (`validity`).
 */

export interface Subject {
  kind: ModelSubjectKind;
  id: string;
  /** How a facilitator recognises it: the head's name, the clan's name, the unit's name, the village. */
  label: string;
  village: string | null;
}

/** The subject an assessment names, or `registry.subject-not-found`. */
export async function findSubject(
  db: Db,
  kind: ModelSubjectKind,
  id: string,
  villages: readonly string[],
): Promise<Subject> {
  if (kind === 'household') {
    const h = await repo.findHouseholdLabel(db, id);
    if (h) return { kind, id, label: `Gia đình ông/bà ${h.name}`, village: h.village };
  } else if (kind === 'clan') {
    const c = await repo.findClanLabel(db, id);
    if (c) return { kind, id, label: c.name, village: null };
  } else if (kind === 'unit') {
    const u = await repo.findUnitLabel(db, id);
    if (u) return { kind, id, label: u.name, village: u.village };
  } else if (villages.includes(id)) {
    return { kind, id, label: id, village: id };
  }
  throw new AppError('registry.subject-not-found', { kind, id });
}

/** CDHT recognition years of each person, from the decisions this box received. */
async function cdhtYears(db: Db, personIds: readonly string[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>(personIds.map((id) => [id, []]));
  if (personIds.length === 0) return out;
  const rows = await repo.cdhtRecognitions(db, personIds);
  for (const r of rows) out.get(r.subject_id)?.push(r.year);
  return out;
}

const people = (ids: readonly string[], years: Map<string, number[]>): PersonFacts[] =>
  ids.map((personId) => ({ personId, recognizedCdhtYears: years.get(personId) ?? [] }));

async function householdFacts(
  db: Db,
  householdId: string,
  year: number,
  validity: ValidityMonths,
): Promise<HouseholdSubjectFacts> {
  const { village, memberIds: ids, facts } = await repo.householdFactsRows(db, householdId, year);
  return {
    kind: 'household',
    householdId,
    village,
    adults: people(ids, await cdhtYears(db, ids)),
    schoolAgeChildren: facts?.school_age_children ?? 0,
    allChildrenInSchool: facts
      ? facts.all_children_in_school === null
        ? null
        : facts.all_children_in_school === 1
      : null,
    familyYears: (await countedYearsOf(db, 'household', 'gdht', [householdId], validity)).get(householdId) ?? [],
  };
}

async function clanFacts(db: Db, clanId: string, year: number, validity: ValidityMonths): Promise<ClanSubjectFacts> {
  const households: HouseholdSubjectFacts[] = [];
  for (const id of await repo.clanHouseholdIds(db, clanId)) {
    households.push(await householdFacts(db, id, year, validity));
  }
  return { kind: 'clan', clanId, households };
}

async function unitFacts(db: Db, unitId: string, year: number): Promise<UnitSubjectFacts> {
  const { staffCount, memberIds: ids } = await repo.unitFactsRows(db, unitId, year);
  return { kind: 'unit', unitId, staffCount, members: people(ids, await cdhtYears(db, ids)) };
}

/**
 * A village as a learning community, as far as a center knows it: its registered households and
 * clans and its people recognized as CDHT by year. The village's population figures are the
 * commune's (entered on the hub), so they are unknown here and shares over them cannot be computed.
 */
async function communityFacts(db: Db, village: string, validity: ValidityMonths): Promise<SubjectFacts> {
  const { householdIds, clanIds, cdht } = await repo.communityRows(db, village);
  const familyYears = await countedYearsOf(db, 'household', 'gdht', householdIds, validity);
  const clanYears = await countedYearsOf(db, 'clan', 'dhht', clanIds, validity);
  return {
    kind: 'community',
    village,
    households: null,
    adults: null,
    registeredHouseholds: householdIds.map((id) => ({ householdId: id, familyYears: familyYears.get(id) ?? [] })),
    clans: clanIds.map((id) => ({ clanId: id, clanYears: clanYears.get(id) ?? [] })),
    cdhtRecognizedByYear: Object.fromEntries(cdht.map((r) => [String(r.year), Number(r.n)])),
  };
}

/** The facts of a subject for the assessment of `year`; `validity` from the titles' sets (recognitions.ts, validityOf). */
export function subjectFacts(db: Db, subject: Subject, year: number, validity: ValidityMonths): Promise<SubjectFacts> {
  switch (subject.kind) {
    case 'household':
      return householdFacts(db, subject.id, year, validity);
    case 'clan':
      return clanFacts(db, subject.id, year, validity);
    case 'unit':
      return unitFacts(db, subject.id, year);
    case 'community':
      return communityFacts(db, subject.id, validity);
  }
}
