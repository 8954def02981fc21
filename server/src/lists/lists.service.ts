import { verdict } from '../../../shared/domain/recognition.ts';
import { placeWordOfNames } from '../../../shared/domain/places.ts';
import { AppError } from '../../../shared/errors.ts';
import { titleSubject } from '../../../shared/schemas/model-criteria-set.ts';
import type { ProposalListClosedV2 } from '../../../shared/sync/messages.ts';
import { type AssessmentDeps } from '../assessments/assessments.service.ts';
import { audit, type Actor } from '../audit/audit.ts';
import { scoresByAssessment } from '../appraisals/appraisals.repository.ts';
import type { Db } from '../db/database.ts';
import { v4 as uuidv4 } from 'uuid';
import { modelAppraisalCase } from '../collective-titles/model-appraisals.service.ts';
import { appendChange } from '../outbox/outbox.repository.ts';
import { currentConsents } from '../people/people.repository.ts';
import * as repo from './lists.repository.ts';
import { fifthYears } from './fifth-year.ts';
import type { ClanEntry, FamilyEntry, PersonEntry, ProposalListData, ProposalListTitle } from './list.types.ts';

/**
 * Proposal lists (danh sách đề nghị công nhận), one service for every title the center proposes:
 * what is on a list is every submitted assessment of the title and year whose appraisal passes
 * (CDHT by shared/domain/recognition.ts, a household or clan by the appraised model verdict, the
 * same one the appraisal screen shows); finalizing (chốt) locks those appraisals, so changing one
 * needs the administrator (appraisals.service.ts, reopenAppraisal), and goes up to the commune.
 *
 * A CDHT or "Gia đình học tập" list is a village's; the "Dòng họ học tập" list is the center's,
 * because a clan's households may live in several villages and the registry gives a clan no
 * village. Keying it by the village of most of its households would move a clan from one list to
 * another when a household moves (even after one list was closed) and leave ties to break; the
 * branch that appraises clans is the center's anyway.
 */

/** Where a list belongs: a village, or (clans) the whole center. */
export interface ListScope {
  title: ProposalListTitle;
  year: number;
  /** Null for the clans' list; ignored there when given. */
  village: string | null;
}

/** The village a list is stored under in `proposal_list`: the center's clans' list has ''. */
const CENTER_WIDE = '';
const villageOf = (scope: ListScope): string | null => (scope.title === 'dhht' ? null : scope.village);
const storedVillage = (scope: ListScope): string => villageOf(scope) ?? CENTER_WIDE;
/** The audit log's name of a list: "village/year" for CDHT (as before), "title/village/year" or "dhht/year" for the others. */
export const listKey = (scope: ListScope): string => {
  const village = villageOf(scope);
  if (scope.title === 'cdht') return `${village}/${scope.year}`;
  return village === null ? `${scope.title}/${scope.year}` : `${scope.title}/${village}/${scope.year}`;
};

/** An entry with what the list needs about it but never prints. */
type Candidate<E> = { entry: E; publicOk: (db: Db) => Promise<boolean> };

/** Whether a person agreed to appear on public lists (a household's head for her household). */
const consentsToPublicList = (personId: string) => async (db: Db) =>
  (await currentConsents(db, personId)).some((c) => c.purpose === 'publicList' && c.granted);

/** Appraised people of a village and year whose appraised result passes, by name. */
async function passingPeople(deps: AssessmentDeps, village: string, year: number): Promise<Candidate<PersonEntry>[]> {
  const rows = await repo.appraisedPeople(deps.db, village, year);
  const ids = rows.map((r) => r.assessmentId);
  const scores = await scoresByAssessment(deps.db, 'appraisal_item', ids);
  const selfScores = await scoresByAssessment(deps.db, 'assessment_item', ids);
  const fifth = await fifthYears(
    deps,
    rows.map((r) => r.personId),
    year,
  );
  const out: Candidate<PersonEntry>[] = [];
  for (const r of rows) {
    const set = deps.criteria.find(r.setId, r.setVersion);
    const result = verdict(
      set.indicators.map((i) => i.id),
      scores.get(r.assessmentId) ?? {},
      set.scoring,
    );
    if (!result.recognized) continue;
    out.push({
      entry: {
        assessmentId: r.assessmentId,
        locked: r.locked === 1,
        name: r.name,
        birthYear: r.birthYear,
        village: r.village,
        group: set.groups.find((g) => g.id === r.group)?.title ?? r.group,
        total: result.total,
        selfTotal: Object.values(selfScores.get(r.assessmentId) ?? {}).reduce((a, b) => a + b, 0),
        fifthYear: fifth.has(r.personId),
        note: '',
      },
      publicOk: consentsToPublicList(r.personId),
    });
  }
  return out.sort((a, b) => a.entry.name.localeCompare(b.entry.name, 'vi'));
}

