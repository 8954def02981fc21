import * as v from 'valibot';
import type { SubjectFacts } from '../../../shared/domain/models/computations.ts';
import { modelVerdict, type ModelVerdict } from '../../../shared/domain/models/verdict.ts';
import type { VerdictSummary } from '../../../shared/schemas/decision.ts';
import { titleSubject, type ModelCriteriaSet, type ModelSubjectKind, type ModelTitle } from '../../../shared/schemas/model-criteria-set.ts';
import type { ModelSets } from '../criteria/model-sets.ts';
import type { Database } from '../db/schema.ts';
import { hubSubjectFacts, loadModelState, type HubModelState } from './model-facts.ts';
import type { Db } from '../db/database.ts';

/**
 * A submitted self-assessment of one of the four other titles as the hub holds it, read with
 * everything a proposal or an appraisal needs: the set it names, the subject as the officer
 * recognises it, the facts the hub knows now (hubSubjectFacts: the commune's own CDHT and
 * learning-family decisions count at once), the self-answers and the appraisal (the village
 * branch's, sent up from the center, for households and clans; the commune's own for villages and
 * units), each with its verdict.
 */

/** Where each subject kind is appraised (model-appraisals.service.ts at the center, hub-model-appraisals.ts here). */
export const appraisedAt: Readonly<Record<ModelSubjectKind, 'center' | 'commune'>> = {
  household: 'center', clan: 'center', community: 'commune', unit: 'commune',
};

export interface HubSubject {
  kind: ModelSubjectKind;
  id: string;
  label: string;
  village: string | null;
}

export interface HubAppraisal {
  answers: Record<string, number | boolean>;
  reasons: Record<string, string>;
  /** The commune officer's name (hub appraisals); '' for the branch's, whose name stays at the center. */
  appraiser: string;
  updatedAt: string | null;
  revision: number;
}

export interface HubModelCase {
  assessmentId: string;
  title: ModelTitle;
  subject: HubSubject;
  year: number;
  nodeId: string;
  center: string;
  criteriaSetId: string;
  criteriaSetVersion: string;
  status: 'draft' | 'submitted';
  submittedAt: string | null;
  assisted: boolean;
  /** Null when this hub does not hold the set the assessment names: nothing can be judged. */
  set: ModelCriteriaSet | null;
  /** Null when the subject is no longer on record (a household gone with its last adult). */
  facts: SubjectFacts | null;
  /** Declared items only, as the set takes them (targets: met or not). */
  answers: Record<string, number | boolean>;
  appraisal: HubAppraisal | null;
  selfVerdict: ModelVerdict | null;
  appraisedVerdict: ModelVerdict | null;
}

/** What the hub reads of a model self-assessment's message; one that lacks it is not judged. */
const AssessmentShape = v.looseObject({
  id: v.string(), subjectKind: v.string(), subjectId: v.string(), title: v.string(), year: v.pipe(v.number(), v.integer()),
  criteriaSetId: v.string(), criteriaSetVersion: v.string(), status: v.picklist(['draft', 'submitted']),
  answers: v.array(v.looseObject({ indicatorId: v.string(), score: v.number() })),
  submittedAt: v.nullish(v.string()), assistedBy: v.nullish(v.string()),
});
const AppraisalShape = v.looseObject({
  id: v.string(), status: v.string(), scores: v.array(v.looseObject({ indicatorId: v.string(), score: v.number(), reason: v.nullish(v.string()) })),
});

/** Scores as the set takes them: declared items only, 1 / 0 as met / not met in a targets set. */
function answersOf(set: ModelCriteriaSet | null, scores: readonly { indicatorId: string; score: number }[]): Record<string, number | boolean> {
  if (!set) return Object.fromEntries(scores.map((s) => [s.indicatorId, s.score]));
  const declared = new Set(set.criteria.flatMap((c) => c.items).filter((i) => i.source === 'declared').map((i) => i.id));
  return Object.fromEntries(scores.filter((s) => declared.has(s.indicatorId)).map((s) => [s.indicatorId, set.scoring.kind === 'targets' ? s.score === 1 : s.score]));
}

const CHUNK = 500;
const chunks = <T>(xs: readonly T[]): T[][] => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/** Stored payloads of one record kind by id, with the node that sent each. */
async function records(db: Db, kind: string, ids: readonly string[]): Promise<Map<string, { origin: string; message: unknown }>> {
  const out = new Map<string, { origin: string; message: unknown }>();
  for (const part of chunks(ids)) {
    const rows = await db.selectFrom('hub_record').select(['record_id', 'origin', 'payload']).where('record_kind', '=', kind).where('record_id', 'in', part).execute();
    for (const r of rows) out.set(r.record_id, { origin: r.origin, message: JSON.parse(r.payload) as unknown });
  }
  return out;
}

/** How the officer recognises each subject: the head's name, the clan's or unit's name, the village. */
function subjectOf(state: HubModelState, kind: ModelSubjectKind, id: string, heads: ReadonlyMap<string, string>): HubSubject {
  const { households, clans, units } = state.registry;
  if (kind === 'household') {
    const h = households.get(id);
    const head = h ? heads.get(h.headPersonId) : undefined;
    return { kind, id, label: head ? `Gia đình ông/bà ${head}` : 'Gia đình (không còn trong sổ)', village: h?.village ?? null };
  }
  if (kind === 'clan') {
    const c = clans.get(id);
    const villages = [...new Set((c?.householdIds ?? []).flatMap((hid) => households.get(hid)?.village ?? []))].sort((a, b) => a.localeCompare(b, 'vi'));
    return { kind, id, label: c?.name ?? id, village: villages.length > 0 ? villages.join(', ') : null };
  }
  if (kind === 'unit') {
    const u = units.get(id);
    return { kind, id, label: u?.name ?? id, village: u?.village ?? null };
  }
  return { kind, id, label: id, village: id };
}

