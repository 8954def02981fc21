import type { Context, MiddlewareHandler } from 'hono';
import type { IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { AppError } from '../../../shared/errors.ts';
import { options, type Settings } from '../../../kiosk-config/options.ts';
import type { AppEnv } from './context.ts';

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * JSON bodies. The largest each schema allows, with notes and reasons in 3-byte Vietnamese letters,
 * measured by tests/security/body-limits.test.ts: a learning plan of 20 classes 41 KB, a class with
 * 200 sessions 23 KB (every other tablet or staff body is smaller); an assessment with 50 notes of
 * 1,000 letters 151 KB, an appraisal with 50 reasons 77 KB, a hash list of 1,000 photos 65 KB; a
 * model appraisal with 200 reasons of 500 letters 302 KB, a decision naming 5,000 households 318 KB.
 */
export const JSON_BYTES = 64 * KiB;
const LARGE_JSON_BYTES = 256 * KiB;
const LARGEST_JSON_BYTES = 512 * KiB;
/** A spreadsheet of resources. */
export const IMPORT_BYTES = 5_000_000;

/**
 * A push: the center fills a batch up to `sync.batchBytes` characters, which are up to 3 bytes each
 * in UTF-8, and sends a record bigger than a batch alone; gzip never makes it much larger on the wire.
 * A hub takes what it would send itself, so its batchBytes should be at least its centers'.
 */
export function pushLimits(s: Pick<Settings, 'sync.batchBytes'>): { wireBytes: number; inflatedBytes: number } {
  const inflatedBytes = 3 * s['sync.batchBytes'] + MiB;
  return { wireBytes: inflatedBytes + 64 * KiB, inflatedBytes };
}
/** The inflated limit with the default `sync.batchBytes` (4 MiB), for a caller without the settings. */
export const PUSH_INFLATED_BYTES = pushLimits({ 'sync.batchBytes': options['sync.batchBytes'].default }).inflatedBytes;

type TooLarge = 'request.too-large' | 'evidence.too-large' | 'resource.file-too-large';
export interface BodyLimit {
  bytes: number;
  /** The route's own code where the tablet or the staff screen has its words for it. */
  code: TooLarge;
  /** Streamed to disk by the route (counted as it passes) rather than read here first. */
  streamed: boolean;
}

const routes: [method: string, path: RegExp, limit: (s: Settings) => number, code?: TooLarge, streamed?: boolean][] = [
  ['PUT', /^\/api\/assessments\/[^/]+\/evidence\/[^/]+$/, (s) => s['evidence.maxPhotoBytes'], 'evidence.too-large'],
  ['PUT', /^\/api\/hub\/evidence\/[^/]+$/, (s) => s['evidence.maxPhotoBytes'], 'evidence.too-large'],
  ['POST', /^\/api\/staff\/media$/, (s) => s['resources.maxFileBytes'], 'resource.file-too-large', true],
  ['POST', /^\/api\/staff\/resources\/import$/, () => IMPORT_BYTES],
  ['POST', /^\/api\/staff\/hub\/history$/, () => IMPORT_BYTES],
  ['POST', /^\/api\/hub\/push$/, (s) => pushLimits(s).wireBytes],
  ['PUT', /^\/api\/assessments\/[^/]+$/, () => LARGE_JSON_BYTES],
  ['PUT', /^\/api\/staff\/appraisals\/[^/]+$/, () => LARGE_JSON_BYTES],
  ['POST', /^\/api\/hub\/evidence\/missing$/, () => LARGE_JSON_BYTES],
  ['PUT', /^\/api\/staff\/(hub\/)?model-appraisals\/[^/]+$/, () => LARGEST_JSON_BYTES],
  ['POST', /^\/api\/staff\/hub\/decisions$/, () => LARGEST_JSON_BYTES],
];

/** The limit of one route; every other route takes JSON of at most `JSON_BYTES`. */
export function limitFor(method: string, path: string, s: Settings): BodyLimit {
  const hit = routes.find(([m, p]) => m === method && p.test(path));
  return hit
    ? { bytes: hit[2](s), code: hit[3] ?? 'request.too-large', streamed: hit[4] ?? false }
    : { bytes: JSON_BYTES, code: 'request.too-large', streamed: false };
}

/** Inflates a gzip body, refusing (413) once its output passes `limitBytes`, before it is all made. */
export function gunzipBounded(body: Uint8Array, limitBytes: number): Buffer {
  try {
    return gunzipSync(body, { maxOutputLength: limitBytes });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new AppError('request.too-large', { limitBytes, decompressed: true });
    throw e;
  }
}

/** Reads the whole body unless it passes `limit`: then null, and the rest stays unread. */
async function readBounded(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  // Never cancelled: on Node that would destroy the socket before the 413 could be sent.
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      reader.releaseLock();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/** The body passed on as it is read, erroring with the 413 once it passes the limit. */
function counted(body: ReadableStream<Uint8Array>, limit: BodyLimit): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let size = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        size += value.length;
        if (size > limit.bytes) return controller.error(new AppError(limit.code, { limitBytes: limit.bytes }));
        controller.enqueue(value);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * The request's body as bytes. On Node, with a Content-Length that `bodyLimits` has already held to
 * the route's limit and left unread, it is read straight from the socket into one buffer of that
 * length: the adapter would gather the chunks, join them and copy the result again (two copies of
 * a 150 KB photo more for the garbage collector). Anywhere else, as the Request gives it.
 */
export async function bodyBytes(c: Context<AppEnv>): Promise<Uint8Array> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const declared = c.req.header('content-length');
  const length = Number(declared);
  if (
    !incoming ||
    declared === undefined ||
    c.req.header('transfer-encoding') !== undefined ||
    !Number.isSafeInteger(length) ||
    length < 0 ||
    incoming.readableDidRead ||
    incoming.readableEnded
  )
    return new Uint8Array(await c.req.arrayBuffer());
  const bytes = Buffer.allocUnsafe(length);
  let size = 0;
  await new Promise<void>((resolve, reject) => {
    const done = (e?: Error) => {
      incoming.off('data', onData).off('end', onEnd).off('error', done).off('close', onClose);
      if (e) reject(e);
      else resolve();
    };
    const onData = (chunk: Buffer) => {
      // HTTP's framing stops at the declared length; counted all the same, never written past it.
      if (size + chunk.length > length)
        return done(new AppError('request.invalid', { reason: 'body longer than declared' }));
      chunk.copy(bytes, size);
      size += chunk.length;
    };
    const onEnd = () => done();
    const onClose = () => done(new Error('the client closed the connection before the whole body came'));
    incoming.on('data', onData).on('end', onEnd).on('error', done).on('close', onClose);
  });
  // Every byte of the buffer is the client's: none of it is left as allocated.
  if (size !== length) throw new Error('the body ended before its declared length');
  return bytes;
}

/** How long, and how much, a refused upload is still read (and dropped) after its answer. */
const LINGER_MS = 1000;
const LINGER_BYTES = 16 * MiB;

/**
 * Node ends a `Connection: close` answer by closing the socket at once; with the rest of the upload
 * unread the kernel then resets the connection, and the client may lose the 413 (a tablet would see
 * a network error and retry for ever). So the answer is followed by a FIN and, for a second or
 * 16 MB at most, what the client still sends is read and dropped, never kept.
 */
function lingerAfterAnswer(c: Context<AppEnv>): void {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const socket = incoming?.socket;
  if (!incoming || !socket) return;
  let lingering = false;
  socket.destroySoon = () => {
    if (lingering || socket.destroyed) return;
    lingering = true;
    socket.end();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    socket.once('close', () => clearTimeout(timer));
    let dropped = 0;
    incoming.removeAllListeners('data');
    incoming.on('data', (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > LINGER_BYTES) socket.destroy();
    });
    incoming.resume();
  };
}

