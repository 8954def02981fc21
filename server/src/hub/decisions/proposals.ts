/** The year's proposals the commune decides on (CDHT and the four other titles), and what a decision may name. */
import type { CriteriaSet } from '../../../../shared/schemas/criteria-set.ts';
import type { DecisionTitle, ModelProposal } from '../../../../shared/schemas/decision.ts';
import type { ModelSubjectKind, ModelTitle } from '../../../../shared/schemas/model-criteria-set.ts';
import type { Db } from '../../db/database.ts';
import type { ModelSets } from '../../criteria/model-sets.ts';
import * as repo from './decisions.repository.ts';
import { appraisedAt, loadHubModelCases, summary } from '../ingest/model-cases.ts';
import { cdhtListsClosed, isListed, listsClosed } from './list-closings.ts';

export interface DecisionDeps {
  db: Db;
  now: () => Date;
  criteriaSetFor: (year: number) => CriteriaSet;
  /** Years in a row of recognition that make a person outstanding (recognition.outstandingYears). */
  outstandingYears: number;
  /** The sets of the four other titles (config.modelSets). */
  modelSets: ModelSets;
}

export const TITLE = 'cdht';

/** One person on the commune's table of proposals for a year, with the decision that named them. */
export interface Proposal {
  personId: string;
  nodeId: string;
  center: string;
  name: string;
  birthYear: number;
  village: string;
  group: string;
  selfTotal: number;
  appraisedTotal: number;
  /** Appraised and passing: may be named in a decision. */
  proposed: boolean;
  /** The village branch closed (chốt) the list of the person's village at the center for the year. */
  listClosed: boolean;
  decision: { id: string; number: string; signedOn: string } | null;
  /** Consecutive recognized years ending with this one (0 when not recognized this year). */
  streak: number;
  /** Recognized `outstandingYears` years in a row: "tiêu biểu xuất sắc". */
  outstanding: boolean;
  /** The commune declined this proposal, and why (null when not, or taken back). */
  declined: { reason: string; at: string } | null;
}

/**
 * The people the centers below sent for `year`: every submitted Learning Citizen self-assessment
 * that the village branch appraised, with whether the appraised scores pass the year's criteria
 * (read from the hub's projection, server/src/hub/ingest/facts.ts).
 */
export async function proposals(deps: DecisionDeps, year: number): Promise<Proposal[]> {
  const rows = await repo.appraisedAssessments(deps.db, year);
  const nodes = await repo.nodeNames(deps.db);
  const decided = await decidedFor(deps.db, year);
  const declines = await repo.declinesInForce(deps.db, year);
  const { scoring, indicators } = deps.criteriaSetFor(year);
  const closed = await cdhtListsClosed(deps.db);
  const out: Proposal[] = rows.map((r) => ({
    personId: r.person_id,
    nodeId: r.node_id,
    center: nodes.get(r.node_id) ?? '',
    name: r.name,
    birthYear: Number(r.birth_year),
    village: r.village,
    group: r.grp,
    selfTotal: Number(r.self_total),
    appraisedTotal: Number(r.appraised_total ?? 0),
    // The recognition rule of shared/domain/recognition.ts (every indicator scored, none below the minimum, total at the pass mark), on the projection's sums.
    proposed:
      Number(r.appraised_count) >= indicators.length &&
      Number(r.appraised_min) >= scoring.minPerIndicator &&
      Number(r.appraised_total) >= scoring.passTotal,
    listClosed: closed(r.node_id, r.village, year),
    decision: decided.get(r.person_id) ?? null,
    // Kept on the projection from the decisions in force (facts.ts refreshRecognition).
    streak: Number(r.streak),
    outstanding: Number(r.streak) >= deps.outstandingYears,
    declined: declines.get(r.assessment_id) ?? null,
  }));
  return out.sort(
    (x, y) =>
      x.center.localeCompare(y.center, 'vi') ||
      x.village.localeCompare(y.village, 'vi') ||
      x.name.localeCompare(y.name, 'vi'),
  );
}

/**
 * The proposals of one of the four other titles for `year`: every submitted self-assessment of
 * that title with an appraisal (households and clans by the village branch at the center, villages
 * and units by the commune here), each with its self verdict and appraised verdict worked out now
 * on the hub's facts (a CDHT decision on an adult counts at once), and the decision that names it.
 */
export async function modelProposals(deps: DecisionDeps, title: ModelTitle, year: number): Promise<ModelProposal[]> {
  const cases = await loadHubModelCases(deps.db, deps.modelSets, { year, title });
  const decided = await decidedFor(deps.db, year, title);
  return cases
    .filter((c) => c.appraisal !== null)
    .map((c) => {
      const appraised = summary(c.appraisedVerdict);
      return {
        title,
        assessmentId: c.assessmentId,
        subject: c.subject,
        nodeId: c.nodeId,
        center: c.center,
        appraisedAt: appraisedAt[c.subject.kind],
        self: summary(c.selfVerdict),
        appraised,
        proposed: appraised?.passed === true,
        decision: decided.get(c.subject.id) ?? null,
      };
    });
}

/** Who (or what) is recognized for `title` in `year` by a decision in force, and by which; by subject id (one kind per title). */
export async function decidedFor(
  db: Db,
  year: number,
  title: DecisionTitle = TITLE,
): Promise<Map<string, { id: string; number: string; signedOn: string }>> {
  const rows = await repo.subjectsDecided(db, year, title);
  return new Map(rows.map((r) => [r.subject_id, { id: r.id, number: r.number, signedOn: r.signed_on }]));
}

/** A person (CDHT) or a subject of the four other titles, as a decision names it. */
export type Named = { kind: 'person' | ModelSubjectKind; id: string };

/** What a decision may name: the candidate's node, whether it is proposed, and its list (closed or not). */
export interface Candidate {
  nodeId: string;
  proposed: boolean;
  /** The list it comes on was closed (chốt) by the village branch; true for titles with no list (villages, units). */
  listClosed: boolean;
  /** Where its list is: the center's name and the village (null: the center's clans' list). */
  center: string;
  village: string | null;
}

/**
 * What a decision may name for its title and year: each candidate's node, whether it is proposed
 * (appraised and passing), and whether its list is closed. Every subject of one title is of that title's kind.
 */
export async function candidates(
  deps: DecisionDeps,
  title: DecisionTitle,
  year: number,
): Promise<Map<string, Candidate>> {
  const out = new Map<string, Candidate>();
  if (title === TITLE) {
    for (const p of await proposals(deps, year))
      out.set(p.personId, {
        nodeId: p.nodeId,
        proposed: p.proposed,
        listClosed: p.listClosed,
        center: p.center,
        village: p.village,
      });
    return out;
  }
  const closed = await listsClosed(deps.db);
  // A subject assessed twice in a year (two centers sending the same village) is proposed by whichever assessment passes.
  for (const p of await modelProposals(deps, title, year)) {
    if (out.get(p.subject.id)?.proposed) continue;
    const village = title === 'dhht' ? null : p.subject.village;
    out.set(p.subject.id, {
      nodeId: p.nodeId,
      proposed: p.proposed,
      listClosed: !isListed(title) || closed(p.nodeId, title, village, year),
      center: p.center,
      village,
    });
  }
  return out;
}
