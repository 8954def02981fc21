import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import {
  isModelCriteriaSetData,
  ModelCriteriaSetSchema,
  type ModelCriteriaSet,
} from '../../../shared/schemas/model-criteria-set.ts';
import { ConfigError, readJson, rel } from './config-error.ts';

/**
 * The criteria sets of the four other titles in kiosk-config/criteria/ (the files whose title is
 * gdht, dhht, cddht or dvht; the CDHT sets beside them are loaded by load.ts; criteria/model-sets.ts
 * picks among them). Read once at start: a broken set stops the start with a message naming the file
 * and the criterion or item.
 */
export function loadModelSets(criteriaDir: string): ModelCriteriaSet[] {
  const sets: ModelCriteriaSet[] = [];
  for (const file of readdirSync(criteriaDir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const path = join(criteriaDir, file);
    const data = readJson(path);
    if (!isModelCriteriaSetData(data)) continue;
    const result = v.safeParse(ModelCriteriaSetSchema, data);
    if (!result.success) {
      const issue = result.issues[0];
      throw new ConfigError(rel(path), v.getDotPath(issue) ?? '(set)', issue.message);
    }
    sets.push(result.output);
  }
  const refs = sets.map((s) => `${s.id}@${s.version}`);
  const twice = refs.find((r, n) => refs.indexOf(r) !== n);
  if (twice) throw new ConfigError(rel(criteriaDir), twice, 'two files hold the same set id and version');
  return sets;
}
