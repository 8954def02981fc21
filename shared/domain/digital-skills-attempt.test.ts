import { describe, expect, it } from 'vitest';
import {
  digitalDomainIds,
  householdSkillIds,
  type DigitalDomainId,
  type DigitalItem,
} from '../schemas/digital-bank.ts';
import { retakeAllowed } from './digital-retake.ts';
import { scoreAttempt, type DigitalResponse, type DigitalResponses, type ScoringRules } from './digital-skills.ts';

/** Scoring a whole attempt (shares, levels, the two flags, what to learn) and when a retake is allowed. */

// Each domain has a self-rating and a 4-field form, so a domain's share is (step + fields right) / 8,
// the overall share is their sum / 48 and the practical share is the fields right / 24.
const fields = ['f1', 'f2', 'f3', 'f4'];
const tags: Partial<Record<string, DigitalItem['skills']>> = {
  'data-self': ['public-services'],
  'data-do': ['public-services', 'payment'],
  'safety-self': ['self-protection'],
};
const rules: ScoringRules = {
  domains: digitalDomainIds.map((id) => ({ id, title: id, description: id })),
  householdSkills: householdSkillIds.map((id) => ({ id, title: id, description: id })),
  levels: { basic: 0.5, proficient: 0.75 },
  flags: {
    hasDigitalSkills: { minOverall: 'co-ban', minDomainsAtBasic: 4 },
    proficient: { minOverall: 'thanh-thao', minPracticalShare: 0.75 },
    ruleText: 'Quy tắc',
  },
  items: digitalDomainIds.flatMap((domain): DigitalItem[] => [
    {
      id: `${domain}-self`,
      domain,
      skills: tags[`${domain}-self`] ?? [],
      prompt: 'Tự đánh giá',
      weight: 1,
      kind: 'self-rating',
    },
    {
      id: `${domain}-do`,
      domain,
      skills: tags[`${domain}-do`] ?? [],
      prompt: 'Điền phiếu',
      weight: 1,
      kind: 'practical',
      task: {
        type: 'fill-form',
        fields: fields.map((id) => ({ id, label: id, kind: 'text' as const })),
        expected: Object.fromEntries(fields.map((id) => [id, 'đúng'])),
      },
    },
  ]),
};
type Spec = ([step: 0 | 1 | 2 | 3 | 4, fieldsRight: number] | null)[];
/** Responses from [self-rating step, form fields right] per domain, in domain order; null or missing domains are unanswered. */
function answers(spec: Spec): DigitalResponses {
  const responses: Record<string, DigitalResponse> = {};
  spec.forEach((answer, i) => {
    const domain = digitalDomainIds[i]!;
    if (answer === null) return;
    const [step, right] = answer;
    responses[`${domain}-self`] = { kind: 'self-rating', step };
    responses[`${domain}-do`] = {
      kind: 'fill-form',
      values: Object.fromEntries(fields.map((id, n) => [id, n < right ? 'đúng' : 'sai'])),
    };
  });
  return responses;
}
const same = (step: 0 | 1 | 2 | 3 | 4, right: number, n = 6): Spec =>
  Array.from({ length: n }, () => [step, right] as const);

