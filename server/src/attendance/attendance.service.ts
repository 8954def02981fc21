import { currentAssessmentYear, type AssessmentYearRules } from '../../../shared/domain/assessment-year.ts';
import { VIETNAM_TIME_ZONE } from '../../../shared/domain/vietnam-time.ts';
import { AppError } from '../../../shared/errors.ts';
import type {
  AttendanceEvidence,
  ClassAttendance,
  PersonAttendance,
  PutAttendance,
} from '../../../shared/schemas/attendance.ts';
import { audit, type Actor } from '../audit/audit.ts';
import type { KioskConfig } from '../config/load.ts';
import type { Db } from '../db/database.ts';
import * as repo from './attendance.repository.ts';

/**
 * Attendance at the center's classes. A facilitator sets who was present at each session of a
 * class that has started; a person's sessions stand as evidence for CS03 on their assessment of
 * the same year and let them retake the digital-skills self-check early. Sessions are named by
 * their start, kept as a UTC ISO instant, so a class re-saved with the same times keeps its marks.
 */

type AttendanceDeps = { db: Db; now: () => Date };

/** When an assessment year begins. A fixed year (`year.fixed`) is not used here: a session is dated by its own day. */
export type YearBoundary = Omit<AssessmentYearRules, 'fixedYear'>;

/** The calendar year in Vietnam. */
export const VIETNAM_CALENDAR_YEAR: YearBoundary = { startMonth: 1, startDay: 1, timeZone: VIETNAM_TIME_ZONE };

/** The center's year boundary, as its assessments use it. */
export function yearBoundaryOf(config: Pick<KioskConfig, 'settings'>): YearBoundary {
  const s = config.settings;
  return { startMonth: s['year.startMonth'], startDay: s['year.startDay'], timeZone: s['year.timeZone'] };
}

/** A session's key: the same instant always gives the same text. */
const instant = (iso: string): string => new Date(iso).toISOString();

interface ClassPayload {
  kind: string;
  title: string;
  sessions?: { startsAt: string; endsAt?: string }[];
}

async function loadResource(db: Db, id: string) {
  const row = await repo.findClassResource(db, id);
  if (!row) throw new AppError('resource.not-found');
  const payload = JSON.parse(row.payload) as ClassPayload;
  if (payload.kind !== 'class') throw new AppError('attendance.not-a-class');
  return { id: row.id, retired: row.retired === 1, title: payload.title, sessions: payload.sessions ?? [] };
}

/**
 * A class's sessions, oldest first, each with the people marked present. A session whose time was
 * changed in the schedule after people were marked stays listed (`scheduled: false`), so the marks
 * can still be seen and corrected.
 */
export async function classAttendance(deps: AttendanceDeps, resourceId: string): Promise<ClassAttendance> {
  const resource = await loadResource(deps.db, resourceId);
  const rows = await repo.classMarks(deps.db, resourceId);
  const now = deps.now().getTime();
  const sessions = new Map<string, { endsAt?: string; scheduled: boolean }>();
  for (const s of resource.sessions)
    sessions.set(instant(s.startsAt), { ...(s.endsAt ? { endsAt: s.endsAt } : {}), scheduled: true });
  for (const r of rows) if (!sessions.has(r.startsAt)) sessions.set(r.startsAt, { scheduled: false });
  return {
    resourceId,
    title: resource.title,
    retired: resource.retired,
    sessions: [...sessions.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([startsAt, s]) => ({
        startsAt,
        ...s,
        started: Date.parse(startsAt) <= now,
        present: rows
          .filter((r) => r.startsAt === startsAt)
          .map(({ id, name, code, village }) => ({ id, name, code, village }))
          .sort((a, b) => a.name.localeCompare(b.name, 'vi')),
      })),
  };
}

/**
 * Sets exactly who attended one session of a class: those listed are marked, anyone else marked
 * before is unmarked, in one transaction with its audit entry (ids only, never names). Refused,
 * changing nothing: an unknown or retired resource, one that is not a class, a session the class
 * does not have, a session that has not started, an unknown person.
 */
