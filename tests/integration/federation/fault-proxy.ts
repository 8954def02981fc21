import { createServer, type Server } from 'node:http';

/** The fault chain's faulty loopback proxy between the boxes (fault-chain.test.ts). */

type Fault = 'drop-request' | 'cut-body' | 'delay' | 'duplicate' | 'drop-response';

/** A loopback proxy that, once faulty, drops 30 % of requests and 30 % of answers, and duplicates, delays and cuts some. */
export class FaultProxy {
  faulty = false;
  readonly seen: Record<Fault | 'forwarded', number> = {
    'drop-request': 0,
    'cut-body': 0,
    delay: 0,
    duplicate: 0,
    'drop-response': 0,
    forwarded: 0,
  };
  private server: Server;
  private seed = 12345;
  port = 0;
  constructor(private readonly target: () => number) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }
  /** Deterministic, so a failure can be replayed. */
  private random(): number {
    this.seed = (this.seed * 1103515245 + 12345) % 2 ** 31;
    return this.seed / 2 ** 31;
  }
  async listen(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as { port: number }).port;
    return `http://127.0.0.1:${this.port}`;
  }
  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
  private async handle(
    req: import('node:http').IncomingMessage,
    res: import('node:http').ServerResponse,
  ): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body = Buffer.concat(chunks);
    const hit = (p: number, fault: Fault) => this.faulty && this.random() < p && ++this.seen[fault] > 0;
    if (hit(0.3, 'drop-request')) {
      res.socket?.destroy();
      return;
    }
    if (body.length > 0 && hit(0.05, 'cut-body')) body = body.subarray(0, Math.floor(body.length / 2));
    if (hit(0.1, 'delay')) await new Promise((r) => setTimeout(r, 50 + Math.floor(this.random() * 250)));
    const headers = Object.fromEntries(
      Object.entries(req.headers)
        .filter(([k]) => !['host', 'content-length', 'connection', 'transfer-encoding'].includes(k))
        .map(([k, v]) => [k, String(v)]),
    );
    const forward = () =>
      fetch(`http://127.0.0.1:${this.target()}${req.url}`, {
        method: req.method,
        headers,
        body: body.length > 0 ? body : undefined,
      });
    let answer: Response;
    try {
      answer = await forward();
      this.seen.forwarded++;
      if (hit(0.05, 'duplicate'))
        await forward()
          .then((r) => r.arrayBuffer())
          .catch(() => {});
    } catch {
      res.socket?.destroy();
      return;
    }
    const bytes = Buffer.from(await answer.arrayBuffer());
    if (hit(0.3, 'drop-response')) {
      res.socket?.destroy();
      return;
    }
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    res.end(bytes);
  }
}
