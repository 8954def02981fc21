import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { PersonCodeSchema, RegisterPersonSchema } from './person.ts';

const lan = {
  name: 'Nguyễn Thị Lan',
  birthYear: 1954,
  village: 'Thôn Đồng Chằm',
  consents: { assessment: true, publicList: false, statistics: false },
};

describe('RegisterPersonSchema', () => {
  it.each<[string, unknown, boolean]>([
    ['bà Lan as typed', lan, true],
    ["a name with H'Mông apostrophe and hyphen", { ...lan, name: 'Giàng A Páo-Sùng' }, true],
    ['a name in decomposed Unicode (combining marks)', { ...lan, name: 'Nguyễn Thị Lan'.normalize('NFD') }, true],
    ['an optional phone 09…', { ...lan, phone: '0912345678' }, true],
    ['a phone +84…', { ...lan, phone: '+84912345678' }, true],
    ['a one-letter name', { ...lan, name: 'L' }, false],
    ['a name of digits', { ...lan, name: 'Lan 2' }, false],
    ['a birth year as text', { ...lan, birthYear: '1954' }, false],
    ['a birth year 4.5', { ...lan, birthYear: 1954.5 }, false],
    ['a birth year of five digits', { ...lan, birthYear: 19540 }, false],
    [
      'a guardian with relation and consent',
      { ...lan, guardian: { name: 'Lò Văn Páo', relation: 'father', consented: true }, assistedBy: 's-1' },
      true,
    ],
    [
      'a guardian whose consent is not ticked',
      { ...lan, guardian: { name: 'Lò Văn Páo', relation: 'father', consented: false } },
      false,
    ],
    [
      'a guardian of an unknown relation',
      { ...lan, guardian: { name: 'Lò Văn Páo', relation: 'neighbour', consented: true } },
      false,
    ],
    ['a guardian without a name', { ...lan, guardian: { relation: 'mother', consented: true } }, false],
    ['a short phone', { ...lan, phone: '0912' }, false],
    ['a missing consent purpose', { ...lan, consents: { assessment: true, publicList: false } }, false],
    ['an extra consent purpose', { ...lan, consents: { ...lan.consents, marketing: true } }, false],
    ['a consent given as "yes"', { ...lan, consents: { ...lan.consents, assessment: 'yes' } }, false],
    ['ethnicity, which we never collect', { ...lan, ethnicity: 'Tày' }, false],
    ['an ID-card number, which we never collect', { ...lan, idCard: '001234567890' }, false],
  ])('%s → valid: %s', (_name, input, valid) => {
    expect(v.safeParse(RegisterPersonSchema, input).success).toBe(valid);
  });

  it('trims the name', () => {
    expect(v.parse(RegisterPersonSchema, { ...lan, name: '  Nguyễn Thị Lan ' }).name).toBe('Nguyễn Thị Lan');
  });
});

describe('PersonCodeSchema', () => {
  it.each<[string, string | null]>([
    ['FYF45H', 'FYF45H'],
    [' fyf45h ', 'FYF45H'],
    ['FYF45', null],
    ['FYF45HH', null],
    ['FYF40H', null], // 0 is not in the alphabet (reads like O)
    ['FYFI5H', null], // I is not in the alphabet (reads like 1)
  ])('%j → %j', (input, expected) => {
    const r = v.safeParse(PersonCodeSchema, input);
    expect(r.success ? r.output : null).toBe(expected);
  });
});
