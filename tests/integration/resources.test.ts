import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResourceInputDraft } from '../../shared/schemas/resource.ts';
import { build } from '../fixtures/people.ts';
import { staffSessions, type Role } from '../fixtures/staff.ts';
import { startHarness, type Harness } from './harness.ts';

/** The center's catalog of learning resources: managed by facilitators, fetched by tablets incrementally. */

let h: Harness;
let staff: Record<Role, string>;
beforeEach(async () => {
  h = await startHarness();
  staff = await staffSessions(h);
});
afterEach(async () => { await h.close(); });

const computerClass: ResourceInputDraft = {
  kind: 'class', title: 'Học máy tính cho người lớn tuổi', topic: 'Kỹ năng số', description: 'Bật máy, gõ chữ, tìm tin trên mạng.',
  indicators: ['CS05'], domains: ['data'], audiences: ['nhom-1'], teacher: 'Cô Mai', place: 'Phòng học trung tâm',
  sessions: [{ startsAt: '2026-11-27T01:00:00.000Z' }, { startsAt: '2026-12-04T01:00:00.000Z' }],
};
const vneidLink: ResourceInputDraft = {
  kind: 'link', title: 'Hướng dẫn dùng VNeID', topic: 'Dịch vụ công', url: 'https://vneid.gov.vn', indicators: ['CS05'], domains: ['safety'],
};

describe('learning resources', () => {
  it('a facilitator creates, edits and retires; a tablet gets only what changed since its version', async () => {
    const a = build.id();
    const b = build.id();
    expect((await h.json('PUT', `/api/staff/resources/${a}`, computerClass, staff.facilitator)).body).toMatchObject({ id: a, version: 1, revision: 1, origin: 'center', retired: false });
    expect((await h.json('PUT', `/api/staff/resources/${b}`, vneidLink, staff.facilitator)).body).toMatchObject({ version: 2 });
    const first = (await h.json('GET', '/api/resources?since=0')).body;
    expect(first.version).toBe(2);
    expect(first.changes.map((r: { id: string }) => r.id)).toEqual([a, b]);

    // The same body again is no change; an edit and a retirement are.
    expect((await h.json('PUT', `/api/staff/resources/${a}`, computerClass, staff.facilitator)).body.version).toBe(1);
    await h.json('PUT', `/api/staff/resources/${a}`, { ...computerClass, place: 'Nhà văn hóa thôn Khe Ngang' }, staff.facilitator);
    await h.json('POST', `/api/staff/resources/${b}/retire`, undefined, staff.facilitator);
    const next = (await h.json('GET', `/api/resources?since=${first.version}`)).body;
    expect(next.version).toBe(4);
    expect(next.changes.map((r: { id: string; retired: boolean; place?: string }) => [r.id, r.retired, r.place ?? null])).toEqual([
      [a, false, 'Nhà văn hóa thôn Khe Ngang'], [b, true, null],
    ]);
    expect((await h.json('GET', '/api/resources?since=4')).body).toEqual({ version: 4, changes: [] });
    expect((await h.json('PUT', `/api/staff/resources/${b}`, vneidLink, staff.facilitator)).body.code).toBe('resource.retired');
    const actions = await h.db.selectFrom('audit_log').select('action').where('subject_kind', '=', 'resource').execute();
    expect(actions.map((x) => x.action)).toEqual(['resource.create', 'resource.create', 'resource.edit', 'resource.retire']);
  });

  it('a resource from the commune is not editable at the center', async () => {
    const id = build.id();
    await h.db.insertInto('resource').values({ id, origin: 'commune', revision: 1, version: 1, retired: 0, payload: JSON.stringify(vneidLink), updated_at: '2026-11-20T00:00:00.000Z', updated_by: null }).execute();
    expect((await h.json('PUT', `/api/staff/resources/${id}`, vneidLink, staff.facilitator)).body).toMatchObject({ code: 'resource.not-editable', details: { origin: 'commune' } });
    expect((await h.json('POST', `/api/staff/resources/${id}/retire`, undefined, staff.admin)).body.code).toBe('resource.not-editable');
  });

  it.each<[string, Record<string, unknown>]>([
    ['a class without its teacher', { ...computerClass, teacher: undefined }],
    ['a link without its address', { ...vneidLink, url: undefined }],
    ['a plain-http link', { ...vneidLink, url: 'http://example.vn' }],
    ['an indicator that does not exist', { ...vneidLink, indicators: ['CS11'] }],
    ['an unknown digital domain', { ...vneidLink, domains: ['cooking'] }],
    ['sessions on printed material', { kind: 'printed', title: 'Sổ tay nông nghiệp', topic: 'Trồng trọt', sessions: [{ startsAt: '2026-11-27T01:00:00.000Z' }] }],
  ])('refuses %s and changes nothing', async (_name, body) => {
    const before = await h.counts();
    const res = await h.json('PUT', `/api/staff/resources/${build.id()}`, JSON.parse(JSON.stringify(body)), staff.facilitator);
    expect(res).toMatchObject({ status: 400, body: { code: 'request.invalid' } });
    expect(await h.counts()).toEqual(before);
  });
});
