import { describe, expect, it } from 'vitest';
import { compareNames, sameVillage } from './history-match.ts';

describe('compareNames', () => {
  it.each([
    ['Nguyễn Thị Lan', 'Nguyễn Thị Lan', 'exact'],
    ['  Nguyễn Thị   Lan ', 'Nguyễn Thị Lan', 'exact'],
    ['Nguye\u0302\u0303n Thị Lan', 'Nguyễn Thị Lan', 'exact'],
    ['nguyen thi lan', 'Nguyễn Thị Lan', 'close'],
    ['NGUYỄN THỊ LAN', 'Nguyễn Thị Lan', 'close'],
    ['Nguyễn Thị Lna', 'Nguyễn Thị Lan', 'none'],
    ['Nguyễn Thị Lam', 'Nguyễn Thị Lan', 'close'],
    ['Nguyễn Thị Lanh', 'Nguyễn Thị Lan', 'close'],
    ['Nguyễn Th Lan', 'Nguyễn Thị Lan', 'close'],
    ['Nguyễn Thị Hoa', 'Nguyễn Thị Lan', 'none'],
    ['Trần Văn Lan', 'Nguyễn Thị Lan', 'none'],
    ['', 'Nguyễn Thị Lan', 'none'],
  ] as const)('%s ~ %s: %s', (a, b, expected) => {
    expect(compareNames(a, b)).toBe(expected);
  });

  it('folds villages', () => {
    expect(sameVillage('thôn  đồng chằm', 'Thôn Đồng Chằm')).toBe(true);
    expect(sameVillage('Thôn Gò Chè', 'Thôn Đồng Chằm')).toBe(false);
  });
});
