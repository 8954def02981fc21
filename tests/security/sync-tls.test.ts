import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { pinOfPem } from '../../server/src/sync/ca-pin.ts';
import { newKeyPair } from '../../server/src/sync/signing.ts';
import { startServers } from '../../server/src/tls/serve.ts';
import { build, people } from '../fixtures/people.ts';
import { staffSessions } from '../fixtures/staff.ts';
import { startHarness, type Harness } from '../integration/harness.ts';
import { freePort } from '../support/kiosk-process.ts';

/**
 * A center syncing with its commune hub over the internet: HTTPS with the hub's own CA, pinned
 * from the enrolment code. Each hub here is the real app behind the real listeners (tls.mode=on,
 * its own CA in its data folder) on 127.0.0.1; the center is an app with the real transport. The
 * center reaches the hub through a TCP relay, so "the hub's address" can be made to lead to
 * another box (as a hijacked name or a swapped machine would) without the center knowing.
 */

interface TlsHub {
  h: Harness;
  admin: string;
  dataDir: string;
  tlsPort: number;
  plainPort: number;
  /** Requests that reached the hub's app (a refused TLS handshake never does). */
  requests: string[];
  /** The box loses its tls folder and makes a new CA at restart; its database stays. */
  replaceCa(): Promise<void>;
  close(): Promise<void>;
}

async function startTlsHub(): Promise<TlsHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-tls-hub-'));
  const [plainPort, tlsPort] = [await freePort(), await freePort()];
  const h = await startHarness(undefined, {
    KIOSK_ROLE: 'hub',
    KIOSK_TLS: 'on',
    KIOSK_HOST: '127.0.0.1',
    KIOSK_PORT: String(plainPort),
    KIOSK_TLS_PORT: String(tlsPort),
    KIOSK_DATA_DIR: dataDir,
  });
  const requests: string[] = [];
  // The start banner (a QR code for tablets) is for a console, not for the test's output.
  const listen = () =>
    withoutBanner(() =>
      startServers({
        fetch: (req, env) => {
          requests.push(new URL(req.url).pathname);
          return h.app.fetch(req, env);
        },
        config: h.config,
        dataDir,
      }),
    );
  let servers = await listen();
  const stop = () => new Promise<void>((done) => servers.close(done));
  const { admin } = await staffSessions(h);
  return {
    h,
    admin,
    dataDir,
    tlsPort,
    plainPort,
    requests,
    async replaceCa() {
      await stop();
      rmSync(join(dataDir, 'tls'), { recursive: true, force: true });
      servers = await listen();
    },
    async close() {
      await stop();
      await h.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function withoutBanner<T>(work: () => Promise<T>): Promise<T> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    return await work();
  } finally {
    // The plain listener prints once it listens, a moment after.
    setTimeout(() => log.mockRestore(), 200);
  }
}

/** A TCP relay on 127.0.0.1 to a port that can change; a change cuts the connections already open. */
async function relay(target: number): Promise<{ port: number; to(port: number): void; close(): Promise<void> }> {
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(target, '127.0.0.1');
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const cut = () => {
    for (const s of open) s.destroy();
  };
  return {
    port: (server.address() as { port: number }).port,
    to(port) {
      target = port;
      cut();
    },
    close: () =>
      new Promise<void>((done) => {
        cut();
        server.close(() => done());
      }),
  };
}

let hub: TlsHub;
let center: Harness;
let centerAdmin: string;
let link: Awaited<ReturnType<typeof relay>>;
const others: TlsHub[] = [];
const hubUrl = () => `https://127.0.0.1:${link.port}`;

// One hub for the file (a center per test enrols afresh); the re-pin test gives it a new CA.
beforeAll(async () => {
  hub = await startTlsHub();
  link = await relay(hub.tlsPort);
});
afterAll(async () => {
  await link.close();
  await hub.close();
});
beforeEach(async () => {
  link.to(hub.tlsPort);
  hub.requests.length = 0;
  // The real transport (no injected link) and the rule for plain HTTP as shipped.
  center = await startHarness(undefined, { KIOSK_SYNC_ALLOW_INSECURE_HTTP: 'off' });
  centerAdmin = (await staffSessions(center)).admin;
});
afterEach(async () => {
  await center.close();
  for (const other of others.splice(0)) await other.close();
});

const issue = async (on: TlsHub = hub) =>
  (await on.h.json('POST', '/api/staff/hub/enrolments', { name: 'TTHTCĐ xã Tân Lập' }, on.admin)).body as {
    code: string;
    fingerprint: string | null;
  };
const enrol = (code: string, url = hubUrl()) =>
  center.json('POST', '/api/staff/federation/enrol', { hubUrl: url, code }, centerAdmin);
const run = () => center.json('POST', '/api/staff/federation/run', undefined, centerAdmin);
const syncState = async () => (await center.db.selectFrom('sync_state').select('key').execute()).map((r) => r.key);
/** The people a hub holds from this test's center. */
async function hubPeople(on: TlsHub = hub): Promise<number> {
  const node =
    (await center.db.selectFrom('sync_state').select('value').where('key', '=', 'nodeId').executeTakeFirst())?.value ??
    '';
  return (
    await on.h.db
      .selectFrom('hub_record')
      .select('record_id')
      .where('record_kind', '=', 'person')
      .where('origin', '=', node)
      .execute()
  ).length;
}
async function registerVillager(): Promise<void> {
  expect((await center.json('PUT', `/api/people/${build.id()}`, people.anhTuan, centerAdmin)).status).toBe(200);
}
const caPin = (on: TlsHub) => pinOfPem(readFileSync(join(on.dataDir, 'tls', 'ca.crt'), 'utf8'));

