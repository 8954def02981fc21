/**
 * The papers of a decision from what the hub holds: a recorded decision's list is every person or
 * subject it names (whatever their consent to the public list: the decision is the administrative
 * record), a draft's the year's proposals of the title that pass and are neither decided nor declined.
 */
import { AppError } from '../../../../../shared/errors.ts';
import type { DecisionTitle, ModelProposal, VerdictSummary } from '../../../../../shared/schemas/decision.ts';
import type { Settings } from '../../../../../kiosk-config/options.ts';
import * as repo from '../decisions.repository.ts';
import { modelProposals, proposals, TITLE, type DecisionDeps, type Proposal } from '../proposals.ts';
import { decisionPaper, type DecisionPaper, type PaperRow } from './decision-paper.ts';

export interface PaperDeps extends DecisionDeps {
  settings: Settings;
  /** The commune (or province) issuing: "Xã Tân Lập". */
  unit: string;
}

const personRow = (p: Proposal): PaperRow => ({
  name: p.name,
  birthYear: p.birthYear,
  place: p.village,
  appraised: String(p.appraisedTotal),
  fifthYear: p.outstanding,
});

/** "85/100 điểm, Tốt" for points, the level's label for targets. */
export function verdictText(v: VerdictSummary | null): string {
  if (!v) return '';
  if (v.kind === 'targets') return v.levelLabel ?? (v.level ? `Mức ${v.level}` : '');
  const points = v.total === null ? '' : `${v.total}${v.maxTotal === null ? '' : `/${v.maxTotal}`} điểm`;
  return [points, v.band].filter((x) => x).join(', ');
}

const subjectRow = (p: ModelProposal): PaperRow => ({
  name: p.subject.label,
  birthYear: null,
  place: p.subject.village ?? '',
  appraised: verdictText(p.appraised),
  fifthYear: false,
});

/** Each subject once: the passing assessment when one was sent twice (as candidates() decides). */
function onePerSubject(list: ModelProposal[]): ModelProposal[] {
  const out = new Map<string, ModelProposal>();
  for (const p of list) if (!out.get(p.subject.id)?.proposed) out.set(p.subject.id, p);
  return [...out.values()];
}

async function rowsOf(
  deps: PaperDeps,
  title: DecisionTitle,
  year: number,
  pick: (id: string, decided: boolean, declined: boolean, proposed: boolean) => boolean,
): Promise<PaperRow[]> {
  if (title === TITLE)
    return (await proposals(deps, year))
      .filter((p) => pick(p.personId, p.decision !== null, p.declined !== null, p.proposed))
      .map(personRow);
  return onePerSubject(await modelProposals(deps, title, year))
    .filter((p) => pick(p.subject.id, p.decision !== null, false, p.proposed))
    .map(subjectRow);
}

/** A recorded decision's papers: everyone it names now. */
export async function recordedPaper(deps: PaperDeps, id: string): Promise<DecisionPaper> {
  const row = await repo.findDecision(deps.db, id);
  if (!row) throw new AppError('decision.not-found');
  const title = row.title as DecisionTitle;
  const named = new Set((await repo.decisionSubjects(deps.db, id)).map((s) => s.subject_id));
  const rows = await rowsOf(deps, title, row.year, (sid) => named.has(sid));
  return decisionPaper({
    settings: deps.settings,
    unit: deps.unit,
    title,
    year: row.year,
    recorded: { number: row.number, signedOn: row.signed_on, signer: row.signer },
    rows,
  });
}

/** The draft (DỰ THẢO) of the next decision of a title: the proposals that pass, not decided nor declined. */
export async function draftPaper(deps: PaperDeps, title: DecisionTitle, year: number): Promise<DecisionPaper> {
  const rows = await rowsOf(deps, title, year, (_, decided, declined, proposed) => proposed && !decided && !declined);
  return decisionPaper({ settings: deps.settings, unit: deps.unit, title, year, recorded: null, rows });
}
