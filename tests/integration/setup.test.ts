import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config/load.ts';
import { findProvince } from '../../server/src/config/admin-units.ts';
import type { CenterSetup } from '../../shared/schemas/center-setup.ts';
import { setupBody, cookieOf, staffSessions } from '../fixtures/staff.ts';
import { build } from '../fixtures/people.ts';
import { configDir, startHarness, type Harness } from './harness.ts';

/** Phú Thọ (25), Phường Tân Hòa (04792); Đồng Tháp (82), Phường Đạo Thạnh (28249). */
const phuTho = findProvince(configDir, '25')!;
const tanHoa = phuTho.communes.find((c) => c.code === '04792')!;

const setup = (over: Partial<CenterSetup> = {}): CenterSetup => ({
  kind: 'center',
  provinceCode: '25',
  communeCode: '04792',
  name: 'Trung tâm học tập cộng đồng phường Tân Hòa',
  villages: [
    { name: 'Đồng Chằm', kind: 'thon' },
    { name: 'Ấp Mới', kind: 'ap' },
    { name: '5', kind: 'to-dan-pho' },
  ],
  criteria: { current: 'cdht-2023@2023.1', byYear: { '2023': 'cdht-2022@2022.1' } },
  targets: { cdht: { '2026': 0.5 } },
  ...over,
});

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A box installed by install.sh: no center file (KIOSK_CENTER empty), its administrator signed in. */
async function installedBox(env: Record<string, string> = {}) {
  h = await startHarness(undefined, { KIOSK_CENTER: '', ...env });
  const res = await h.json('POST', '/api/staff/setup', await setupBody(h.db));
  return { h, admin: cookieOf(res.headers) };
}

const setupRows = (x: Harness) => x.db.selectFrom('center_setup').selectAll().execute();
const setupAudit = (x: Harness) =>
  x.db.selectFrom('audit_log').selectAll().where('action', 'like', 'setup.%').orderBy('id').execute();