/** Appraised assessments of a household or clan title and year, with the appraised verdict when it passes. */
async function passingModels(
  deps: AssessmentDeps,
  title: 'gdht' | 'dhht',
  year: number,
  ids: readonly string[] | null,
) {
  if (ids !== null && ids.length === 0) return [];
  const out: { assessmentId: string; subjectId: string; locked: boolean; total: number | null; band: string }[] = [];
  for (const r of await repo.appraisedModels(deps.db, titleSubject[title], title, year, ids)) {
    // The verdict the appraisal screen shows: the appraised answers with the registry's facts now.
    const appraisal = (await modelAppraisalCase(deps, r.id)).appraisal;
    if (!appraisal?.verdict.passed) continue;
    const v = appraisal.verdict;
    out.push({
      assessmentId: r.id,
      subjectId: r.subjectId,
      locked: r.locked === 1,
      total: v.total,
      band: v.band?.label ?? v.levelLabel ?? '',
    });
  }
  return out;
}

/** Households of a village appraised as passing "Gia đình học tập", by their head's name. */
async function passingFamilies(deps: AssessmentDeps, village: string, year: number): Promise<Candidate<FamilyEntry>[]> {
  const households = await repo.householdsWithHeads(deps.db, village);
  const byId = new Map(households.map((h) => [h.id, h]));
  const passing = await passingModels(
    deps,
    'gdht',
    year,
    households.map((h) => h.id),
  );
  const members = await repo.memberCounts(
    deps.db,
    passing.map((p) => p.subjectId),
  );
  return passing
    .map((p) => {
      const h = byId.get(p.subjectId)!;
      return {
        entry: {
          assessmentId: p.assessmentId,
          locked: p.locked,
          name: h.name,
          village: h.village,
          members: members.get(h.id) ?? 0,
          total: p.total,
          band: p.band,
          note: '',
        },
        publicOk: consentsToPublicList(h.headId),
      };
    })
    .sort((a, b) => a.entry.name.localeCompare(b.entry.name, 'vi'));
}

/** The center's clans appraised as passing "Dòng họ học tập", by name. */
async function passingClans(deps: AssessmentDeps, year: number): Promise<Candidate<ClanEntry>[]> {
  const passing = await passingModels(deps, 'dhht', year, null);
  if (passing.length === 0) return [];
  const ids = passing.map((p) => p.subjectId);
  const clans = new Map((await repo.clansByIds(deps.db, ids)).map((c) => [c.id, c]));
  const homes = await repo.clanHomes(deps.db, ids);
  const out: Candidate<ClanEntry>[] = [];
  for (const p of passing) {
    const c = clans.get(p.subjectId);
    if (!c) continue;
    const own = homes.filter((h) => h.clanId === c.id);
    out.push({
      entry: {
        assessmentId: p.assessmentId,
        locked: p.locked,
        name: c.name,
        representative: c.representative,
        villages: [...new Set(own.map((h) => h.village))].sort((a, b) => a.localeCompare(b, 'vi')),
        households: own.length,
        total: p.total,
        band: p.band,
        note: '',
      },
      // A clan is not a person: its name and villages may be posted (the representative never is).
      publicOk: async () => true,
    });
  }
  return out.sort((a, b) => a.entry.name.localeCompare(b.entry.name, 'vi'));
}

type Listed =
  | { title: 'cdht'; items: Candidate<PersonEntry>[] }
  | { title: 'gdht'; items: Candidate<FamilyEntry>[] }
  | { title: 'dhht'; items: Candidate<ClanEntry>[] };

