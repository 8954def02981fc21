import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * A village's link to the commune, on loopback: a proxy to one target that lets through at most
 * `bitsPerSecond` in each direction (shared by every connection, as one radio link is), adds half
 * the round-trip delay before a request goes up and half before its answer comes down, and loses
 * `lossRate` of the requests (the request never reaches the target and the connection drops, as
 * when a mobile link falls). The loss is drawn from a seeded generator, so two runs lose the same
 * requests. Counts requests, lost requests and bytes on the wire in both directions.
 */

export interface LinkShape {
  bitsPerSecond: number;
  roundTripMs: number;
  lossRate: number;
  seed?: number;
}

export const VILLAGE_LINK: LinkShape = { bitsPerSecond: 256_000, roundTripMs: 300, lossRate: 0.05, seed: 7 };

/** One direction of the link: a byte budget refilled at the link's rate, shared by all its streams. */
class Pipe {
  private nextFreeAt = 0;
  constructor(private readonly bytesPerMs: number) {}

  /** When `bytes` sent now would have left the link: the pipe is busy until then. */
  reserve(bytes: number): number {
    const now = performance.now();
    const start = Math.max(now, this.nextFreeAt);
    this.nextFreeAt = start + bytes / this.bytesPerMs;
    return this.nextFreeAt - now;
  }

  /** A stream that holds each chunk until the link has carried it. */
  throttle(count: (n: number) => void): Transform {
    return new Transform({
      transform: (chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) => {
        count(chunk.length);
        setTimeout(() => done(null, chunk), this.reserve(chunk.length));
      },
    });
  }
}

/** A small deterministic generator (mulberry32), so the lost requests are the same from run to run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// An HTTP request line and headers, roughly, for the bytes a request costs before its body.
const headerBytes = (headers: Record<string, unknown>, line: string) =>
  line.length + 2 + Object.entries(headers).reduce((n, [k, v]) => n + k.length + String(v).length + 4, 0) + 2;

export class SlowLinkProxy {
  requests = 0;
  lost = 0;
  bytesUp = 0;
  bytesDown = 0;
  url = '';
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  private readonly up: Pipe;
  private readonly down: Pipe;
  private readonly random: () => number;

  constructor(
    private readonly targetPort: number,
    private readonly shape: LinkShape = VILLAGE_LINK,
  ) {
    const bytesPerMs = shape.bitsPerSecond / 8 / 1000;
    this.up = new Pipe(bytesPerMs);
    this.down = new Pipe(bytesPerMs);
    this.random = seeded(shape.seed ?? 1);
    const half = shape.roundTripMs / 2;
    this.server = createServer((req, res) => {
      this.requests++;
      const lose = this.random() < shape.lossRate;
      const requestHead = headerBytes(req.headers, `${req.method} ${req.url} HTTP/1.1`);
      this.bytesUp += requestHead;
      // The request's head crosses the link, then half the round trip passes before the target sees it.
      setTimeout(
        () => {
          if (lose) {
            this.lost++;
            req.resume();
            req.socket.destroy();
            return;
          }
          const upstream = httpRequest(
            {
              host: '127.0.0.1',
              port: this.targetPort,
              method: req.method,
              path: req.url,
              headers: req.headers,
              agent: this.agent,
            },
            (answer) => {
              setTimeout(() => {
                const head = headerBytes(answer.headers, `HTTP/1.1 ${answer.statusCode ?? 502}`);
                this.bytesDown += head;
                setTimeout(() => {
                  res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
                  answer.pipe(this.down.throttle((n) => (this.bytesDown += n))).pipe(res);
                }, this.down.reserve(head));
              }, half);
            },
          );
          upstream.on('error', () => res.destroy());
          req.pipe(this.up.throttle((n) => (this.bytesUp += n))).pipe(upstream);
        },
        half + this.up.reserve(requestHead),
      );
    });
    this.server.keepAliveTimeout = 60_000;
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
    return this.url;
  }

  /** Starts counting afresh (after enrolment, before the measured run). */
  reset(): void {
    this.requests = 0;
    this.lost = 0;
    this.bytesUp = 0;
    this.bytesDown = 0;
  }

  close(): Promise<void> {
    this.agent.destroy();
    for (const s of this.sockets) s.destroy();
    return new Promise((r) => this.server.close(() => r()));
  }
}
