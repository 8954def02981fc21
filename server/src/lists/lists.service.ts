import { verdict } from '../../../shared/domain/recognition.ts';
import { AppError } from '../../../shared/errors.ts';
import { type AssessmentDeps } from '../assessments/assessments.service.ts';
import { audit, type Actor } from '../audit/audit.ts';
import { scoresByAssessment } from '../appraisals/appraisals.repository.ts';
import { v4 as uuidv4 } from 'uuid';
import { appendChange } from '../outbox/outbox.repository.ts';
import { currentConsents } from '../people/people.repository.ts';
import type { ProposalEntry, ProposalListData } from './list.types.ts';

interface Candidate extends ProposalEntry {
  assessmentId: string;
  personId: string;
}

/** Appraised people of a village and year whose appraised result passes, by name. */
async function passing(deps: AssessmentDeps, village: string, year: number): Promise<Candidate[]> {
  const rows = await deps.db.selectFrom('appraisal')
    .innerJoin('assessment', 'assessment.id', 'appraisal.assessment_id')
    .innerJoin('person', 'person.id', 'assessment.subject_id')
    .select(['assessment.id as assessmentId', 'person.id as personId', 'person.name', 'person.birth_year as birthYear', 'person.village',
      'assessment.subject_group as group', 'assessment.criteria_set_id as setId', 'assessment.criteria_set_version as setVersion'])
    .where('appraisal.status', '=', 'appraised').where('assessment.status', '=', 'submitted')
    .where('person.village', '=', village).where('assessment.year', '=', year)
    .execute();
  const scores = await scoresByAssessment(deps.db, 'appraisal_item', rows.map((r) => r.assessmentId));
  const out: Candidate[] = [];
  for (const r of rows) {
    const set = deps.criteria.find(r.setId, r.setVersion);
    const result = verdict(set.indicators.map((i) => i.id), scores.get(r.assessmentId) ?? {}, set.scoring);
    if (!result.recognized) continue;
    out.push({
      assessmentId: r.assessmentId, personId: r.personId, name: r.name, birthYear: r.birthYear, village: r.village,
      group: set.groups.find((g) => g.id === r.group)?.title ?? r.group, total: result.total, note: '',
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/**
 * The list in one of its two forms: "official" (everyone who passes, for the commune) or "public"
 * (only people who consented to appear on it; the renderers show name and village only).
 */
export async function proposalList(deps: AssessmentDeps, village: string, year: number, kind: 'official' | 'public'): Promise<ProposalListData> {
  let entries = await passing(deps, village, year);
  if (kind === 'public') {
    const consenting = await Promise.all(entries.map(async (e) => (await currentConsents(deps.db, e.personId)).some((c) => c.purpose === 'publicList' && c.granted)));
    entries = entries.filter((_, i) => consenting[i]);
  }
  const finalized = await deps.db.selectFrom('proposal_list').select('finalized_at').where('village', '=', village).where('year', '=', year).executeTakeFirst();
  const { name, commune, province } = deps.config.center;
  return {
    center: { name, commune, province }, village, year, kind, finalizedAt: finalized?.finalized_at ?? null,
    generatedAt: deps.now().toISOString(),
    entries: entries.map(({ name, birthYear, village, group, total, note }) => ({ name, birthYear, village, group, total, note })),
  };
}

/** Finalizes the list: every appraisal on it is locked; changing one needs the administrator. */
export async function finalizeList(deps: AssessmentDeps, actor: Actor, village: string, year: number): Promise<ProposalListData> {
  const entries = await passing(deps, village, year);
  if (entries.length === 0) throw new AppError('list.empty');
  const at = deps.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('appraisal').set({ locked: 1 }).where('assessment_id', 'in', entries.map((e) => e.assessmentId)).execute();
    const before = await trx.selectFrom('proposal_list').select(['id', 'revision']).where('village', '=', village).where('year', '=', year).executeTakeFirst();
    const id = before?.id ?? uuidv4();
    const revision = before ? before.revision + 1 : 1;
    await trx.insertInto('proposal_list').values({ village, year, finalized_at: at, finalized_by: actor.id, id, revision })
      .onConflict((oc) => oc.columns(['village', 'year']).doUpdateSet({ finalized_at: at, finalized_by: actor.id, id, revision })).execute();
    // Closing the list is the center's report to the commune for that village and year.
    await appendChange(trx, { type: 'ProposalListClosedV1', id, revision, village, year, closedAt: at, entries: entries.length }, at);
    await audit(trx, actor, { action: 'list.lock', subjectKind: 'list', subjectId: `${village}/${year}`, details: { count: entries.length } }, at);
  });
  return proposalList(deps, village, year, 'official');
}
