import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { mediaExtension, type MediaType, type ResourceFile } from '../../../shared/schemas/resource.ts';

/**
 * Videos and documents of the catalog, stored on the box content-addressed by SHA-256 under
 * `<sha256>.<ext>` (the extension gives the served content type). A file is streamed to a temp file
 * while it is hashed and counted, so a large video never sits in memory, then renamed into place.
 */

export function mediaPath(dir: string, file: Pick<ResourceFile, 'sha256' | 'type'>): string {
  return join(dir, `${file.sha256}.${mediaExtension[file.type]}`);
}

export function hasMedia(dir: string, file: Pick<ResourceFile, 'sha256' | 'type'>): boolean {
  return existsSync(mediaPath(dir, file));
}

/** The type from the first bytes, not from what the client claims. */
export function sniffMediaType(b: Uint8Array): MediaType | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...b.slice(from, to));
  if (b.length >= 12 && ascii(4, 8) === 'ftyp') return 'video/mp4';
  if (b.length >= 4 && b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return 'video/webm';
  if (b.length >= 5 && ascii(0, 5) === '%PDF-') return 'application/pdf';
  if (b.length >= 3 && (ascii(0, 3) === 'ID3' || (b[0] === 0xff && (b[1]! & 0xe0) === 0xe0))) return 'audio/mpeg';
  return null;
}

/**
 * Stores a file from a stream, refusing one over `limitBytes` or of a type the catalog does not
 * serve (`resource.file-too-large`, `resource.file-type`), with nothing left behind either way.
 */
export async function storeMedia(
  dir: string,
  body: ReadableStream<Uint8Array> | null,
  limitBytes: number,
): Promise<Omit<ResourceFile, 'name'>> {
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `upload-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.tmp`);
  const out = createWriteStream(tmp, { flush: true });
  await once(out, 'open');
  const hash = createHash('sha256');
  let bytes = 0;
  let head = new Uint8Array(0);
  try {
    if (body) {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.length;
        if (bytes > limitBytes) throw new AppError('resource.file-too-large', { limitBytes });
        if (head.length < 16) head = Uint8Array.from([...head, ...chunk.slice(0, 16 - head.length)]);
        hash.update(chunk);
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
    }
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    const type = sniffMediaType(head);
    if (type === null) throw new AppError('resource.file-type');
    const file = { sha256: hash.digest('hex'), type, bytes };
    renameSync(tmp, mediaPath(dir, file));
    return file;
  } catch (e) {
    if (!out.closed) {
      out.destroy();
      await once(out, 'close');
    }
    rmSync(tmp, { force: true });
    throw e;
  }
}
