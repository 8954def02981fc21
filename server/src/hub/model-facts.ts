import * as v from 'valibot';
import type { ClanSubjectFacts, CommunitySubjectFacts, HouseholdSubjectFacts, PersonFacts, SubjectFacts, UnitSubjectFacts } from '../../../shared/domain/models/computations.ts';
import { countedYears, validThrough, type ModelRecognition } from '../../../shared/domain/models/validity.ts';
import { vietnamYear } from '../../../shared/domain/vietnam-time.ts';
import { titleSubject, type ModelSubjectKind, type ModelTitle } from '../../../shared/schemas/model-criteria-set.ts';
import type { ChangeMessage } from '../../../shared/sync/messages.ts';
import type { ModelSets } from '../criteria/model-sets.ts';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/database.ts';

/**
 * The hub's view of the four other titles (household, clan, community, unit): which subjects the
 * centers registered (`hub_model_subject`) and which assessments they sent (`hub_model_assessment`),
 * kept in step with hub_record in the same transaction as each push, like hub_person (facts.ts);
 * and readers that turn the stored records and the commune's decisions into the facts the pure
 * rules of shared/domain/models take. Whole records (members, children's two facts, staff counts)
 * stay in hub_record: a commune holds hundreds to a few thousand of them, read when asked.
 */

const Year = v.pipe(v.number(), v.integer());
const HouseholdShape = v.looseObject({
  id: v.string(), village: v.string(), headPersonId: v.string(), memberPersonIds: v.array(v.string()), registeredAt: v.string(),
  facts: v.array(v.looseObject({ year: Year, schoolAgeChildren: v.pipe(v.number(), v.integer(), v.minValue(0)), allChildrenInSchool: v.nullable(v.boolean()) })),
});
const ClanShape = v.looseObject({ id: v.string(), name: v.string(), representative: v.string(), householdIds: v.array(v.string()), registeredAt: v.string() });
const UnitShape = v.looseObject({
  id: v.string(), name: v.string(), kind: v.string(), village: v.string(), memberPersonIds: v.array(v.string()), registeredAt: v.string(),
  staffCounts: v.array(v.looseObject({ year: Year, count: v.pipe(v.number(), v.integer(), v.minValue(0)) })),
});
const ModelAssessmentShape = v.looseObject({
  id: v.string(), subjectKind: v.picklist(['household', 'clan', 'community', 'unit']), subjectId: v.string(), title: v.string(), year: Year, status: v.string(),
});
const fits = (schema: v.GenericSchema, m: unknown): boolean => v.safeParse(schema, m).success;

export type HubHousehold = v.InferOutput<typeof HouseholdShape> & { nodeId: string };
export type HubClan = v.InferOutput<typeof ClanShape> & { nodeId: string };
export type HubUnit = v.InferOutput<typeof UnitShape> & { nodeId: string };

type SubjectRow = Database['hub_model_subject'];
type AssessmentRow = Database['hub_model_assessment'];

/** The projection row of a registry message, or null for any other message (or one that lacks the fields). */
function subjectRow(origin: string, m: ChangeMessage): SubjectRow | null {
  if (m.type === 'HouseholdUpsertV1' && fits(HouseholdShape, m)) {
    return { kind: 'household', id: m.id, node_id: origin, village: m.village, label: null, registered_year: vietnamYear(m.registeredAt) };
  }
  if (m.type === 'ClanUpsertV1' && fits(ClanShape, m)) {
    return { kind: 'clan', id: m.id, node_id: origin, village: null, label: m.name, registered_year: vietnamYear(m.registeredAt) };
  }
  if (m.type === 'UnitUpsertV1' && fits(UnitShape, m)) {
    return { kind: 'unit', id: m.id, node_id: origin, village: m.village, label: m.name, registered_year: vietnamYear(m.registeredAt) };
  }
  return null;
}

function assessmentRow(origin: string, m: ChangeMessage): AssessmentRow | null {
  if (m.type !== 'AssessmentUpsertV1' || m.title === 'cdht' || !fits(ModelAssessmentShape, m)) return null;
  return {
    assessment_id: m.id, subject_kind: m.subjectKind, subject_id: m.subjectId, title: m.title, node_id: origin, year: m.year,
    submitted: m.status === 'submitted' ? 1 : 0,
  };
}

const CHUNK = 500;
const chunks = <T>(xs: readonly T[]): T[][] => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

