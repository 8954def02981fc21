import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFeedItem } from '../../../server/src/federation/feed.apply.ts';
import { build } from '../../fixtures/people.ts';
import {
  province,
  commune,
  center,
  provinceStaff,
  communeStaff,
  centerStaff,
  toCenter,
  toCommune,
  hubStorages,
  ricePrinted,
  vneidLink,
  digitalClass,
  syncCenter,
  syncCommune,
  catalogOf,
  rowOf,
  freshHubsEachTest,
} from './resources-feed-setup.ts';

/** Resources of another origin under the same id, and the province's resources and files down to the center. */
describe.each(hubStorages)('resources down the feed, commune hub on %s', (storage) => {
  freshHubsEachTest(storage);
  it('a message from above never takes over a resource of another origin under the same id', async () => {
    const own = build.id();
    await center.json('PUT', `/api/staff/resources/${own}`, vneidLink, centerStaff.facilitator);
    const row = await rowOf(center, own);
    const forged = {
      type: 'ResourceV1',
      id: own,
      revision: 9,
      origin: 'commune',
      retired: true,
      resource: ricePrinted,
    };
    await center.db
      .transaction()
      .execute((trx) =>
        applyFeedItem(trx, { seq: 1, kind: 'resource', message: forged }, '2026-11-24T00:00:00.000Z', 'center'),
      );
    expect(await rowOf(center, own)).toEqual(row);
    // A commune hub takes nothing that claims to be a commune's from above, nor anything malformed.
    const before = (await commune.counts()).resource;
    await commune.db.transaction().execute(async (trx) => {
      await applyFeedItem(
        trx,
        { seq: 1, kind: 'resource', message: { ...forged, id: build.id() } },
        '2026-11-24T00:00:00.000Z',
        'commune',
      );
      const malformed = {
        ...forged,
        id: build.id(),
        origin: 'province',
        resource: { kind: 'link', title: 'Không có địa chỉ', topic: 'Thiếu' },
      };
      await applyFeedItem(trx, { seq: 2, kind: 'resource', message: malformed }, '2026-11-24T00:00:00.000Z', 'commune');
    });
    expect((await commune.counts()).resource).toBe(before);
    expect(await commune.db.selectFrom('hub_feed').select('seq').where('kind', '=', 'resource').execute()).toEqual([]);
  });

  it('a province resource goes province → commune → center, and only the province changes it', async () => {
    const code = (await province.json('POST', '/api/staff/hub/enrolments', { name: 'Xã Tân Lập' }, provinceStaff.admin))
      .body.code;
    expect(
      (
        await commune.json(
          'POST',
          '/api/staff/federation/enrol',
          { hubUrl: 'http://province.test', code },
          communeStaff.admin,
        )
      ).status,
    ).toBe(200);
    const id = build.id();
    expect(
      (await province.json('PUT', `/api/staff/resources/${id}`, digitalClass, provinceStaff.facilitator)).body,
    ).toMatchObject({ origin: 'province', revision: 1 });

    await syncCommune();
    expect(toCommune).toEqual([[id, 1]]);
    expect(await rowOf(commune, id)).toMatchObject({ origin: 'province', revision: 1, retired: 0 });
    // Passed on to every center below the commune.
    expect(
      await commune.db
        .selectFrom('hub_feed')
        .select(['record_id', 'revision', 'node_id'])
        .where('kind', '=', 'resource')
        .execute(),
    ).toEqual([{ record_id: id, revision: 1, node_id: null }]);
    // The commune may not change the province's resource.
    const before = await commune.counts();
    expect(
      (
        await commune.json(
          'PUT',
          `/api/staff/resources/${id}`,
          { ...digitalClass, title: 'Sửa ở xã' },
          communeStaff.facilitator,
        )
      ).body,
    ).toMatchObject({ code: 'resource.not-editable', details: { origin: 'province' } });
    expect(
      (await commune.json('POST', `/api/staff/resources/${id}/retire`, undefined, communeStaff.admin)).body,
    ).toMatchObject({ code: 'resource.not-editable', details: { origin: 'province' } });
    expect(await commune.counts()).toEqual(before);

    await syncCenter();
    expect(toCenter).toEqual([[id, 1]]);
    expect((await catalogOf(center)).changes).toMatchObject([
      { id, origin: 'province', revision: 1, retired: false, title: 'Lớp chuyển đổi số cho người cao tuổi' },
    ]);
    expect(
      (await center.json('PUT', `/api/staff/resources/${id}`, digitalClass, centerStaff.facilitator)).body.code,
    ).toBe('resource.not-editable');

    // The province retires it: down both levels, as the next revision.
    expect(
      (await province.json('POST', `/api/staff/resources/${id}/retire`, undefined, provinceStaff.admin)).body,
    ).toMatchObject({ revision: 2, retired: true });
    await syncCommune();
    await syncCenter();
    expect(toCommune).toEqual([
      [id, 1],
      [id, 2],
    ]);
    expect(toCenter).toEqual([
      [id, 1],
      [id, 2],
    ]);
    expect(await rowOf(center, id)).toMatchObject({ origin: 'province', revision: 2, retired: 1 });
    expect((await catalogOf(center, 1)).changes).toMatchObject([{ id, revision: 2, retired: true }]);
  });
  it('a province video travels down with its file: the commune and then the center hold the same bytes', async () => {
    const code = (await province.json('POST', '/api/staff/hub/enrolments', { name: 'Xã Tân Lập' }, provinceStaff.admin))
      .body.code;
    expect(
      (
        await commune.json(
          'POST',
          '/api/staff/federation/enrol',
          { hubUrl: 'http://province.test', code },
          communeStaff.admin,
        )
      ).status,
    ).toBe(200);
    const video = new Uint8Array(120_000).map((_, i) => (i * 7) % 256);
    video.set([0, 0, 0, 24, ...new TextEncoder().encode('ftypisom')]);
    const up = await province.app.request('/api/staff/media', {
      method: 'POST',
      headers: { cookie: provinceStaff.facilitator },
      body: video as BodyInit,
    });
    const file = {
      ...((await up.json()) as { sha256: string; type: string; bytes: number }),
      name: 'lua-dao-qua-mang.mp4',
    };
    const id = build.id();
    expect(
      (
        await province.json(
          'PUT',
          `/api/staff/resources/${id}`,
          { kind: 'video', title: 'Cảnh giác lừa đảo qua mạng', topic: 'An toàn trên mạng', file },
          provinceStaff.facilitator,
        )
      ).status,
    ).toBe(200);

    await syncCommune();
    const onCommune = await commune.app.request(`/api/media/${file.sha256}.mp4`);
    expect(onCommune.status).toBe(200);
    expect(new Uint8Array(await onCommune.arrayBuffer())).toEqual(video);
    // The commune loses its copy: the center's run still succeeds with the record, and the file
    // comes at a later run, once the commune has fetched it again from the province.
    rmSync(join(commune.dir, 'media', `${file.sha256}.mp4`));
    await syncCenter();
    expect((await center.app.request(`/api/media/${file.sha256}.mp4`)).status).toBe(404);
    await syncCommune();
    await syncCenter();
    const onCenter = await center.app.request(`/api/media/${file.sha256}.mp4`, {
      headers: { range: 'bytes=1000-1009' },
    });
    expect(onCenter.status).toBe(206);
    expect([...new Uint8Array(await onCenter.arrayBuffer())]).toEqual([...video.slice(1000, 1010)]);
    expect((await catalogOf(center)).changes.find((r) => r.id === id)).toMatchObject({
      origin: 'province',
      title: 'Cảnh giác lừa đảo qua mạng',
    });
    // Only signed nodes below may fetch a file through the hub's federation route.
    expect(
      (await commune.app.request(`/api/hub/media/${file.sha256}.mp4`, { method: 'POST' })).status,
    ).toBeGreaterThanOrEqual(400);
  });
});
