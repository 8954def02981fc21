import type { Db } from '../../db/database.ts';
import * as repo from './hub.repository.ts';
import { forgetModelSubjects } from './model-facts.repository.ts';
import { idsNaming } from './ownership.ts';

/**
 * A person erased at their center leaves the four other titles' records the hub holds from that
 * center: every stored household and unit payload, current and past (hub_record and
 * hub_record_history), loses them from `memberPersonIds`, and a household they headed passes to the
 * next adult listed, as it does at the center. A household left with no adult goes, with its
 * assessments, appraisals, evidence records and projection rows; a past revision of a household
 * that had no other adult goes too, so no stored payload names the person.
 */
export async function forgetPersonInModels(trx: Db, origin: string, personId: string): Promise<void> {
  const gone = new Set<string>();
  /** The payload without the person; null for a household left with no adult. */
  const scrub = (kind: string, payload: string): string | null | undefined => {
    const m = JSON.parse(payload) as { memberPersonIds?: unknown; headPersonId?: unknown };
    const members = Array.isArray(m.memberPersonIds) ? (m.memberPersonIds as unknown[]) : [];
    if (!members.includes(personId) && m.headPersonId !== personId) return undefined;
    const left = members.filter((p) => p !== personId);
    if (kind === 'household') {
      if (left.length === 0) return null;
      return JSON.stringify({
        ...m,
        memberPersonIds: left,
        headPersonId: m.headPersonId === personId ? left[0] : m.headPersonId,
      });
    }
    return JSON.stringify({ ...m, memberPersonIds: left });
  };

  const { current, past } = await repo.recordsNaming(trx, ['household', 'unit'], origin, personId);
  for (const r of current) {
    const next = scrub(r.record_kind, r.payload);
    if (next === undefined) continue;
    if (next === null) gone.add(r.record_id);
    else await repo.rewriteRecord(trx, r.record_kind, r.record_id, next);
  }
  for (const r of past) {
    const next = scrub(r.record_kind, r.payload);
    if (next !== undefined) await repo.rewritePastRecord(trx, r.id, next);
  }
  if (gone.size > 0) await forgetHouseholds(trx, origin, [...gone]);
}

/** Households gone with their last adult: their records, their assessments and appraisals, and the projection's rows. */
async function forgetHouseholds(trx: Db, origin: string, ids: string[]): Promise<void> {
  const ofHouseholds = new Set(await idsNaming(trx, 'assessment', origin, 'subjectKind', ['household']));
  const assessments = (await idsNaming(trx, 'assessment', origin, 'subjectId', ids)).filter((id) =>
    ofHouseholds.has(id),
  );
  const photos = await idsNaming(trx, 'evidence', origin, 'assessmentId', assessments);
  await repo.deleteRecords(trx, 'household', ids);
  await repo.deleteRecords(trx, 'assessment', assessments);
  await repo.deleteRecords(trx, 'appraisal', assessments);
  await repo.deleteRecords(trx, 'evidence', photos);
  await forgetModelSubjects(trx, 'household', ids, assessments);
}