async function putRows(trx: Db, subjects: SubjectRow[], assessments: AssessmentRow[]): Promise<void> {
  for (const part of chunks(subjects)) {
    await trx.insertInto('hub_model_subject').values(part).onConflict((oc) => oc.columns(['kind', 'id']).doUpdateSet((eb) => ({
      node_id: eb.ref('excluded.node_id'), village: eb.ref('excluded.village'), label: eb.ref('excluded.label'), registered_year: eb.ref('excluded.registered_year'),
    }))).execute();
  }
  for (const part of chunks(assessments)) {
    await trx.insertInto('hub_model_assessment').values(part).onConflict((oc) => oc.column('assessment_id').doUpdateSet((eb) => ({
      subject_kind: eb.ref('excluded.subject_kind'), subject_id: eb.ref('excluded.subject_id'), title: eb.ref('excluded.title'),
      node_id: eb.ref('excluded.node_id'), year: eb.ref('excluded.year'), submitted: eb.ref('excluded.submitted'),
    }))).execute();
  }
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
  await putRows(trx, [...subjects.values()], [...assessments.values()]);
}

/** Builds the projection again from hub_record (facts.ts ensureFacts, when FACTS_VERSION changed). */
export async function rebuildModelFacts(trx: Db): Promise<void> {
  await trx.deleteFrom('hub_model_subject').execute();
  await trx.deleteFrom('hub_model_assessment').execute();
  const rows = await trx.selectFrom('hub_record').select(['origin', 'payload'])
    .where('record_kind', 'in', ['household', 'clan', 'unit', 'assessment']).execute();
  const subjects: SubjectRow[] = [];
  const assessments: AssessmentRow[] = [];
  for (const r of rows) {
    const m = JSON.parse(r.payload) as ChangeMessage;
    const s = subjectRow(r.origin, m);
    if (s) subjects.push(s);
    const a = assessmentRow(r.origin, m);
    if (a) assessments.push(a);
  }
  await putRows(trx, subjects, assessments);
}

/** Every household, clan and unit the centers below sent, as they stand now. */
export interface HubRegistry {
  households: Map<string, HubHousehold>;
  clans: Map<string, HubClan>;
  units: Map<string, HubUnit>;
}