async function passing(deps: AssessmentDeps, scope: ListScope): Promise<Listed> {
  const village = villageOf(scope);
  if (scope.title !== 'dhht' && village === null)
    throw new AppError('request.invalid', { reason: 'village is required for this list' });
  switch (scope.title) {
    case 'cdht':
      return { title: 'cdht', items: await passingPeople(deps, village!, scope.year) };
    case 'gdht':
      return { title: 'gdht', items: await passingFamilies(deps, village!, scope.year) };
    case 'dhht':
      return { title: 'dhht', items: await passingClans(deps, scope.year) };
  }
}

async function visible<E>(deps: AssessmentDeps, items: Candidate<E>[], kind: 'official' | 'public'): Promise<E[]> {
  if (kind === 'official') return items.map((i) => i.entry);
  const shown = await Promise.all(items.map((i) => i.publicOk(deps.db)));
  return items.filter((_, i) => shown[i]).map((i) => i.entry);
}

/**
 * The list in one of its two forms: "official" (everything that passes, for the commune) or
 * "public" (only people, or households' heads, who consented to appear on it, and every clan;
 * the renderers show name and village only).
 */
export async function proposalList(
  deps: AssessmentDeps,
  scope: ListScope,
  kind: 'official' | 'public',
): Promise<ProposalListData> {
  const listed = await passing(deps, scope);
  const finalized = await repo.findClosing(deps.db, scope.title, storedVillage(scope), scope.year);
  // Returned by the commune (lists/list-return.ts): open again, with the reason.
  const back = finalized?.id ? await repo.findReturn(deps.db, finalized.id, finalized.revision) : undefined;
  const { name, commune, province, villages, places } = deps.config.center;
  const common = {
    center: { name, commune, province },
    placeWord: placeWordOfNames(scope.village ? [scope.village] : villages, places),
    year: scope.year,
    kind,
    finalizedAt: back ? null : (finalized?.finalized_at ?? null),
    returned: back ? { reason: back.reason, at: back.returned_at, by: back.by_name } : null,
    generatedAt: deps.now().toISOString(),
  };
  switch (listed.title) {
    case 'cdht':
      return {
        title: 'cdht',
        village: scope.village!,
        ...common,
        outstandingYears: deps.config.settings['recognition.outstandingYears'],
        entries: await visible(deps, listed.items, kind),
      };
    case 'gdht':
      return { title: 'gdht', village: scope.village!, ...common, entries: await visible(deps, listed.items, kind) };
    case 'dhht':
      return { title: 'dhht', village: null, ...common, entries: await visible(deps, listed.items, kind) };
  }
}

/**
 * Finalizes the list: every appraisal on it is locked; changing one needs the administrator.
 * Closing it is the center's report to the commune: a CDHT list goes up as ProposalListClosedV1,
 * exactly as before (a hub that predates the other titles still counts it); a household's or
 * clan's list as ProposalListClosedV2, which names its title, so a hub never takes it for the
 * village's CDHT report.
 */
export async function finalizeList(deps: AssessmentDeps, actor: Actor, scope: ListScope): Promise<ProposalListData> {
  const { items } = await passing(deps, scope);
  if (items.length === 0) throw new AppError('list.empty', { title: scope.title });
  const ids = items.map((i) => i.entry.assessmentId);
  const village = storedVillage(scope);
  const at = deps.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await repo.lockAppraisals(trx, ids);
    const before = await repo.findClosing(trx, scope.title, village, scope.year);
    const id = before?.id ?? uuidv4();
    const revision = before ? before.revision + 1 : 1;
    await repo.saveClosing(trx, { title: scope.title, village, year: scope.year, id, revision }, at, actor.id);
    if (scope.title === 'cdht') {
      await appendChange(
        trx,
        { type: 'ProposalListClosedV1', id, revision, village, year: scope.year, closedAt: at, entries: items.length },
        at,
      );
    } else {
      const closed: ProposalListClosedV2 = {
        type: 'ProposalListClosedV2',
        id,
        revision,
        title: scope.title,
        village: villageOf(scope),
        year: scope.year,
        closedAt: at,
        entries: items.length,
      };
      await appendChange(trx, closed, at);
    }
    const details = scope.title === 'cdht' ? { count: items.length } : { title: scope.title, count: items.length };
    await audit(trx, actor, { action: 'list.lock', subjectKind: 'list', subjectId: listKey(scope), details }, at);
  });
  return proposalList(deps, scope, 'official');
}
