import { describe, expect, it } from 'vitest';
import type { DigitalBank } from '../../shared/schemas/digital-bank.ts';
import { answerAll } from '../fixtures/digital.ts';
import { build, people } from '../fixtures/people.ts';
import { cookieOf, staff as accounts } from '../fixtures/staff.ts';
import {
  pgUrl,
  storages,
  lastOf2025,
  nov20,
  nov22,
  nov27,
  computerClass,
  h,
  staff,
  lan,
  tuan,
  classId,
  freshBoxEachTest,
  restartBox,
  mark,
  presentAt,
} from './attendance-setup.ts';

/** Attendance counted by the assessment year, unlocking a retake, in a person's data, kept when a session moves. */
describe.each(storages)('class attendance on %s', (storage) => {
  freshBoxEachTest(storage);
  it('counts the sessions by the center’s own assessment year when it starts in December', async () => {
    await restartBox(undefined, { KIOSK_YEAR_START_MONTH: '12' }, undefined, storage === 'postgres' ? pgUrl : null);
    await h.json('PUT', `/api/people/${lan}`, people.baLan);
    await h.json('PUT', `/api/staff/resources/${classId}`, computerClass, staff.facilitator);
    await mark(lastOf2025, [lan]);
    await mark(nov22, [lan]);
    // From 1 December 2025 the year counted is 2026: both sessions are this year's.
    expect((await h.json('GET', `/api/people/${lan}/assessments/current`)).body.attendance).toMatchObject({
      count: 2,
      lastAt: nov22,
    });
  });

  it('lets a villager retake the digital-skills self-check early after attending a session', async () => {
    const bank = (await h.json('GET', '/api/digital/bank')).body as DigitalBank;
    const attempt = () =>
      h.json('PUT', `/api/digital-attempts/${build.id()}`, {
        personId: lan,
        bankId: bank.id,
        bankVersion: bank.version,
        startedAt: '2026-11-23T02:40:00.000Z',
        responses: answerAll(bank, true),
      });
    expect((await attempt()).status).toBe(200);
    const retake = async () => (await h.json('GET', `/api/people/${lan}/digital-attempts`)).body.retake;

    // A session before her attempt does not count.
    await mark(nov22, [lan]);
    expect(await retake()).toEqual({ allowed: false, reason: 'too-soon', nextDate: '2026-12-23' });
    h.setNow(new Date('2026-11-27T04:00:00Z'));
    // Four days on, anh Bình signs in again (a staff session does not last that long).
    staff.facilitator = cookieOf(
      (await h.json('POST', '/api/staff/sign-in', { name: accounts.anhBinh.name, pin: accounts.anhBinh.pin })).headers,
    );
    expect((await attempt()).body.code).toBe('digital.retake-too-soon');
    // Anh Tuấn at the class after her attempt unlocks nothing for her.
    await mark(nov27, [tuan]);
    expect(await retake()).toMatchObject({ allowed: false });

    await mark(nov27, [tuan, lan]);
    expect(await retake()).toEqual({ allowed: true });
    expect((await attempt()).status).toBe(200);
    // The new attempt starts the wait again.
    expect(await retake()).toMatchObject({ allowed: false, nextDate: '2026-12-27' });
  });

  it('is part of what a person sees of their data, and goes when they are erased', async () => {
    await mark(nov20, [lan, tuan]);
    await mark(nov22, [lan]);
    const data = (await h.json('GET', `/api/staff/people/${lan}/data`, undefined, staff.admin)).body;
    expect(data.attendance).toEqual([
      { resourceId: classId, title: computerClass.title, startsAt: nov22, markedAt: '2026-11-23T03:00:00.000Z' },
      { resourceId: classId, title: computerClass.title, startsAt: nov20, markedAt: '2026-11-23T03:00:00.000Z' },
    ]);
    const page = await h.json('GET', `/api/staff/people/${lan}/data?format=html`, undefined, staff.admin);
    expect(page.body).toContain('Các buổi học đã tham gia tại trung tâm');
    expect(page.body).toContain('22/11/2026 8:00');

    expect((await h.json('DELETE', `/api/staff/people/${lan}`, undefined, staff.admin)).status).toBe(200);
    expect(await h.db.selectFrom('attendance').select(['person_id', 'session_starts_at']).execute()).toEqual([
      { person_id: tuan, session_starts_at: nov20 },
    ]);
    const listed = (await h.json('GET', `/api/staff/resources/${classId}/attendance`, undefined, staff.facilitator))
      .body;
    expect(presentAt(listed, nov20)).toEqual(['Trần Văn Tuấn']);
    expect(presentAt(listed, nov22)).toEqual([]);
  });

  it('keeps the marks of a session whose time was then changed, so they can still be corrected', async () => {
    await mark(nov20, [lan]);
    const moved = { ...computerClass, sessions: [{ startsAt: '2026-11-20T02:00:00.000Z' }, { startsAt: nov22 }] };
    expect((await h.json('PUT', `/api/staff/resources/${classId}`, moved, staff.facilitator)).status).toBe(200);
    const listed = (await h.json('GET', `/api/staff/resources/${classId}/attendance`, undefined, staff.facilitator))
      .body;
    expect(
      listed.sessions.map((s: { startsAt: string; scheduled: boolean; present: unknown[] }) => [
        s.startsAt,
        s.scheduled,
        s.present.length,
      ]),
    ).toEqual([
      [nov20, false, 1],
      ['2026-11-20T02:00:00.000Z', true, 0],
      [nov22, true, 0],
    ]);
    expect(presentAt((await mark(nov20, [])).body, nov20)).toBeUndefined();
    expect(await h.db.selectFrom('attendance').selectAll().execute()).toEqual([]);
  });
});
