import { describe, expect, it } from 'vitest';
import { migrations } from './index.ts';

describe('the migrations list', () => {
  // The last name is the schema version a backup records: a list out of order (two branches merged,
  // each adding its own) would name an older one.
  it('is written in the order its names sort, which is the order they run', () => {
    const names = Object.keys(migrations);
    expect(names).toEqual([...names].sort());
  });
});
