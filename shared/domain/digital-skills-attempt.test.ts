import { describe, expect, it } from 'vitest';
import type { DigitalDomainId } from '../schemas/digital-bank.ts';
import { scoreAttempt, type ScoringRules } from './digital-skills.ts';
import { rules, type Spec, answers, same } from './digital-skills-attempt.test-setup.ts';

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