describe('setup in the browser (issue 24)', () => {
  it('an installed box starts in setup, and the saved setup is its center, villages with their kinds', async () => {
    const { h, admin } = await installedBox();
    const before = await h.json('GET', '/api/kiosk');
    expect(before.body.setupNeeded).toBe(true);
    expect(before.body.center.villages).toEqual([]);
    expect((await h.json('GET', '/api/setup', undefined, admin)).body.needed).toBe(true);

    const provinces = await h.json('GET', '/api/setup/provinces', undefined, admin);
    expect(provinces.body).toHaveLength(34);
    const communes = await h.json('GET', '/api/setup/provinces/25/communes', undefined, admin);
    expect(communes.body).toContainEqual({ code: '04792', name: tanHoa.name });

    const saved = await h.json('PUT', '/api/setup', setup(), admin);
    expect(saved.status).toBe(200);
    expect(saved.body.needed).toBe(false);
    const info = (await h.json('GET', '/api/kiosk')).body;
    expect(info.setupNeeded).toBe(false);
    expect(info.center).toMatchObject({ name: setup().name, commune: tanHoa.name, province: phuTho.name });
    // The place word goes in front of the typed name unless it is there already.
    expect(info.center.places).toEqual([
      { name: 'Thôn Đồng Chằm', kind: 'thon' },
      { name: 'Ấp Mới', kind: 'ap' },
      { name: 'Tổ dân phố 5', kind: 'to-dan-pho' },
    ]);
    expect(info.center.villages).toEqual(['Thôn Đồng Chằm', 'Ấp Mới', 'Tổ dân phố 5']);
    // The criteria set chosen for the year (2026: not listed, so the current one).
    expect(`${info.criteriaSet.id}@${info.criteriaSet.version}`).toBe('cdht-2023@2023.1');
    // The commune's own target beside the national one.
    expect(h.config.targets.commune).toEqual({ cdht: { '2026': 0.5 } });

    // A villager registers in one of the new villages; an old demo village is no longer one.
    const ok = await h.json('PUT', `/api/people/${build.id()}`, {
      name: 'Lê Thị Thu',
      birthYear: 1970,
      village: 'Ấp Mới',
      consents: { assessment: true, publicList: false, statistics: false },
    });
    expect(ok.status).toBe(200);
    const old = await h.json('PUT', `/api/people/${build.id()}`, {
      name: 'Lê Thị Hạ',
      birthYear: 1971,
      village: 'Thôn Bãi Muống',
      consents: { assessment: true, publicList: false, statistics: false },
    });
    expect(old.body.code).toBe('person.village-unknown');

    // Audited: who, which fields, the villages.
    const [created] = await setupAudit(h);
    expect(created).toMatchObject({ action: 'setup.create', actor_name: 'Phạm Thị Hoa' });
    expect(JSON.parse(created!.details)).toMatchObject({
      fields: ['kind', 'place', 'name', 'villages', 'criteria', 'targets'],
      communeCode: '04792',
      villages: ['Thôn Đồng Chằm', 'Ấp Mới', 'Tổ dân phố 5'],
    });

    // Edited later: one more village; the audit names only what changed.
    const more = setup({ villages: [...setup().villages, { name: 'Bản Khe', kind: 'ban' }] });
    expect((await h.json('PUT', '/api/setup', more, admin)).status).toBe(200);
    const entries = await setupAudit(h);
    expect(entries.map((e) => e.action)).toEqual(['setup.create', 'setup.change']);
    expect(JSON.parse(entries[1]!.details).fields).toEqual(['villages']);

    // A restart reads it back from the database.
    const config = loadConfig({ configDir, env: { KIOSK_CENTER: '' } });
    const again = createApp({ db: h.db, config, evidenceDir: join(h.dir, 'evidence'), now: () => new Date() });
    const read = (await (await again.request('/api/kiosk')).json()) as { center: { villages: string[] } };
    expect(read.center.villages).toEqual(['Thôn Đồng Chằm', 'Ấp Mới', 'Tổ dân phố 5', 'Bản Khe']);
  });

  it.each([
    ['an unknown province', setup({ provinceCode: '99' }), 'setup.province-unknown'],
    ['a commune of another province', setup({ communeCode: '28249' }), 'setup.commune-unknown'],
    ['a center without its commune', setup({ communeCode: null }), 'setup.commune-required'],
    ['a center without villages', setup({ villages: [] }), 'setup.villages-required'],
    ['a center without a name', setup({ name: '  ' }), 'setup.name-required'],
    [
      'a village twice (once with its word typed)',
      setup({
        villages: [
          { name: 'Đồng Chằm', kind: 'thon' },
          { name: 'thôn Đồng Chằm', kind: 'thon' },
        ],
      }),
      'setup.village-duplicate',
    ],
    [
      'an unknown criteria set',
      setup({ criteria: { current: 'cdht-2023@2023.1', byYear: { '2027': 'cdht-2099@1' } } }),
      'setup.criteria-set-unknown',
    ],
    ['a kind that is none', { ...setup(), kind: 'village' }, 'request.invalid'],
    ['a village kind that is none', setup({ villages: [{ name: 'X', kind: 'hamlet' as 'thon' }] }), 'request.invalid'],
    ['a target over 100 %', setup({ targets: { cdht: { '2026': 1.5 } } }), 'request.invalid'],
    [
      'a hidden character in a village',
      setup({ villages: [{ name: 'A\u202EB', kind: 'thon' }] }),
      'text.invalid-characters',
    ],
  ])('refuses %s with a stable code and changes nothing', async (_, body, code) => {
    const { h, admin } = await installedBox();
    const counts = await h.counts();
    const res = await h.json('PUT', '/api/setup', body, admin);
    expect(res.body.code).toBe(code);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await setupRows(h)).toEqual([]);
    expect(await setupAudit(h)).toEqual([]);
    expect(await h.counts()).toEqual(counts);
    expect((await h.json('GET', '/api/kiosk')).body.setupNeeded).toBe(true);
  });

  it('only the administrator sets up; the kind is chosen once', async () => {
    h = await startHarness(undefined, { KIOSK_CENTER: '' });
    const s = await staffSessions(h);
    expect((await h.json('PUT', '/api/setup', setup())).body.code).toBe('auth.required');
    expect((await h.json('PUT', '/api/setup', setup(), s.facilitator)).body.code).toBe('auth.forbidden');
    expect((await h.json('GET', '/api/setup', undefined, s.appraiser)).body.code).toBe('auth.forbidden');
    expect((await h.json('PUT', '/api/setup', setup(), s.admin)).status).toBe(200);
    const res = await h.json('PUT', '/api/setup', setup({ kind: 'commune-hub', villages: [] }), s.admin);
    expect(res.body.code).toBe('setup.kind-locked');
    expect(h.config.settings.role).toBe('center');
    expect(await setupAudit(h)).toHaveLength(1);
  });

  it('a second box becomes the commune hub: its role, its commune, no villages of its own', async () => {
    const { h, admin } = await installedBox();
    const res = await h.json('PUT', '/api/setup', setup({ kind: 'commune-hub', name: '', villages: [] }), admin);
    expect(res.status).toBe(200);
    const status = (await h.json('GET', '/api/staff/status', undefined, admin)).body;
    expect(status).toMatchObject({ serverRole: 'hub', hubLevel: 'commune' });
    expect(h.config.center).toMatchObject({ name: tanHoa.name, commune: tanHoa.name, province: phuTho.name });
    expect(h.config.center.villages).toEqual([]);
  });

  it('a center file overrides the screen where both say something, and the screen says which', async () => {
    // The demo's file: its center and its commune targets; the criteria are the screen's.
    h = await startHarness(undefined, {});
    const admin = cookieOf((await h.json('POST', '/api/staff/setup', await setupBody(h.db))).headers);
    const view = (await h.json('GET', '/api/setup', undefined, admin)).body;
    expect(view.needed).toBe(false);
    expect(view.overridden.sort()).toEqual(['name', 'place', 'targets', 'villages']);
    expect((await h.json('PUT', '/api/setup', setup(), admin)).status).toBe(200);
    const info = (await h.json('GET', '/api/kiosk')).body;
    expect(info.center.name).toBe('Trung tâm học tập cộng đồng xã Tân Lập');
    expect(info.center.villages).toContain('Thôn Đồng Chằm');
    expect(info.center.villages).not.toContain('Ấp Mới');
    expect(h.config.targets.commune.cdht).toMatchObject({ '2025': 0.45 });
    expect(`${info.criteriaSet.id}@${info.criteriaSet.version}`).toBe('cdht-2023@2023.1');
    const after = (await h.json('GET', '/api/setup', undefined, admin)).body;
    expect(after.stored.communeName).toBe(tanHoa.name);
    expect(after.effective.commune).toBe('Xã Tân Lập');
    // The audit says the stored fields the file overrides.
    const [entry] = await setupAudit(h);
    expect(JSON.parse(entry!.details).overridden.sort()).toEqual(['name', 'place', 'targets', 'villages']);
  });

  it('the environment fixes the kind and the criteria over the screen', async () => {
    const { h, admin } = await installedBox({ KIOSK_ROLE: 'hub', KIOSK_CDHT_CRITERIA_SET: 'cdht-2022@2022.1' });
    expect((await h.json('PUT', '/api/setup', setup(), admin)).status).toBe(200);
    expect(h.config.settings.role).toBe('hub');
    expect(h.config.settings['cdht.criteriaSet']).toBe('cdht-2022@2022.1');
    expect(h.config.center.commune).toBe(tanHoa.name);
    const view = (await h.json('GET', '/api/setup', undefined, admin)).body;
    expect(view.overridden.sort()).toEqual(['criteria', 'kind']);
  });
});