describe('scoreAttempt', () => {
  it.each<
    [string, Spec, { overall: number; practical: number; has: boolean; pro: boolean; toLearn: DigitalDomainId[] }]
  >([
    ['full marks', same(4, 4), { overall: 1, practical: 1, has: true, pro: true, toLearn: [] }],
    [
      'nothing answered: weakest three by domain order',
      [],
      { overall: 0, practical: 0, has: false, pro: false, toLearn: ['data', 'communication', 'content'] },
    ],
    [
      'has digital skills at exactly basic overall and exactly 4 domains at basic',
      [
        [4, 2],
        [4, 2],
        [4, 0],
        [4, 0],
        [2, 0],
        [2, 0],
      ],
      { overall: 0.5, practical: 4 / 24, has: true, pro: false, toLearn: ['problem-solving', 'ai', 'content'] },
    ],
    [
      'just below basic overall',
      [
        [4, 2],
        [4, 2],
        [4, 0],
        [4, 0],
        [2, 0],
        [1, 0],
      ],
      { overall: 23 / 48, practical: 4 / 24, has: false, pro: false, toLearn: ['ai', 'problem-solving', 'content'] },
    ],
    [
      'basic overall but only 3 domains at basic',
      [
        [4, 4],
        [4, 4],
        [4, 4],
        [3, 0],
        [0, 0],
        [0, 0],
      ],
      { overall: 27 / 48, practical: 0.5, has: false, pro: false, toLearn: ['problem-solving', 'ai', 'safety'] },
    ],
    [
      'proficient at exactly the overall and practical thresholds',
      same(3, 3),
      { overall: 0.75, practical: 0.75, has: true, pro: true, toLearn: [] },
    ],
    [
      'practical share just below its threshold',
      [[4, 2], ...same(3, 3, 5)],
      { overall: 0.75, practical: 17 / 24, has: true, pro: false, toLearn: [] },
    ],
    [
      'all practical right but overall just below proficient',
      [...same(2, 4, 5), [1, 4]],
      { overall: 35 / 48, practical: 1, has: true, pro: false, toLearn: ['ai'] },
    ],
    [
      'toLearn: weakest first, ties in domain order, at most three',
      [
        [4, 4],
        [0, 0],
        [2, 0],
        [1, 0],
        [2, 0],
        [4, 4],
      ],
      { overall: 21 / 48, practical: 8 / 24, has: false, pro: false, toLearn: ['communication', 'safety', 'content'] },
    ],
  ])('%s', (_name, spec, expected) => {
    const result = scoreAttempt(rules, answers(spec));
    expect(result.overall.share).toBeCloseTo(expected.overall, 12);
    expect(result.practicalShare).toBeCloseTo(expected.practical, 12);
    expect({ has: result.hasDigitalSkills, pro: result.proficient, toLearn: result.toLearn }).toEqual({
      has: expected.has,
      pro: expected.pro,
      toLearn: expected.toLearn,
    });
  });

  it('gives each domain its share and level, and a domain without answers 0', () => {
    const result = scoreAttempt(rules, answers([[4, 4], [3, 3], [2, 2], null, [1, 1], [0, 4]]));
    expect(result.domains).toEqual([
      { id: 'data', share: 1, level: 'thanh-thao' },
      { id: 'communication', share: 0.75, level: 'thanh-thao' },
      { id: 'content', share: 0.5, level: 'co-ban' },
      { id: 'safety', share: 0, level: 'chua-dat' },
      { id: 'problem-solving', share: 0.25, level: 'chua-dat' },
      { id: 'ai', share: 0.5, level: 'co-ban' },
    ]);
    expect(result.overall).toEqual({ share: 0.5, level: 'co-ban' });
  });

  it('counts skipped items as 0, like unanswered ones', () => {
    const skipped = Object.fromEntries(rules.items.map((i) => [i.id, { kind: 'skipped' } as const]));
    expect(scoreAttempt(rules, skipped)).toEqual(scoreAttempt(rules, {}));
  });

  it('gives each household skill the mean of its items, and 0 to a skill without items', () => {
    const result = scoreAttempt(
      rules,
      answers([
        [4, 2],
        [4, 4],
        [4, 4],
        [2, 0],
      ]),
    );
    expect(result.skills).toEqual([
      { id: 'public-services', share: 0.75 },
      { id: 'shopping', share: 0 },
      { id: 'payment', share: 0.5 },
      { id: 'self-protection', share: 0.5 },
      { id: 'local-platforms', share: 0 },
    ]);
  });

  it('weights items', () => {
    const weighted: ScoringRules = {
      ...rules,
      items: rules.items.map((i) => (i.id === 'data-self' ? { ...i, weight: 3 } : i)),
    };
    const result = scoreAttempt(weighted, { 'data-self': { kind: 'self-rating', step: 4 } });
    expect(result.domains[0]).toEqual({ id: 'data', share: 0.75, level: 'thanh-thao' });
    expect(result.overall.share).toBeCloseTo(3 / 14, 12);
  });

  it('gives a domain without items share 0', () => {
    const noAi: ScoringRules = { ...rules, items: rules.items.filter((i) => i.domain !== 'ai') };
    const result = scoreAttempt(noAi, answers(same(4, 4)));
    expect(result.domains.at(-1)).toEqual({ id: 'ai', share: 0, level: 'chua-dat' });
    expect(result.toLearn).toEqual(['ai']);
  });

  it('never counts a person proficient who does not have digital skills', () => {
    const strict: ScoringRules = {
      ...rules,
      flags: {
        ...rules.flags,
        hasDigitalSkills: { minOverall: 'co-ban', minDomainsAtBasic: 6 },
        proficient: { minOverall: 'thanh-thao', minPracticalShare: 0 },
      },
    };
    const result = scoreAttempt(strict, answers([...same(4, 4, 5), [0, 0]]));
    expect(result.overall.level).toBe('thanh-thao');
    expect(result.hasDigitalSkills).toBe(false);
    expect(result.proficient).toBe(false);

    // And over many attempts: proficient ⇒ hasDigitalSkills.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 5;
    for (let n = 0; n < 500; n += 1) {
      const spec = Array.from({ length: 6 }, () => [next(), next()]) as Spec;
      for (const bank of [rules, strict]) {
        const r = scoreAttempt(bank, answers(spec));
        if (r.proficient) expect(r.hasDigitalSkills).toBe(true);
      }
    }
  });
});

