import { describe, expect, it } from 'vitest';
import { scoreBands } from './simple-mode.ts';

describe('scoreBands', () => {
  it.each([
    [
      1,
      10,
      [
        ['none', 1, 2],
        ['little', 3, 4],
        ['fair', 5, 7],
        ['well', 8, 10],
      ],
    ],
    [
      0,
      10,
      [
        ['none', 0, 1],
        ['little', 2, 4],
        ['fair', 5, 7],
        ['well', 8, 10],
      ],
    ],
    [
      1,
      4,
      [
        ['none', 1, 1],
        ['little', 2, 2],
        ['fair', 3, 3],
        ['well', 4, 4],
      ],
    ],
    [
      1,
      2,
      [
        ['none', 1, 1],
        ['well', 2, 2],
      ],
    ],
    [5, 5, [['well', 5, 5]]],
    [3, 2, []],
  ])('splits %i–%i into levels covering every score once', (min, max, expected) => {
    const bands = scoreBands(min, max);
    expect(bands.map((b) => [b.name, b.from, b.to])).toEqual(expected);
    expect(bands.map((b) => b.bars)).toEqual(bands.map((b) => ['none', 'little', 'fair', 'well'].indexOf(b.name) + 1));
  });
});
