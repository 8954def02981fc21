import { describe, expect, it } from 'vitest';
import type { DigitalItem } from '../schemas/digital-bank.ts';
import {
  answeredCount,
  levelOf,
  parseAmount,
  responseProblems,
  scoreItem,
  startedAtProblem,
  type DigitalResponse,
  type DigitalResponses,
} from './digital-skills.ts';

/**
 * Scoring one item, reading amounts, levels, and the checks on what a tablet sends
 * (a whole attempt and retakes: digital-skills-attempt.test.ts).
 */

const base = { domain: 'data' as const, skills: [], prompt: 'Câu hỏi', weight: 1 };
const selfItem: DigitalItem = { ...base, id: 'S', kind: 'self-rating' };
const choiceItem: DigitalItem = {
  ...base,
  id: 'C',
  kind: 'choice',
  correct: 'b',
  options: [
    { id: 'a', text: 'Bấm vào xem thử' },
    { id: 'b', text: 'Không bấm' },
    { id: 'c', text: 'Gửi cho bạn bè' },
  ],
};
const tapItem: DigitalItem = {
  ...base,
  id: 'T',
  kind: 'practical',
  task: {
    type: 'tap-icon',
    correct: 'video',
    icons: [
      { id: 'phone', label: 'Gọi thường', picture: 'phone' },
      { id: 'video', label: 'Gọi video', picture: 'videoCall' },
      { id: 'message', label: 'Nhắn tin', picture: 'message' },
    ],
  },
};
const phoneItem: DigitalItem = {
  ...base,
  id: 'P',
  kind: 'practical',
  prompt: 'Gõ số 0912 345 678',
  task: { type: 'type-phone', expected: '0912345678', instruction: 'Số điện thoại' },
};
const scamItem: DigitalItem = {
  ...base,
  id: 'M',
  kind: 'practical',
  task: {
    type: 'pick-scam',
    scam: 'm2',
    messages: [
      { id: 'm1', from: 'Con gái', text: 'Con về muộn' },
      { id: 'm2', from: '0856 123 987', text: 'Nâng cấp VNeID mức 2 tại đây' },
      { id: 'm3', from: 'Trạm y tế', text: 'Tiêm phòng sáng thứ Bảy' },
    ],
  },
};
const amountItem: DigitalItem = {
  ...base,
  id: 'A',
  kind: 'practical',
  task: {
    type: 'find-amount',
    amount: 150000,
    receipt: { title: 'Chuyển tiền thành công', lines: [{ label: 'Số tiền', value: '150.000 đ' }] },
  },
};
const formItem: DigitalItem = {
  ...base,
  id: 'F',
  kind: 'practical',
  task: {
    type: 'fill-form',
    fields: [
      { id: 'ho-ten', label: 'Họ và tên', kind: 'text' },
      { id: 'nam-sinh', label: 'Năm sinh', kind: 'number' },
      { id: 'buoi', label: 'Buổi khám', kind: 'choice', options: ['Sáng', 'Chiều'] },
      { id: 'dien-thoai', label: 'Số điện thoại', kind: 'number' },
    ],
    expected: { 'ho-ten': 'Lê Văn Ba', 'nam-sinh': '1958', buoi: 'Sáng', 'dien-thoai': '0978246135' },
  },
};
const rightForm = { 'ho-ten': 'Lê Văn Ba', 'nam-sinh': '1958', buoi: 'Sáng', 'dien-thoai': '0978246135' };

const phone = (typed: string): DigitalResponse => ({ kind: 'type-phone', typed });
const amount = (typed: string): DigitalResponse => ({ kind: 'find-amount', typed });
const form = (values: Record<string, string>): DigitalResponse => ({ kind: 'fill-form', values });

