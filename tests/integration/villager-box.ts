import { afterEach, beforeEach } from 'vitest';
import { build, people } from '../fixtures/people.ts';
import { startHarness, type Harness } from './harness.ts';

export let h: Harness;
/** Ba Lan, registered on the box before each test. */
export let personId: string;

/** Before each test a fresh box with one villager (Ba Lan) registered; closed after. */
export function freshBoxWithVillagerEachTest(): void {
  beforeEach(async () => {
    h = await startHarness();
    personId = build.id();
    await h.json('PUT', `/api/people/${personId}`, people.baLan);
  });
  afterEach(async () => {
    await h.close();
  });
}
