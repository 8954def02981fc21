import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { codeCheck, pinOfPem } from '../../../server/src/sync/ca-pin.ts';
import { inGroups, parseJoinCode } from '../../../shared/schemas/enrolment.ts';
import { build, people } from '../../fixtures/people.ts';
import { cookieOf, setupBody } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';
import { startTlsHub, type TlsHub } from './tls-hub.ts';

/**
 * Issue 24: a center joins its hub by one code, typed once. The code carries the hub's address and
 * a check of the hub's CA keyed by the one-time code; the center checks the CA against it, pins it,
 * enrols over a connection trusting only it, and syncs. Each refusal has its code and changes
 * nothing, at the center or at the hub. Two real hubs: the second is an impostor at another address.
 */

// Real listeners, certificates and scrypt for each box's staff: more than the defaults on a busy machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

let hub: TlsHub;
let impostor: TlsHub;
let center: Harness;
let admin: string;

beforeAll(async () => {
  [hub, impostor] = await Promise.all([startTlsHub(), startTlsHub()]);
});
afterAll(async () => {
  await Promise.all([hub?.close(), impostor?.close()]);
});
/** The box's first administrator only (no other accounts: each costs a PIN hash). */
async function firstAdmin(box: Harness): Promise<string> {
  const setup = await box.json('POST', '/api/staff/setup', await setupBody(box.db));
  expect(setup.status).toBe(200);
  return cookieOf(setup.headers);
}

beforeEach(async () => {
  hub.requests.length = 0;
  impostor.requests.length = 0;
  // The real transport and the rule for plain HTTP as shipped.
  center = await startHarness(undefined, { KIOSK_SYNC_ALLOW_INSECURE_HTTP: 'off' });
  admin = await firstAdmin(center);
});
afterEach(async () => {
  await center.close();
});

const address = (on: TlsHub) => `127.0.0.1:${on.tlsPort}`;
const issue = async (on: TlsHub = hub, body: Record<string, unknown> = { address: address(on) }) =>
  on.h.json('POST', '/api/staff/hub/enrolments', { name: 'TTHTCĐ xã Tân Sơn', ...body }, on.admin);
const joinCodeOf = async (on: TlsHub = hub) => (await issue(on)).body.joinCode as string;
const enrol = (body: Record<string, unknown>) => center.json('POST', '/api/staff/federation/enrol', body, admin);
const centerState = async () => (await center.db.selectFrom('sync_state').select('key').execute()).map((r) => r.key);
const nodes = async (on: TlsHub = hub) => (await on.h.db.selectFrom('hub_node').select('id').execute()).length;
/** One character of the code's part at `index` (0–24 after the address) changed for another valid one. */
function changed(joinCode: string, index: number): string {
  const [addr, groups] = joinCode.split(' ') as [string, string];
  const chars = groups.replace(/-/g, '').split('');
  chars[index] = chars[index] === '7' ? '8' : '7';
  return `${addr} ${inGroups(chars.join(''))}`;
}

