/**
 * A person erased at her center leaves no trace of her among the imported past recognitions
 * (hub/history/) either, as push-apply.ts erase() removes her other records: a row matched with her
 * is anonymised (her name and birth year go, the link to her too; the village, year and paper
 * decision stay, so the year's count of recognitions keeps her as the anonymous tally does at the
 * center, and the same file imported again finds the row held and adds nothing); a close match
 * offered with her goes back to waiting; an officer's rejection of her is forgotten.
 */
import type { Db } from '../../db/database.ts';

export async function forgetPersonInHistory(trx: Db, personId: string): Promise<void> {
  await trx
    .updateTable('hub_history_row')
    .set({ name: '', birth_year: null, subject_id: null, candidate_id: null, rejected: '[]' })
    .where('kind', '=', 'person')
    .where('subject_id', '=', personId)
    .execute();
  await trx
    .updateTable('hub_history_row')
    .set({ status: 'pending', candidate_id: null })
    .where('kind', '=', 'person')
    .where('candidate_id', '=', personId)
    .execute();
  const naming = await trx
    .selectFrom('hub_history_row')
    .select(['id', 'rejected'])
    .where('kind', '=', 'person')
    .where('rejected', 'like', `%"${personId}"%`)
    .execute();
  for (const r of naming) {
    const rest = (JSON.parse(r.rejected) as string[]).filter((id) => id !== personId);
    await trx
      .updateTable('hub_history_row')
      .set({ rejected: JSON.stringify(rest) })
      .where('id', '=', r.id)
      .execute();
  }
}
