/**
 * A higher level only after the wait (circular 25/2023: level 2 of a learning community 12 months
 * after level 1; shared/domain/collective-titles/validity.ts nextLevelOpensOn). The level of each
 * recognition is the one the commune's appraisal of that year reached.
 */
import { nextLevelOpensOn, type LeveledRecognition } from '../../../../shared/domain/collective-titles/validity.ts';
import { AppError } from '../../../../shared/errors.ts';
import type { ModelTitle } from '../../../../shared/schemas/model-criteria-set.ts';
import { earlierDecisions } from './next-level.repository.ts';
import { modelProposals, type DecisionDeps, type Named } from './proposals.ts';

/** The appraised level of each subject proposed for `title` in `year`, by subject id. */
async function levelsOf(deps: DecisionDeps, title: ModelTitle, year: number): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const p of await modelProposals(deps, title, year))
    if (p.appraised?.level !== null && p.appraised?.level !== undefined) out.set(p.subject.id, p.appraised.level);
  return out;
}

/**
 * Refuses (`decision.next-level-too-soon`, with each subject and the first day it becomes possible)
 * a decision signed before the wait after the level below has passed; nothing is written.
 */
export async function checkNextLevel(
  deps: DecisionDeps,
  title: ModelTitle,
  year: number,
  signedOn: string,
  named: readonly Named[],
): Promise<void> {
  const rule = deps.modelSets.current(title).recognition;
  if (rule.nextLevelAfterMonths === undefined || named.length === 0) return;
  const now = await levelsOf(deps, title, year);
  const higher = named.filter((s) => (now.get(s.id) ?? 0) >= 2);
  if (higher.length === 0) return;
  const rows = await earlierDecisions(
    deps.db,
    title,
    year,
    higher.map((s) => s.id),
  );
  const levelsByYear = new Map<number, Map<string, number>>();
  for (const y of new Set(rows.map((r) => Number(r.year)))) levelsByYear.set(y, await levelsOf(deps, title, y));
  const tooSoon: { kind: string; id: string; from: string }[] = [];
  for (const s of higher) {
    const earlier: LeveledRecognition[] = rows
      .filter((r) => r.subject_id === s.id)
      .map((r) => ({ level: levelsByYear.get(Number(r.year))?.get(s.id) ?? 1, decisionDate: r.signed_on }));
    const from = nextLevelOpensOn(now.get(s.id)!, earlier, rule);
    if (from !== null && signedOn < from) tooSoon.push({ kind: s.kind, id: s.id, from });
  }
  if (tooSoon.length > 0) throw new AppError('decision.next-level-too-soon', { subjects: tooSoon });
}
