import { describe, expect, it } from 'vitest';
import { buildIndex, foldVietnamese, search, type SearchDoc } from './search.ts';

/** A resource as the catalog gives it: title weight 3, topic 2, description 1. */
const doc = (id: string, title: string, topic = '', description = ''): SearchDoc => ({
  id,
  fields: [
    { text: title, weight: 3 },
    { text: topic, weight: 2 },
    { text: description, weight: 1 },
  ],
});
const ids = (docs: SearchDoc[], query: string, limit?: number) =>
  search(buildIndex(docs), query, limit).map((r) => r.id);

const catalog = [
  doc('phone', 'Sử dụng điện thoại thông minh', 'Kỹ năng số', 'Gọi điện, nhắn tin và chụp ảnh.'),
  doc('computer', 'Học máy tính cơ bản', 'Tin học', 'Bật máy, dùng chuột và bàn phím.'),
  doc('rice', 'Trồng lúa nước', 'Nông nghiệp', 'Chọn giống, bón phân, phòng sâu bệnh.'),
  doc('english', 'Hoc tieng Anh giao tiep', 'Ngoại ngữ', 'Chào hỏi, hỏi đường, mua bán.'),
];

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

// Timings are printed, never asserted: `npm test` does not gate on speed (the benchmark measures it).
describe('search: 5,000 resources', () => {
  const words = [
    'học',
    'máy',
    'tính',
    'điện',
    'thoại',
    'thông',
    'minh',
    'sử',
    'dụng',
    'kỹ',
    'năng',
    'số',
    'tiếng',
    'anh',
    'việt',
    'trồng',
    'lúa',
    'nuôi',
    'gà',
    'cá',
    'rau',
    'sạch',
    'sức',
    'khỏe',
    'gia',
    'đình',
    'pháp',
    'luật',
    'an',
    'toàn',
    'giao',
    'mạng',
    'xã',
    'hội',
    'ngân',
    'hàng',
    'tiền',
    'bán',
    'chợ',
    'nấu',
    'ăn',
    'dinh',
    'dưỡng',
    'trẻ',
    'em',
    'phụ',
    'nữ',
    'người',
    'cao',
    'tuổi',
    'nghề',
    'may',
    'mặc',
    'đan',
    'lát',
    'thủ',
    'công',
    'du',
    'lịch',
    'văn',
    'hóa',
    'đọc',
    'viết',
    'toán',
    'khoa',
    'môi',
    'trường',
    'nước',
    'rừng',
    'biển',
    'đảo',
    'phòng',
    'chống',
    'thiên',
    'tai',
    'bão',
    'lũ',
    'chăm',
    'sóc',
    'vườn',
    'cây',
    'ăn',
    'quả',
    'trâu',
    'bò',
    'thuốc',
    'bệnh',
    'viện',
    'trường',
    'lớp',
    'bài',
    'giảng',
    'chuyển',
    'khoản',
    'thanh',
    'toán',
    'hướng',
    'dẫn',
    'làm',
    'quen',
    'bàn',
    'phím',
    'chuột',
  ];
  /** A fixed pseudo-random sequence (mulberry32), so the test is the same on every run. */
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const next = random(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const phrase = (min: number, max: number) =>
    Array.from({ length: min + Math.floor(next() * (max - min + 1)) }, () => pick(words)).join(' ');
  const titleCase = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

  const docs = Array.from({ length: 5000 }, (_, i) =>
    doc(`r${i}`, titleCase(phrase(2, 6)), titleCase(phrase(1, 2)), `${titleCase(phrase(8, 20))}.`),
  );

  /** What a learner has typed so far: part of a title, with or without accents, sometimes a typo in a whole word. */
  const queries = Array.from({ length: 200 }, (_, i) => {
    const title = pick(docs).fields[0]!.text.toLowerCase();
    const typed = i % 2 === 0 ? title : foldVietnamese(title);
    const parts = typed.slice(0, 1 + Math.floor(next() * typed.length)).split(' ');
    if (i % 3 === 0) {
      const w = parts.findIndex((word, k) => k < parts.length - 1 && word.length >= 4);
      if (w !== -1) parts[w] = parts[w]!.slice(0, 1) + parts[w]![2] + parts[w]![1] + parts[w]!.slice(3);
    }
    return parts.join(' ');
  });

  it('finds something for each of 200 keystroke-like queries, accented, unaccented or with a typo', () => {
    const builtAt = performance.now();
    const index = buildIndex(docs);
    const buildMs = performance.now() - builtAt;

    let slowestMs = 0;
    const startedAt = performance.now();
    const counts = queries.map((q) => {
      const queryAt = performance.now();
      const found = search(index, q).length;
      slowestMs = Math.max(slowestMs, performance.now() - queryAt);
      return found;
    });
    const perQueryMs = (performance.now() - startedAt) / queries.length;

    console.info(
      `search: built 5,000 docs in ${buildMs.toFixed(0)} ms; ${perQueryMs.toFixed(2)} ms per query, slowest ${slowestMs.toFixed(2)} ms`,
    );
    expect(counts.every((c) => c > 0)).toBe(true);
  });
});
