import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { ResourceInputDraft } from '../../shared/schemas/resource.ts';
import { attendanceOf, VIETNAM_CALENDAR_YEAR } from '../../server/src/attendance/attendance.service.ts';
import type { DigitalBank } from '../../shared/schemas/digital-bank.ts';
import { answerAll } from '../fixtures/digital.ts';
import { build, people } from '../fixtures/people.ts';
import { cookieOf, staff as accounts, staffSessions, type Role } from '../fixtures/staff.ts';
import { startHarness, type Harness } from './harness.ts';

/**
 * Attendance at the center's classes: a facilitator sets who came to each session; it stands as
 * CS03 evidence on the same year's assessment, unlocks an early digital-skills retake, and is part
 * of a person's data (exported, erased). The box's clock is 2026-11-23 10:00 in Vietnam.
 */

const pgUrl = inject('pgUrl');
const storages = pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

/** 31/12/2025 23:30 in Vietnam: still 2025 there. */
const lastOf2025 = '2025-12-31T16:30:00.000Z';
/** 1/1/2026 0:30 in Vietnam: already 2026 there (still 31 December in UTC). */
const firstOf2026 = '2025-12-31T17:30:00.000Z';
const nov20 = '2026-11-20T01:00:00.000Z';
const nov22 = '2026-11-22T01:00:00.000Z';
/** Four days after the box's clock. */
const nov27 = '2026-11-27T01:00:00.000Z';

const computerClass: ResourceInputDraft = {
  kind: 'class',
  title: 'Học máy tính cho người lớn tuổi',
  topic: 'Kỹ năng số',
  teacher: 'Cô Mai',
  place: 'Phòng học trung tâm',
  indicators: ['CS03', 'CS05'],
  sessions: [lastOf2025, firstOf2026, nov20, nov22, nov27].map((startsAt) => ({ startsAt })),
};
const handbook: ResourceInputDraft = {
  kind: 'printed',
  title: 'Sổ tay trồng lúa',
  topic: 'Nông nghiệp',
  indicators: ['CS07'],
};

