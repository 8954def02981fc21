import { describe, expect, it } from 'vitest';
import { clipLookup, coverText, speechKey } from './audio-cover.ts';

const lookup = clipLookup([
  { text: 'Thường xuyên đọc sách báo.', clip: 'CS01.text' },
  { text: 'Câu này hỏi: có hay xem tin tức không.', clip: 'CS01.explain' },
  { text: 'Ví dụ minh chứng', clip: 'evidenceHeading' },
  { text: 'Kể tên chương trình đài', clip: 'ev0' },
  { text: 'Ảnh sách, báo', clip: 'ev1' },
  { text: 'Bác làm công việc gì?', clip: 'group.heading' },
  { text: 'Bác làm', clip: 'short' },
]);

describe('clips that say a text', () => {
  it.each([
    ['one clip, as written', 'Bác làm công việc gì?', ['group.heading']],
    ['one clip, punctuation and spacing aside', '  Bác làm   công việc gì ', ['group.heading']],
    ['decomposed Vietnamese letters (NFD) match', 'Bác làm công việc gì?'.normalize('NFD'), ['group.heading']],
    [
      'an indicator and its explanation, read together',
      'Thường xuyên đọc sách báo. Câu này hỏi: có hay xem tin tức không.',
      ['CS01.text', 'CS01.explain'],
    ],
    [
      'a heading and a list joined with ". "',
      'Ví dụ minh chứng: Kể tên chương trình đài. Ảnh sách, báo',
      ['evidenceHeading', 'ev0', 'ev1'],
    ],
    ['the fewest clips when a shorter one also fits', 'Bác làm công việc gì', ['group.heading']],
  ])('%s', (_name, text, expected) => {
    expect(coverText(text, lookup)).toEqual(expected);
  });

  it.each([
    ['a filled template', 'Chọn một điểm từ 1 đến 10.'],
    ['a known text with a word more', 'Bác làm công việc gì nữa?'],
    ['half of a clip', 'Thường xuyên đọc'],
    ['nothing', '  '],
  ])('says nothing for %s', (_name, text) => {
    expect(coverText(text, lookup)).toBeNull();
  });

  it('keys ignore punctuation between words but keep the words', () => {
    expect(speechKey('Ví dụ minh chứng: một. hai…')).toBe('Ví dụ minh chứng một hai');
  });
});
