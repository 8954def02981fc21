import { describe, expect, it } from 'vitest';
import { attendanceOf, VIETNAM_CALENDAR_YEAR } from '../../server/src/attendance/attendance.service.ts';
import { build } from '../fixtures/people.ts';
import type { Role } from '../fixtures/staff.ts';
import {
  storages,
  lastOf2025,
  firstOf2026,
  nov20,
  nov22,
  nov27,
  computerClass,
  handbook,
  h,
  staff,
  lan,
  tuan,
  classId,
  freshBoxEachTest,
  mark,
  presentAt,
  snapshot,
} from './attendance-setup.ts';

/**
 * Attendance at the center's classes: a facilitator sets who came to each session; it stands as
 * CS03 evidence on the same year's assessment, unlocks an early digital-skills retake, and is part
 * of a person's data (exported, erased). The box's clock is 2026-11-23 10:00 in Vietnam.
 */
describe.each(storages)('class attendance on %s', (storage) => {
  freshBoxEachTest(storage);

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
});
