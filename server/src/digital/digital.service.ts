import {
  answeredCount,
  responseProblems,
  scoreAttempt,
  startedAtProblem,
  type DigitalResponses,
} from '../../../shared/domain/digital-skills.ts';
import { retakeAllowed } from '../../../shared/domain/digital-retake.ts';
import { AppError } from '../../../shared/errors.ts';
import type { DigitalAttemptView, DigitalHistory, PutDigitalAttempt } from '../../../shared/schemas/digital-attempt.ts';
import type { DigitalBank } from '../../../shared/schemas/digital-bank.ts';
import { assessmentYearNow, type AssessmentDeps } from '../assessments/assessments.service.ts';
import { isActiveStaff } from '../staff/staff.repository.ts';
import type { DigitalAttemptTable } from '../db/schema.ts';
import { deleteDraftOf } from './digital-drafts.repository.ts';
import * as repo from './digital.repository.ts';
import { appendChange } from '../outbox/outbox.repository.ts';
import { findPersonById } from '../people/people.repository.ts';
import { attendedSince } from '../attendance/attendance.service.ts';
import type { Db } from '../db/database.ts';

/**
 * The digital-skills self-check at the box: the bank in use, a finished attempt scored here from
 * what the villager did (the tablet's own scoring is never trusted), the retake policy, and each
 * person's history. A scored attempt goes to the commune as DigitalCheckV1 (levels and flags only).
 */

/** The bank villagers take now (kiosk-config's `digital.bank`). */
export function currentBank(deps: Pick<AssessmentDeps, 'config'>): DigitalBank {
  const ref = deps.config.settings['digital.bank'];
  return deps.config.digitalBanks.find((b) => `${b.id}@${b.version}` === ref)!;
}

export function findBank(deps: Pick<AssessmentDeps, 'config'>, id: string, version: string): DigitalBank {
  const bank = deps.config.digitalBanks.find((b) => b.id === id && b.version === version);
  if (!bank) throw new AppError('digital.bank-unknown', { bankId: id, version });
  return bank;
}

/**
 * Responses must name items of the bank, each answered the way its kind is answered
 * (`digital.item-unknown`), and name only options, pictures, messages and form fields the item has
 * (`digital.answer-unknown`); at least one item must be answered (`digital.no-answers`): an empty
 * check is never scored, so it can never stand for her nor hold back her real one.
 */
export function checkResponses(bank: DigitalBank, responses: DigitalResponses): void {
  const problems = responseProblems(bank.items, responses);
  const misfit = problems
    .filter((p) => p.problem === 'item-unknown' || p.problem === 'wrong-kind')
    .map((p) => p.itemId);
  if (misfit.length > 0) throw new AppError('digital.item-unknown', { itemIds: misfit });
  if (problems.length > 0) throw new AppError('digital.answer-unknown', { itemIds: problems.map((p) => p.itemId) });
  if (answeredCount(responses) === 0) throw new AppError('digital.no-answers');
}

/**
 * A check's start (the tablet's clock, which it sets by the box's) must be possible by the box's
 * clock: at most `sync.clockSkewSeconds` ahead, the same allowance two clocks get for a signed sync
 * request; and no older than a paused check lives (`digital.draftDays`) plus the time the tablet's
 * outbox may take to deliver it (`villager.deliveryDays`).
 */
export function checkStartedAt(deps: Pick<AssessmentDeps, 'config' | 'now'>, startedAt: string): void {
  const s = deps.config.settings;
  const window = {
    futureSeconds: s['sync.clockSkewSeconds'],
    pastDays: s['digital.draftDays'] + s['villager.deliveryDays'],
  };
  const reason = startedAtProblem(startedAt, deps.now(), window);
  if (reason)
    throw new AppError('digital.started-at-invalid', {
      startedAt,
      reason,
      skewSeconds: window.futureSeconds,
      maxDays: window.pastDays,
    });
}