describe('sync over TLS with a pinned certificate', () => {
  it('enrols over HTTPS with the code carrying the CA fingerprint, and the push reaches the hub', async () => {
    const issued = await issue();
    expect(issued.code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){5}$/);
    expect(issued.fingerprint!.replace(/-/g, '')).toBe(caPin(hub));
    expect(issued.code.endsWith(issued.fingerprint!)).toBe(true);

    const enrolled = await enrol(issued.code.toLowerCase().replace(/-/g, ' '));
    expect(enrolled.status).toBe(200);
    expect(enrolled.body).toMatchObject({ enrolled: true, hubUrl: hubUrl(), fingerprint: issued.fingerprint });
    await registerVillager();
    expect((await run()).body).toMatchObject({ waiting: 0, lastError: null });
    expect(await hubPeople()).toBe(1);
  });

  it('refuses a wrong fingerprint at enrolment and stores nothing; the code stays usable', async () => {
    const issued = await issue();
    const nodes = async () => (await hub.h.db.selectFrom('hub_node').select('id').execute()).length;
    const before = await nodes();
    const last = issued.code.at(-1) === '7' ? '8' : '7';
    const refused = await enrol(issued.code.slice(0, -1) + last);
    expect(refused.status).toBe(502);
    expect(refused.body.code).toBe('sync.tls-pin-mismatch');
    expect(await syncState()).toEqual([]);
    expect(hub.requests).not.toContain('/api/hub/enrol');
    expect(await nodes()).toBe(before);
    expect((await enrol(issued.code)).status).toBe(200);
  });

  it("does not trust the hub's own CA without a fingerprint (the code alone)", async () => {
    const issued = await issue();
    const refused = await enrol(issued.code.slice(0, 11));
    expect(refused.body.code).toBe('sync.tls-pin-mismatch');
    expect(hub.requests).not.toContain('/api/hub/enrol');
    expect(await syncState()).toEqual([]);
  });

  it('refuses another box answering at the pinned address, and sends it nothing', async () => {
    expect((await enrol((await issue()).code)).status).toBe(200);
    await registerVillager();
    const impostor = await startTlsHub();
    others.push(impostor);
    link.to(impostor.tlsPort);

    const status = (await run()).body;
    expect(status).toMatchObject({ waiting: 1, lastError: { code: 'sync.tls-pin-mismatch' } });
    expect(impostor.requests).toEqual([]);
    expect(await hubPeople(impostor)).toBe(0);
    expect(await hubPeople()).toBe(0);
    // The fingerprint pinned before cannot be pinned again against it.
    const repin = await center.json('POST', '/api/staff/federation/pin', { fingerprint: caPin(hub) }, centerAdmin);
    expect(repin.body.code).toBe('sync.tls-pin-mismatch');
  });

  it('refuses plain HTTP to a hub that is not on this machine, at enrolment and at push', async () => {
    const issued = await issue();
    const refused = await enrol(issued.code, 'http://hub.example:8080');
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('sync.insecure-hub');
    expect(await syncState()).toEqual([]);

    // A center enrolled over plain HTTP before this rule: its next push goes nowhere.
    const keys = newKeyPair();
    await center.db
      .insertInto('sync_state')
      .values([
        { key: 'hubUrl', value: 'http://hub.example:8080' },
        { key: 'nodeId', value: build.id() },
        { key: 'privateKey', value: keys.privateKey },
        { key: 'publicKey', value: keys.publicKey },
        { key: 'cursor', value: '0' },
      ])
      .execute();
    await registerVillager();
    const push = await run();
    expect(push.status).toBe(422);
    expect(push.body.code).toBe('sync.insecure-hub');
    expect((await center.json('GET', '/api/staff/federation', undefined, centerAdmin)).body).toMatchObject({
      waiting: 1,
      lastError: { code: 'sync.insecure-hub' },
    });
  });

  it('keeps plain HTTP to a hub on this machine (loopback)', async () => {
    const enrolled = await enrol((await issue()).code, `http://127.0.0.1:${hub.plainPort}`);
    expect(enrolled.status).toBe(200);
    expect(enrolled.body.fingerprint).toBeNull();
    await registerVillager();
    expect((await run()).body).toMatchObject({ waiting: 0, lastError: null });
  });

  it("re-pins from the admin screen once the hub's CA was replaced, and syncs again", async () => {
    expect((await enrol((await issue()).code)).status).toBe(200);
    await registerVillager();
    const oldPin = caPin(hub);
    await hub.replaceCa();
    link.to(hub.tlsPort);
    expect((await run()).body).toMatchObject({ waiting: 1, lastError: { code: 'sync.tls-pin-mismatch' } });

    const wrong = await center.json('POST', '/api/staff/federation/pin', { fingerprint: oldPin }, centerAdmin);
    expect(wrong.body.code).toBe('sync.tls-pin-mismatch');
    // What the commune officer reads out from the hub's screen.
    const given = (await hub.h.json('GET', '/api/staff/hub/certificate', undefined, hub.admin)).body
      .fingerprint as string;
    expect(given.replace(/-/g, '')).toBe(caPin(hub));
    const repinned = await center.json('POST', '/api/staff/federation/pin', { fingerprint: given }, centerAdmin);
    expect(repinned.status).toBe(200);
    expect(repinned.body).toMatchObject({ fingerprint: given, lastError: null });
    const audit = await center.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'sync.repin')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details as string)).toMatchObject({ to: given });
    expect((await run()).body).toMatchObject({ waiting: 0, lastError: null });
    expect(await hubPeople()).toBe(1);
  });
});