export interface CaseQuery {
  year?: number;
  title?: ModelTitle;
  /** Only these subject kinds. */
  kinds?: readonly ModelSubjectKind[];
  /** Only these assessments. */
  ids?: readonly string[];
  /** Submitted ones only (default). */
  submittedOnly?: boolean;
}

/** The model assessments the query names, judged on what the hub knows now; `state` when already read. */
export async function loadHubModelCases(db: Db, sets: ModelSets, query: CaseQuery, state?: HubModelState): Promise<HubModelCase[]> {
  let q = db.selectFrom('hub_model_assessment').selectAll();
  if (query.year !== undefined) q = q.where('year', '=', query.year);
  if (query.title) q = q.where('title', '=', query.title);
  if (query.kinds) q = q.where('subject_kind', 'in', [...query.kinds]);
  if (query.ids) q = q.where('assessment_id', 'in', query.ids.length > 0 ? [...query.ids] : ['']);
  if (query.submittedOnly !== false) q = q.where('submitted', '=', 1);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.assessment_id);
  const known = state ?? await loadModelState(db, sets);
  const [assessments, centerAppraisals] = await Promise.all([records(db, 'assessment', ids), records(db, 'appraisal', ids)]);
  const hubAppraisals = new Map<string, Database['hub_model_appraisal']>();
  for (const part of chunks(ids)) {
    for (const r of await db.selectFrom('hub_model_appraisal').selectAll().where('assessment_id', 'in', part).execute()) hubAppraisals.set(r.assessment_id, r);
  }
  const nodes = new Map((await db.selectFrom('hub_node').select(['id', 'name']).execute()).map((n) => [n.id, n.name]));
  const headIds = [...new Set(rows.filter((r) => r.subject_kind === 'household').flatMap((r) => known.registry.households.get(r.subject_id)?.headPersonId ?? []))];
  const heads = new Map<string, string>();
  for (const part of chunks(headIds)) {
    for (const p of await db.selectFrom('hub_person').select(['person_id', 'name']).where('person_id', 'in', part).execute()) heads.set(p.person_id, p.name);
  }

  const out: HubModelCase[] = [];
  for (const r of rows) {
    const held = assessments.get(r.assessment_id);
    if (!held || !v.safeParse(AssessmentShape, held.message).success) continue;
    const m = held.message as v.InferOutput<typeof AssessmentShape>;
    const kind = r.subject_kind as ModelSubjectKind;
    const title = r.title as ModelTitle;
    if (titleSubject[title] !== kind) continue;
    let set: ModelCriteriaSet | null = null;
    try {
      set = sets.find(m.criteriaSetId, m.criteriaSetVersion);
      if (set.title !== title) set = null;
    } catch {
      set = null;
    }
    const facts = hubSubjectFacts(known, kind, r.subject_id, Number(r.year));
    const answers = answersOf(set, m.answers);
    let appraisal: HubAppraisal | null = null;
    if (appraisedAt[kind] === 'center') {
      // The branch's appraisal counts only from the node that sent the assessment, and only once appraised (not returned).
      const sent = centerAppraisals.get(r.assessment_id);
      if (sent && sent.origin === r.node_id && v.safeParse(AppraisalShape, sent.message).success) {
        const a = sent.message as v.InferOutput<typeof AppraisalShape>;
        if (a.status === 'appraised') {
          appraisal = {
            answers: answersOf(set, a.scores), reasons: Object.fromEntries(a.scores.flatMap((s) => (s.reason ? [[s.indicatorId, s.reason]] : []))),
            appraiser: '', updatedAt: null, revision: Number((a as { revision?: unknown }).revision ?? 0),
          };
        }
      }
    } else {
      const own = hubAppraisals.get(r.assessment_id);
      if (own) {
        appraisal = {
          answers: JSON.parse(own.answers) as Record<string, number | boolean>, reasons: JSON.parse(own.reasons) as Record<string, string>,
          appraiser: own.appraiser, updatedAt: own.updated_at, revision: Number(own.revision),
        };
      }
    }
    const judge = (given: Record<string, number | boolean>) => (set && facts && facts.kind === set.subjectKind ? modelVerdict(set, given, facts, Number(r.year)) : null);
    out.push({
      assessmentId: r.assessment_id, title, subject: subjectOf(known, kind, r.subject_id, heads), year: Number(r.year), nodeId: r.node_id,
      center: nodes.get(r.node_id) ?? '', criteriaSetId: m.criteriaSetId, criteriaSetVersion: m.criteriaSetVersion, status: m.status,
      submittedAt: m.submittedAt ?? null, assisted: Boolean(m.assistedBy), set, facts, answers, appraisal,
      selfVerdict: judge(answers), appraisedVerdict: appraisal ? judge(appraisal.answers) : null,
    });
  }
  return out.sort((x, y) => x.center.localeCompare(y.center, 'vi') || (x.subject.village ?? '').localeCompare(y.subject.village ?? '', 'vi')
    || x.subject.label.localeCompare(y.subject.label, 'vi'));
}

/** A verdict in short, for tables. */
export function summary(verdict: ModelVerdict | null): VerdictSummary | null {
  if (!verdict) return null;
  return {
    kind: verdict.kind, total: verdict.total, maxTotal: verdict.maxTotal, band: verdict.band?.label ?? null,
    level: verdict.level, levelLabel: verdict.levelLabel, passed: verdict.passed,
  };
}
