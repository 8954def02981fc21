import { beforeEach } from 'vitest';
import type { DigitalResponse } from '../../shared/domain/digital-skills.ts';
import type { DigitalBank, DigitalItem } from '../../shared/schemas/digital-bank.ts';
import { respond } from '../fixtures/digital.ts';
import { freshBoxWithVillagerEachTest as freshBox, h, personId } from './villager-box.ts';

export { h, personId };
export let bank: DigitalBank;

/** Before each test a fresh box with one villager registered and its question bank read; closed after. */
export function freshBoxWithVillagerEachTest(): void {
  freshBox();
  beforeEach(async () => {
    bank = (await h.json('GET', '/api/digital/bank')).body as DigitalBank;
  });
}

export const attempt = (responses: Record<string, DigitalResponse>, extra: Record<string, unknown> = {}) => ({
  personId,
  bankId: bank.id,
  bankVersion: bank.version,
  startedAt: '2026-11-23T02:40:00.000Z',
  responses,
  ...extra,
});
/** One item answered: the least a check must have. */
export const oneAnswer = () => ({ [bank.items[0]!.id]: respond(bank.items[0]!, true) });
/** Everything a refused attempt must leave as it was. */
export const snapshot = async () => ({
  counts: await h.counts(),
  attempts: await h.db.selectFrom('digital_attempt').selectAll().orderBy('id').execute(),
  drafts: await h.db.selectFrom('digital_draft').selectAll().orderBy('person_id').execute(),
});

/**
 * Answers naming what the bank does not have, as the tester sent them: an option of each choice
 * item, a picture of each tap-icon task, a message of each pick-scam task, a field of each form, an
 * option of each choice field; and each self-rating answered as a choice.
 */
export function forgedAnswers(b: DigitalBank): [DigitalItem, DigitalResponse, string][] {
  const out: [DigitalItem, DigitalResponse, string][] = [];
  for (const item of b.items) {
    if (item.kind === 'self-rating') out.push([item, { kind: 'choice', optionId: 'a' }, 'digital.item-unknown']);
    if (item.kind === 'choice') out.push([item, { kind: 'choice', optionId: 'khong-co' }, 'digital.answer-unknown']);
    if (item.kind !== 'practical') continue;
    const t = item.task;
    if (t.type === 'tap-icon') out.push([item, { kind: 'tap-icon', iconId: 'khong-co' }, 'digital.answer-unknown']);
    if (t.type === 'pick-scam')
      out.push([item, { kind: 'pick-scam', messageId: 'khong-co' }, 'digital.answer-unknown']);
    if (t.type === 'fill-form') {
      out.push([
        item,
        { kind: 'fill-form', values: { ...t.expected, 'so-tai-khoan': '0123456789' } },
        'digital.answer-unknown',
      ]);
      for (const f of t.fields.filter((x) => x.kind === 'choice'))
        out.push([item, { kind: 'fill-form', values: { [f.id]: 'Không có' } }, 'digital.answer-unknown']);
    }
  }
  return out;
}