function refuse(c: Context<AppEnv>, limit: BodyLimit): Response {
  lingerAfterAnswer(c);
  return c.json(new AppError(limit.code, { limitBytes: limit.bytes }).toBody(), 413, { Connection: 'close' });
}

/**
 * Every request body bounded while it is read, before any route parses it (limitFor): a
 * Content-Length over the route's limit is refused unread, a chunked body is counted and cut off
 * there. A chunked body under its limit is handed to the route already read (a stored file: as it
 * streams); one with a Content-Length under it is left for the route to read.
 * A refusal answers 413 with `Connection: close`, and the rest of the upload is never kept.
 */
export const bodyLimits: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();
  const limit = limitFor(c.req.method, c.req.path, c.var.deps.config.settings);
  const declared = c.req.header('content-length');
  if (declared !== undefined && !c.req.header('transfer-encoding')) {
    if (Number(declared) > limit.bytes) return refuse(c, limit);
    // HTTP's framing holds the body to the length it declared: the route reads it as it comes (on
    // Node straight from the socket: a web stream and two Request objects less for every write).
    if (!limit.streamed) return next();
  }
  const body = c.req.raw.body;
  if (!body) return next();
  if (limit.streamed) {
    c.req.raw = new Request(c.req.raw, { body: counted(body, limit), duplex: 'half' } as RequestInit);
  } else {
    const bytes = await readBounded(body, limit.bytes);
    if (bytes === null) return refuse(c, limit);
    c.req.raw = new Request(c.req.raw, { body: bytes });
  }
  await next();
  // Refused while the route streamed it (a file over its cap): the rest is not read either.
  if (c.res.status === 413) {
    c.res.headers.set('Connection', 'close');
    lingerAfterAnswer(c);
  }
};
