import * as v from 'valibot';
import { AppError } from '../../../../shared/errors.ts';
import type { EvidenceView } from '../../../../shared/schemas/assessment.ts';
import { modelVerdict } from '../../../../shared/domain/collective-titles/verdict.ts';
import type { HubModelQueueItem } from '../../../../shared/schemas/decision.ts';
import type { SaveModelAppraisal } from '../../../../shared/schemas/model-assessment.ts';
import type { ModelSubjectKind } from '../../../../shared/schemas/model-criteria-set.ts';
import { audit, type Actor } from '../../audit/audit.ts';
import type { ModelSets } from '../../criteria/model-sets.ts';
import type { Db } from '../../db/database.ts';
import type { ModelAppraisalCase } from '../../collective-titles/model-appraisals.service.ts';
import { checkedAnswers } from '../../collective-titles/model-assessments.service.ts';
import { appraisedAt, loadHubModelCases, type HubModelCase } from '../ingest/model-cases.ts';
import * as repo from './decisions.repository.ts';

/**
 * The commune appraises villages' (learning community) and units' self-assessments on the hub,
 * as the village branch appraises households and clans at the center: every declared item again,
 * a reason wherever it differs from the self-assessment (the same checks, checkedAnswers), the
 * computed items as the hub counts them. Stored in hub_model_appraisal with a revision, audited;
 * a decision in force on the subject locks it until the decision is withdrawn or reopened.
 */

export interface CommuneAppraisalDeps {
  db: Db;
  now: () => Date;
  modelSets: ModelSets;
}

/** The subject kinds the commune appraises here. */
const appraisedHere = (Object.keys(appraisedAt) as ModelSubjectKind[]).filter((k) => appraisedAt[k] === 'commune');

/** The decisions in force of `year` on subjects of these kinds, by title, kind and subject id. */
async function decisionsInForce(
  db: Db,
  year: number,
  kinds: readonly ModelSubjectKind[],
): Promise<Map<string, { id: string; number: string }>> {
  const rows = await repo.subjectsDecidedOfKinds(db, year, kinds);
  return new Map(rows.map((r) => [decisionKey(r.title, r.subject_kind, r.subject_id), { id: r.id, number: r.number }]));
}
const decisionKey = (title: string, kind: string, id: string) => `${title}\u0000${kind}\u0000${id}`;

/** The decision in force naming this subject for its title and year, if any. */
async function decisionOn(db: Db, c: HubModelCase): Promise<{ id: string; number: string } | null> {
  return (
    (await decisionsInForce(db, c.year, [c.subject.kind])).get(decisionKey(c.title, c.subject.kind, c.subject.id)) ??
    null
  );
}

/** Submitted self-assessments of villages and units of a year, with the commune's appraisal if any. */
export async function communeAppraisalQueue(deps: CommuneAppraisalDeps, year: number): Promise<HubModelQueueItem[]> {
  const cases = await loadHubModelCases(deps.db, deps.modelSets, { year, kinds: appraisedHere });
  const decided = await decisionsInForce(deps.db, year, appraisedHere);
  return cases.map((c) => ({
    assessmentId: c.assessmentId,
    title: c.title,
    subject: c.subject,
    center: c.center,
    submittedAt: c.submittedAt,
    selfPassed: c.selfVerdict?.passed ?? false,
    appraised: c.appraisedVerdict
      ? { passed: c.appraisedVerdict.passed, total: c.appraisedVerdict.total, level: c.appraisedVerdict.level }
      : null,
    decided: decided.has(decisionKey(c.title, c.subject.kind, c.subject.id)),
  }));
}

/** One village's or unit's assessment with the commune's appraisal, or `appraisal.not-here` for a household or clan. */
async function caseOf(deps: CommuneAppraisalDeps, assessmentId: string): Promise<HubModelCase> {
  const [c] = await loadHubModelCases(deps.db, deps.modelSets, { ids: [assessmentId], submittedOnly: false });
  if (!c) throw new AppError('assessment.not-found');
  if (appraisedAt[c.subject.kind] !== 'commune') throw new AppError('appraisal.not-here', { kind: c.subject.kind });
  if (!c.set)
    throw new AppError('assessment.criteria-set-unknown', {
      criteriaSetId: c.criteriaSetId,
      version: c.criteriaSetVersion,
    });
  if (!c.facts) throw new AppError('registry.subject-not-found', { kind: c.subject.kind, id: c.subject.id });
  return c;
}

