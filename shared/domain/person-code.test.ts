import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { PersonCodeSchema } from '../schemas/person.ts';
import { randomPersonCode } from './person-code.ts';

describe('randomPersonCode', () => {
  it.each<[string, number[], string]>([
    ['maps bytes onto the alphabet', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], '234567'],
    ['skips bytes past the last whole alphabet round (no bias)', [255, 254, 248, 30, 0, 0, 0, 0, 0, 0, 0, 0], 'Z22222'],
  ])('%s', (_name, bytes, expected) => {
    expect(randomPersonCode(() => new Uint8Array(bytes))).toBe(expected);
  });

  it('makes valid, varied codes from real randomness', () => {
    const codes = new Set(Array.from({ length: 500 }, () => randomPersonCode()));
    for (const code of codes) expect(v.safeParse(PersonCodeSchema, code).success).toBe(true);
    expect(codes.size).toBeGreaterThan(495);
  });
});
