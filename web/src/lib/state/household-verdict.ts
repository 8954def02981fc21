import { previewVerdict, type ModelVerdict } from '../../../../shared/domain/collective-titles/verdict.ts';
import type { ModelCriteriaSet } from '../../../../shared/schemas/model-criteria-set.ts';
import type { HouseholdDraft } from '../../db/db.ts';

// What the household's screens say of its self-assessment's verdict: before sending (worked out on
// the tablet) and after (the box's), with items and criteria named as the set words them.

/**
 * The verdict before sending: the answers given with the computed items as the box worked them out
 * when the assessment was opened (counted as met while unknown, so "does not pass" is never wrong).
 */
export function householdPreview(
  draft: HouseholdDraft | null | undefined,
  set: ModelCriteriaSet | null,
): ModelVerdict | null {
  if (!draft || !set) return null;
  return previewVerdict(set, draft.answers, draft.start?.verdict?.items);
}

/** A criterion by its title, an item by its code and short title. */
export function householdItemName(set: ModelCriteriaSet | null, id: string): string {
  for (const c of set?.criteria ?? []) {
    if (c.id === id) return c.title;
    const item = c.items.find((i) => i.id === id);
    if (item) return `${item.id} ${item.short}`;
  }
  return id;
}
