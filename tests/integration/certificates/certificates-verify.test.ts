import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { kidOf } from '../../../server/src/certificates/document-key.ts';
import {
  communeForFile,
  enrolledCenter,
  linkTo,
  NUMBER,
  printedLinks,
  sheetsOf,
  sync,
  verifyOn,
  villagers,
} from './certificates-setup.ts';

/**
 * Issue 25: a recorded decision's certificates printed at the hub (one per person it recognizes,
 * audited, none for a withdrawn decision, the hub's key made once and put in the feed once), and
 * their QR codes checked offline, on the hub that signed them and on a center that has its key
 * (from the enrolment's answer, or from the feed for a center enrolled with a hub of an earlier
 * version); any change to what one says, or another key, is refused with a stable code.
 */

const shared = communeForFile();

/** The payload of a token as its JSON array, and a token made back from one (the signature kept). */
const payloadOf = (token: string): unknown[] => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString());
const withPayload = (token: string, payload: unknown[]): string =>
  `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${token.split('.')[1]}`;

/** A token signed with a key that is not the hub's: its own id, or the hub's id claimed. */
function signedElsewhere(token: string, claimHubKid: boolean): string {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const spki = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const payload = payloadOf(token);
  if (!claimHubKid) payload[1] = kidOf(spki);
  const bytes = Buffer.from(JSON.stringify(payload));
  const signature = sign(null, Buffer.concat([Buffer.from('kiosk-certificate/1\n'), bytes]), privateKey);
  return `${bytes.toString('base64url')}.${signature.toString('base64url')}`;
}

const alterations: [string, (token: string) => string, string][] = [
  ['the name changed', (t) => withPayload(t, payloadOf(t).with(4, 'Nguyễn Văn Giả')), 'certificate.signature-invalid'],
  ['the year changed', (t) => withPayload(t, payloadOf(t).with(3, 2025)), 'certificate.signature-invalid'],
  ['the title changed', (t) => withPayload(t, payloadOf(t).with(2, 'gdht')), 'certificate.signature-invalid'],
  [
    'the signature changed',
    (t) => {
      const [payload, sig] = t.split('.') as [string, string];
      const bytes = Buffer.from(sig, 'base64url');
      bytes[10] = bytes[10]! ^ 0x01;
      return `${payload}.${bytes.toString('base64url')}`;
    },
    'certificate.signature-invalid',
  ],
  ['signed with another key, naming it', (t) => signedElsewhere(t, false), 'certificate.unknown-key'],
  ["signed with another key, naming the hub's", (t) => signedElsewhere(t, true), 'certificate.signature-invalid'],
  ['cut short', (t) => t.slice(0, 60), 'certificate.malformed'],
];

describe("a certificate's QR code", () => {
  it('carries the name, year, title and decision only, and verifies on the hub', async () => {
    expect(shared.tokens).toHaveLength(villagers.length);
    const names = shared.tokens.map((t) => payloadOf(t)[4]);
    // Everyone the decision recognizes, the villager off the public list too.
    expect(names.sort()).toEqual(villagers.map((v) => v.name).sort());
    for (const t of shared.tokens) {
      const payload = payloadOf(t);
      expect(payload).toHaveLength(7);
      expect(payload.slice(2)).toEqual(['cdht', 2026, payload[4], NUMBER, '2026-12-01']);
      expect(JSON.stringify(payload)).not.toContain('1960');
      expect(JSON.stringify(payload)).not.toContain('Thôn');
    }
    const page = await verifyOn(shared.commune.hub, shared.tokens[0]!);
    expect(page).toMatchObject({ status: 200, verdict: 'genuine' });
    expect(page.html).toContain('Giấy công nhận này là thật');
    expect(page.html).toContain(String(payloadOf(shared.tokens[0]!)[4]));
    expect(page.html).toContain('“Công dân học tập” năm 2026');
    expect(page.html).toContain(`Số ${NUMBER} ngày 01/12/2026`);
  });

  it('verifies on the center, which got the key with its enrolment, with no further sync', async () => {
    for (const t of shared.tokens) expect((await verifyOn(shared.commune.center, t)).verdict).toBe('genuine');
  });

  it.each(alterations)('is refused when %s, on the hub and on the center', async (_, alter, code) => {
    const forged = alter(shared.tokens[1]!);
    for (const box of [shared.commune.hub, shared.commune.center]) {
      const page = await verifyOn(box, forged, '192.168.1.60');
      expect(page.code).toBe(code);
      expect(page.status).toBe(code === 'certificate.malformed' ? 400 : 422);
      expect(page.verdict).toBe(code === 'certificate.malformed' ? 'unchecked' : 'refused');
      if (page.verdict === 'refused') expect(page.html).toContain('Giấy này không phải giấy thật');
      expect(page.html).toContain(`Mã: ${code}`);
    }
  });

  it(
    'verifies on a center enrolled with a hub of an earlier version once the feed brought the key',
    { timeout: 30_000 },
    async () => {
      const { hub, hubStaff } = shared.commune;
      // The answer to its enrolment carries no key, as an earlier hub's did not.
      const older = linkTo(
        () => hub,
        (path, body) => (path === '/api/hub/enrol' ? { nodeId: body.nodeId, hubName: body.hubName } : body),
      );
      let online = true;
      const link: typeof fetch = (input, init) =>
        online ? older(input, init) : Promise.reject(new TypeError('network down'));
      const { center, centerStaff } = await enrolledCenter(hub, hubStaff.admin, link, 'TTHTCĐ Xuân Sơn');
      try {
        const before = await verifyOn(center, shared.tokens[2]!);
        expect(before).toMatchObject({ status: 409, verdict: 'unchecked', code: 'certificate.no-key' });
        await sync(center, centerStaff.admin);
        expect((await verifyOn(center, shared.tokens[2]!)).verdict).toBe('genuine');
        // Offline: the hub out of reach, the center still checks.
        online = false;
        expect((await verifyOn(center, shared.tokens[0]!)).verdict).toBe('genuine');
        expect((await verifyOn(center, alterations[0]![1](shared.tokens[0]!))).code).toBe(
          'certificate.signature-invalid',
        );
      } finally {
        await center.close();
      }
    },
  );

  it('is throttled per client after 20 free refusals, the genuine one too while the wait runs', async () => {
    const forged = alterations[0]![1](shared.tokens[0]!);
    for (let i = 0; i < 21; i++) expect((await verifyOn(shared.commune.hub, forged, '10.9.9.9')).status).toBe(422);
    const blocked = await verifyOn(shared.commune.hub, shared.tokens[0]!, '10.9.9.9');
    expect(blocked).toMatchObject({ status: 429, code: 'auth.throttled' });
    // Another phone is not held up.
    expect((await verifyOn(shared.commune.hub, shared.tokens[0]!, '10.9.9.10')).verdict).toBe('genuine');
  });
});

