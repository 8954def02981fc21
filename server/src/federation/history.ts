import { audit } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import * as outbox from '../outbox/outbox.repository.ts';
import { newEpoch, raisedRelay, RELAY_KEYS, REVISION_STEP, REVISION_TABLES } from '../outbox/restore-mark.ts';
import { clearState, readState, writeState } from '../sync/sync-state.repository.ts';
import { markEvidenceUnsent, raiseTableRevisions, stateLike } from './federation.repository.ts';

/**
 * A center's history as its hub sees it (issue 21). The outbox numbers (`seq`) and the record
 * revisions a box hands out are the hub's only way to tell new from already received: the hub
 * skips a change numbered at or below what it acknowledged, and a revision at or below the one it
 * holds. A box restored from a backup hands them out again from where the backup stood, below what
 * the dead box already sent. So a restore starts a new history (`epoch`) and raises every revision
 * counter well above anything the dead box can have reached; when the center and its hub agree on
 * the new history, what the center made after the restore is re-stamped after the hub's position
 * (federation.service.ts). Here: how the center settles on the position its hub states; the outbox
 * module renumbers (outbox.repository.ts) and marks a restored file (outbox/restore-mark.ts).
 */

/**
 * Raises every revision counter of the box by REVISION_STEP: the records' own, the outbox's (which
 * counts clans and units), and the relayed aggregates'. The next edit of a record then beats any
 * revision the dead box sent of it. Through negative numbers for the outbox (unique by record and
 * revision). For a database found copied back by hand; restoreBackup does the same on the file.
 */
export async function raiseRevisions(trx: Db): Promise<void> {
  await raiseTableRevisions(trx, REVISION_TABLES, REVISION_STEP);
  await outbox.raiseRevisions(trx, REVISION_STEP);
  for (const r of await stateLike(trx, RELAY_KEYS)) await writeState(trx, { [r.key]: raisedRelay(r.value) });
}

/**
 * Sets the center's cursor to `hubSeq`, how far the hub holds its changes, in one transaction with
 * what that position means:
 * - after a restore (`agreed`: the hub has just adopted this box's new epoch; `restoredSeq` marked):
 *   when the hub holds more than the backup did, the difference went with the dead box and is
 *   counted lost (sync_state `lostChanges`, the audit log), and what the box made after the
 *   restore is re-stamped to follow the hub's position;
 * - a database copied back by hand (no mark, but the hub holds changes numbered beyond any this
 *   box made): every revision is raised, and it becomes a restore that must first be agreed with
 *   the hub under a new epoch (answers 'copied-back'); what it holds after its cursor is then sent
 *   again (which of it the hub already has cannot be told; each is applied once) and at least the
 *   changes numbered beyond it are counted lost;
 * - the hub holds less than it acknowledged (restored from an older backup): everything after its
 *   position goes again, photos too (the hub answers which files it lacks);
 * - an acknowledgement that was lost: the cursor simply moves on.
 */
export async function settle(
  trx: Db,
  hubSeq: number,
  at: string,
  agreed: string | null,
): Promise<'settled' | 'copied-back'> {
  const s = await readState(trx);
  const cursor = Number(s.cursor ?? 0);
  const held = await outbox.highestSeq(trx);
  let after = agreed && s.restoredSeq !== undefined ? Number(s.restoredSeq) : null;
  let base = agreed && s.restoredHeld !== undefined ? Number(s.restoredHeld) : after;
  if (after === null && hubSeq > held) {
    await raiseRevisions(trx);
    if (!agreed) {
      await writeState(trx, { epoch: newEpoch(), restoredSeq: String(cursor), restoredHeld: String(held) });
      return 'copied-back';
    }
    after = cursor;
    base = held;
  }
  const values: Record<string, string> = { cursor: String(hubSeq) };
  if (after !== null && base !== null && hubSeq > base) {
    await outbox.restamp(trx, after, hubSeq);
    const lost = hubSeq - base;
    values.lostChanges = String(Number(s.lostChanges ?? 0) + lost);
    await audit(
      trx,
      null,
      {
        action: 'sync.history-lost',
        subjectKind: 'hub',
        ...(s.nodeId ? { subjectId: s.nodeId } : {}),
        details: { lost, hubSeq, restoredSeq: base },
      },
      at,
    );
  } else if (hubSeq < cursor) {
    await markEvidenceUnsent(trx);
  }
  if (agreed) {
    values.hubEpoch = agreed;
    await clearState(trx, ['restoredSeq', 'restoredHeld', 'historyError']);
  }
  await writeState(trx, values);
  return 'settled';
}
