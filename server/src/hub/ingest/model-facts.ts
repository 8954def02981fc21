import {
  countedYears,
  validThrough,
  type ModelRecognition,
} from '../../../../shared/domain/collective-titles/validity.ts';
import { vietnamYear } from '../../../../shared/domain/vietnam-time.ts';
import { titleSubject, type ModelSubjectKind, type ModelTitle } from '../../../../shared/schemas/model-criteria-set.ts';
import type { ChangeMessage, ClanUpsertV1, HouseholdUpsertV1, UnitUpsertV1 } from '../../../../shared/sync/messages.ts';
import type { ModelSets } from '../../criteria/model-sets.ts';
import type { Db } from '../../db/database.ts';
import { recordPagesOfKind, recordsOfKinds } from './hub.repository.ts';
import {
  cdhtDecisionYears,
  clearModelFacts,
  enteredPopulation,
  modelDecisionSubjects,
  anyCommunityAssessment,
  cdhtRecognizedByVillage,
  putModelRows,
  type ModelAssessmentRow as AssessmentRow,
  type ModelSubjectRow as SubjectRow,
} from './model-facts.repository.ts';
import { storedAs } from './stored.ts';

/**
 * The hub's view of the four other titles (household, clan, community, unit): which subjects the
 * centers registered (`hub_model_subject`) and which assessments they sent (`hub_model_assessment`),
 * kept in step with hub_record in the same transaction as each push, like hub_person (facts.ts);
 * and readers that turn the stored records and the commune's decisions into the facts the pure
 * rules of shared/domain/models take. Whole records (members, children's two facts, staff counts)
 * stay in hub_record: a commune holds hundreds to a few thousand of them, read when asked.
 */

export type HubHousehold = HouseholdUpsertV1 & { nodeId: string };
export type HubClan = ClanUpsertV1 & { nodeId: string };
export type HubUnit = UnitUpsertV1 & { nodeId: string };

const MODEL_KINDS: ReadonlySet<string> = new Set(['household', 'clan', 'community', 'unit']);

/** The projection row of a registry message, or null for any other message (or one that lacks the fields). */
function subjectRow(origin: string, m: ChangeMessage): SubjectRow | null {
  if (m.type === 'HouseholdUpsertV1') {
    return {
      kind: 'household',
      id: m.id,
      node_id: origin,
      village: m.village,
      label: null,
      registered_year: vietnamYear(m.registeredAt),
    };
  }
  if (m.type === 'ClanUpsertV1') {
    return {
      kind: 'clan',
      id: m.id,
      node_id: origin,
      village: null,
      label: m.name,
      registered_year: vietnamYear(m.registeredAt),
    };
  }
  if (m.type === 'UnitUpsertV1') {
    return {
      kind: 'unit',
      id: m.id,
      node_id: origin,
      village: m.village,
      label: m.name,
      registered_year: vietnamYear(m.registeredAt),
    };
  }
  return null;
}

function assessmentRow(origin: string, m: ChangeMessage): AssessmentRow | null {
  if (m.type !== 'AssessmentUpsertV1' || m.title === 'cdht' || !MODEL_KINDS.has(m.subjectKind)) return null;
  return {
    assessment_id: m.id,
    subject_kind: m.subjectKind,
    subject_id: m.subjectId,
    title: m.title,
    node_id: origin,
    year: m.year,
    submitted: m.status === 'submitted' ? 1 : 0,
  };
}

/** Brings the projection in step with a batch of changes just stored in hub_record (same transaction). */
export async function projectModelChanges(trx: Db, origin: string, messages: readonly ChangeMessage[]): Promise<void> {
  const subjects = new Map<string, SubjectRow>();
  const assessments = new Map<string, AssessmentRow>();
  for (const m of messages) {
    const s = subjectRow(origin, m);
    if (s) subjects.set(`${s.kind}\u0000${s.id}`, s);
    const a = assessmentRow(origin, m);
    if (a) assessments.set(a.assessment_id, a);
  }
  await putModelRows(trx, [...subjects.values()], [...assessments.values()]);
}

/** Builds the projection again from hub_record (facts.ts ensureFacts, when FACTS_VERSION changed). */
export async function rebuildModelFacts(trx: Db): Promise<void> {
  await clearModelFacts(trx);
  const subjects: SubjectRow[] = [];
  const assessments: AssessmentRow[] = [];
  // A page at a time: the assessments are mostly villagers' (a hub's largest kind), skipped here.
  for (const kind of ['household', 'clan', 'unit', 'assessment'])
    for await (const page of recordPagesOfKind(trx, kind))
      for (const r of page) {
        const m = storedAs(r.payload);
        if (!m) continue;
        const s = subjectRow(r.origin, m);
        if (s) subjects.push(s);
        const a = assessmentRow(r.origin, m);
        if (a) assessments.push(a);
      }
  await putModelRows(trx, subjects, assessments);
}

/** Every household, clan and unit the centers below sent, as they stand now. */
export interface HubRegistry {
  households: Map<string, HubHousehold>;
  clans: Map<string, HubClan>;
  units: Map<string, HubUnit>;
}

