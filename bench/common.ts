import { readFileSync } from 'node:fs';
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { buildServer } from '../server/build.ts';
import { setupCodeOf } from '../tests/support/kiosk-process.ts';

/** Small helpers the benchmarks share: quantiles, rounding, a keep-alive JSON client, a counting proxy, RSS. */

export const quantile = (xs: number[], q: number): number => {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
export const round1 = (x: number): number => Math.round(x * 10) / 10;
export const round2 = (x: number): number => Math.round(x * 100) / 100;
export const kb = (bytes: number): number => round1(bytes / 1024);

let bundle: Promise<string> | null = null;
/**
 * The production server bundle (dist/server/main.js), built once per run from the current source:
 * the benchmarks start the server as `npm start` does, so the figures are those of a box.
 */
export const serverBundle = (): Promise<string> => (bundle ??= buildServer());

/** Resident memory of a process, in MB, from /proc (null where there is no /proc or no such process). */
export function rssMb(pid: number | null): number | null {
  if (pid === null) return null;
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? round1(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; answers the highest seen. */
export function watchRss(pid: number | null, everyMs = 100): { stop(): number | null } {
  let peak: number | null = rssMb(pid);
  const timer = setInterval(() => {
    const now = rssMb(pid);
    if (now !== null && (peak === null || now > peak)) peak = now;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const last = rssMb(pid);
      return last !== null && (peak === null || last > peak) ? last : peak;
    },
  };
}

/**
 * CPU time a process has used so far, in ms (user + system, from /proc): the whole process (its
 * threads, ended ones included) and its main thread, the one that runs JavaScript. Under other load
 * this moves far less than wall-clock figures do; null where there is no /proc.
 */
export function cpuMs(pid: number | null): { process: number; mainThread: number } | null {
  if (pid === null) return null;
  const ms = (stat: string) => {
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLOCK_TICKS;
  };
  try {
    return {
      process: ms(readFileSync(`/proc/${pid}/stat`, 'utf8')),
      mainThread: ms(readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8')),
    };
  } catch {
    return null;
  }
}
/** USER_HZ: 100 on every Linux the box runs. */
const CLOCK_TICKS = 100;

/** CPU per unit of work between two cpuMs readings, rounded to 0.01 ms. */
export function cpuPer(
  before: ReturnType<typeof cpuMs>,
  after: ReturnType<typeof cpuMs>,
  units: number,
): { processMs: number; mainThreadMs: number } | null {
  if (!before || !after || units <= 0) return null;
  return {
    processMs: round2((after.process - before.process) / units),
    mainThreadMs: round2((after.mainThread - before.mainThread) / units),
  };
}

export interface JsonAnswer {
  status: number;
  body: any;
  headers: IncomingMessage['headers'];
}

/** One JSON request over a given agent (keep-alive for load, none for one-off calls). */
export function callJson(
  agent: Agent | false,
  url: string,
  method: string,
  path: string,
  body?: unknown,
  cookie?: string,
  timeoutMs = 600_000,
  headers: Record<string, string> = {},
): Promise<JsonAnswer> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${url}${path}`,
      {
        method,
        agent,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
          ...(cookie ? { cookie } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = null;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            parsed = text;
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, headers: res.headers });
        });
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer to ${method} ${path} in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** A PUT of raw bytes (a photo, as the tablet sends it) over a given agent; answers the status and the body's text. */
export function putBytes(
  agent: Agent | false,
  url: string,
  path: string,
  body: Buffer,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${url}${path}`,
      { method: 'PUT', agent, headers: { 'content-length': String(body.length), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The staff session cookie from an answer's Set-Cookie. */
export function sessionCookie(headers: IncomingMessage['headers']): string {
  const set = headers['set-cookie'] ?? [];
  const cookie = set.map((c) => c.split(';')[0]).join('; ');
  if (!cookie) throw new Error('no session cookie in the answer');
  return cookie;
}

/** Sets up the first administrator of a fresh box (with the setup code it printed) and answers the session cookie. */
export async function firstAdmin(url: string): Promise<string> {
  const res = await callJson(false, url, 'POST', '/api/staff/setup', {
    name: 'Phạm Thị Hoa',
    pin: '135790',
    setupCode: setupCodeOf(url),
  });
  if (res.status !== 200) throw new Error(`staff setup answered ${res.status}: ${JSON.stringify(res.body)}`);
  return sessionCookie(res.headers);
}

/**
 * A plain HTTP proxy on loopback that forwards every request unchanged to one target and counts
 * what crosses it: requests, and bytes in both directions as the sockets saw them (request line,
 * headers and bodies, compressed or not, exactly as sent).
 */
export class CountingProxy {
  requests = 0;
  private server: Server;
  private readonly sockets = new Set<Socket>();
  /** Bytes of sockets already closed. */
  private closedUp = 0;
  private closedDown = 0;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  url = '';

  constructor(private readonly targetPort: number) {
    this.server = createServer((req, res) => {
      this.requests++;
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
          res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    this.server.keepAliveTimeout = 60_000;
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => {
        this.closedUp += socket.bytesRead;
        this.closedDown += socket.bytesWritten;
        this.sockets.delete(socket);
      });
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
    return this.url;
  }

  /** Bytes sent to the target (`up`) and back (`down`) so far. */
  bytes(): { up: number; down: number; total: number } {
    let up = this.closedUp;
    let down = this.closedDown;
    for (const s of this.sockets) {
      up += s.bytesRead;
      down += s.bytesWritten;
    }
    return { up, down, total: up + down };
  }

  /** Starts counting afresh (after enrolment, before the measured run). */
  reset(): void {
    this.requests = 0;
    this.closedUp = 0;
    this.closedDown = 0;
    for (const s of this.sockets) {
      this.closedUp -= s.bytesRead;
      this.closedDown -= s.bytesWritten;
    }
  }

  close(): Promise<void> {
    this.agent.destroy();
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}

/** A center or commune as the hub's registry holds it once enrolled and active (benches that push to a hub directly). */
export const activeNode = (id: string, name: string, at: string) => ({
  id,
  name,
  public_key: 'x',
  status: 'active' as const,
  enrolled_at: at,
  last_contact_at: at,
  last_seq: 0,
  backlog: 0,
});

/** Makes the first administrator of an in-process app (its setup code from the database) and answers the session cookie. */
export async function firstAdminCookie(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  setupCode: string | null,
  name: string,
): Promise<string> {
  const setup = await app.request('/api/staff/setup', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, pin: '246810', setupCode }),
  });
  return (setup.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
}
