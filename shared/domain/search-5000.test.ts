import { describe, expect, it } from 'vitest';
import { buildIndex, foldVietnamese, search } from './search.ts';
import { doc } from './search.test-setup.ts';

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
