import type { ModelShortfall, ModelVerdict } from '../../../shared/domain/collective-titles/verdict.ts';
import type { ModelCriteriaSet } from '../../../shared/schemas/model-criteria-set.ts';
import { viStaff as t } from '../lib/i18n/vi-staff.ts';
import { fill } from '../../../shared/i18n/vi.ts';

/** The words of a household's, clan's, village's or unit's verdict on the staff screens. */

const itemName = (set: ModelCriteriaSet, itemId: string) =>
  set.criteria.flatMap((c) => c.items).find((i) => i.id === itemId)?.short ?? itemId;
const criterionName = (set: ModelCriteriaSet, criterionId: string) =>
  set.criteria.find((c) => c.id === criterionId)?.title ?? criterionId;

/** One reason the subject is not (yet) recognized, naming the item or criterion as the set words it. */
export function modelShortfallText(set: ModelCriteriaSet, s: ModelShortfall): string {
  const text = t.model.shortfalls[s.kind];
  switch (s.kind) {
    case 'item-unanswered':
    case 'condition-not-met':
      return fill(text, { item: itemName(set, s.itemId) });
    case 'target-not-met':
      return fill(text, { item: itemName(set, s.itemId), level: s.level });
    case 'criterion-below-min':
      return fill(text, { criterion: criterionName(set, s.criterionId), points: s.points, min: s.min });
    case 'total-below-pass':
      return fill(text, { total: s.total, pass: s.pass, needed: s.needed });
  }
}

/** "Tổng điểm: 83 / 100 · Xếp loại: Khá", or the level reached. */
export function modelVerdictSummary(v: ModelVerdict): string {
  if (v.kind === 'points')
    return `${fill(t.model.total, { total: v.total ?? 0, max: v.maxTotal ?? 0 })} · ${v.band ? fill(t.model.band, { band: v.band.label }) : t.model.noBand}`;
  return v.level && v.levelLabel ? fill(t.model.levelReached, { label: v.levelLabel }) : t.model.noLevel;
}