export async function setAttendance(
  deps: AttendanceDeps,
  actor: Actor,
  resourceId: string,
  input: PutAttendance,
): Promise<ClassAttendance> {
  const at = deps.now().toISOString();
  const startsAt = instant(input.sessionStartsAt);
  const personIds = [...new Set(input.personIds)];
  await deps.db.transaction().execute(async (trx) => {
    const resource = await loadResource(trx, resourceId);
    if (resource.retired) throw new AppError('resource.retired');
    const marked = await repo.sessionMarks(trx, resourceId, startsAt);
    const scheduled = resource.sessions.some((s) => instant(s.startsAt) === startsAt);
    if (!scheduled && marked.length === 0)
      throw new AppError('attendance.session-unknown', { sessionStartsAt: input.sessionStartsAt });
    if (Date.parse(startsAt) > deps.now().getTime())
      throw new AppError('attendance.session-not-started', { sessionStartsAt: startsAt });
    const known = personIds.length === 0 ? [] : await repo.knownPeople(trx, personIds);
    const unknown = personIds.filter((id) => !known.includes(id));
    if (unknown.length > 0) throw new AppError('person.not-found', { personIds: unknown });

    const added = personIds.filter((id) => !marked.includes(id));
    const removed = marked.filter((id) => !personIds.includes(id));
    if (removed.length > 0) {
      await repo.unmark(trx, resourceId, startsAt, removed);
    }
    if (added.length > 0) {
      await repo.mark(trx, resourceId, startsAt, added, actor.id, at);
    }
    if (added.length > 0 || removed.length > 0) {
      await audit(
        trx,
        actor,
        {
          action: 'attendance.mark',
          subjectKind: 'resource',
          subjectId: resourceId,
          details: { sessionStartsAt: startsAt, added, removed, present: personIds.length },
        },
        at,
      );
    }
  });
  return classAttendance(deps, resourceId);
}

/** Every session a person attended, newest first (for their data export). */
export async function attendedSessions(db: Db, personId: string, from?: string, before?: string) {
  const rows = await repo.personSessions(db, personId, from, before);
  return rows.map((r) => ({
    resourceId: r.resourceId,
    title: (JSON.parse(r.payload) as ClassPayload).title,
    startsAt: r.startsAt,
    markedAt: r.markedAt,
  }));
}

/**
 * The sessions a person attended in an assessment year, newest first. A session counts for the
 * year its start falls in, by the center's year boundary (the calendar year in Vietnam by default).
 */
export async function attendanceOf(
  db: Db,
  personId: string,
  year: number,
  boundary: YearBoundary = VIETNAM_CALENDAR_YEAR,
): Promise<PersonAttendance> {
  // A year never starts before 1 January of the year before nor ends after 1 January of the next: read only that span.
  const rows = await attendedSessions(db, personId, `${year - 1}-01-01`, `${year + 1}-01-02`);
  return {
    sessions: rows
      .filter((r) => currentAssessmentYear(new Date(r.startsAt), boundary) === year)
      .map(({ resourceId, title, startsAt }) => ({ resourceId, title, startsAt })),
  };
}

/** Evidence for CS03: the sessions attended in the year, or null when there are none. */
export async function attendanceEvidence(
  db: Db,
  personId: string,
  year: number,
  boundary: YearBoundary,
): Promise<AttendanceEvidence | null> {
  const { sessions } = await attendanceOf(db, personId, year, boundary);
  if (sessions.length === 0) return null;
  return {
    count: sessions.length,
    lastAt: sessions[0]!.startsAt,
    sessions: sessions.map(({ title, startsAt }) => ({ title, startsAt })),
  };
}

/** Whether the person attended a class session that started after `since` (an ISO instant). */
export async function attendedSince(db: Db, personId: string, since: string): Promise<boolean> {
  return repo.attendedAfter(db, personId, instant(since));
}