export async function loadHubRegistry(db: Db): Promise<HubRegistry> {
  const rows = await recordsOfKinds(db, ['household', 'clan', 'unit']);
  const out: HubRegistry = { households: new Map(), clans: new Map(), units: new Map() };
  for (const r of rows) {
    const m = storedAs(r.payload);
    if (m?.type === 'HouseholdUpsertV1') out.households.set(m.id, { ...m, nodeId: r.origin });
    else if (m?.type === 'ClanUpsertV1') out.clans.set(m.id, { ...m, nodeId: r.origin });
    else if (m?.type === 'UnitUpsertV1') out.units.set(m.id, { ...m, nodeId: r.origin });
  }
  return out;
}

/** A decision in force on one of the four titles, as it concerns one subject. */
export interface DecidedRecognition extends ModelRecognition {
  title: ModelTitle;
  decisionId: string;
  number: string;
}

const subjectKey = (kind: string, id: string) => `${kind}\u0000${id}`;

/**
 * The commune's decisions in force on the four titles, by subject (`kind` NUL `id`), each with the
 * day it stands through under its title's current set (a learning community 36 months).
 */
export async function decidedRecognitions(db: Db, sets: ModelSets): Promise<Map<string, DecidedRecognition[]>> {
  const rows = await modelDecisionSubjects(db);
  const out = new Map<string, DecidedRecognition[]>();
  for (const r of rows) {
    const title = r.title as ModelTitle;
    const months = sets.current(title).recognition.validityMonths;
    const key = subjectKey(r.subject_kind, r.subject_id);
    out.set(key, [
      ...(out.get(key) ?? []),
      {
        title,
        decisionId: r.id,
        number: r.number,
        year: Number(r.year),
        decisionDate: r.signed_on,
        validThrough: validThrough(r.signed_on, months),
      },
    ]);
  }
  return out;
}

/** The years a subject counts as recognized (shared/domain/collective-titles/validity.ts countedYears). */
export function recognizedYearsOf(
  decided: ReadonlyMap<string, readonly DecidedRecognition[]>,
  kind: ModelSubjectKind,
  id: string,
): number[] {
  return countedYears(decided.get(subjectKey(kind, id)) ?? []);
}

/** CDHT recognition years of each of these people, from the commune's decisions in force. */
export async function cdhtYears(db: Db, personIds?: readonly string[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  for (const r of await cdhtDecisionYears(db, personIds))
    out.set(r.subject_id, [...(out.get(r.subject_id) ?? []), Number(r.year)]);
  return out;
}

/** Everything the facts of any subject are computed from, read once. */
export interface HubModelState {
  registry: HubRegistry;
  decided: Map<string, DecidedRecognition[]>;
  /** CDHT recognition years of the households' and units' members (the only people the rules ask about). */
  cdht: Map<string, number[]>;
  /**
   * CDHT recognized per village and year (people's villages as their centers hold them); empty
   * while the commune has no learning community, assessed or decided (nothing reads it then).
   */
  cdhtByVillage: Map<string, Record<string, number>>;
  /** What the commune entered per village and year: households and adults. */
  population: { kind: string; name: string; year: number; count: number }[];
}

/** Beyond this many members, every CDHT recognition is read at once rather than 500 ids at a time. */
const MEMBERS_READ_BY_ID = 5_000;

export async function loadModelState(db: Db, sets: ModelSets): Promise<HubModelState> {
  const [registry, decided, entered, communityAssessed] = await Promise.all([
    loadHubRegistry(db),
    decidedRecognitions(db, sets),
    enteredPopulation(db),
    anyCommunityAssessment(db),
  ]);
  // The villages' CDHT counts matter only to learning communities (a recognized one's 677 rate,
  // a community's facts): a commune with none, assessed or decided, reads no recognition at all.
  const communities = communityAssessed || [...decided.keys()].some((k) => k.startsWith(subjectKey('community', '')));
  const byVillage = communities ? await cdhtRecognizedByVillage(db) : [];
  // Only members' years are looked up (model-subject-facts.ts, registryFor): a commune of 30,000
  // people with a few hundred households reads a few hundred rows, not every recognition.
  const members = new Set<string>();
  for (const h of registry.households.values()) for (const id of h.memberPersonIds) members.add(id);
  for (const u of registry.units.values()) for (const id of u.memberPersonIds) members.add(id);
  const cdht =
    members.size === 0
      ? new Map<string, number[]>()
      : await cdhtYears(db, members.size > MEMBERS_READ_BY_ID ? undefined : [...members]);
  const cdhtByVillage = new Map<string, Record<string, number>>();
  for (const r of byVillage) {
    const counts = cdhtByVillage.get(r.village) ?? {};
    counts[String(r.year)] = (counts[String(r.year)] ?? 0) + Number(r.n);
    cdhtByVillage.set(r.village, counts);
  }
  const population = entered.map((p) => ({
    kind: p.kind,
    name: p.name,
    year: Number(p.year),
    count: Number(p.count),
  }));
  return { registry, decided, cdht, cdhtByVillage, population };
}

/** The title each subject kind is assessed for. */
export const titleOf = Object.fromEntries(Object.entries(titleSubject).map(([title, kind]) => [kind, title])) as Record<
  ModelSubjectKind,
  ModelTitle
>;
