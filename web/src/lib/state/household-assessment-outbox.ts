import type { PutModelAssessment } from '../../../../shared/schemas/model-assessment.ts';
import type { ModelCriteriaSet, ModelItem } from '../../../../shared/schemas/model-criteria-set.ts';
import type { PersonView } from '../../../../shared/schemas/person.ts';
import type { HouseholdDraft, StoredPhoto } from '../../db/db.ts';
import type { OutboxItemInput } from '../sync/outbox.ts';

// What the household's self-assessment (household-assessment.svelte.ts) sends to the box: its body
// and the outbox items that carry it with its photos.

/** The title a household is assessed for: Gia đình học tập. */
export const TITLE = 'gdht';

/** One item of the set with the criterion it belongs to, in the order the set lists them. */
export interface HouseholdItem {
  item: ModelItem;
  criterionId: string;
  criterionTitle: string;
}

/** The self-assessment as the box takes it, with the answers given so far in the set's order. */
export function assessmentBody(
  d: HouseholdDraft | null,
  set: ModelCriteriaSet | null,
  items: HouseholdItem[],
  assistedBy: string | undefined,
  status: PutModelAssessment['status'],
): PutModelAssessment | null {
  if (!d?.view || !set) return null;
  return {
    title: TITLE,
    subjectId: d.view.id,
    criteriaSetId: set.id,
    criteriaSetVersion: set.version,
    status,
    answers: items.flatMap(({ item }) =>
      d.answers[item.id] === undefined ? [] : [{ itemId: item.id, value: d.answers[item.id]! }],
    ),
    ...(assistedBy ? { assistedBy } : {}),
  };
}

/**
 * The self-assessment and its photos as outbox items: a draft first when there are photos, since
 * they need the assessment at the box (as Assessment does for hers). Read when the items are
 * written, so a photo kept just before is among them.
 */
export function assessmentOutboxItems(
  person: PersonView | null,
  d: HouseholdDraft | null,
  draft: PutModelAssessment | null,
  submitted: PutModelAssessment | null,
  stored: StoredPhoto[],
  status: PutModelAssessment['status'],
): OutboxItemInput[] {
  if (!person || !d || !draft || !submitted) return [];
  const photos: OutboxItemInput[] = stored.map((p) => ({
    kind: 'photo',
    personId: person.id,
    recordId: p.id,
    assessmentId: d.assessmentId,
    indicatorId: p.indicatorId,
    blob: p.blob,
  }));
  const items: OutboxItemInput[] = [];
  if (photos.length > 0 || status === 'draft')
    items.push({ kind: 'model-assessment', personId: person.id, recordId: d.assessmentId, body: draft });
  items.push(...photos);
  if (status === 'submitted')
    items.push({ kind: 'model-assessment', personId: person.id, recordId: d.assessmentId, body: submitted });
  return items;
}