describe("a recorded decision's certificates at the hub", () => {
  it('prints one per person it recognizes, two to a sheet, audited, with the address the officer used', async () => {
    const { hub, hubStaff, decisionId } = shared.commune;
    const res = await hub.app.request(`http://hub.example:8443/api/staff/hub/decisions/${decisionId}/certificates`, {
      headers: { cookie: hubStaff.admin },
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(sheetsOf(html).map((s) => s.length)).toEqual([2, 1]);
    expect(html).toContain('Năm sinh: 1960 – Nơi cư trú: Thôn Gò Chè');
    expect(html).toContain('(Quyết định số 15/QĐ-UBND ngày 01/12/2026 của Ủy ban nhân dân xã Tân Lập)');
    expect(html).toContain('data-verify-url="http://hub.example:8443/api/xac-minh?c=');
    const audit = await hub.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'hub.certificates-print')
      .orderBy('id')
      .execute();
    // The print in beforeAll, then this one.
    expect(audit.map((a) => [a.subject_id, JSON.parse(a.details)])).toEqual([
      [decisionId, { count: 3 }],
      [decisionId, { count: 3 }],
    ]);
  });

  it('makes the key once, kept in the database, and puts it in the feed once', async () => {
    const { hub, hubStaff, center, centerStaff, decisionId } = shared.commune;
    await printedLinks(hub, hubStaff.admin, decisionId);
    await sync(center, centerStaff.admin);
    await sync(center, centerStaff.admin);
    const keys = await hub.db.selectFrom('document_key').selectAll().execute();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ own: 1 });
    expect(keys[0]!.private_key).toContain('PRIVATE KEY');
    const feed = await hub.db.selectFrom('hub_feed').selectAll().where('kind', '=', 'document-key').execute();
    expect(feed.map((f) => [f.record_id, f.node_id])).toEqual([[keys[0]!.key_id, null]]);
    // The center holds the public half only.
    const held = await center.db.selectFrom('document_key').selectAll().execute();
    expect(held).toEqual([expect.objectContaining({ key_id: keys[0]!.key_id, private_key: null, own: null })]);
  });

  it('prints none for a withdrawn decision', async () => {
    const { hub, hubStaff, decisionId } = shared.commune;
    const revoke = await hub.json(
      'POST',
      `/api/staff/hub/decisions/${decisionId}/revoke`,
      { reason: 'Ghi nhầm số quyết định' },
      hubStaff.admin,
    );
    expect(revoke.status).toBe(200);
    const printed = () =>
      hub.db.selectFrom('audit_log').select('id').where('action', '=', 'hub.certificates-print').execute();
    const before = (await printed()).length;
    const res = await hub.json('GET', `/api/staff/hub/decisions/${decisionId}/certificates`, undefined, hubStaff.admin);
    expect(res).toMatchObject({ status: 409, body: { code: 'decision.already-revoked' } });
    expect(await printed()).toHaveLength(before);
  });
});
