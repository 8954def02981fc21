import type { SubjectFacts } from '../../../../shared/domain/collective-titles/subject-facts.ts';
import { modelVerdict, type ModelVerdict } from '../../../../shared/domain/collective-titles/verdict.ts';
import type { VerdictSummary } from '../../../../shared/schemas/decision.ts';
import {
  titleSubject,
  type ModelCriteriaSet,
  type ModelSubjectKind,
  type ModelTitle,
} from '../../../../shared/schemas/model-criteria-set.ts';
import type { ModelSets } from '../../criteria/model-sets.ts';
import type { Db } from '../../db/database.ts';
import { recordPayloads } from './hub.repository.ts';
import { communeAppraisals, findModelAssessments, nodeNames, personNames } from './model-facts.repository.ts';
import { loadModelState, type HubModelState } from './model-facts.ts';
import { hubSubjectFacts } from './model-subject-facts.ts';
import { storedAs } from './stored.ts';

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
  household: 'center',
  clan: 'center',
  community: 'commune',
  unit: 'commune',
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

/** Scores as the set takes them: declared items only, 1 / 0 as met / not met in a targets set. */
function answersOf(
  set: ModelCriteriaSet | null,
  scores: readonly { indicatorId: string; score: number }[],
): Record<string, number | boolean> {
  if (!set) return Object.fromEntries(scores.map((s) => [s.indicatorId, s.score]));
  const declared = new Set(
    set.criteria
      .flatMap((c) => c.items)
      .filter((i) => i.source === 'declared')
      .map((i) => i.id),
  );
  return Object.fromEntries(
    scores
      .filter((s) => declared.has(s.indicatorId))
      .map((s) => [s.indicatorId, set.scoring.kind === 'targets' ? s.score === 1 : s.score]),
  );
}

/** How the officer recognises each subject: the head's name, the clan's or unit's name, the village. */
function subjectOf(
  state: HubModelState,
  kind: ModelSubjectKind,
  id: string,
  heads: ReadonlyMap<string, string>,
): HubSubject {
  const { households, clans, units } = state.registry;
  if (kind === 'household') {
    const h = households.get(id);
    const head = h ? heads.get(h.headPersonId) : undefined;
    return {
      kind,
      id,
      label: head ? `Gia đình ông/bà ${head}` : 'Gia đình (không còn trong sổ)',
      village: h?.village ?? null,
    };
  }
  if (kind === 'clan') {
    const c = clans.get(id);
    const villages = [...new Set((c?.householdIds ?? []).flatMap((hid) => households.get(hid)?.village ?? []))].sort(
      (a, b) => a.localeCompare(b, 'vi'),
    );
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
export async function loadHubModelCases(
  db: Db,
  sets: ModelSets,
  query: CaseQuery,
  state?: HubModelState,
): Promise<HubModelCase[]> {
  const rows = await findModelAssessments(db, query);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.assessment_id);
  const known = state ?? (await loadModelState(db, sets));
  const [assessments, centerAppraisals] = await Promise.all([
    recordPayloads(db, 'assessment', ids),
    recordPayloads(db, 'appraisal', ids),
  ]);
  const hubAppraisals = await communeAppraisals(db, ids);
  const nodes = await nodeNames(db);
  const headIds = [
    ...new Set(
      rows
        .filter((r) => r.subject_kind === 'household')
        .flatMap((r) => known.registry.households.get(r.subject_id)?.headPersonId ?? []),
    ),
  ];
  const heads = await personNames(db, headIds);

  const out: HubModelCase[] = [];
  for (const r of rows) {
    const held = assessments.get(r.assessment_id);
    const m = held ? storedAs(held.message) : null;
    if (m?.type !== 'AssessmentUpsertV1') continue;
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
      const a = sent && sent.origin === r.node_id ? storedAs(sent.message) : null;
      if (a?.type === 'AppraisalUpsertV1') {
        if (a.status === 'appraised') {
          appraisal = {
            answers: answersOf(set, a.scores),
            reasons: Object.fromEntries(a.scores.flatMap((s) => (s.reason ? [[s.indicatorId, s.reason]] : []))),
            appraiser: '',
            updatedAt: null,
            revision: a.revision,
          };
        }
      }
    } else {
      const own = hubAppraisals.get(r.assessment_id);
      if (own) {
        appraisal = {
          answers: JSON.parse(own.answers) as Record<string, number | boolean>,
          reasons: JSON.parse(own.reasons) as Record<string, string>,
          appraiser: own.appraiser,
          updatedAt: own.updated_at,
          revision: Number(own.revision),
        };
      }
    }
    const judge = (given: Record<string, number | boolean>) =>
      set && facts && facts.kind === set.subjectKind ? modelVerdict(set, given, facts, Number(r.year)) : null;
    out.push({
      assessmentId: r.assessment_id,
      title,
      subject: subjectOf(known, kind, r.subject_id, heads),
      year: Number(r.year),
      nodeId: r.node_id,
      center: nodes.get(r.node_id) ?? '',
      criteriaSetId: m.criteriaSetId,
      criteriaSetVersion: m.criteriaSetVersion,
      status: m.status,
      submittedAt: m.submittedAt ?? null,
      assisted: Boolean(m.assistedBy),
      set,
      facts,
      answers,
      appraisal,
      selfVerdict: judge(answers),
      appraisedVerdict: appraisal ? judge(appraisal.answers) : null,
    });
  }
  return out.sort(
    (x, y) =>
      x.center.localeCompare(y.center, 'vi') ||
      (x.subject.village ?? '').localeCompare(y.subject.village ?? '', 'vi') ||
      x.subject.label.localeCompare(y.subject.label, 'vi'),
  );
}

/** A verdict in short, for tables. */
export function summary(verdict: ModelVerdict | null): VerdictSummary | null {
  if (!verdict) return null;
  return {
    kind: verdict.kind,
    total: verdict.total,
    maxTotal: verdict.maxTotal,
    band: verdict.band?.label ?? null,
    level: verdict.level,
    levelLabel: verdict.levelLabel,
    passed: verdict.passed,
  };
}
