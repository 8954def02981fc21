import { describe, expect, it } from 'vitest';
import { applyFeedItem } from '../../../server/src/federation/feed.apply.ts';
import { build } from '../../fixtures/people.ts';
import {
  commune,
  center,
  communeStaff,
  centerStaff,
  toCenter,
  hubStorages,
  ricePrinted,
  vneidLink,
  digitalClass,
  syncCenter,
  catalogOf,
  rowOf,
  freshHubsEachTest,
  dropNextFeedAnswers,
} from './resources-feed-setup.ts';

/**
 * Resources made at a commune or province hub come down the downward feed (docs/ARCHITECTURE.md,
 * "Learning resources"): province → commune → center, each keeping the origin and revision, each
 * giving them its next catalog version so the tablets fetch only what changed. Only the place that
 * made a resource changes it.
 */
describe.each(hubStorages)('resources down the feed, commune hub on %s', (storage) => {
  freshHubsEachTest(storage);

  it('a commune resource reaches the center with its origin, and a tablet fetches only that change', async () => {
    // The center's own resource, already on the tablet.
    expect(
      (await center.json('PUT', `/api/staff/resources/${build.id()}`, vneidLink, centerStaff.facilitator)).body,
    ).toMatchObject({ origin: 'center', version: 1 });
    const tablet = (await catalogOf(center)).version;
    expect(tablet).toBe(1);

    const id = build.id();
    const made = await commune.json('PUT', `/api/staff/resources/${id}`, ricePrinted, communeStaff.facilitator);
    expect(made.body).toMatchObject({ id, origin: 'commune', revision: 1, retired: false });
    // Into the commune's feed in the same change: one row, for every center.
    expect(
      await commune.db
        .selectFrom('hub_feed')
        .select(['kind', 'record_id', 'revision', 'node_id'])
        .where('kind', '=', 'resource')
        .execute(),
    ).toEqual([{ kind: 'resource', record_id: id, revision: 1, node_id: null }]);

    await syncCenter();
    expect(toCenter).toEqual([[id, 1]]);
    const staffList = (await center.json('GET', '/api/staff/resources', undefined, centerStaff.facilitator)).body as {
      id: string;
      origin: string;
    }[];
    expect(staffList.find((r) => r.id === id)).toMatchObject({
      origin: 'commune',
      title: 'Sổ tay trồng lúa cải tiến',
      place: 'Thư viện xã',
      revision: 1,
    });
    const changed = await catalogOf(center, tablet);
    expect(changed.version).toBe(2);
    expect(changed.changes).toHaveLength(1);
    expect(changed.changes[0]).toMatchObject({ id, origin: 'commune', revision: 1, version: 2, retired: false });

    // A further sync carries nothing new and changes nothing.
    const before = await center.counts();
    await syncCenter();
    expect(toCenter).toEqual([[id, 1]]);
    expect(await center.counts()).toEqual(before);
    expect(await catalogOf(center, 2)).toEqual({ version: 2, changes: [] });
  });

  it('an edit and a retirement at the commune reach the center as its next revisions', async () => {
    const id = build.id();
    await commune.json('PUT', `/api/staff/resources/${id}`, digitalClass, communeStaff.facilitator);
    await syncCenter();
    const v1 = (await catalogOf(center)).version;

    const edited = await commune.json(
      'PUT',
      `/api/staff/resources/${id}`,
      { ...digitalClass, place: 'Nhà văn hóa thôn Khe Ngang' },
      communeStaff.facilitator,
    );
    expect(edited.body).toMatchObject({ origin: 'commune', revision: 2 });
    await syncCenter();
    const afterEdit = await catalogOf(center, v1);
    expect(afterEdit.changes.map((r) => [r.id, r.revision, r.retired, (r as { place?: string }).place])).toEqual([
      [id, 2, false, 'Nhà văn hóa thôn Khe Ngang'],
    ]);

    expect(
      (await commune.json('POST', `/api/staff/resources/${id}/retire`, undefined, communeStaff.admin)).body,
    ).toMatchObject({ revision: 3, retired: true });
    await syncCenter();
    const afterRetire = await catalogOf(center, afterEdit.version);
    expect(afterRetire.changes.map((r) => [r.id, r.revision, r.retired])).toEqual([[id, 3, true]]);
    expect(toCenter).toEqual([
      [id, 1],
      [id, 2],
      [id, 3],
    ]);
    expect(await rowOf(center, id)).toMatchObject({ origin: 'commune', revision: 3, retired: 1 });
  });

  it('the center cannot edit or retire a commune resource, and nothing changes', async () => {
    const id = build.id();
    await commune.json('PUT', `/api/staff/resources/${id}`, vneidLink, communeStaff.facilitator);
    await syncCenter();
    const before = await center.counts();
    const row = await rowOf(center, id);
    const edit = await center.json(
      'PUT',
      `/api/staff/resources/${id}`,
      { ...vneidLink, title: 'Sửa ở trung tâm' },
      centerStaff.facilitator,
    );
    expect(edit).toMatchObject({
      status: 409,
      body: { code: 'resource.not-editable', details: { origin: 'commune' } },
    });
    const retire = await center.json('POST', `/api/staff/resources/${id}/retire`, undefined, centerStaff.admin);
    expect(retire).toMatchObject({
      status: 409,
      body: { code: 'resource.not-editable', details: { origin: 'commune' } },
    });
    expect(await center.counts()).toEqual(before);
    expect(await rowOf(center, id)).toEqual(row);
  });

  it('a spreadsheet imported at the commune goes down row by row', async () => {
    const header = ['Loại', 'Tiêu đề', 'Chủ đề', 'Chỉ số', 'Nơi học', 'Đường dẫn'];
    const rows = [
      ['Tài liệu in', 'Cẩm nang phòng chống lừa đảo qua mạng', 'An toàn số', 'CS05', 'Thư viện xã', ''],
      ['Đường dẫn', 'Cổng dịch vụ công quốc gia', 'Dịch vụ công', 'CS05', '', 'https://dichvucong.gov.vn'],
    ];
    const csv = [header, ...rows].map((r) => r.map((c) => `"${c}"`).join(',')).join('\r\n');
    const res = await commune.app.request('/api/staff/resources/import', {
      method: 'POST',
      headers: { cookie: communeStaff.facilitator, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(await res.json()).toEqual({ imported: 2 });
    expect(
      await commune.db.selectFrom('hub_feed').select('kind').where('kind', '=', 'resource').execute(),
    ).toHaveLength(2);
    await syncCenter();
    const { changes } = await catalogOf(center);
    expect(changes.map((r) => [r.title, r.origin, r.revision]).sort()).toEqual([
      ['Cẩm nang phòng chống lừa đảo qua mạng', 'commune', 1],
      ['Cổng dịch vụ công quốc gia', 'commune', 1],
    ]);
  });

  it('applying the same feed page twice changes nothing, and an older revision never replaces a newer one', async () => {
    const id = build.id();
    await commune.json('PUT', `/api/staff/resources/${id}`, ricePrinted, communeStaff.facilitator);
    await commune.json(
      'PUT',
      `/api/staff/resources/${id}`,
      { ...ricePrinted, title: 'Sổ tay trồng lúa cải tiến (bản 2026)' },
      communeStaff.facilitator,
    );
    // The commune answers, the answer is lost: the center reads the same page again and applies it once.
    dropNextFeedAnswers(1);
    await syncCenter();
    expect(toCenter).toEqual([
      [id, 1],
      [id, 2],
      [id, 1],
      [id, 2],
    ]);
    const once = await center.counts();
    const row = await rowOf(center, id);
    expect(row).toMatchObject({ revision: 2, version: 2 });

    // The cursor and even the feed records forgotten: the page is fetched and applied again, to no effect.
    await center.db.updateTable('sync_state').set({ value: '0' }).where('key', '=', 'feedCursor').execute();
    await center.db.deleteFrom('feed_record').execute();
    await syncCenter();
    expect(await rowOf(center, id)).toEqual(row);
    expect(await catalogOf(center, 2)).toEqual({ version: 2, changes: [] });
    expect((await center.counts()).resource).toBe(once.resource);

    // Revision 1 arriving after revision 2 (straight through the apply) changes nothing either.
    const first = await commune.db
      .selectFrom('hub_feed')
      .select(['seq', 'kind', 'payload'])
      .where('record_id', '=', id)
      .where('revision', '=', 1)
      .executeTakeFirstOrThrow();
    await center.db.deleteFrom('feed_record').execute();
    await center.db
      .transaction()
      .execute((trx) =>
        applyFeedItem(
          trx,
          { seq: first.seq, kind: first.kind, message: JSON.parse(first.payload) },
          '2026-11-24T00:00:00.000Z',
          'center',
        ),
      );
    expect(await rowOf(center, id)).toEqual(row);
  });
});
