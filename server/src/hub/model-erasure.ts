import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import * as repo from './hub.repository.ts';

type Trx = Transaction<Database>;

/**
 * A person erased at their center leaves the four other titles' records the hub holds from that
 * center: every stored household and unit payload, current and past (hub_record and
 * hub_record_history), loses them from `memberPersonIds`, and a household they headed passes to the
 * next adult listed, as it does at the center. A household left with no adult goes, with its
 * assessments, appraisals, evidence records and projection rows; a past revision of a household
 * that had no other adult goes too, so no stored payload names the person.
 */
export async function forgetPersonInModels(trx: Trx, origin: string, personId: string): Promise<void> {
  const gone = new Set<string>();
  /** The payload without the person; null for a household left with no adult. */
  const scrub = (kind: string, payload: string): string | null | undefined => {
    const m = JSON.parse(payload) as { memberPersonIds?: unknown; headPersonId?: unknown };
    const members = Array.isArray(m.memberPersonIds) ? (m.memberPersonIds as unknown[]) : [];
    if (!members.includes(personId) && m.headPersonId !== personId) return undefined;
    const left = members.filter((p) => p !== personId);
    if (kind === 'household') {
      if (left.length === 0) return null;
      return JSON.stringify({ ...m, memberPersonIds: left, headPersonId: m.headPersonId === personId ? left[0] : m.headPersonId });
    }
    return JSON.stringify({ ...m, memberPersonIds: left });
  };

  // Ids are UUIDs: a payload that does not contain the id as text cannot name the person.
  const current = await trx.selectFrom('hub_record').select(['record_kind', 'record_id', 'payload'])
    .where('record_kind', 'in', ['household', 'unit']).where('origin', '=', origin).where('payload', 'like', `%${personId}%`).execute();
  for (const r of current) {
    const next = scrub(r.record_kind, r.payload);
    if (next === undefined) continue;
    if (next === null) gone.add(r.record_id);
    else await trx.updateTable('hub_record').set({ payload: next }).where('record_kind', '=', r.record_kind).where('record_id', '=', r.record_id).execute();
  }
  const past = await trx.selectFrom('hub_record_history').select(['id', 'record_kind', 'payload'])
    .where('record_kind', 'in', ['household', 'unit']).where('origin', '=', origin).where('payload', 'like', `%${personId}%`).execute();
  for (const r of past) {
    const next = scrub(r.record_kind, r.payload);
    if (next === undefined) continue;
    if (next === null) await trx.deleteFrom('hub_record_history').where('id', '=', r.id).execute();
    else await trx.updateTable('hub_record_history').set({ payload: next }).where('id', '=', r.id).execute();
  }
  if (gone.size > 0) await forgetHouseholds(trx, origin, [...gone]);
}

/** Households gone with their last adult: their records, their assessments and appraisals, and the projection's rows. */
async function forgetHouseholds(trx: Trx, origin: string, ids: string[]): Promise<void> {
  const held = await trx.selectFrom('hub_record').select(['record_id', 'payload']).where('record_kind', '=', 'assessment').where('origin', '=', origin).execute();
  const assessments = held.filter((a) => {
    const m = JSON.parse(a.payload) as { subjectKind?: string; subjectId?: string };
    return m.subjectKind === 'household' && ids.includes(m.subjectId ?? '');
  }).map((a) => a.record_id);
  const evidence = await trx.selectFrom('hub_record').select(['record_id', 'payload']).where('record_kind', '=', 'evidence').where('origin', '=', origin).execute();
  const photos = evidence.filter((e) => assessments.includes((JSON.parse(e.payload) as { assessmentId?: string }).assessmentId ?? '')).map((e) => e.record_id);
  await repo.deleteRecords(trx, 'household', ids);
  await repo.deleteRecords(trx, 'assessment', assessments);
  await repo.deleteRecords(trx, 'appraisal', assessments);
  await repo.deleteRecords(trx, 'evidence', photos);
  await trx.deleteFrom('hub_model_subject').where('kind', '=', 'household').where('id', 'in', ids).execute();
  if (assessments.length > 0) {
    await trx.deleteFrom('hub_model_assessment').where('assessment_id', 'in', assessments).execute();
    await trx.deleteFrom('hub_model_appraisal').where('assessment_id', 'in', assessments).execute();
  }
}
