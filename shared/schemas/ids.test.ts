import * as v from 'valibot';
import { v4, v7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { Uuid7Schema } from './ids.ts';

describe('Uuid7Schema', () => {
  it.each<[string, string, boolean]>([
    ['a UUIDv7', v7(), true],
    ['an upper-case UUIDv7', v7().toUpperCase(), true],
    ['a UUIDv4', v4(), false],
    ['text', 'abc', false],
    ['a UUIDv7 with a wrong variant', '0190f0c2-6a5b-7cde-cf01-23456789abcd', false],
  ])('%s → valid: %s', (_name, id, valid) => {
    expect(v.safeParse(Uuid7Schema, id).success).toBe(valid);
  });

  it('normalises to lower case, so one record has one id', () => {
    const id = v7();
    expect(v.parse(Uuid7Schema, id.toUpperCase())).toBe(id);
  });
});
