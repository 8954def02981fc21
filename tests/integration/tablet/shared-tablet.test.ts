import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { db } from '../../../web/src/db/db.ts';
import { Flow } from '../../../web/src/lib/state/flow.svelte.ts';
import { people } from '../../fixtures/people.ts';
import { tabletAgainstBox } from './tablet-box.ts';

/**
 * A shared tablet keeps nothing for the next person (issue 21): what one villager typed or chose
 * leaves the tablet's memory and IndexedDB when she leaves it, and the idle timeout runs for as
 * long as anything of hers is there. The real flow over fake-indexeddb and the real box.
 */
const box = tabletAgainstBox();

async function started(): Promise<Flow> {
  const flow = new Flow();
  await flow.start();
  return flow;
}

const typed = {
  name: 'Lò Thị Mẩy',
  birthYear: '1952',
  village: '',
  phone: '0912 345 678',
  consents: { assessment: false, publicList: false, statistics: false },
};

describe('a shared tablet between villagers', () => {
  it('a half-typed registration form leaves the tablet when she goes back, and the next person finds it empty', async () => {
    const flow = await started();
    await flow.go('register');
    await flow.saveRegistration(typed);
    expect((await db.session.get('current'))?.registration?.name).toBe(typed.name);
    await flow.go('welcome');
    expect(flow.session.registration).toBeUndefined();
    expect(JSON.stringify(await db.session.toArray())).not.toContain(typed.name);
    // The next person taps "Tôi là người mới": an empty form.
    await flow.go('register');
    expect(flow.session.registration).toBeUndefined();
    expect((await db.session.get('current'))?.registration).toBeUndefined();
  });

  it('a keystroke saved after she left the form brings nothing of it back', async () => {
    const flow = await started();
    await flow.go('register');
    const leaving = flow.go('find');
    // The form's last "change" event fires as it is taken off the screen.
    const late = flow.saveRegistration(typed);
    await Promise.all([leaving, late]);
    expect(flow.session.screen).toBe('find');
    expect(flow.session.registration).toBeUndefined();
    expect((await db.session.get('current'))?.registration).toBeUndefined();
  });

  it('the idle timeout is wanted whenever something of a person is on the tablet, the welcome screen included', async () => {
    const flow = await started();
    expect(flow.occupied).toBe(false);
    await flow.go('register');
    expect(flow.occupied).toBe(true);
    await flow.go('welcome');
    expect(flow.occupied).toBe(false);
    // A choice made on the welcome screen is hers too.
    await flow.preferences.setTextScale(2);
    expect(flow.occupied).toBe(true);
    await flow.endSession();
    expect(flow.occupied).toBe(false);
    // Someone sent back to the welcome screen with her session still open (a paused self-check).
    await flow.go('register');
    await flow.register(people.baLan);
    await flow.go('welcome');
    expect(flow.occupied).toBe(true);
    await flow.endSession();
    expect(flow.occupied).toBe(false);
  });

  it('the end of a session leaves nothing of her in memory: her self-check history and a retake refusal go too', async () => {
    const flow = await started();
    await flow.go('register');
    await flow.register(people.baLan);
    flow.digital.refused = { nextDate: '2027-01-01' };
    flow.digital.history = [{ id: 'x' } as (typeof flow.digital.history)[number]];
    await flow.endSession();
    expect(flow.digital.refused).toBeNull();
    expect(flow.digital.history).toEqual([]);
    expect(flow.session.person).toBeNull();
    expect(flow.session.token).toBeUndefined();
    expect(await db.session.count()).toBe(0);
  });
});