function toView(row: DigitalAttemptTable): DigitalAttemptView {
  const result = JSON.parse(row.result) as ReturnType<typeof scoreAttempt>;
  return {
    id: row.id,
    personId: row.person_id,
    year: row.year,
    bankId: row.bank_id,
    bankVersion: row.bank_version,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    overall: result.overall,
    domains: result.domains,
    practicalShare: result.practicalShare,
    hasDigitalSkills: result.hasDigitalSkills,
    proficient: result.proficient,
    toLearn: result.toLearn,
    assisted: row.assisted_by !== null,
  };
}

/**
 * Whether the person may start a new attempt now, by the bank's retake policy: after the waiting
 * time, or at once when they attended a class session that started after their last attempt.
 */
export async function retakeFor(deps: AssessmentDeps, db: Db, personId: string, last: DigitalAttemptTable | undefined) {
  const attended = last ? await attendedSince(db, personId, last.finished_at) : false;
  return retakeAllowed(
    currentBank(deps),
    last?.finished_at ?? null,
    deps.now().toISOString(),
    attended,
    deps.config.settings['year.timeZone'],
  );
}

/**
 * Stores and scores a finished attempt under the tablet's id. The same attempt again answers what
 * was stored; a new attempt before the retake policy allows is refused with the date it may.
 */
export async function putAttempt(
  deps: AssessmentDeps,
  id: string,
  input: PutDigitalAttempt,
): Promise<DigitalAttemptView> {
  const bank = findBank(deps, input.bankId, input.bankVersion);
  checkResponses(bank, input.responses);
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const existing = await repo.findAttempt(trx, id);
    if (existing) {
      if (existing.person_id !== input.personId || existing.responses !== JSON.stringify(input.responses))
        throw new AppError('digital.id-conflict');
      return toView(existing);
    }
    // After the resend check: an attempt the box already holds answers as it did, however long ago it began.
    checkStartedAt(deps, input.startedAt);
    if (!(await findPersonById(trx, input.personId))) throw new AppError('person.not-found');
    if (input.assistedBy && !(await isActiveStaff(trx, input.assistedBy)))
      throw new AppError('assessment.assistant-unknown');
    const last = await repo.latestAttemptOf(trx, input.personId);
    const retake = await retakeFor(deps, trx, input.personId, last);
    if (!retake.allowed) throw new AppError('digital.retake-too-soon', { nextDate: retake.nextDate });
    const result = scoreAttempt(bank, input.responses);
    const row: DigitalAttemptTable = {
      id,
      person_id: input.personId,
      year: assessmentYearNow(deps),
      bank_id: bank.id,
      bank_version: bank.version,
      started_at: input.startedAt,
      finished_at: at,
      responses: JSON.stringify(input.responses),
      result: JSON.stringify(result),
      has_digital: result.hasDigitalSkills ? 1 : 0,
      proficient: result.proficient ? 1 : 0,
      assisted_by: input.assistedBy ?? null,
    };
    await repo.insertAttempt(trx, row);
    // Her paused check (this one, or an older one) is done with: nothing of it is kept.
    await deleteDraftOf(trx, input.personId);
    const view = toView(row);
    await appendChange(
      trx,
      {
        type: 'DigitalCheckV1',
        id,
        revision: 1,
        personId: view.personId,
        year: view.year,
        bankId: view.bankId,
        bankVersion: view.bankVersion,
        finishedAt: view.finishedAt,
        overall: view.overall,
        domains: view.domains,
        hasDigitalSkills: view.hasDigitalSkills,
        proficient: view.proficient,
        assisted: view.assisted,
      },
      at,
    );
    return view;
  });
}

/** A person's attempts, newest first, and whether a new one may start now. */
export async function history(deps: AssessmentDeps, personId: string): Promise<DigitalHistory> {
  if (!(await findPersonById(deps.db, personId))) throw new AppError('person.not-found');
  const rows = await repo.attemptsOf(deps.db, personId);
  return { attempts: rows.map(toView), retake: await retakeFor(deps, deps.db, personId, rows[0]) };
}
