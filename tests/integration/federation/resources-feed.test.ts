import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { applyFeedItem } from '../../../server/src/federation/feed.apply.ts';
import type { ResourceInputDraft } from '../../../shared/schemas/resource.ts';
import { build } from '../../fixtures/people.ts';
import { staffSessions, type Role } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';

/**
 * Resources made at a commune or province hub come down the downward feed (docs/ARCHITECTURE.md,
 * "Learning resources"): province → commune → center, each keeping the origin and revision, each
 * giving them its next catalog version so the tablets fetch only what changed. Only the place that
 * made a resource changes it.
 */

let province: Harness;
let commune: Harness;
let center: Harness;
let provinceStaff: Record<Role, string>;
let communeStaff: Record<Role, string>;
let centerStaff: Record<Role, string>;
/** The resource items each feed page carried to the center (id, revision): what went over the wire. */
let toCenter: [string, number][];
let toCommune: [string, number][];
/** Answers to drop on the center's next feed reads (the link lost them after the commune answered). */
let dropFeedAnswers: number;

/** A loopback link to one harness, noting the resource items in every feed page it carries. */
const linkTo =
  (to: () => Harness, log: () => [string, number][], lossy = false): typeof fetch =>
  async (input, init) => {
    const url = new URL(String(input));
    const res = await to().app.request(url.pathname + url.search, init);
    if (url.pathname === '/api/hub/feed' && res.ok) {
      const page = (await res.clone().json()) as {
        items: { kind: string; message: { id: string; revision: number } }[];
      };
      for (const i of page.items) if (i.kind === 'resource') log().push([i.message.id, i.message.revision]);
      if (lossy && dropFeedAnswers > 0) {
        dropFeedAnswers--;
        throw new TypeError('connection reset');
      }
    }
    return res;
  };

const pgUrl = inject('pgUrl');
/** The commune hub's storage, as in the federation contract suite: SQLite, and PostgreSQL when installed. */
const hubStorages = pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

const ricePrinted: ResourceInputDraft = {
  kind: 'printed',
  title: 'Sổ tay trồng lúa cải tiến',
  topic: 'Nông nghiệp',
  indicators: ['CS07'],
  place: 'Thư viện xã',
};
const vneidLink: ResourceInputDraft = {
  kind: 'link',
  title: 'Hướng dẫn dùng VNeID',
  topic: 'Dịch vụ công',
  url: 'https://vneid.gov.vn',
  indicators: ['CS05'],
  domains: ['safety'],
};
const digitalClass: ResourceInputDraft = {
  kind: 'class',
  title: 'Lớp chuyển đổi số cho người cao tuổi',
  topic: 'Kỹ năng số',
  indicators: ['CS05'],
  teacher: 'Thầy Phong (Sở GD-ĐT)',
  place: 'Hội trường UBND xã',
  sessions: [{ startsAt: '2026-12-03T01:00:00.000Z' }],
};

const run = async (h: Harness, cookie: string) => {
  const res = await h.json('POST', '/api/staff/federation/run', undefined, cookie);
  expect(res.status).toBe(200);
  return res.body as { lastError: { code: string } | null };
};
const syncCenter = async () => expect((await run(center, centerStaff.admin)).lastError).toBeNull();
const syncCommune = async () => expect((await run(commune, communeStaff.admin)).lastError).toBeNull();
const catalogOf = async (h: Harness, since = 0) =>
  (await h.json('GET', `/api/resources?since=${since}`)).body as {
    version: number;
    changes: { id: string; origin: string; revision: number; retired: boolean; title: string; version: number }[];
  };
const rowOf = (h: Harness, id: string) =>
  h.db.selectFrom('resource').selectAll().where('id', '=', id).executeTakeFirst();

describe.each(hubStorages)('resources down the feed, commune hub on %s', (storage) => {
  beforeEach(async () => {
    toCenter = [];
    toCommune = [];
    dropFeedAnswers = 0;
    province = await startHarness(undefined, { KIOSK_ROLE: 'hub', KIOSK_HUB_LEVEL: 'province' });
    commune = await startHarness(
      undefined,
      { KIOSK_ROLE: 'hub' },
      linkTo(
        () => province,
        () => toCommune,
      ),
      storage === 'postgres' ? pgUrl : null,
    );
    center = await startHarness(
      undefined,
      {},
      linkTo(
        () => commune,
        () => toCenter,
        true,
      ),
    );
    provinceStaff = await staffSessions(province);
    communeStaff = await staffSessions(commune);
    centerStaff = await staffSessions(center);
    const code = (
      await commune.json('POST', '/api/staff/hub/enrolments', { name: 'TTHTCĐ xã Tân Lập' }, communeStaff.admin)
    ).body.code;
    expect(
      (
        await center.json(
          'POST',
          '/api/staff/federation/enrol',
          { hubUrl: 'http://commune.test', code },
          centerStaff.admin,
        )
      ).status,
    ).toBe(200);
  });
  afterEach(async () => {
    await center.close();
    await commune.close();
    await province.close();
  });

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
    dropFeedAnswers = 1;
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