describe.each(storages)('class attendance on %s', (storage) => {
  let h: Harness;
  let staff: Record<Role, string> & { ids: Record<Role, string> };
  let lan: string;
  let tuan: string;
  let classId: string;

  beforeEach(async () => {
    h = await startHarness(undefined, {}, undefined, storage === 'postgres' ? pgUrl : null);
    staff = await staffSessions(h);
    lan = build.id();
    tuan = build.id();
    expect((await h.json('PUT', `/api/people/${lan}`, people.baLan)).status).toBe(200);
    expect((await h.json('PUT', `/api/people/${tuan}`, people.anhTuan)).status).toBe(200);
    classId = build.id();
    expect((await h.json('PUT', `/api/staff/resources/${classId}`, computerClass, staff.facilitator)).status).toBe(200);
  });
  afterEach(async () => {
    await h.close();
  });

  const mark = (sessionStartsAt: string, personIds: string[], who = staff.facilitator, resourceId = classId) =>
    h.json('PUT', `/api/staff/resources/${resourceId}/attendance`, { sessionStartsAt, personIds }, who);
  const presentAt = (body: { sessions: { startsAt: string; present: { name: string }[] }[] }, startsAt: string) =>
    body.sessions.find((s) => s.startsAt === startsAt)?.present.map((p) => p.name);
  /** Everything a refused request must leave as it was. */
  const snapshot = async () => ({
    counts: await h.counts(),
    attendance: await h.db
      .selectFrom('attendance')
      .selectAll()
      .orderBy('resource_id')
      .orderBy('session_starts_at')
      .orderBy('person_id')
      .execute(),
    audit: await h.db.selectFrom('audit_log').select(['action', 'details']).orderBy('id').execute(),
  });

  it('marks and unmarks who came to a session, each change audited by ids only', async () => {
    const first = await mark(nov20, [lan, tuan]);
    expect(first.status).toBe(200);
    expect(presentAt(first.body, nov20)).toEqual(['Nguyễn Thị Lan', 'Trần Văn Tuấn']);
    expect(first.body.sessions.find((s: { startsAt: string }) => s.startsAt === nov20).present[0]).toEqual({
      id: lan,
      name: 'Nguyễn Thị Lan',
      code: expect.stringMatching(/^[A-Z2-9]{6}$/),
      village: 'Thôn Đồng Chằm',
    });

    // Every session of the class, oldest first; only those started can be marked.
    const listed = (await h.json('GET', `/api/staff/resources/${classId}/attendance`, undefined, staff.admin)).body;
    expect(listed).toMatchObject({ resourceId: classId, title: computerClass.title, retired: false });
    expect(
      listed.sessions.map((s: { startsAt: string; started: boolean; present: unknown[] }) => [
        s.startsAt,
        s.started,
        s.present.length,
      ]),
    ).toEqual([
      [lastOf2025, true, 0],
      [firstOf2026, true, 0],
      [nov20, true, 2],
      [nov22, true, 0],
      [nov27, false, 0],
    ]);

    // The same instant written in Vietnam time names the same session: anh Tuấn is unmarked.
    const second = await mark('2026-11-20T08:00:00+07:00', [lan]);
    expect(presentAt(second.body, nov20)).toEqual(['Nguyễn Thị Lan']);
    // The same list again changes nothing and logs nothing.
    const before = await snapshot();
    expect((await mark(nov20, [lan, lan])).body).toEqual(second.body);
    expect(await snapshot()).toEqual(before);

    const rows = await h.db.selectFrom('attendance').selectAll().execute();
    expect(rows).toEqual([
      {
        resource_id: classId,
        session_starts_at: nov20,
        person_id: lan,
        marked_by: staff.ids.facilitator,
        marked_at: '2026-11-23T03:00:00.000Z',
      },
    ]);
    const logged = await h.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'subject_id', 'details'])
      .where('action', '=', 'attendance.mark')
      .orderBy('id')
      .execute();
    expect(logged.map((l) => ({ ...l, details: JSON.parse(l.details) }))).toEqual([
      {
        action: 'attendance.mark',
        actor_id: staff.ids.facilitator,
        subject_id: classId,
        details: { sessionStartsAt: nov20, added: [lan, tuan], removed: [], present: 2 },
      },
      {
        action: 'attendance.mark',
        actor_id: staff.ids.facilitator,
        subject_id: classId,
        details: { sessionStartsAt: nov20, added: [], removed: [tuan], present: 1 },
      },
    ]);
    for (const l of logged) expect(l.details).not.toMatch(/Lan|Tuấn/);

    // An empty list unmarks everyone.
    expect(presentAt((await mark(nov20, [])).body, nov20)).toEqual([]);
    expect(await h.db.selectFrom('attendance').selectAll().execute()).toEqual([]);
  });

  describe('refusals change nothing', () => {
    interface Refusal {
      prepare?: () => Promise<string>;
      sessionStartsAt?: string;
      personIds?: () => string[];
      who?: Role;
      status: number;
      code: string;
    }
    it.each<[string, Refusal]>([
      ['an unknown resource', { prepare: async () => build.id(), status: 404, code: 'resource.not-found' }],
      [
        'a resource that is not a class',
        {
          prepare: async () => {
            const id = build.id();
            await h.json('PUT', `/api/staff/resources/${id}`, handbook, staff.facilitator);
            return id;
          },
          status: 422,
          code: 'attendance.not-a-class',
        },
      ],
      [
        'a session the class does not have',
        { sessionStartsAt: '2026-11-21T01:00:00.000Z', status: 422, code: 'attendance.session-unknown' },
      ],
      [
        'a session that has not started yet',
        { sessionStartsAt: nov27, status: 409, code: 'attendance.session-not-started' },
      ],
      ['a person unknown here', { personIds: () => [lan, tuan, build.id()], status: 404, code: 'person.not-found' }],
      [
        'a retired class',
        {
          prepare: async () => {
            await h.json('POST', `/api/staff/resources/${classId}/retire`, undefined, staff.facilitator);
            return classId;
          },
          status: 409,
          code: 'resource.retired',
        },
      ],
      ['a person id that is not a UUIDv7', { personIds: () => [lan, 'bà Lan'], status: 400, code: 'request.invalid' }],
      [
        'a session time that is not a date',
        { sessionStartsAt: '20/11/2026 8:00', status: 400, code: 'request.invalid' },
      ],
      ['an appraiser', { who: 'appraiser', status: 403, code: 'auth.forbidden' }],
    ])('refuses %s', async (_name, c) => {
      expect((await mark(nov20, [lan])).status).toBe(200);
      const resourceId = c.prepare ? await c.prepare() : classId;
      const before = await snapshot();
      const res = await mark(
        c.sessionStartsAt ?? nov20,
        c.personIds?.() ?? [tuan],
        staff[c.who ?? 'facilitator'],
        resourceId,
      );
      expect(res).toMatchObject({ status: c.status, body: { code: c.code } });
      expect(await snapshot()).toEqual(before);
      expect((await h.db.selectFrom('attendance').select('person_id').execute()).map((r) => r.person_id)).toEqual([
        lan,
      ]);
    });

    it('names every unknown person', async () => {
      const ghost = build.id();
      expect((await mark(nov20, [lan, ghost])).body).toMatchObject({
        code: 'person.not-found',
        details: { personIds: [ghost] },
      });
    });
  });

  it('stands as CS03 evidence on the assessment of the same year only, in Vietnam time', async () => {
    await mark(lastOf2025, [lan, tuan]);
    await mark(firstOf2026, [lan]);
    await mark(nov22, [lan]);
    const assessmentId = build.id();
    expect((await h.json('PUT', `/api/assessments/${assessmentId}`, build.assessment(lan))).status).toBe(200);
    const evidence = {
      count: 2,
      lastAt: nov22,
      sessions: [
        { title: computerClass.title, startsAt: nov22 },
        { title: computerClass.title, startsAt: firstOf2026 },
      ],
    };
    expect((await h.json('GET', `/api/assessments/${assessmentId}`)).body).toMatchObject({
      year: 2026,
      attendance: evidence,
    });
    expect(
      (await h.json('GET', `/api/staff/appraisals/${assessmentId}`, undefined, staff.appraiser)).body.assessment
        .attendance,
    ).toEqual(evidence);
    expect((await h.json('GET', `/api/people/${lan}/assessments/current`)).body.attendance).toEqual(evidence);

    // Anh Tuấn came only in 2025: nothing for 2026, even before he begins his assessment.
    expect((await h.json('GET', `/api/people/${tuan}/assessments/current`)).body).toEqual({
      assessment: null,
      attendance: null,
      learningPlan: null,
    });
    const his = build.id();
    await h.json('PUT', `/api/assessments/${his}`, build.assessment(tuan, { status: 'draft' }));
    expect((await h.json('GET', `/api/assessments/${his}`)).body.attendance).toBeNull();

    expect(await attendanceOf(h.db, tuan, 2025)).toEqual({
      sessions: [{ resourceId: classId, title: computerClass.title, startsAt: lastOf2025 }],
    });
    expect((await attendanceOf(h.db, lan, 2026, VIETNAM_CALENDAR_YEAR)).sessions.map((s) => s.startsAt)).toEqual([
      nov22,
      firstOf2026,
    ]);
    expect(await attendanceOf(h.db, lan, 2024)).toEqual({ sessions: [] });
  });

  it('counts the sessions by the center’s own assessment year when it starts in December', async () => {
    await h.close();
    h = await startHarness(
      undefined,
      { KIOSK_YEAR_START_MONTH: '12' },
      undefined,
      storage === 'postgres' ? pgUrl : null,
    );
    staff = await staffSessions(h);
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
