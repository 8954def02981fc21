import { existsSync, statfsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import type { KioskConfig } from '../config/load.ts';

/**
 * Disk space on the box. When the card fills, photos (large, and re-takeable) are refused first,
 * while records (small, and the point of the kiosk) are still taken; only below a much lower
 * margin are writes refused too, and then as "not now" (503), so tablets keep them and retry.
 */

/** Free bytes for an unprivileged writer on the file system that holds (or will hold) `dir`. */
export function freeBytes(dir: string): number {
  // The folder may not exist yet (no photo so far): its nearest existing parent is on the same disk.
  let at = resolve(dir);
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  const s = statfsSync(at);
  return Number(s.bavail) * Number(s.bsize);
}

const MB = 1_000_000;

type DiskConfig = Pick<KioskConfig, 'settings'>;

/**
 * What a reading of the free space is trusted for, for photos: at most a second, less every file
 * accepted since, and only while it stays more than SLACK above the margin. Near the margin (where a
 * second of the box's other writes, a backup, another program could make the difference) the disk
 * is asked again for every file, so the reading saves a statfs per photo and never lets one in that
 * a fresh reading would refuse, unless SLACK went to other writers within that second.
 */
const FILES_READING_MS = 1000;
const SLACK = 256 * MB;
const filesFree = new Map<string, { at: number; bytes: number }>();

/** Refuses a new photo or stored file when free space is under `disk.minFreeForPhotosMb`. */
export function checkRoomForFiles(
  config: DiskConfig,
  dir: string,
  incomingBytes = 0,
  read: (dir: string) => number = freeBytes,
  nowMs = Date.now(),
): void {
  const min = config.settings['disk.minFreeForPhotosMb'] * MB;
  const seen = filesFree.get(dir);
  if (seen && nowMs - seen.at < FILES_READING_MS && nowMs >= seen.at && seen.bytes - incomingBytes >= min + SLACK) {
    seen.bytes -= incomingBytes;
    return;
  }
  const free = read(dir);
  if (free - incomingBytes < min) {
    filesFree.delete(dir);
    throw new AppError('storage.full-for-photos', { freeMb: Math.floor(free / MB) });
  }
  filesFree.set(dir, { at: nowMs, bytes: free - incomingBytes });
}

/** Free space as read at most a second ago: every write asks, and records are a few KB each. */
const recentFree = new Map<string, { at: number; bytes: number }>();
function recentFreeBytes(dir: string): number {
  const now = Date.now();
  const seen = recentFree.get(dir);
  if (seen && now - seen.at < 1000) return seen.bytes;
  const bytes = freeBytes(dir);
  recentFree.set(dir, { at: now, bytes });
  return bytes;
}

/** Refuses any write when free space is under `disk.minFreeForDataMb` (the tablet keeps it and retries). */
export function checkRoomForData(config: DiskConfig, dir: string): void {
  const free = recentFreeBytes(dir);
  if (free < config.settings['disk.minFreeForDataMb'] * MB)
    throw new AppError('storage.full', { freeMb: Math.floor(free / MB) });
}