describe('the join code', () => {
  it('carries the address, the one-time code and its keyed check of the CA; its QR carries the same text; only a hash is stored', async () => {
    const issued = await issue();
    expect(issued.status).toBe(200);
    const { joinCode, code, fingerprint, qrSvg } = issued.body as Record<string, string>;
    expect(joinCode).toMatch(
      new RegExp(`^127\\.0\\.0\\.1:${hub.tlsPort} [2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$`),
    );
    const parsed = parseJoinCode(joinCode!)!;
    expect(parsed.hubUrl).toBe(`https://127.0.0.1:${hub.tlsPort}`);
    expect(parsed.check).toBe(codeCheck(parsed.code, hub.ca().der));
    // The older form stays on offer: the same code with the CA's plain fingerprint, no address.
    expect(code).toBe(`${parsed.code}-${fingerprint}`);
    expect(fingerprint!.replace(/-/g, '')).toBe(pinOfPem(hub.ca().pem));
    expect(qrSvg).toMatch(/^<svg[^>]*>/);
    expect(qrSvg).not.toMatch(/<script|on\w+=/i);
    const stored = await hub.h.db.selectFrom('hub_enrolment').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(parsed.code.replace('-', ''));
  });

  it('refuses an address that is not a host and port, and stores nothing', async () => {
    const before = await hub.h.counts();
    for (const bad of ['https://xa.vn/duong-dan', 'xa vn', 'https://user:pass@xa.vn', 'xa.vn?x=1']) {
      const refused = await issue(hub, { address: bad });
      expect(refused.status, bad).toBe(400);
      expect(refused.body.code, bad).toBe('request.invalid');
    }
    expect(await hub.h.counts()).toEqual(before);
  });

  it('typed once, in lower case with spaces, joins: the CA is checked and pinned, the center enrols and its records reach the hub', async () => {
    const joinCode = await joinCodeOf();
    const joined = await enrol({ code: joinCode.toLowerCase().replace(/-/g, ' ') });
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({
      enrolled: true,
      hubUrl: `https://127.0.0.1:${hub.tlsPort}`,
      fingerprint: inGroups(pinOfPem(hub.ca().pem)),
    });
    const pinned = await center.db
      .selectFrom('sync_state')
      .select('value')
      .where('key', '=', 'hubCa')
      .executeTakeFirstOrThrow();
    expect(pinned.value).toBe(hub.ca().pem);
    // The CA was fetched and checked before the code was sent.
    expect(hub.requests.slice(0, 2)).toEqual(['/api/hub/ca.crt', '/api/hub/enrol']);

    const person = build.id();
    expect((await center.json('PUT', `/api/people/${person}`, people.anhTuan, admin)).status).toBe(200);
    expect((await center.json('POST', '/api/staff/federation/run', undefined, admin)).body).toMatchObject({
      waiting: 0,
      lastError: null,
    });
    const arrived = await hub.h.db
      .selectFrom('hub_record')
      .select('record_id')
      .where('record_kind', '=', 'person')
      .where('record_id', '=', person)
      .execute();
    expect(arrived).toHaveLength(1);
  });

  /** Refused with `code`: the center stores nothing and the hub registers no one. */
  async function refusedWith(body: Record<string, unknown>, code: string, status: number) {
    const before = { hub: await nodes(), state: await centerState() };
    const refused = await enrol(body);
    expect(refused.body.code).toBe(code);
    expect(refused.status).toBe(status);
    expect(await centerState()).toEqual(before.state);
    expect(await nodes()).toBe(before.hub);
    expect((await center.json('GET', '/api/staff/federation', undefined, admin)).body).toMatchObject({
      enrolled: false,
    });
  }

  it('refuses a wrong check or a mistyped code before sending anything, and the code stays usable', async () => {
    const joinCode = await joinCodeOf();
    await refusedWith({ code: changed(joinCode, 24) }, 'sync.tls-pin-mismatch', 502);
    // A code mistyped no longer matches its check: the hub is never sent it.
    await refusedWith({ code: changed(joinCode, 3) }, 'sync.tls-pin-mismatch', 502);
    expect(hub.requests).not.toContain('/api/hub/enrol');
    expect((await enrol({ code: joinCode })).status).toBe(200);
  });

  it('refuses a hub whose certificate is not the one the code checks (another box at the address)', async () => {
    const joinCode = await joinCodeOf();
    const elsewhere = joinCode.replace(address(hub), address(impostor));
    await refusedWith({ code: elsewhere }, 'sync.tls-pin-mismatch', 502);
    expect(impostor.requests).toEqual(['/api/hub/ca.crt']);
    expect(await nodes(impostor)).toBe(0);
  });

  it('refuses an expired code and a code already used, at the hub', async () => {
    const expired = await joinCodeOf();
    hub.h.setNow(
      new Date(Date.parse('2026-11-23T03:00:00Z') + (hub.h.config.settings['hub.enrolmentHours'] + 1) * 3600_000),
    );
    try {
      await refusedWith({ code: expired }, 'sync.enrolment-invalid', 403);
    } finally {
      hub.h.setNow(new Date('2026-11-23T03:00:00Z'));
    }

    const once = await joinCodeOf();
    expect((await enrol({ code: once })).status).toBe(200);
    const second = await startHarness(undefined, { KIOSK_SYNC_ALLOW_INSECURE_HTTP: 'off' });
    try {
      const secondAdmin = await firstAdmin(second);
      const before = await nodes();
      const reused = await second.json('POST', '/api/staff/federation/enrol', { code: once }, secondAdmin);
      expect(reused.body.code).toBe('sync.enrolment-invalid');
      expect(await nodes()).toBe(before);
      expect((await second.db.selectFrom('sync_state').select('key').execute()).map((r) => r.key)).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it('refuses a text that is no code, a code with no address, and an address typed beside a code that says another', async () => {
    await refusedWith({ code: 'xin chào' }, 'sync.enrolment-invalid', 403);
    const joinCode = await joinCodeOf();
    const groups = joinCode.split(' ')[1]!;
    await refusedWith({ code: groups }, 'sync.enrolment-no-address', 422);
    await refusedWith(
      { code: joinCode, hubUrl: `https://127.0.0.1:${impostor.tlsPort}` },
      'sync.enrolment-invalid',
      403,
    );
    expect(hub.requests).toEqual([]);
    // The same address typed beside it is no contradiction.
    expect((await enrol({ code: joinCode, hubUrl: `https://127.0.0.1:${hub.tlsPort}/` })).status).toBe(200);
  });
});
