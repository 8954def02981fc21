import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach } from 'vitest';
import { declareVersions, type TabletDb } from '../../../web/src/db/db.ts';
import type { OutboxItemInput } from '../../../web/src/lib/sync/outbox.ts';
import type { RegisterPerson } from '../../../shared/schemas/person.ts';
import { build, people } from '../../fixtures/people.ts';
import { startHarness, type Harness } from '../harness.ts';

export type Fault = 'ok' | 'down' | 'lost-answer';

export let h: Harness;
export let db: TabletDb;
export let faults: Fault[];
export let requests: number;
/** A facilitator's session cookie, which the browser sends along with the tablet's requests once she signs in. */
export let staffCookie: string | undefined;

/** The real Hono app behind a fetch that can fail before the box sees the request or after it answered. */
export function boxFetch(): typeof fetch {
  return async (input, init) => {
    requests++;
    const fault = faults.shift() ?? 'ok';
    if (fault === 'down') throw new TypeError('Failed to fetch');
    const headers = new Headers(init?.headers);
    if (staffCookie) headers.set('cookie', staffCookie);
    const res = await h.app.request(String(input), { ...init, headers });
    if (fault === 'lost-answer') throw new TypeError('network connection lost');
    return res;
  };
}

/** The fates of the next requests, in order (then 'ok'). */
export function failNext(next: Fault[]): void {
  faults = next;
}

/** Signs the tablet's browser in as staff: the cookie goes along with its next requests. */
export function signInAs(cookie: string): void {
  staffCookie = cookie;
}

/** A fresh box and an empty tablet database before each test; both gone after. */
export function freshBoxAndTabletEachTest(): void {
  beforeEach(async () => {
    h = await startHarness();
    db = new Dexie(`outbox-${uuidv7()}`) as TabletDb;
    declareVersions(db);
    faults = [];
    requests = 0;
    staffCookie = undefined;
  });
  afterEach(async () => {
    db.close();
    await Dexie.delete(db.name);
    await h.close();
  });
}

export const jpeg = () =>
  new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9])], { type: 'image/jpeg' });

/** What a tablet queues for one villager: registration, draft, a photo, the submission. */
export function villager(
  person: RegisterPerson = people.baLan,
  scores: Record<string, number> = {},
): OutboxItemInput[] {
  const registration = newcomer(person);
  return [...registration, ...assessment(registration[0]!.personId, scores)];
}

export function newcomer(person: RegisterPerson): OutboxItemInput[] {
  const personId = build.id();
  return [{ kind: 'person', personId, recordId: personId, body: person }];
}

/** A draft, a photo and the submission of a self-assessment. */
export function assessment(personId: string, scores: Record<string, number> = {}): OutboxItemInput[] {
  const assessmentId = build.id();
  return [
    {
      kind: 'assessment',
      personId,
      recordId: assessmentId,
      body: build.assessment(personId, { status: 'draft', scores }),
    },
    { kind: 'photo', personId, recordId: build.id(), assessmentId, indicatorId: 'CS03', blob: jpeg() },
    { kind: 'assessment', personId, recordId: assessmentId, body: build.assessment(personId, { scores }) },
  ];
}
