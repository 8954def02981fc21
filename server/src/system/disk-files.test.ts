import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { checkRoomForFiles } from './disk.ts';

/** The free-space reading behind photos: reused for a second while far above the margin, never near it. */

const MB = 1_000_000;
const config = { settings: { 'disk.minFreeForPhotosMb': 500 } } as Parameters<typeof checkRoomForFiles>[0];
const PHOTO = 150 * 1024;

/** A disk whose free space the test sets, counting how often it is asked. */
function disk(freeMb: number) {
  const d = { free: freeMb * MB, reads: 0, read: (_dir: string) => (d.reads++, d.free) };
  return d;
}
let n = 0;
const folder = () => `/tmp/kiosk-disk-test-${process.pid}-${n++}`;
const code = (f: () => void) => {
  try {
    f();
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
};

describe('room for photos', () => {
  it('far above the margin, asks the disk once a second, counting the photos taken meanwhile', () => {
    const d = disk(10_000);
    const dir = folder();
    for (let i = 0; i < 50; i++) checkRoomForFiles(config, dir, PHOTO, d.read, 1_000 + i * 10);
    expect(d.reads).toBe(1);
    checkRoomForFiles(config, dir, PHOTO, d.read, 2_000);
    expect(d.reads).toBe(2);
  });

  it('refuses at once when the disk filled within the second, once the reading comes near the margin', () => {
    const d = disk(500 + 257);
    const dir = folder();
    checkRoomForFiles(config, dir, PHOTO, d.read, 1_000);
    // Another writer fills the disk: the next photo still counts on the reading (far enough above)...
    d.free = 10 * MB;
    // ...but photos taken since bring it within the slack, where every photo asks the disk.
    let refused: string | null = null;
    for (let i = 0; i < 20 && !refused; i++)
      refused = code(() => checkRoomForFiles(config, dir, MB / 5, d.read, 1_001));
    expect(refused).toBe('storage.full-for-photos');
  });

  it('near the margin asks the disk for every photo, and refuses the one that would pass it', () => {
    const d = disk(600);
    const dir = folder();
    checkRoomForFiles(config, dir, PHOTO, d.read, 1_000);
    checkRoomForFiles(config, dir, PHOTO, d.read, 1_001);
    expect(d.reads).toBe(2);
    d.free = 500 * MB + PHOTO - 1;
    expect(code(() => checkRoomForFiles(config, dir, PHOTO, d.read, 1_002))).toBe('storage.full-for-photos');
    // Room made again: taken at once, not held back by the refusal.
    d.free = 600 * MB;
    expect(code(() => checkRoomForFiles(config, dir, PHOTO, d.read, 1_003))).toBeNull();
  });

  it('never trusts a reading from a clock that went back', () => {
    const d = disk(10_000);
    const dir = folder();
    checkRoomForFiles(config, dir, PHOTO, d.read, 5_000);
    d.free = 0;
    expect(code(() => checkRoomForFiles(config, dir, PHOTO, d.read, 4_000))).toBe('storage.full-for-photos');
  });
});
