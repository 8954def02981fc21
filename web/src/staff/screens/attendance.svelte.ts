import { formatVietnamDateTime } from '../../../../shared/domain/vietnam-time.ts';
import type { Attendee, AttendanceSession, ClassAttendance } from '../../../../shared/schemas/attendance.ts';
import { fill } from '../../../../shared/i18n/vi.ts';
import { viStaff as t } from '../../lib/i18n/vi-staff.ts';
import { errorCode } from '../../lib/api.ts';
import { staffApi, type PersonHit } from '../api.ts';

/**
 * Attendance at one class (Attendance.svelte): the class as the box holds it, the session chosen,
 * the people listed for it (those marked present and those just found) and who is ticked; the box
 * keeps exactly the people ticked, and the saved message comes once its answer is shown.
 */
export class AttendanceState {
  resourceId = $state('');
  data = $state<ClassAttendance | null>(null);
  session = $state('');
  /** The people listed for the chosen session: those marked present and those just found. */
  people = $state<Attendee[]>([]);
  ticked = $state<string[]>([]);
  error = $state<string | null>(null);
  done = $state<string | null>(null);
  saving = $state(false);

  /** Sessions that have started, newest first: only those can be marked. */
  past = $derived<AttendanceSession[]>([...(this.data?.sessions ?? [])].filter((s) => s.started).reverse());

  /** Shows a session (the newest when `startsAt` names none) with its people ticked. */
  choose(startsAt: string): void {
    const past = this.past;
    const s = past.find((x) => x.startsAt === startsAt) ?? past[0];
    this.session = s?.startsAt ?? '';
    this.people = s ? s.present.map((p) => ({ ...p })) : [];
    this.ticked = this.people.map((p) => p.id);
  }

  private show(c: ClassAttendance, startsAt: string): void {
    this.data = c;
    this.choose(startsAt);
  }

  /** The class's attendance, its newest session shown. */
  load(resourceId: string): Promise<void> {
    this.resourceId = resourceId;
    this.error = null;
    this.done = null;
    return staffApi.attendance(resourceId).then(
      (c) => this.show(c, ''),
      (e) => void (this.error = errorCode(e)),
    );
  }

  /** A person found by the search joins the session's list, ticked. */
  pick(p: PersonHit): void {
    this.done = null;
    if (!this.people.some((x) => x.id === p.id))
      this.people.push({ id: p.id, name: p.name, code: p.code, village: p.village });
    if (!this.ticked.includes(p.id)) this.ticked.push(p.id);
  }

  /** Saves who is ticked for the session shown, shows the box's answer, then says what was saved. */
  async save(): Promise<void> {
    this.error = null;
    this.done = null;
    this.saving = true;
    try {
      const personIds = this.people.filter((p) => this.ticked.includes(p.id)).map((p) => p.id);
      const at = this.session;
      this.show(await staffApi.putAttendance(this.resourceId, { sessionStartsAt: at, personIds }), at);
      this.done = fill(t.attendance.saved, { n: personIds.length, date: formatVietnamDateTime(at) });
    } catch (e) {
      this.error = errorCode(e);
    } finally {
      this.saving = false;
    }
  }
}