describe('scoreItem', () => {
  it.each<[string, DigitalItem, DigitalResponse | undefined, number]>([
    ['self-rating "Chưa làm được"', selfItem, { kind: 'self-rating', step: 0 }, 0],
    ['self-rating "Làm được khi có người giúp"', selfItem, { kind: 'self-rating', step: 1 }, 0.25],
    ['self-rating "Tự làm được"', selfItem, { kind: 'self-rating', step: 2 }, 0.5],
    ['self-rating "Làm thành thạo"', selfItem, { kind: 'self-rating', step: 3 }, 0.75],
    ['self-rating "Hướng dẫn được người khác"', selfItem, { kind: 'self-rating', step: 4 }, 1],
    ['self-rating with a step outside 0..4', selfItem, { kind: 'self-rating', step: 5 as 4 }, 0],
    ['self-rating with a fractional step', selfItem, { kind: 'self-rating', step: 2.5 as 2 }, 0],
    ['choice right', choiceItem, { kind: 'choice', optionId: 'b' }, 1],
    ['choice wrong', choiceItem, { kind: 'choice', optionId: 'a' }, 0],
    ['choice with an unknown option', choiceItem, { kind: 'choice', optionId: 'z' }, 0],
    ['choice answered with another kind of response', choiceItem, { kind: 'tap-icon', iconId: 'b' }, 0],
    ['tap-icon right', tapItem, { kind: 'tap-icon', iconId: 'video' }, 1],
    ['tap-icon wrong', tapItem, { kind: 'tap-icon', iconId: 'phone' }, 0],
    ['pick-scam right', scamItem, { kind: 'pick-scam', messageId: 'm2' }, 1],
    ['pick-scam wrong', scamItem, { kind: 'pick-scam', messageId: 'm1' }, 0],
    ['phone as expected', phoneItem, phone('0912345678'), 1],
    ['phone with spaces', phoneItem, phone(' 0912 345 678 '), 1],
    ['phone with dots', phoneItem, phone('0912.345.678'), 1],
    ['phone with dashes', phoneItem, phone('0912-345-678'), 1],
    ['phone with +84', phoneItem, phone('+84912345678'), 1],
    ['phone with +84 and spaces', phoneItem, phone('+84 912 345 678'), 1],
    ['phone with 84 but no +', phoneItem, phone('84912345678'), 0],
    ['phone with +84 and the 0 kept', phoneItem, phone('+84 0912 345 678'), 0],
    ['phone one digit short', phoneItem, phone('091234567'), 0],
    ['phone one digit wrong', phoneItem, phone('0912345679'), 0],
    ['phone left empty', phoneItem, phone(''), 0],
    ['amount as plain digits', amountItem, amount('150000'), 1],
    ['amount with dots', amountItem, amount('150.000'), 1],
    ['amount with commas', amountItem, amount('150,000'), 1],
    ['amount with a space', amountItem, amount('150 000'), 1],
    ['amount with "đ"', amountItem, amount('150.000 đ'), 1],
    ['amount with "đ" stuck on', amountItem, amount('150.000đ'), 1],
    ['amount with "đồng"', amountItem, amount('150.000 đồng'), 1],
    ['amount with "₫"', amountItem, amount('150.000₫'), 1],
    ['amount with "VND"', amountItem, amount(' 150000 VND '), 1],
    ['amount in thousands ("k")', amountItem, amount('150k'), 0],
    ['amount in words', amountItem, amount('150 nghìn'), 0],
    ['amount with decimals', amountItem, amount('150.000,00'), 0],
    ['amount with a bad group', amountItem, amount('1.50.000'), 0],
    ['amount with mixed separators', amountItem, amount('1.500,000'), 0],
    ['amount wrong', amountItem, amount('15.000'), 0],
    ['amount left empty', amountItem, amount(''), 0],
    ['form all right', formItem, form(rightForm), 1],
    [
      'form with other case and extra spaces',
      formItem,
      form({ ...rightForm, 'ho-ten': '  LÊ  VĂN   BA ', buoi: 'sáng' }),
      1,
    ],
    [
      'form typed with combining accents (NFD)',
      formItem,
      form({ ...rightForm, 'ho-ten': 'Lê Văn Ba'.normalize('NFD') }),
      1,
    ],
    ['form with a phone number spaced out', formItem, form({ ...rightForm, 'dien-thoai': '0978 246 135' }), 1],
    ['form without accents: that field is wrong', formItem, form({ ...rightForm, 'ho-ten': 'Le Van Ba' }), 0.75],
    [
      'form with the leading 0 dropped: that field is wrong',
      formItem,
      form({ ...rightForm, 'dien-thoai': '978246135' }),
      0.75,
    ],
    [
      'form half right',
      formItem,
      form({ 'ho-ten': 'Lê Văn Ba', 'nam-sinh': '1985', buoi: 'Chiều', 'dien-thoai': '0978246135' }),
      0.5,
    ],
    ['form with fields left out', formItem, form({ buoi: 'Sáng' }), 0.25],
    ['form left empty', formItem, form({}), 0],
    ['a practical item answered with the wrong task type', tapItem, { kind: 'pick-scam', messageId: 'video' }, 0],
    ['skipped self-rating', selfItem, { kind: 'skipped' }, 0],
    ['skipped choice', choiceItem, { kind: 'skipped' }, 0],
    ['skipped practical', formItem, { kind: 'skipped' }, 0],
    ['no response', choiceItem, undefined, 0],
  ])('%s', (_name, item, response, expected) => {
    expect(scoreItem(item, response)).toBe(expected);
  });
});

