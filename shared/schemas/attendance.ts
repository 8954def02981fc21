import * as v from 'valibot';
import { Uuid7Schema } from './ids.ts';

/**
 * Attendance at the center's classes: who was present at each session of a class (a resource of
 * kind 'class'), marked by a facilitator. A session is named by its `startsAt` (an ISO instant).
 * It is evidence for CS03 ("makes time to attend learning activities") and lets a villager retake
 * the digital-skills self-check early (the bank's `retake.orAfterLesson`).
 */

/** Sets exactly who attended one session: people not listed are unmarked. */
export const PutAttendanceSchema = v.strictObject({
  sessionStartsAt: v.pipe(v.string(), v.isoTimestamp()),
  personIds: v.pipe(v.array(Uuid7Schema), v.maxLength(500)),
});
export type PutAttendance = v.InferOutput<typeof PutAttendanceSchema>;

export const AttendeeSchema = v.object({ id: v.string(), name: v.string(), code: v.string(), village: v.string() });
export type Attendee = v.InferOutput<typeof AttendeeSchema>;

export const AttendanceSessionSchema = v.object({
  startsAt: v.string(),
  endsAt: v.optional(v.string()),
  /** Started by the box's clock: only then can attendance be marked. */
  started: v.boolean(),
  /** False for a session no longer in the class's schedule (its time was changed) that still has attendance. */
  scheduled: v.boolean(),
  present: v.array(AttendeeSchema),
});
export type AttendanceSession = v.InferOutput<typeof AttendanceSessionSchema>;

/** A class's sessions, oldest first, each with the people marked present. */
export const ClassAttendanceSchema = v.object({
  resourceId: v.string(),
  title: v.string(),
  retired: v.boolean(),
  sessions: v.array(AttendanceSessionSchema),
});
export type ClassAttendance = v.InferOutput<typeof ClassAttendanceSchema>;

/** The sessions a person attended (in one assessment year, or ever), newest first. */
export const PersonAttendanceSchema = v.object({
  sessions: v.array(v.object({ resourceId: v.string(), title: v.string(), startsAt: v.string() })),
});
export type PersonAttendance = v.InferOutput<typeof PersonAttendanceSchema>;

/** Evidence for CS03 on an assessment: the sessions attended in the assessment's year, newest first. */
export const AttendanceEvidenceSchema = v.object({
  count: v.number(),
  /** When the latest of them started. */
  lastAt: v.string(),
  sessions: v.array(v.object({ title: v.string(), startsAt: v.string() })),
});
export type AttendanceEvidence = v.InferOutput<typeof AttendanceEvidenceSchema>;
