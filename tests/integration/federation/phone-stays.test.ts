import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build, people } from '../../fixtures/people.ts';
import { staffSessions, type Role } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';

/**
 * The phone number stays at the center (issue 21): the commune has no use for it. A real center
 * with people who gave their phones (registered at the tablet, by staff, a child with her guardian,
 * one whose consents changed, one erased) syncs with a real hub; every request the center sends the
 * hub is captured and inflated, and neither the digits of any phone nor a `phone` key may be in it,
 * nor in anything the hub stored.
 */

let hub: Harness;
let center: Harness;
let hubStaff: Record<Role, string>;
let centerStaff: Record<Role, string> & { ids: Record<Role, string> };
const sent: string[] = [];

const link: typeof fetch = async (input, init) => {
  const url = new URL(String(input));
  const headers = new Headers(init?.headers);
  const body = init?.body as Uint8Array | string | undefined;
  if (body !== undefined) {
    const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body);
    sent.push(
      `${url.pathname} ${(headers.get('content-encoding') === 'gzip' ? gunzipSync(bytes) : bytes).toString('utf8')}`,
    );
  }
  return hub.app.request(url.pathname + url.search, init);
};

beforeEach(async () => {
  sent.length = 0;
  hub = await startHarness(undefined, { KIOSK_ROLE: 'hub' });
  center = await startHarness(undefined, {}, link);
  hubStaff = await staffSessions(hub);
  centerStaff = await staffSessions(center);
});
afterEach(async () => {
  await center.close();
  await hub.close();
});

const phones = ['0912345678', '0987654321', '0356789012', '+84971234567', '0868123456'];

describe('the phone number', () => {
  it('never goes to the commune: no pushed message carries the digits or a phone key', async () => {
    const year = (await center.json('GET', '/api/kiosk')).body.year as number;
    const ids: string[] = [];
    const register = async (body: object, cookie?: string) => {
      const id = build.id();
      const res = await center.json('PUT', `/api/people/${id}`, body, cookie);
      expect(res.status).toBe(200);
      expect(res.body.phone).toBeTruthy();
      ids.push(id);
      return id;
    };
    await register({ ...people.anhTuan, phone: phones[0] });
    await register({ ...people.baLan, phone: phones[1] });
    await register({ ...people.baLan, name: 'Hà Văn Tú', birthYear: 1977, phone: phones[2] }, centerStaff.facilitator);
    await register(
      {
        name: 'Lò Thị Hoa',
        birthYear: year - 14,
        village: 'Thôn Khe Ngang',
        phone: phones[3],
        consents: { assessment: true, publicList: false, statistics: true },
        guardian: { name: 'Lò Văn Páo', relation: 'father', consented: true },
        assistedBy: centerStaff.ids.facilitator,
      },
      centerStaff.facilitator,
    );
    const erased = await register({ ...people.anhTuan, name: 'Đinh Văn Sơn', phone: phones[4] });
    for (const id of ids.slice(0, 3)) {
      expect((await center.json('PUT', `/api/assessments/${build.id()}`, build.assessment(id))).status).toBe(200);
    }
    // A consent changed at the center sends her record up again.
    expect(
      (
        await center.json(
          'POST',
          `/api/staff/people/${ids[0]}/consents`,
          { purpose: 'publicList', granted: true },
          centerStaff.facilitator,
        )
      ).status,
    ).toBe(200);
    expect(
      (await center.json('DELETE', `/api/staff/people/${erased}`, undefined, centerStaff.facilitator)).status,
    ).toBe(200);

    const { body } = await hub.json('POST', '/api/staff/hub/enrolments', { name: 'TTHTCĐ xã Tân Lập' }, hubStaff.admin);
    expect(
      (
        await center.json(
          'POST',
          '/api/staff/federation/enrol',
          { hubUrl: 'http://hub.test', code: body.code },
          centerStaff.admin,
        )
      ).status,
    ).toBe(200);
    const run = await center.json('POST', '/api/staff/federation/run', undefined, centerStaff.admin);
    expect(run.body).toMatchObject({ waiting: 0, lastError: null });

    // What went up: the people themselves, so the capture is not empty.
    const pushes = sent.filter((s) => s.startsWith('/api/hub/push '));
    expect(pushes.length).toBeGreaterThan(0);
    const pushed = pushes.flatMap((s) =>
      (JSON.parse(s.slice('/api/hub/push '.length)) as { changes: { message: Record<string, unknown> }[] }).changes.map(
        (c) => c.message,
      ),
    );
    expect(pushed.filter((m) => m.type === 'PersonUpsertV1').length).toBeGreaterThanOrEqual(5);
    expect(
      pushed.filter((m) => m.type === 'PersonUpsertV1' && m.name === 'Trần Văn Tuấn').map((m) => m.revision),
    ).toEqual([1, 2]);

    const everything = sent.join('\n');
    for (const phone of phones) {
      // The digits after the trunk 0 or +84: found whichever way the number was written.
      const national = phone.replace(/^(\+84|0)/, '');
      expect(everything).not.toContain(national);
    }
    expect(everything).not.toMatch(/"phone"\s*:/);
    for (const m of pushed) expect(Object.keys(m)).not.toContain('phone');

    // Nor anything the hub stored.
    const stored = [
      ...(await hub.db.selectFrom('hub_record').select('payload').execute()),
      ...(await hub.db.selectFrom('hub_record_history').select('payload').execute()),
    ]
      .map((r) => r.payload)
      .join('\n');
    expect(stored).toContain('Trần Văn Tuấn');
    for (const phone of phones) expect(stored).not.toContain(phone.replace(/^(\+84|0)/, ''));
    expect(stored).not.toMatch(/"phone"\s*:/);

    // The center keeps it: staff still see her phone.
    expect((await center.json('GET', `/api/people/${ids[0]}`, undefined, centerStaff.facilitator)).body.phone).toBe(
      phones[0],
    );
  });
});
