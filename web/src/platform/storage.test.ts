import { describe, expect, it } from 'vitest';
import { roomFor } from './storage.ts';

const MB = 1024 * 1024;

describe('roomFor (refuse a photo before the quota is hit)', () => {
  it.each([
    ['plenty of room', { usage: 10 * MB, quota: 1000 * MB, persisted: true }, 2 * MB, true],
    [
      'a photo that would eat into the 10 % margin',
      { usage: 895 * MB, quota: 1000 * MB, persisted: true },
      10 * MB,
      false,
    ],
    ['a small quota keeps at least 20 MB free', { usage: 70 * MB, quota: 100 * MB, persisted: false }, 11 * MB, false],
    ['a small quota with room', { usage: 70 * MB, quota: 100 * MB, persisted: false }, 9 * MB, true],
    ['an unknown quota', { usage: 0, quota: Number.POSITIVE_INFINITY, persisted: false }, 5 * MB, true],
  ])('%s', (_name, info, bytes, expected) => {
    expect(roomFor(info, bytes)).toBe(expected);
  });
});