describe('parseAmount', () => {
  it.each<[string, number | null]>([
    ['35000', 35000],
    ['35.000', 35000],
    ['35,000', 35000],
    ['1.500.000', 1500000],
    ['1 500 000 đ', 1500000],
    ['1\u00a0500\u00a0000', 1500000],
    ['35.000 VNĐ', 35000],
    ['35000d', 35000],
    ['0', 0],
    ['35k', null],
    ['35.5', null],
    ['1.500 000', null],
    ['-35000', null],
    ['đ', null],
    ['', null],
  ])('%j → %j', (typed, expected) => {
    expect(parseAmount(typed)).toBe(expected);
  });
});

describe('levelOf', () => {
  const levels = { basic: 0.5, proficient: 0.8 };
  it.each<[number, string]>([
    [0, 'chua-dat'],
    [0.4999, 'chua-dat'],
    [0.5, 'co-ban'],
    [0.7999, 'co-ban'],
    [0.8, 'thanh-thao'],
    [0.7 + 0.1, 'thanh-thao'],
    [1, 'thanh-thao'],
  ])('%d is %s', (share, level) => {
    expect(levelOf(share, levels)).toBe(level);
  });
});

describe('responseProblems', () => {
  const items = [selfItem, choiceItem, tapItem, phoneItem, scamItem, amountItem, formItem];
  it('finds nothing wrong with answers that name what each item has, nor with skipped items', () => {
    expect(
      responseProblems(items, {
        S: { kind: 'self-rating', step: 2 },
        C: { kind: 'choice', optionId: 'a' },
        T: { kind: 'tap-icon', iconId: 'phone' },
        P: phone('0900 000 000'),
        M: { kind: 'pick-scam', messageId: 'm1' },
        A: amount('12'),
        F: { kind: 'fill-form', values: { 'ho-ten': 'ai đó', buoi: 'Chiều' } },
      }),
    ).toEqual([]);
    expect(responseProblems(items, { S: { kind: 'skipped' }, F: { kind: 'skipped' } })).toEqual([]);
  });

  it.each<[string, DigitalResponses, string]>([
    ['an item the bank does not have', { X9: { kind: 'self-rating', step: 2 } }, 'item-unknown'],
    ['a choice answered as a self-rating', { C: { kind: 'self-rating', step: 2 } }, 'wrong-kind'],
    ['a practical task answered as another task', { T: { kind: 'pick-scam', messageId: 'm1' } }, 'wrong-kind'],
    ['an option the choice does not have', { C: { kind: 'choice', optionId: 'z' } }, 'option-unknown'],
    ['a picture the task does not show', { T: { kind: 'tap-icon', iconId: 'camera' } }, 'icon-unknown'],
    ['a message the task does not show', { M: { kind: 'pick-scam', messageId: 'm9' } }, 'message-unknown'],
    [
      'a field the form does not have',
      { F: { kind: 'fill-form', values: { 'ho-ten': 'Lê Văn Ba', 'so-cccd': '0123' } } },
      'field-unknown',
    ],
    [
      'a choice field answered with what it does not offer',
      { F: { kind: 'fill-form', values: { buoi: 'Tối' } } },
      'field-option-unknown',
    ],
  ])('names %s', (_name, responses, problem) => {
    expect(responseProblems(items, responses)).toEqual([{ itemId: Object.keys(responses)[0], problem }]);
  });
});

describe('answeredCount', () => {
  it('counts answers, not skipped items', () => {
    expect(answeredCount({})).toBe(0);
    expect(answeredCount({ S: { kind: 'skipped' }, C: { kind: 'skipped' } })).toBe(0);
    expect(answeredCount({ S: { kind: 'self-rating', step: 0 }, C: { kind: 'skipped' } })).toBe(1);
  });
});

describe('startedAtProblem', () => {
  const now = new Date('2026-11-23T03:00:00Z');
  const window = { futureSeconds: 300, pastDays: 60 };
  it.each<[string, string, ReturnType<typeof startedAtProblem>]>([
    ['a moment ago', '2026-11-23T02:40:00.000Z', null],
    ['ahead by less than the skew', '2026-11-23T03:04:59Z', null],
    ['ahead by more than the skew', '2026-11-23T03:05:01Z', 'future'],
    ['in 2099', '2099-01-01T00:00:00Z', 'future'],
    ['as old as allowed', '2026-09-24T03:00:00Z', null],
    ['older', '2026-09-24T02:59:59Z', 'too-old'],
    ['in 1970', '1970-01-01T00:00:00Z', 'too-old'],
  ])('%s', (_name, startedAt, expected) => {
    expect(startedAtProblem(startedAt, now, window)).toBe(expected);
  });
});
