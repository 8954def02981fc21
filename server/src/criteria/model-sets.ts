import * as v from 'valibot';
import { AppError } from '../../../shared/errors.ts';
import {
  ModelCriteriaSetSchema,
  type ModelCriteriaSet,
  type ModelTitle,
} from '../../../shared/schemas/model-criteria-set.ts';

/**
 * A set received from elsewhere (a province's upload, the feed): the same checks, refused with
 * `criteria.points-mismatch` when its points do not add up, else `criteria.invalid`, every problem
 * listed in the details.
 */
export function parseModelSet(data: unknown): ModelCriteriaSet {
  const shape = v.safeParse(ModelCriteriaSetSchema, data);
  if (shape.success) return shape.output;
  const set = (data as { id?: unknown } | null)?.id;
  // Cross-field problems carry their code in the message (modelSetProblems); a wrong shape is simply invalid.
  const problems = shape.issues.map((i) => `${v.getDotPath(i) ?? '(set)'}: ${i.message}`);
  const mismatch = shape.issues.some((i) => i.message.startsWith('[criteria.points-mismatch]'));
  throw new AppError(mismatch ? 'criteria.points-mismatch' : 'criteria.invalid', {
    set: typeof set === 'string' ? set : undefined,
    problems,
  });
}

/** The model sets this box knows, by id@version and by title. */
export class ModelSets {
  private readonly byRef: Map<string, ModelCriteriaSet>;

  constructor(readonly sets: readonly ModelCriteriaSet[]) {
    this.byRef = new Map(sets.map((s) => [`${s.id}@${s.version}`, s]));
  }

  /** The sets checked when the configuration was loaded (KioskConfig's modelSets, config/model-set-files.ts). */
  static of(config: { readonly modelSets: readonly ModelCriteriaSet[] }): ModelSets {
    return new ModelSets(config.modelSets);
  }

  /** The set an assessment names; unknown ones are refused with a stable code. */
  find(id: string, version: string): ModelCriteriaSet {
    const set = this.byRef.get(`${id}@${version}`);
    if (!set) throw new AppError('assessment.criteria-set-unknown', { criteriaSetId: id, version });
    return set;
  }

  /**
   * The set a title goes by until a per-year choice exists: an official set before a default one,
   * then the latest version (compared as numbers part by part: 2025.10 after 2025.9).
   */
  current(title: ModelTitle): ModelCriteriaSet {
    const candidates = this.sets.filter((s) => s.title === title);
    const best = candidates.sort((a, b) => rank(b) - rank(a) || compareVersions(b.version, a.version))[0];
    if (!best) throw new AppError('assessment.criteria-set-unknown', { criteriaSetId: title });
    return best;
  }
}

const rank = (s: ModelCriteriaSet) => (s.status === 'official' ? 1 : 0);

function compareVersions(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    const diff = /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : x.localeCompare(y);
    if (diff !== 0) return diff;
  }
  return 0;
}
