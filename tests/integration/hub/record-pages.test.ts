import { describe, expect, it } from 'vitest';
import { recordPagesOfKind } from '../../../server/src/hub/ingest/hub.repository.ts';
import { build } from '../../fixtures/people.ts';
import { hubDatabases, storages } from './hub-db-setup.ts';

/**
 * A projection rebuild reads the hub's records a page at a time (issue 27: a hub of 30,000 people ×
 * 5 years held every payload at once, over 1 GB): every record of the kind once, in id order, no
 * other kind, across page boundaries on both storages.
 */
const database = hubDatabases('record_pages', 'NORMAL');

describe.each(storages)('the records of a kind, page by page, on %s', (storage) => {
  it('gives each record once, in id order, in pages of the size asked', async () => {
    const db = await database(storage);
    const ids = Array.from({ length: 7 }, () => build.id()).sort();
    const row = (kind: string, id: string) => ({
      record_kind: kind,
      record_id: id,
      origin: 'node-1',
      revision: 1,
      message_type: 'X',
      payload: JSON.stringify({ id }),
      received_at: '2026-11-20T03:00:00.000Z',
    });
    await db
      .insertInto('hub_record')
      .values([...ids.map((id) => row('person', id)), row('assessment', build.id())])
      .execute();
    const pages: string[][] = [];
    for await (const page of recordPagesOfKind(db, 'person', 3)) pages.push(page.map((r) => r.record_id));
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(ids);
    const none: unknown[] = [];
    for await (const page of recordPagesOfKind(db, 'clan', 3)) none.push(page);
    expect(none).toEqual([]);
  });
});
