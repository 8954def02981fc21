import { recordKindOf, type ChangeMessage } from '../../../../shared/sync/messages.ts';
import type { Db } from '../../db/database.ts';
import type { HubRecordTable } from '../../db/schema.ts';
import { forgetPerson, projectChanges } from './facts.ts';
import { forgetPersonInModels } from './model-erasure.ts';
import * as repo from './hub.repository.ts';
import { foreignRecord, idsNaming, keyOf, referencesOf } from './ownership.ts';
import { forgetPersonInHistory } from './history-erasure.repository.ts';

/** A change that matched its type's schema, and its payload as the node sent it. */
export interface Checked {
  m: ChangeMessage;
  payload: string;
}

/**
 * A run of upserts from one node, in outbox order: the records they name are looked up at once,
 * each change is checked against the revision before it (stored, or earlier in the run), and
 * those that apply are written together. Answers how many applied.
 */
export async function applyChanges(
  trx: Db,
  origin: string,
  changes: Checked[],
  at: string,
  refused: string[],
): Promise<number> {
  if (changes.length === 0) return 0;
  const messages = changes.map((c) => c.m);
  const key = keyOf;
  // The records the changes name are looked up with the records themselves: their owners are checked below.
  const held = await repo.findRecords(
    trx,
    messages.flatMap((m) => [{ kind: recordKindOf[m.type], id: m.id }, ...referencesOf(m)]),
  );
  const current = new Map<string, { origin: string; revision: number }>();
  for (const r of held) current.set(key(r.record_kind, r.record_id), r);
  const history: HubRecordTable[] = [];
  const latest = new Map<string, HubRecordTable>();
  const changed: ChangeMessage[] = [];
  for (const { m, payload } of changes) {
    const kind = recordKindOf[m.type];
    const k = key(kind, m.id);
    const foreign = foreignRecord(origin, m, (k) => current.get(k)?.origin);
    if (foreign) {
      refused.push(foreign);
      continue;
    }
    const before = current.get(k);
    if (before && before.revision >= m.revision) continue;
    const row: HubRecordTable = {
      record_kind: kind,
      record_id: m.id,
      origin,
      revision: m.revision,
      message_type: m.type,
      payload,
      received_at: at,
    };
    current.set(k, row);
    latest.set(k, row);
    history.push(row);
    changed.push(m);
  }
  await repo.putRecords(trx, [...latest.values()], history);
  await projectChanges(trx, origin, changed, at);
  return history.length;
}

/**
 * A person erased at the center: everything the hub holds of them from that center goes too,
 * history included, and no household or unit of it names them. Only the center that sent the
 * person may erase her: from any other, answers the refused record ('person/<id>') and changes nothing.
 */
export async function erase(trx: Db, origin: string, personId: string): Promise<string | null> {
  const [person] = await repo.findRecords(trx, [{ kind: 'person', id: personId }]);
  if (person && person.origin !== origin) return `person/${personId}`;
  const theirs = await idsNaming(trx, 'assessment', origin, 'subjectId', [personId]);
  const photos = await idsNaming(trx, 'evidence', origin, 'assessmentId', theirs);
  await repo.deleteRecords(trx, 'person', [personId]);
  await repo.deleteRecords(trx, 'assessment', theirs);
  await repo.deleteRecords(trx, 'appraisal', theirs);
  await repo.deleteRecords(trx, 'evidence', photos);
  const checks = await idsNaming(trx, 'digital-check', origin, 'personId', [personId]);
  await repo.deleteRecords(trx, 'digital-check', checks);
  // Households and units stop naming them; a household left with no adult goes.
  await forgetPersonInModels(trx, origin, personId);
  await forgetPerson(trx, origin, personId, checks);
  // The past recognitions imported and matched with her lose her name and the link to her.
  await forgetPersonInHistory(trx, personId);
  return null;
}
