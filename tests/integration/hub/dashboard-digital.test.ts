import { describe, expect, it } from 'vitest';
import { ensureFacts } from '../../../server/src/hub/ingest/facts.ts';
import type { DigitalBank } from '../../../shared/schemas/digital-bank.ts';
import { answerAll } from '../../fixtures/digital.ts';
import { build } from '../../fixtures/people.ts';
import { closeAllLists } from './close-lists.ts';
import {
  communeEachTest,
  dashboard,
  hub,
  hubStaff,
  sites,
  storages,
  sync,
  YEAR,
  type Site,
} from './dashboard-setup.ts';

/** The commune dashboard's digital-skills counts and the rebuild of its projection (the counts and rates: dashboard.test.ts). */

describe.each(storages)('commune dashboard on %s', (storage) => {
  communeEachTest(storage);

  it('counts digital skills from the self-check where one was taken, and from CS05 where not', async () => {
    const site = sites[0]!;
    const digitalMin = hub.config.settings['digital.minScore'];
    const passing = site.people.filter((p) => p.stage === 'pass');
    const low = passing.find((p) => p.cs05 < digitalMin)!;
    const high = passing.find((p) => p.cs05 >= digitalMin && !p.assisted)!;
    const bank = (await site.h.json('GET', '/api/digital/bank')).body as DigitalBank;
    for (const [p, right] of [
      [low, true],
      [high, false],
    ] as const) {
      const res = await site.h.json('PUT', `/api/digital-attempts/${build.id()}`, {
        personId: p.personId,
        bankId: bank.id,
        bankVersion: bank.version,
        startedAt: '2026-11-23T02:00:00.000Z',
        responses: answerAll(bank, right),
      });
      expect(res.body).toMatchObject({ hasDigitalSkills: right, proficient: right });
    }
    await sync(site);
    const all = sites.flatMap((s) => s.people).filter((p) => p.stage === 'pass');
    await closeAllLists(sites, YEAR, sync);
    expect(
      (
        await hub.json(
          'POST',
          '/api/staff/hub/decisions',
          {
            year: YEAR,
            number: '15/QĐ-UBND',
            signedOn: '2026-12-01',
            signer: 'Chủ tịch UBND xã',
            personIds: all.map((p) => p.personId),
          },
          hubStaff.admin,
        )
      ).status,
    ).toBe(200);
    const digital = (p: Site['people'][number]) => (p === low ? true : p === high ? false : p.cs05 >= digitalMin);
    const proficient = (p: Site['people'][number]) =>
      p === low ? true : p === high ? false : p.cs05 >= digitalMin && !p.assisted;
    const d = await dashboard();
    expect(d.total.counts).toMatchObject({
      recognized: all.length,
      digital: all.filter(digital).length,
      proficient: all.filter(proficient).length,
    });
    // Rebuilt from the records, the projection says the same.
    await hub.db.updateTable('sync_state').set({ value: '0' }).where('key', '=', 'facts:version').execute();
    await hub.db
      .insertInto('sync_state')
      .values({ key: 'facts:version', value: '0' })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: '0' }))
      .execute();
    expect(await ensureFacts(hub.db)).toBe(true);
    expect((await dashboard()).total.counts).toEqual(d.total.counts);
  });

  it('rebuilds its projection from the records it holds when the projection version changes', async () => {
    const before = await dashboard();
    await hub.db.deleteFrom('hub_assessment').execute();
    await hub.db.deleteFrom('hub_person').execute();
    await hub.db.updateTable('sync_state').set({ value: '0' }).where('key', '=', 'facts:version').execute();
    await hub.db
      .insertInto('sync_state')
      .values({ key: 'facts:version', value: '0' })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: '0' }))
      .execute();
    expect(await ensureFacts(hub.db)).toBe(true);
    expect(await ensureFacts(hub.db)).toBe(false);
    expect(await dashboard()).toEqual(before);
  });
});