describe('retakeAllowed', () => {
  const bank = { retake: { minDays: 30, orAfterLesson: true } };
  const noLessons = { retake: { minDays: 30, orAfterLesson: false } };
  it.each<[string, typeof bank, string | null, string, boolean, ReturnType<typeof retakeAllowed>]>([
    ['a first attempt', bank, null, '2026-03-01T08:00:00+07:00', false, { allowed: true }],
    [
      '29 days later',
      bank,
      '2026-03-01T08:00:00+07:00',
      '2026-03-30T21:00:00+07:00',
      false,
      { allowed: false, reason: 'too-soon', nextDate: '2026-03-31' },
    ],
    ['30 days later', bank, '2026-03-01T08:00:00+07:00', '2026-03-31T06:00:00+07:00', false, { allowed: true }],
    ['months later', bank, '2026-03-01T08:00:00+07:00', '2026-09-01T08:00:00+07:00', false, { allowed: true }],
    [
      'the same day',
      bank,
      '2026-03-01T08:00:00+07:00',
      '2026-03-01T16:00:00+07:00',
      false,
      { allowed: false, reason: 'too-soon', nextDate: '2026-03-31' },
    ],
    ['soon, after a lesson', bank, '2026-03-01T08:00:00+07:00', '2026-03-05T08:00:00+07:00', true, { allowed: true }],
    [
      'soon, after a lesson, when lessons do not count',
      noLessons,
      '2026-03-01T08:00:00+07:00',
      '2026-03-05T08:00:00+07:00',
      true,
      { allowed: false, reason: 'too-soon', nextDate: '2026-03-31' },
    ],
    [
      'days are Vietnamese calendar days (18:00 UTC is the next morning)',
      bank,
      '2026-03-01T18:00:00Z',
      '2026-03-31T12:00:00Z',
      false,
      { allowed: false, reason: 'too-soon', nextDate: '2026-04-01' },
    ],
    [
      'plain dates, across a leap February',
      bank,
      '2028-02-15',
      '2028-03-15',
      false,
      { allowed: false, reason: 'too-soon', nextDate: '2028-03-16' },
    ],
    [
      'no waiting when minDays is 0',
      { retake: { minDays: 0, orAfterLesson: false } },
      '2026-03-01',
      '2026-03-01',
      false,
      { allowed: true },
    ],
  ])('%s', (_name, rules, last, now, lesson, expected) => {
    expect(retakeAllowed(rules, last, now, lesson)).toEqual(expected);
  });

  it.each([['01/03/2026'], ['2026-02-30'], ['2026-03-01T08:00:00'], ['soon']])('refuses %j as a date', (when) => {
    expect(() => retakeAllowed(bank, when, '2026-03-01', false)).toThrow(RangeError);
  });
});
