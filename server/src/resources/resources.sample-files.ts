import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { ResourceFile } from '../../../shared/schemas/resource.ts';
import { mediaPath, sniffMediaType } from './resources.media.ts';

/**
 * The sample catalogue's video and document as shipped in `kiosk-config/sample/` (made by its
 * make-files.ts), and their place in the box's media store: on a demo center they are copied there
 * under their hash, as an uploaded file would be, so the tablets open them by the usual media path.
 * A real center never gets them.
 */

export interface SampleFile {
  /** Where the shipped file is. */
  path: string;
  /** What the catalog records of it (type read from its first bytes, as for an upload). */
  file: ResourceFile;
}

export interface SampleFiles {
  video: SampleFile | null;
  document: SampleFile | null;
}

const names = { video: 'mau-video-dich-vu-cong.webm', document: 'mau-ke-hoach-hoc-tap.pdf' } as const;

function read(path: string, name: string): SampleFile | null {
  if (!existsSync(path)) return null;
  const bytes = readFileSync(path);
  const type = sniffMediaType(bytes.subarray(0, 16));
  if (type === null) return null;
  return { path, file: { sha256: createHash('sha256').update(bytes).digest('hex'), type, bytes: bytes.length, name } };
}

/** The shipped files under `configDir/sample/` (a missing or unreadable one is null: its item has no file). */
export function sampleFiles(configDir: string): SampleFiles {
  const dir = join(configDir, 'sample');
  return {
    video: read(join(dir, names.video), names.video),
    document: read(join(dir, names.document), names.document),
  };
}

/** Copies each shipped file into the media store unless it is there (a temp file renamed into place). */
export function placeSampleFiles(files: SampleFiles, mediaDir: string): void {
  for (const sample of [files.video, files.document]) {
    if (!sample) continue;
    const target = mediaPath(mediaDir, sample.file);
    if (existsSync(target)) continue;
    mkdirSync(mediaDir, { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    copyFileSync(sample.path, tmp);
    renameSync(tmp, target);
  }
}
