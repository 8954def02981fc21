import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { RecordDecisionSchema } from '../../../shared/schemas/decision.ts';
import { MultiLineText, OneLineText } from '../../../shared/schemas/text.ts';
import { parseOrThrow } from './errors.ts';

/** parseOrThrow: a refusal of the shared free-text rule answers its own code naming the fields; anything else `request.invalid`. */

const Clan = v.strictObject({
  name: OneLineText(1, 120),
  representative: OneLineText(1, 120),
  note: v.optional(MultiLineText(0, 500)),
  members: v.optional(v.array(v.strictObject({ title: OneLineText(2, 200) }))),
  size: v.optional(v.pipe(v.number(), v.integer())),
});

function refusal(schema: v.GenericSchema, value: unknown): AppError {
  try {
    parseOrThrow(schema, value);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('parsed without a refusal');
}

describe('parseOrThrow', () => {
  it('answers what parsed, trimmed', () => {
    expect(
      parseOrThrow(Clan, { name: ' Họ Nguyễn ', representative: 'Ông Nguyễn Văn Tư', note: 'Hai dòng\nghi chú' }),
    ).toEqual({ name: 'Họ Nguyễn', representative: 'Ông Nguyễn Văn Tư', note: 'Hai dòng\nghi chú' });
  });

  it.each<[string, unknown, string[]]>([
    ['a NUL in a name', { name: 'Họ\u0000 Nguyễn', representative: 'Ông Tư' }, ['name']],
    [
      'a right-to-left override in two fields',
      { name: '\u202EHọ Nguyễn', representative: 'Ông \u202ETư' },
      ['name', 'representative'],
    ],
    ['a line break in a one-line field', { name: 'Họ\nNguyễn', representative: 'Ông Tư' }, ['name']],
    [
      'a bidi isolate in a multi-line note',
      { name: 'Họ Nguyễn', representative: 'Ông Tư', note: 'ghi \u2067chú' },
      ['note'],
    ],
    [
      'a field deep in a list',
      { name: 'Họ Nguyễn', representative: 'Ông Tư', members: [{ title: 'Được' }, { title: 'Gia đình\u0007' }] },
      ['members.1.title'],
    ],
    ['a hidden character beside another mistake', { name: 'Họ\u0000', representative: 'Ông Tư', size: 1.5 }, ['name']],
  ])('maps %s to text.invalid-characters with the fields', (_name, value, fields) => {
    const e = refusal(Clan, value);
    expect(e.code).toBe('text.invalid-characters');
    expect(e.status).toBe(422);
    expect(e.details).toEqual({ fields });
  });

  it('finds the rule inside a union (a decision of either kind)', () => {
    const e = refusal(RecordDecisionSchema, {
      year: 2026,
      number: '15/QĐ-UBND',
      signedOn: '2026-12-01',
      signer: 'Chủ tịch\u202E',
      personIds: ['x'],
    });
    expect(e.code).toBe('text.invalid-characters');
    expect(e.details).toEqual({ fields: ['signer'] });
  });

  it('answers request.invalid with every issue for anything else', () => {
    const e = refusal(Clan, { name: '', representative: 'Ông Tư', size: 1.5 });
    expect(e.code).toBe('request.invalid');
    expect((e.details as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(['name', 'size']);
  });
});
