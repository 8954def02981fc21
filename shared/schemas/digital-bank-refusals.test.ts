import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { DigitalBankSchema } from './digital-bank.ts';
import { shippedJson, type Bank, type Item, changeItem, isTask, idOf } from './digital-bank.test-setup.ts';

describe('DigitalBankSchema refuses a broken bank, naming the item or key', () => {
  const choiceId = idOf((i) => i.kind === 'choice');
  const scamId = idOf(isTask('pick-scam'));
  const tapId = idOf(isTask('tap-icon'));
  const phoneId = idOf(isTask('type-phone'));
  const amountId = idOf(isTask('find-amount'));
  const formId = idOf(isTask('fill-form'));

  it.each<[string, (b: Bank) => unknown, string]>([
    [
      'two items with one id',
      (b) => {
        b.items[1] = { ...b.items[1]!, id: 'DS01' };
        return b;
      },
      'item DS01: id is used by more than one item',
    ],
    [
      'a right answer that is not an option',
      (b) =>
        changeItem(
          b,
          (i) => i.kind === 'choice',
          (i) => ({ ...i, correct: 'z' }),
        ),
      `item ${choiceId}: correct must be one of its options`,
    ],
    [
      'a choice with one option',
      (b) =>
        changeItem(
          b,
          (i) => i.kind === 'choice',
          (i) => (i.kind === 'choice' ? { ...i, options: i.options.slice(0, 1), correct: i.options[0]!.id } : i),
        ),
      `item ${choiceId}: needs 2 to 4 options, has 1`,
    ],
    [
      'an unknown domain',
      (b) =>
        changeItem(
          b,
          () => true,
          (i) => ({ ...i, domain: 'money' as 'data' }),
        ),
      'item DS01: domain "money" must be one of',
    ],
    [
      'an unknown household skill',
      (b) =>
        changeItem(
          b,
          () => true,
          (i) => ({ ...i, skills: ['farming' as 'shopping'] }),
        ),
      'item DS01: skill "farming" must be one of',
    ],
    [
      'a pick-scam with 2 messages',
      (b) =>
        changeItem(b, isTask('pick-scam'), (i) => {
          if (i.kind !== 'practical' || i.task.type !== 'pick-scam') return i;
          const { messages, scam } = i.task;
          return {
            ...i,
            task: { ...i.task, messages: [messages.find((m) => m.id === scam)!, messages.find((m) => m.id !== scam)!] },
          };
        }),
      `item ${scamId}: pick-scam needs exactly 3 messages, has 2`,
    ],
    [
      'a scam that is not among the messages',
      (b) =>
        changeItem(b, isTask('pick-scam'), (i) =>
          i.kind === 'practical' && i.task.type === 'pick-scam' ? { ...i, task: { ...i.task, scam: 'zzz' } } : i,
        ),
      `item ${scamId}: scam must be one of its messages`,
    ],
    [
      'a tap-icon whose right icon is missing',
      (b) =>
        changeItem(b, isTask('tap-icon'), (i) =>
          i.kind === 'practical' && i.task.type === 'tap-icon' ? { ...i, task: { ...i.task, correct: 'zzz' } } : i,
        ),
      `item ${tapId}: correct must be one of its icons`,
    ],
    [
      'a phone number not shown to the person',
      (b) =>
        changeItem(b, isTask('type-phone'), (i) =>
          i.kind === 'practical' && i.task.type === 'type-phone'
            ? { ...i, task: { ...i.task, expected: '0999999999' } }
            : i,
        ),
      `item ${phoneId}: the number 0999999999 must be shown`,
    ],
    [
      'a landline instead of a mobile number',
      (b) =>
        changeItem(b, isTask('type-phone'), (i) =>
          i.kind === 'practical' && i.task.type === 'type-phone'
            ? { ...i, task: { ...i.task, expected: '0243123456' } }
            : i,
        ),
      'task.expected: must be a Vietnamese mobile number',
    ],
    [
      'an amount not on the receipt',
      (b) =>
        changeItem(b, isTask('find-amount'), (i) =>
          i.kind === 'practical' && i.task.type === 'find-amount' ? { ...i, task: { ...i.task, amount: 1 } } : i,
        ),
      `item ${amountId}: amount 1 must be shown on a line of the receipt`,
    ],
    [
      "a form answer outside the choice field's options",
      (b) =>
        changeItem(b, isTask('fill-form'), (i) => {
          if (i.kind !== 'practical' || i.task.type !== 'fill-form') return i;
          const field = i.task.fields.find((f) => f.kind === 'choice')!;
          return { ...i, task: { ...i.task, expected: { ...i.task.expected, [field.id]: 'Không có' } } };
        }),
      `item ${formId}: expected answer of field`,
    ],
    [
      'a form answer for a field the form lacks',
      (b) =>
        changeItem(b, isTask('fill-form'), (i) =>
          i.kind === 'practical' && i.task.type === 'fill-form'
            ? { ...i, task: { ...i.task, expected: { ...i.task.expected, 'ghi-chu': 'x' } } }
            : i,
        ),
      `item ${formId}: expected names field ghi-chu`,
    ],
    [
      'a weight of 0',
      (b) =>
        changeItem(
          b,
          () => true,
          (i) => ({ ...i, weight: 0 }),
        ),
      'items.0.weight: must be positive',
    ],
    [
      'an unknown kind of item',
      (b) =>
        changeItem(
          b,
          () => true,
          (i) => ({ ...i, kind: 'essay' }) as unknown as Item,
        ),
      'items.0.kind',
    ],
    [
      'basic at proficient',
      (b) => ({ ...b, levels: { basic: 0.8, proficient: 0.8 } }),
      'levels: basic (0.8) must be below proficient (0.8)',
    ],
    [
      'basic above proficient',
      (b) => ({ ...b, levels: { basic: 0.9, proficient: 0.5 } }),
      'levels: basic (0.9) must be below proficient (0.5)',
    ],
    [
      'a threshold above 1',
      (b) => ({ ...b, levels: { basic: 0.5, proficient: 80 } }),
      'levels.proficient: must be from 0 to 1',
    ],
    [
      'a domain left out',
      (b) => ({ ...b, domains: b.domains.slice(0, 5) }),
      'domains must be exactly data, communication, content, safety, problem-solving, ai',
    ],
    [
      'a domain that is not national',
      (b) => ({
        ...b,
        domains: [...b.domains.slice(0, 5), { id: 'farming', title: 'Nông nghiệp', description: 'Trồng trọt' }],
      }),
      'domains.5.id',
    ],
    [
      'a domain with 3 items',
      (b) => ({
        ...b,
        items: [...b.items.filter((i) => i.domain !== 'ai'), ...b.items.filter((i) => i.domain === 'ai').slice(0, 3)],
      }),
      'domain ai has 3 items: needs at least 4',
    ],
    [
      'a household skill on one item',
      (b) => {
        let kept = 0;
        return {
          ...b,
          items: b.items.map((i) =>
            i.skills?.includes('shopping') && kept++ > 0
              ? { ...i, skills: i.skills.filter((s) => s !== 'shopping') }
              : i,
          ),
        };
      },
      'household skill shopping is on 1 items: needs at least 2',
    ],
    [
      'no find-amount task',
      (b) => ({ ...b, items: b.items.filter((i) => !isTask('find-amount')(i)) }),
      'items: no practical item of type find-amount',
    ],
    ['fewer than 40 items', (b) => ({ ...b, items: b.items.slice(0, 39) }), 'items: a bank needs at least 40 items'],
    [
      'four rating steps',
      (b) => ({ ...b, ratingSteps: b.ratingSteps.slice(0, 4) }),
      'ratingSteps must have exactly 5 steps, has 4',
    ],
    [
      'a default bank without its notice',
      (b) => {
        const { notice: _notice, ...rest } = b;
        return rest;
      },
      'notice: a default bank must say',
    ],
    [
      'too many domains at basic asked for',
      (b) => ({ ...b, flags: { ...b.flags, hasDigitalSkills: { minOverall: 'co-ban', minDomainsAtBasic: 7 } } }),
      'flags.hasDigitalSkills.minDomainsAtBasic: must be from 0 to 6',
    ],
    ['an id that is not kebab-case', (b) => ({ ...b, id: 'Digital 2025' }), 'id: must be kebab-case'],
    ['an unknown field', (b) => ({ ...b, colour: 'red' }), 'colour'],
  ])('%s', (_name, change, problem) => {
    const r = v.safeParse(DigitalBankSchema, change(structuredClone(shippedJson) as Bank));
    expect(r.success).toBe(false);
    const messages = (r.issues ?? []).map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`);
    expect(messages.join(' | ')).toContain(problem);
  });
});
