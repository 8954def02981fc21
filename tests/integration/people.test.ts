import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build, people } from '../fixtures/people.ts';
import { staffSessions } from '../fixtures/staff.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('registration', () => {
  it('registers bà Lan with a slip code and logs each consent with its time', async () => {
    const id = build.id();
    const res = await h.json('PUT', `/api/people/${id}`, people.baLan);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id,
      name: 'Nguyễn Thị Lan',
      birthYear: 1954,
      village: 'Thôn Đồng Chằm',
      phone: null,
      revision: 1,
    });
    expect(res.body.code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(res.body.consents).toEqual([
      { purpose: 'assessment', granted: true, at: '2026-11-23T03:00:00.000Z' },
      { purpose: 'publicList', granted: true, at: '2026-11-23T03:00:00.000Z' },
      { purpose: 'statistics', granted: false, at: '2026-11-23T03:00:00.000Z' },
    ]);
    const outbox = await h.db.selectFrom('outbox').selectAll().execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      record_kind: 'person',
      record_id: id,
      revision: 1,
      message_type: 'PersonUpsertV1',
    });
  });

  it('a retried registration with the same id is a no-op that answers the same person', async () => {
    const id = build.id();
    const first = await h.json('PUT', `/api/people/${id}`, people.anhTuan);
    const before = await h.counts();
    const again = await h.json('PUT', `/api/people/${id}`, people.anhTuan);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await h.counts()).toEqual(before);
    expect(before.person).toBe(1);
  });

  it('finds a person by the code on their slip, in any letter case, with her birth year', async () => {
    const id = build.id();
    const { body } = await h.json('PUT', `/api/people/${id}`, people.baLan);
    const found = await h.json('GET', `/api/people/by-code/${(body.code as string).toLowerCase()}?birthYear=1954`);
    expect(found.status).toBe(200);
    expect(found.body.id).toBe(id);
  });

  it('a right code with a wrong birth year answers like an unknown code', async () => {
    const { body } = await h.json('PUT', `/api/people/${build.id()}`, people.baLan);
    const res = await h.json('GET', `/api/people/by-code/${body.code}?birthYear=1955`);
    expect(res).toMatchObject({ status: 404, body: { code: 'person.not-found' } });
    expect((await h.json('GET', `/api/people/by-code/${body.code}`)).body.code).toBe('request.invalid');
  });

  it('keeps the slip code the tablet made, also beside another birth year, and gives a fresh one only when her code and year are taken', async () => {
    const first = await h.json('PUT', `/api/people/${build.id()}`, { ...people.baLan, code: 'HAN234' });
    expect(first.body.code).toBe('HAN234');
    // A slip is the code with the birth year: another year keeps the code (and tells nothing about it).
    const second = await h.json('PUT', `/api/people/${build.id()}`, { ...people.anhTuan, code: 'HAN234' });
    expect(second).toMatchObject({ status: 200, body: { code: 'HAN234' } });
    const third = await h.json('PUT', `/api/people/${build.id()}`, {
      ...people.anhTuan,
      name: 'Hà Văn Tú',
      code: 'HAN234',
    });
    expect(third.status).toBe(200);
    expect(third.body.code).not.toBe('HAN234');
    expect(third.body.code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    // Each finds her own record with her own year.
    expect((await h.json('GET', `/api/people/by-code/HAN234?birthYear=${people.baLan.birthYear}`)).body.id).toBe(
      first.body.id,
    );
    expect((await h.json('GET', `/api/people/by-code/HAN234?birthYear=${people.anhTuan.birthYear}`)).body.id).toBe(
      second.body.id,
    );
  });

  it.each([
    [
      'missing consent to the assessment',
      { ...people.baLan, consents: { assessment: false, publicList: true, statistics: true } },
      422,
      'person.consent-required',
    ],
    [
      'consents missing altogether',
      { name: 'Lò Văn Páo', birthYear: 1960, village: 'Thôn Gò Chè' },
      400,
      'request.invalid',
    ],
    ['a village not of this center', { ...people.baLan, village: 'Thôn Xa Lạ' }, 422, 'person.village-unknown'],
    ['a birth year that is text', { ...people.baLan, birthYear: 'abc' }, 400, 'request.invalid'],
    ['a name of digits', { ...people.baLan, name: '12345' }, 400, 'request.invalid'],
    ['a phone that is not Vietnamese', { ...people.baLan, phone: '12' }, 400, 'request.invalid'],
    ['an unexpected field such as ethnicity', { ...people.baLan, ethnicity: 'Kinh' }, 400, 'request.invalid'],
    ['a body that is not JSON', '{"name":', 400, 'request.invalid'],
  ])('refuses %s and changes nothing', async (_name, body, status, code) => {
    const before = await h.counts();
    const res = await h.json('PUT', `/api/people/${build.id()}`, body);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    expect(typeof res.body.message).toBe('string');
    expect(await h.counts()).toEqual(before);
  });

  it('refuses an id that is not a UUIDv7', async () => {
    const res = await h.json('PUT', '/api/people/not-a-uuid', people.baLan);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('request.invalid');
    expect((await h.counts()).person).toBe(0);
  });

  it('refuses the same id with other details', async () => {
    const id = build.id();
    await h.json('PUT', `/api/people/${id}`, people.baLan);
    const before = await h.counts();
    const res = await h.json('PUT', `/api/people/${id}`, { ...people.baLan, name: 'Nguyễn Thị Lành' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('person.id-conflict');
    expect(await h.counts()).toEqual(before);
  });

  it('refuses the same id with other consents (409), and keeps the consents she gave', async () => {
    const id = build.id();
    const first = await h.json('PUT', `/api/people/${id}`, people.anhTuan);
    const before = await h.counts();
    for (const consents of [
      { assessment: true, publicList: true, statistics: true },
      { assessment: true, publicList: false, statistics: false },
    ]) {
      const res = await h.json('PUT', `/api/people/${id}`, { ...people.anhTuan, consents });
      expect(res).toMatchObject({ status: 409, body: { code: 'person.consents-differ' } });
      expect(await h.counts()).toEqual(before);
    }
    expect((await h.json('GET', `/api/people/${id}`)).body.consents).toEqual(first.body.consents);
  });

  it('a resend of the registration stays a no-op after her consents changed at the center', async () => {
    const staff = await staffSessions(h);
    const id = build.id();
    await h.json('PUT', `/api/people/${id}`, people.anhTuan);
    h.setNow(new Date('2026-11-23T03:05:00Z'));
    expect(
      (
        await h.json(
          'POST',
          `/api/staff/people/${id}/consents`,
          { purpose: 'publicList', granted: true },
          staff.facilitator,
        )
      ).status,
    ).toBe(200);
    const before = await h.counts();
    // The tablet's outbox never heard the box's first answer and sends the registration again.
    const again = await h.json('PUT', `/api/people/${id}`, people.anhTuan);
    expect(again.status).toBe(200);
    expect(again.body.consents).toContainEqual({
      purpose: 'publicList',
      granted: true,
      at: '2026-11-23T03:05:00.000Z',
    });
    expect(await h.counts()).toEqual(before);
  });

  it('answers person.not-found for an unknown code or id', async () => {
    expect((await h.json('GET', '/api/people/by-code/ABCDEF?birthYear=1954')).body.code).toBe('person.not-found');
    // By id, only with a session bound to her (or staff): an unknown id is refused like any other.
    expect((await h.json('GET', `/api/people/${build.id()}`)).status).toBe(401);
  });
});
