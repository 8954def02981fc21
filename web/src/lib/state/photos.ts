import type { KioskInfo } from '../../../../shared/schemas/kiosk-info.ts';
import { roomFor, storageInfo } from '../../platform/storage.ts';
import { resizePhoto } from '../image.ts';

/** Thrown when a new photo would bring the tablet too close to its storage quota. */
export class StorageFullError extends Error {}

/**
 * A camera photo made ready to keep as evidence: resized (and so without EXIF/GPS) to the box's
 * size; refused before the tablet's storage runs out, not half-way. Her indicators' and her household's.
 */
export async function preparePhoto(file: File, info: KioskInfo | null): Promise<Blob> {
  if (!roomFor(await storageInfo(), file.size * 2)) throw new StorageFullError();
  return resizePhoto(file, info?.photo.longSide ?? 1280);
}