/** What the hub reads of an EvidenceUpsertV1; a record that lacks it is not shown. */
const EvidenceShape = v.looseObject({
  id: v.string(),
  assessmentId: v.string(),
  indicatorId: v.string(),
  sha256: v.string(),
  bytes: v.number(),
});

/**
 * The photos the center sent up with the assessment (EvidenceUpsertV1, the files by hash): the
 * commune appraises villages and units, so it sees what their officers attached to each item.
 */
async function evidenceOf(db: Db, c: HubModelCase): Promise<EvidenceView[]> {
  const rows = await repo.evidenceRecordsMentioning(db, c.nodeId, c.assessmentId);
  return rows.flatMap((r) => {
    const m = v.safeParse(EvidenceShape, JSON.parse(r.payload));
    return m.success && m.output.assessmentId === c.assessmentId
      ? [
          {
            id: m.output.id,
            indicatorId: m.output.indicatorId,
            kind: 'photo' as const,
            sha256: m.output.sha256,
            bytes: m.output.bytes,
          },
        ]
      : [];
  });
}

/** The same shape the center's appraisal screen reads (ModelAppraisal.svelte), `locked` while a decision names the subject. */
function view(c: HubModelCase, decided: boolean, evidence: EvidenceView[]): ModelAppraisalCase {
  const set = c.set!;
  return {
    assessment: {
      id: c.assessmentId,
      title: c.title,
      subject: c.subject,
      year: c.year,
      criteriaSetId: c.criteriaSetId,
      criteriaSetVersion: c.criteriaSetVersion,
      status: c.status,
      answers: c.answers,
      submittedAt: c.submittedAt,
      assisted: c.assisted,
      verdict: c.selfVerdict!,
      evidence,
    },
    set,
    appraisal: c.appraisal
      ? {
          appraiser: c.appraisal.appraiser,
          updatedAt: c.appraisal.updatedAt ?? '',
          locked: decided,
          answers: c.appraisal.answers,
          reasons: c.appraisal.reasons,
          verdict: c.appraisedVerdict!,
        }
      : null,
  };
}

export async function communeAppraisalCase(
  deps: CommuneAppraisalDeps,
  assessmentId: string,
): Promise<ModelAppraisalCase> {
  const c = await caseOf(deps, assessmentId);
  return view(c, (await decisionOn(deps.db, c)) !== null, await evidenceOf(deps.db, c));
}

export async function saveCommuneAppraisal(
  deps: CommuneAppraisalDeps,
  actor: Actor,
  assessmentId: string,
  input: SaveModelAppraisal,
): Promise<ModelAppraisalCase> {
  const c = await caseOf(deps, assessmentId);
  if (c.status !== 'submitted') throw new AppError('appraisal.not-submitted');
  const decided = await decisionOn(deps.db, c);
  if (decided) throw new AppError('appraisal.decided', { decisionNumber: decided.number });
  const set = c.set!;
  const answers = checkedAnswers(set, input.answers, true);
  const reasons = new Map(input.answers.map((a) => [a.itemId, a.reason?.trim() || null]));
  for (const [itemId, value] of Object.entries(answers)) {
    if (value !== c.answers[itemId] && !reasons.get(itemId))
      throw new AppError('appraisal.reason-required', { indicatorId: itemId });
  }
  const kept = Object.fromEntries(
    Object.keys(answers).flatMap((itemId) => (reasons.get(itemId) ? [[itemId, reasons.get(itemId)!]] : [])),
  );
  const at = deps.now().toISOString();
  const result = modelVerdict(set, answers, c.facts!, c.year);
  await deps.db.transaction().execute(async (trx) => {
    const row = {
      assessment_id: assessmentId,
      revision: (await repo.modelAppraisalRevision(trx, assessmentId)) + 1,
      answers: JSON.stringify(answers),
      reasons: JSON.stringify(kept),
      appraiser: actor.name,
      updated_at: at,
    };
    await repo.upsertModelAppraisal(trx, row);
    const changed = Object.keys(answers)
      .filter((itemId) => answers[itemId] !== c.answers[itemId])
      .map((itemId) => ({ itemId, reason: reasons.get(itemId) ?? null }));
    await audit(
      trx,
      actor,
      {
        action: 'appraisal.save',
        subjectKind: 'assessment',
        subjectId: assessmentId,
        details: {
          title: c.title,
          subject: { kind: c.subject.kind, id: c.subject.id },
          revision: row.revision,
          changed,
          total: result.total,
          level: result.level,
          passed: result.passed,
        },
      },
      at,
    );
  });
  return communeAppraisalCase(deps, assessmentId);
}
