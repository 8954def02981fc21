import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { isCleanText, MultiLineText, OneLineText, TEXT_INVALID, withoutHiddenCharacters } from './text.ts';

describe('the free-text rule', () => {
  it.each([
    ['NUL', 'Họ Lê\u0000'],
    ['right-to-left override', 'Họ \u202Eêl'],
    ['left-to-right isolate', 'Đơn vị \u2066A\u2069'],
    ['Arabic letter mark', 'x\u061Cy'],
    ['escape', 'a\u001B[31m'],
    ['C1 control', 'a\u0085b'],
    ['byte-order mark', 'Tê\uFEFFn'],
    ['lone high surrogate', 'a\uD800b'],
    ['lone low surrogate', 'a\uDC00b'],
  ])('refuses %s', (_, text) => {
    expect(isCleanText(text)).toBe(false);
    expect(isCleanText(text, true)).toBe(false);
    const r = v.safeParse(OneLineText(1, 200), text);
    expect(r.success).toBe(false);
    expect(r.issues?.[0].message).toBe(TEXT_INVALID);
  });

  it('keeps Vietnamese, emoji and punctuation', () => {
    for (const t of [
      'Dòng họ Nguyễn Văn',
      'Ấp Tân Lập — tổ 3',
      "Bản Hua Pan (H'Mông)",
      'Học tốt 👍',
      'Trường Mầm non số 1, xã Đắk Rve',
    ]) {
      expect(v.parse(OneLineText(1, 200), `  ${t} `)).toBe(t);
    }
  });

  it('allows line breaks only where the field has several lines', () => {
    expect(v.safeParse(OneLineText(1, 200), 'a\nb').success).toBe(false);
    expect(v.parse(MultiLineText(0, 200), 'dòng 1\r\ndòng 2\tx')).toBe('dòng 1\r\ndòng 2\tx');
  });
});

describe('withoutHiddenCharacters', () => {
  it('takes out what the rule refuses and keeps the rest, so the result passes the rule', () => {
    const pasted = '\uFEFFTôi đi\u0000 họp \u202Ethôn\u202C\nbuổi tối \u2067(xóm 3)\u2069 a\uD800b';
    expect(withoutHiddenCharacters(pasted, true)).toBe('Tôi đi họp thôn\nbuổi tối (xóm 3) ab');
    expect(withoutHiddenCharacters(pasted)).toBe('Tôi đi họp thôn buổi tối (xóm 3) ab');
    expect(isCleanText(withoutHiddenCharacters(pasted, true), true)).toBe(true);
    expect(isCleanText(withoutHiddenCharacters(pasted))).toBe(true);
    expect(withoutHiddenCharacters('Học tốt 👍, Đắk Rve')).toBe('Học tốt 👍, Đắk Rve');
  });
});