export async function loadHubRegistry(db: Db): Promise<HubRegistry> {
  const rows = await db.selectFrom('hub_record').select(['record_kind', 'origin', 'payload']).where('record_kind', 'in', ['household', 'clan', 'unit']).execute();
  const out: HubRegistry = { households: new Map(), clans: new Map(), units: new Map() };
  for (const r of rows) {
    const m = JSON.parse(r.payload) as unknown;
    if (r.record_kind === 'household' && fits(HouseholdShape, m)) {
      const h = m as v.InferOutput<typeof HouseholdShape>;
      out.households.set(h.id, { ...h, nodeId: r.origin });
    } else if (r.record_kind === 'clan' && fits(ClanShape, m)) {
      const c = m as v.InferOutput<typeof ClanShape>;
      out.clans.set(c.id, { ...c, nodeId: r.origin });
    } else if (r.record_kind === 'unit' && fits(UnitShape, m)) {
      const u = m as v.InferOutput<typeof UnitShape>;
      out.units.set(u.id, { ...u, nodeId: r.origin });
    }
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
  const rows = await db.selectFrom('hub_decision_subject').innerJoin('hub_decision', 'hub_decision.id', 'hub_decision_subject.decision_id')
    .select(['hub_decision_subject.subject_kind', 'hub_decision_subject.subject_id', 'hub_decision.id', 'hub_decision.title', 'hub_decision.year', 'hub_decision.number', 'hub_decision.signed_on'])
    .where('hub_decision_subject.subject_kind', '!=', 'person').where('hub_decision.revoked_reason', 'is', null).execute();
  const out = new Map<string, DecidedRecognition[]>();
  for (const r of rows) {
    const title = r.title as ModelTitle;
    const months = sets.current(title).recognition.validityMonths;
    const key = subjectKey(r.subject_kind, r.subject_id);
    out.set(key, [...(out.get(key) ?? []), {
      title, decisionId: r.id, number: r.number, year: Number(r.year), decisionDate: r.signed_on, validThrough: validThrough(r.signed_on, months),
    }]);
  }
  return out;
}

/** The years a subject counts as recognized (shared/domain/models/validity.ts countedYears). */
export function recognizedYearsOf(decided: ReadonlyMap<string, readonly DecidedRecognition[]>, kind: ModelSubjectKind, id: string): number[] {
  return countedYears(decided.get(subjectKey(kind, id)) ?? []);
}

/** CDHT recognition years of each of these people, from the commune's decisions in force. */
export async function cdhtYears(db: Db, personIds?: readonly string[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  const read = async (ids?: readonly string[]) => {
    let q = db.selectFrom('hub_decision_subject').innerJoin('hub_decision', 'hub_decision.id', 'hub_decision_subject.decision_id')
      .select(['hub_decision_subject.subject_id', 'hub_decision.year'])
      .where('hub_decision_subject.subject_kind', '=', 'person').where('hub_decision.title', '=', 'cdht').where('hub_decision.revoked_reason', 'is', null);
    if (ids) q = q.where('hub_decision_subject.subject_id', 'in', [...ids]);
    for (const r of await q.execute()) out.set(r.subject_id, [...(out.get(r.subject_id) ?? []), Number(r.year)]);
  };
  if (personIds) for (const part of chunks(personIds)) await read(part);
  else await read();
  return out;
}

/** Everything the facts of any subject are computed from, read once. */
export interface HubModelState {
  registry: HubRegistry;
  decided: Map<string, DecidedRecognition[]>;
  cdht: Map<string, number[]>;
  /** CDHT recognized per village and year (people's villages as their centers hold them). */
  cdhtByVillage: Map<string, Record<string, number>>;
  /** What the commune entered per village and year: households and adults. */
  population: { kind: string; name: string; year: number; count: number }[];
}

export async function loadModelState(db: Db, sets: ModelSets): Promise<HubModelState> {
  const [registry, decided, cdht] = await Promise.all([loadHubRegistry(db), decidedRecognitions(db, sets), cdhtYears(db)]);
  const villages = await db.selectFrom('hub_person').select(['person_id', 'village']).execute();
  const cdhtByVillage = new Map<string, Record<string, number>>();
  for (const p of villages) {
    for (const year of cdht.get(p.person_id) ?? []) {
      const counts = cdhtByVillage.get(p.village) ?? {};
      counts[String(year)] = (counts[String(year)] ?? 0) + 1;
      cdhtByVillage.set(p.village, counts);
    }
  }
  const population = (await db.selectFrom('hub_population').select(['kind', 'name', 'year', 'count']).where('kind', 'in', ['village', 'households']).execute())
    .map((p) => ({ kind: p.kind, name: p.name, year: Number(p.year), count: Number(p.count) }));
  return { registry, decided, cdht, cdhtByVillage, population };
}

const people = (ids: readonly string[], cdht: ReadonlyMap<string, readonly number[]>): PersonFacts[] =>
  ids.map((personId) => ({ personId, recognizedCdhtYears: cdht.get(personId) ?? [] }));

function householdFacts(state: HubModelState, h: HubHousehold, year: number): HouseholdSubjectFacts {
  const facts = h.facts.find((f) => f.year === year);
  return {
    kind: 'household', householdId: h.id, village: h.village, adults: people(h.memberPersonIds, state.cdht),
    schoolAgeChildren: facts?.schoolAgeChildren ?? 0, allChildrenInSchool: facts ? facts.allChildrenInSchool : null,
    familyYears: recognizedYearsOf(state.decided, 'household', h.id),
  };
}

/**
 * The facts of a subject for its assessment of `year`, as the hub knows them, or null when the
 * subject is not (or no longer) on record. A village is named by its name; its households and
 * adults are what the commune entered for the year.
 */
export function hubSubjectFacts(state: HubModelState, kind: ModelSubjectKind, id: string, year: number): SubjectFacts | null {
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
      kind: 'unit', unitId: u.id, staffCount: u.staffCounts.find((s) => s.year === year)?.count ?? null, members: people(u.memberPersonIds, state.cdht),
    } satisfies UnitSubjectFacts;
  }
  const entered = (k: string) => state.population.find((p) => p.kind === k && p.name === id && p.year === year)?.count ?? null;
  const households = [...registry.households.values()].filter((h) => h.village === id);
  const inVillage = new Set(households.map((h) => h.id));
  const clans = [...registry.clans.values()].filter((c) => c.householdIds.some((hid) => inVillage.has(hid)));
  return {
    kind: 'community', village: id, households: entered('households'), adults: entered('village'),
    registeredHouseholds: households.map((h) => ({ householdId: h.id, familyYears: recognizedYearsOf(state.decided, 'household', h.id) })),
    clans: clans.map((c) => ({ clanId: c.id, clanYears: recognizedYearsOf(state.decided, 'clan', c.id) })),
    cdhtRecognizedByYear: state.cdhtByVillage.get(id) ?? {},
  } satisfies CommunitySubjectFacts;
}

/** The title each subject kind is assessed for. */
export const titleOf = Object.fromEntries(Object.entries(titleSubject).map(([title, kind]) => [kind, title])) as Record<ModelSubjectKind, ModelTitle>;
