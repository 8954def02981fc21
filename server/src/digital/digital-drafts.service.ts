import { AppError } from '../../../shared/errors.ts';
import type { DigitalDraftAnswer, DigitalDraftView, PutDigitalDraft } from '../../../shared/schemas/digital-attempt.ts';
import type { AssessmentDeps } from '../assessments/assessments.service.ts';
import type { DigitalDraftTable } from '../db/schema.ts';
import { findPersonById } from '../people/people.repository.ts';
import { checkResponses, checkStartedAt, currentBank, findBank, retakeFor } from './digital.service.ts';
import * as repo from './digital-drafts.repository.ts';
import { repeat } from '../jobs/repeat.ts';

/**
 * A digital-skills self-check paused part-way is kept here, never on the shared tablet (issue 21):
 * the tablet sends her answers so far when she pauses (through its outbox, under her villager
 * token) and forgets them; she takes it up again on any tablet after her code and birth year. One
 * per person. It goes when she finishes the check (digital.service's putAttempt), when she is
 * erased, and `digital.draftDays` after the check began: a draft never outlives that, however
 * often it is paused again, so her answers are not kept for longer than the center says.
 */

type DraftDeps = Pick<AssessmentDeps, 'db' | 'config' | 'now'>;

const DAY_MS = 86_400_000;

function expiresAt(deps: DraftDeps, startedAt: string): string {
  return new Date(Date.parse(startedAt) + deps.config.settings['digital.draftDays'] * DAY_MS).toISOString();
}

function expired(deps: DraftDeps, startedAt: string): boolean {
  return Date.parse(expiresAt(deps, startedAt)) <= deps.now().getTime();
}

function toView(deps: DraftDeps, row: DigitalDraftTable): DigitalDraftView {
  return {
    attemptId: row.attempt_id,
    bankId: row.bank_id,
    bankVersion: row.bank_version,
    startedAt: row.started_at,
    index: row.item_index,
    responses: JSON.parse(row.responses) as DigitalDraftView['responses'],
    savedAt: row.saved_at,
    expiresAt: expiresAt(deps, row.started_at),
  };
}

/**
 * Keeps her paused check, checked as a finished one is (the bank, every answer, at least one, the
 * start by the box's clock, the retake policy). Answers what is kept, or null when it is not kept
 * and need not be sent again: it has run out, or she has already finished this check (or one begun
 * after it) and a late copy must not bring it back.
 */
export async function saveDraft(
  deps: AssessmentDeps,
  personId: string,
  input: PutDigitalDraft,
): Promise<DigitalDraftAnswer> {
  const bank = findBank(deps, input.bankId, input.bankVersion);
  checkResponses(bank, input.responses);
  if (input.index >= bank.items.length) {
    throw new AppError('request.invalid', {
      issues: [{ path: 'index', message: `must be below ${bank.items.length}, the bank's number of items` }],
    });
  }
  checkStartedAt(deps, input.startedAt);
  const startedAt = new Date(input.startedAt).toISOString();
  if (expired(deps, startedAt)) return { draft: null };
  return deps.db.transaction().execute(async (trx) => {
    if (!(await findPersonById(trx, personId))) throw new AppError('person.not-found');
    const { last, finished } = await repo.finishedChecks(trx, personId, input.attemptId);
    if (finished || (last && Date.parse(last.finished_at) >= Date.parse(startedAt))) return { draft: null };
    const retake = await retakeFor(deps, trx, personId, last);
    if (!retake.allowed) throw new AppError('digital.retake-too-soon', { nextDate: retake.nextDate });
    const row: DigitalDraftTable = {
      person_id: personId,
      attempt_id: input.attemptId,
      bank_id: bank.id,
      bank_version: bank.version,
      started_at: startedAt,
      item_index: input.index,
      responses: JSON.stringify(input.responses),
      saved_at: deps.now().toISOString(),
    };
    await repo.putDraft(trx, row);
    return { draft: toView(deps, row) };
  });
}

/**
 * Her paused check to take up again, or null. One that has run out is deleted here (the periodic
 * purge may not have come by yet), and so is one on a bank the box no longer gives the tablets:
 * its items would not be the ones she sees.
 */
export async function draftOf(deps: AssessmentDeps, personId: string): Promise<DigitalDraftAnswer> {
  if (!(await findPersonById(deps.db, personId))) throw new AppError('person.not-found');
  const row = await repo.findDraftOf(deps.db, personId);
  if (!row) return { draft: null };
  const bank = currentBank(deps);
  if (expired(deps, row.started_at) || row.bank_id !== bank.id || row.bank_version !== bank.version) {
    await repo.deleteDraftOf(deps.db, personId);
    return { draft: null };
  }
  return { draft: toView(deps, row) };
}

/** Her paused check as part of what the box holds about her (seeing her data), or null. */
export async function draftForExport(deps: DraftDeps, personId: string): Promise<DigitalDraftView | null> {
  const row = await repo.findDraftOf(deps.db, personId);
  return row && !expired(deps, row.started_at) ? toView(deps, row) : null;
}

/** Deletes every paused check that has run out; answers how many. */
export function purgeExpiredDrafts(deps: DraftDeps): Promise<number> {
  // At or before, as `expired` reads it: a draft whose end is now has gone.
  return repo.deleteDraftsStartedBy(
    deps.db,
    new Date(deps.now().getTime() - deps.config.settings['digital.draftDays'] * DAY_MS).toISOString(),
  );
}

export interface PurgeOptions {
  /** Before the first round (default 1 minute after start) and between rounds (default 1 hour). */
  firstMs?: number;
  everyMs?: number;
  /** Told after each round how many were deleted (tests). */
  onPurged?: (count: number) => void;
  log?: (line: string) => void;
}

/**
 * The periodic purge, set off by main.ts like the nightly backup: soon after start, then every
 * hour, so a draft goes within the hour it runs out even when no one asks for it (one indexed
 * delete; a box switched off purges when it is on again).
 */
export function scheduleDraftPurge(deps: DraftDeps, options: PurgeOptions = {}): { stop: () => void } {
  const log = options.log ?? ((line: string) => console.log(line));
  const round = async () => {
    const count = await purgeExpiredDrafts(deps);
    if (count > 0) log(`Đã xóa ${count} bài kiểm tra kỹ năng số tạm dừng đã quá hạn.`);
    options.onPurged?.(count);
  };
  return repeat(round, {
    firstMs: options.firstMs ?? 60_000,
    everyMs: options.everyMs ?? 60 * 60_000,
    onError: (e) => log(`Không xóa được bài kiểm tra kỹ năng số tạm dừng đã quá hạn: ${String(e)}`),
  });
}
