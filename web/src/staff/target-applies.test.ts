import { describe, expect, it } from 'vitest';
import { targetApplied } from './target-applies.ts';

describe('the targets screen: the higher of the national and the local target applies, per year', () => {
  it.each([
    ['a local target below the national one does not apply', 0.4, '35', { share: 0.4, localBelow: true }],
    ['a higher local target applies', 0.4, '45', { share: 0.45, localBelow: false }],
    ['an equal one is not below', 0.4, '40', { share: 0.4, localBelow: false }],
    ['a decimal comma', 0.6, '42,5', { share: 0.6, localBelow: true }],
    ['no local target: the national one', 0.44, '', { share: 0.44, localBelow: false }],
    ['no national target for the year: the local one', null, '20', { share: 0.2, localBelow: false }],
    ['neither', null, ' ', { share: null, localBelow: false }],
  ] as const)('%s', (_case, national, typed, expected) => {
    expect(targetApplied(national, typed)).toEqual(expected);
  });
});
