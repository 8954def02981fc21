import { describe, expect, it } from 'vitest';
import { buildIndex, foldVietnamese, search, type SearchDoc } from './search.ts';
import { doc, ids, catalog } from './search.test-setup.ts';

describe('foldVietnamese', () => {
  it.each([
    ['Học máy tính', 'hoc may tinh'],
    ['Điện thoại', 'dien thoai'],
    ['đường ĐI', 'duong di'],
    ['ẰNG ẨN ỂU ỐC ỢT ỪNG', 'ang an eu oc ot ung'],
    ['ĂN ÂM ÊM ÔM ƠN ƯỚC', 'an am em om on uoc'],
    ['Tin học (cơ bản) – phần 1: Word/Excel!', 'tin hoc co ban phan 1 word excel'],
    ['“Sức khỏe” & dinh-dưỡng…', 'suc khoe dinh duong'],
    ['Tiếng Việt'.normalize('NFD'), 'tieng viet'],
    ['  Thôn\u00a0Hạ\t\n 3 ', 'thon ha 3'],
    ['Ðà Nẵng', 'da nang'],
    ['...', ''],
    ['', ''],
  ])('%j → %j', (text, folded) => {
    expect(foldVietnamese(text)).toBe(folded);
  });
});

describe('search: what matches', () => {
  it.each<[string, string, string[]]>([
    ['whole words', 'hoc may tinh', ['computer']],
    ['words in the middle of the title', 'dien thoai', ['phone']],
    ['prefixes while typing', 'may ti', ['computer']],
    ['a single letter', 'd', ['phone', 'computer', 'english']],
    ['typed with accents', 'học máy', ['computer']],
    ['upper case with accents', 'ĐIỆN THOẠI', ['phone']],
    ['accents in the query, none in the doc', 'Học tiếng Anh', ['english']],
    ['words of the topic and description', 'tin hoc chuot', ['computer']],
    ['punctuation in the query', 'điện-thoại!', ['phone']],
    ['word order does not matter', 'thoai dien', ['phone']],
    ['a swap of neighbours', 'dein thoai', ['phone']],
    ['a swap in the last word', 'dien thaoi', ['phone']],
    ['a letter too many', 'thoaii', ['phone']],
    ['a letter missing', 'dien thoi', ['phone']],
    ['a wrong letter', 'dien thoaj', ['phone']],
    ['a swap in a 4-letter word', 'tnih', ['computer']],
    ['a 3-letter word does not fuzz', 'hco', []],
    ['a 3-letter word does not fuzz in a longer query', 'may tnh', []],
    ['a word two edits away does not match', 'deni thoai', []],
    ['every word must match (AND)', 'may dien', []],
    ['AND over fields: one word in title, one in topic', 'lua nong', ['rice']],
    ['a word found nowhere', 'xyz', []],
  ])('%s: %j', (_name, query, expected) => {
    expect(ids(catalog, query)).toEqual(expected);
  });

  it.each(['', '   ', '\t\n', '!!! ...'])('an empty query %j finds nothing', (query) => {
    expect(search(buildIndex(catalog), query)).toEqual([]);
  });

  it('an empty catalog finds nothing', () => {
    expect(search(buildIndex([]), 'hoc')).toEqual([]);
  });

  it('a field of weight 0 is not searched', () => {
    expect(
      ids(
        [
          {
            id: 'a',
            fields: [
              { text: 'Nuôi gà', weight: 3 },
              { text: 'bí mật', weight: 0 },
            ],
          },
        ],
        'bi mat',
      ),
    ).toEqual([]);
  });
});

describe('search: ranking', () => {
  it.each<[string, SearchDoc[], string, string[]]>([
    [
      'title above topic above description',
      [doc('desc', 'Nuôi gà', '', 'Trồng lúa'), doc('topic', 'Nuôi cá', 'Lúa gạo'), doc('title', 'Gặt lúa')],
      'lua',
      ['title', 'topic', 'desc'],
    ],
    [
      'exact above prefix above typo',
      [doc('typo', 'Thơm ngon'), doc('prefix', 'Thông tin'), doc('exact', 'Thôn xóm')],
      'thon',
      ['exact', 'prefix', 'typo'],
    ],
    [
      'the words in a row above the words apart',
      [doc('apart', 'Tính tiền trên máy'), doc('phrase', 'Sửa máy tính')],
      'may tinh',
      ['phrase', 'apart'],
    ],
    [
      'the start of the title above its middle',
      [doc('middle', 'Nuôi gà'), doc('start', 'Gà thả vườn')],
      'ga',
      ['start', 'middle'],
    ],
    [
      'a title start needs the first query word',
      [doc('first', 'Máy tính'), doc('second', 'Tính máy')],
      'may',
      ['first', 'second'],
    ],
    [
      'equal scores keep the catalog order',
      [doc('b', 'Trồng rau'), doc('a', 'Trồng rau'), doc('c', 'Trồng rau')],
      'rau',
      ['b', 'a', 'c'],
    ],
    [
      'a typo in the title above the same typo in the description',
      [doc('desc', 'Nuôi gà', '', 'Dùng điện thoại'), doc('title', 'Điện thoại cũ')],
      'thaoi',
      ['title', 'desc'],
    ],
  ])('%s', (_name, docs, query, expected) => {
    expect(ids(docs, query)).toEqual(expected);
  });

  it('scores fall from first to last', () => {
    const results = search(buildIndex(catalog), 'h');
    expect(results.length).toBeGreaterThan(1);
    for (let i = 1; i < results.length; i++) expect(results[i]!.score).toBeLessThanOrEqual(results[i - 1]!.score);
  });

  it.each<[number | undefined, number]>([
    [undefined, 50],
    [3, 3],
    [1, 1],
    [0, 0],
    [200, 120],
  ])('limit %s gives %s', (limit, count) => {
    const docs = Array.from({ length: 120 }, (_, i) => doc(`b${i}`, `Bài học ${i}`));
    const found = ids(docs, 'bai', limit);
    expect(found).toHaveLength(count);
    expect(found.slice(0, 3)).toEqual(['b0', 'b1', 'b2'].slice(0, count));
  });

  it('equal scores keep the catalog order when only the best few are kept', () => {
    const docs = Array.from({ length: 40 }, (_, i) => doc(`d${i}`, i % 2 === 0 ? 'Bài hát' : 'Bài học'));
    expect(ids(docs, 'bai h', 3)).toEqual(['d0', 'd1', 'd2']);
  });
});
