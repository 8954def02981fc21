/**
 * Where a Learning Citizen result stands, which decides the one wording its verdict panel uses:
 * self-assessed (tự đánh giá), appraised by the village branch (thẩm định), recognized by the commune.
 */
export type VerdictStage = 'self' | 'appraised' | 'recognized';

/** The stage of a villager's result for `year`: recognized once the commune's decision for that year came down. */
export function villagerStage(
  recognitions: readonly { title: string; year: number }[] | undefined,
  year: number | undefined,
): VerdictStage {
  return (recognitions ?? []).some((r) => r.title === 'cdht' && r.year === year) ? 'recognized' : 'self';
}
