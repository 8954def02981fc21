import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { declareVersions, type TabletDb } from '../../../web/src/db/db.ts';

const opened: Dexie[] = [];
function open(name: string, upTo?: number): TabletDb {
  const db = new Dexie(name) as TabletDb;
  declareVersions(db, upTo);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

describe('tablet database versions', () => {
  it('v1 → v2 keeps the open session and its photos, drops the "uploaded" flag, adds an empty outbox', async () => {
    const name = `upgrade-${uuidv7()}`;
    const v1 = open(name, 1);
    const assessmentId = uuidv7();
    const session = {
      key: 'current',
      screen: 'indicator',
      indicatorIndex: 3,
      personId: uuidv7(),
      person: null,
      assessmentId,
      group: 'nhom-1',
      answers: { CS01: { score: 8 } },
      submitted: false,
    };
    await v1.table('session').put(session);
    await v1.table('photos').bulkPut([
      {
        id: uuidv7(),
        assessmentId,
        indicatorId: 'CS03',
        blob: new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }),
        uploaded: 0,
      },
      {
        id: uuidv7(),
        assessmentId,
        indicatorId: 'CS04',
        blob: new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }),
        uploaded: 1,
      },
    ]);
    v1.close();

    const v2 = open(name, 2);
    expect(await v2.session.get('current')).toEqual(session);
    const photos = await v2.photos.toArray();
    expect(photos).toHaveLength(2);
    for (const p of photos) {
      expect(p).not.toHaveProperty('uploaded');
      expect(p.blob.size).toBe(3);
    }
    expect(await v2.outbox.count()).toBe(0);
    expect(v2.verno).toBe(2);
  });

  it('v2 → v3 keeps the session, photos and outbox, and adds an empty store of stopped self-checks', async () => {
    const name = `upgrade-${uuidv7()}`;
    const v2 = open(name, 2);
    const session = {
      key: 'current',
      screen: 'result',
      indicatorIndex: 9,
      personId: uuidv7(),
      person: null,
      assessmentId: uuidv7(),
      group: 'nhom-1',
      answers: {},
      submitted: true,
    };
    await v2.table('session').put(session);
    await v2.table('outbox').add({
      kind: 'person',
      recordId: session.personId,
      personId: session.personId,
      body: {},
      state: 'pending',
      attempts: 0,
      createdAt: '2026-11-23T03:00:00.000Z',
    });
    v2.close();

    const v3 = open(name, 3);
    expect(await v3.session.get('current')).toEqual(session);
    expect(await v3.outbox.count()).toBe(1);
    expect(await v3.table('digitalDrafts').count()).toBe(0);
    expect(v3.verno).toBe(3);
  });

  it('v3 → v4 keeps what it held and adds an empty catalog', async () => {
    const name = `upgrade-${uuidv7()}`;
    const v3 = open(name, 3);
    await v3
      .table('digitalDrafts')
      .put({ personId: 'p', attemptId: 'a', startedAt: '2026-11-23T03:00:00.000Z', index: 4, responses: {} });
    v3.close();
    const v4 = open(name, 4);
    expect(await v4.table('digitalDrafts').get('p')).toMatchObject({ index: 4 });
    expect(await v4.resources.count()).toBe(0);
    expect(v4.verno).toBe(4);
  });

  it('v4 → v5 keeps the catalog and the session, and adds an empty store of read-aloud pack indexes', async () => {
    const name = `upgrade-${uuidv7()}`;
    const v4 = open(name, 4);
    await v4.table('catalogMeta').put({ key: 'catalog', version: 7, fetchedAt: '2026-11-23T03:00:00.000Z' });
    await v4.table('session').put({ key: 'current', screen: 'welcome' });
    v4.close();
    const v5 = open(name, 5);
    expect(await v5.catalogMeta.get('catalog')).toMatchObject({ version: 7 });
    expect(await v5.table('session').get('current')).toMatchObject({ screen: 'welcome' });
    expect(await v5.audioPacks.count()).toBe(0);
    expect(v5.verno).toBe(5);
  });

  it("v5 → v6 keeps the session, outbox and packs, and adds an empty store of the other titles' criteria sets", async () => {
    const name = `upgrade-${uuidv7()}`;
    const v5 = open(name, 5);
    const session = {
      key: 'current',
      screen: 'result',
      indicatorIndex: 9,
      personId: uuidv7(),
      person: null,
      assessmentId: uuidv7(),
      group: 'nhom-1',
      answers: {},
      submitted: true,
    };
    await v5.table('session').put(session);
    await v5.table('outbox').add({
      kind: 'learning-plan',
      recordId: uuidv7(),
      personId: session.personId,
      body: {},
      state: 'pending',
      attempts: 0,
      createdAt: '2026-11-23T03:00:00.000Z',
    });
    await v5.table('audioPacks').put({ id: 'vi-espeak', index: {}, fetchedAt: '2026-11-23T03:00:00.000Z' });
    v5.close();
    const v6 = open(name, 6);
    expect(await v6.session.get('current')).toEqual(session);
    expect(await v6.outbox.count()).toBe(1);
    expect(await v6.audioPacks.get('vi-espeak')).toMatchObject({ fetchedAt: '2026-11-23T03:00:00.000Z' });
    expect(await v6.modelSets.count()).toBe(0);
    expect(v6.verno).toBe(6);
  });

  it('v6 → v7 deletes the store of stopped self-checks with the person ids and answers it held, and keeps the rest', async () => {
    const name = `upgrade-${uuidv7()}`;
    const v6 = open(name, 6);
    const personId = uuidv7();
    const session = {
      key: 'current',
      screen: 'result',
      indicatorIndex: 9,
      personId,
      person: null,
      assessmentId: uuidv7(),
      group: 'nhom-1',
      answers: {},
      submitted: true,
    };
    await v6.table('session').put(session);
    await v6.table('outbox').add({
      kind: 'digital-attempt',
      recordId: uuidv7(),
      personId,
      body: {},
      state: 'pending',
      attempts: 0,
      createdAt: '2026-11-23T03:00:00.000Z',
    });
    await v6.table('digitalDrafts').put({
      personId,
      attemptId: uuidv7(),
      startedAt: '2026-11-23T03:00:00.000Z',
      index: 4,
      responses: { DS01: { kind: 'self-rating', step: 3 } },
    });
    v6.close();
    const v7 = open(name);
    expect(await v7.session.get('current')).toEqual(session);
    expect(await v7.outbox.count()).toBe(1);
    expect(v7.tables.map((t) => t.name)).not.toContain('digitalDrafts');
    expect(v7.verno).toBe(7);
    v7.close();
    // Read below Dexie: the store itself is gone from the tablet's IndexedDB.
    const stores = await new Promise<string[]>((done, fail) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => {
        done([...req.result.objectStoreNames]);
        req.result.close();
      };
      req.onerror = () => fail(req.error);
    });
    expect(stores).not.toContain('digitalDrafts');
  });

  it('a fresh tablet opens straight at the latest version', async () => {
    const db = open(`fresh-${uuidv7()}`);
    await db.open();
    expect(db.verno).toBe(7);
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'audioPacks',
      'catalogMeta',
      'kiosk',
      'modelSets',
      'outbox',
      'photos',
      'resources',
      'session',
    ]);
  });
});
