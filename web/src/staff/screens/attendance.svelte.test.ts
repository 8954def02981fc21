import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClassAttendance } from '../../../../shared/schemas/attendance.ts';
import { ApiError } from '../../lib/api.ts';
import { onWrite } from '../../../../tests/support/outcome-order.ts';

const box = vi.hoisted(() => ({ attendance: vi.fn(), putAttendance: vi.fn() }));
vi.mock('../api.ts', () => ({ staffApi: box }));
const { AttendanceState } = await import('./attendance.svelte.ts');

const lan = { id: 'p-lan', name: 'Bà Lan', code: 'LAN-01', village: 'Thôn 1' };
const tuan = { id: 'p-tuan', name: 'Anh Tuấn', code: 'TUA-02', village: 'Thôn 2' };
const hoa = { id: 'p-hoa', name: 'Chị Hoa', code: 'HOA-03', village: 'Thôn 1' };
const session = (startsAt: string, present: (typeof lan)[], started = true) => ({
  startsAt,
  started,
  scheduled: true,
  present,
});
const cls = (sessions: ReturnType<typeof session>[]): ClassAttendance => ({
  resourceId: 'r1',
  title: 'Lớp trồng lúa',
  retired: false,
  sessions,
});

beforeEach(() => {
  box.attendance.mockReset();
  box.putAttendance.mockReset();
});

describe('AttendanceState', () => {
  it('opens on the newest session that has started, its people ticked; sessions not yet started are not offered', async () => {
    box.attendance.mockResolvedValue(
      cls([
        session('2026-11-01T01:00:00Z', [lan]),
        session('2026-11-08T01:00:00Z', [lan, tuan]),
        session('2099-01-01T01:00:00Z', [], false),
      ]),
    );
    const att = new AttendanceState();
    await att.load('r1');
    expect(box.attendance).toHaveBeenCalledWith('r1');
    expect(att.past.map((s) => s.startsAt)).toEqual(['2026-11-08T01:00:00Z', '2026-11-01T01:00:00Z']);
    expect(att.session).toBe('2026-11-08T01:00:00Z');
    expect(att.ticked).toEqual(['p-lan', 'p-tuan']);
    att.choose('2026-11-01T01:00:00Z');
    expect(att.people.map((p) => p.id)).toEqual(['p-lan']);
    expect(att.ticked).toEqual(['p-lan']);
  });

  it('a person found joins the list ticked, once', async () => {
    box.attendance.mockResolvedValue(cls([session('2026-11-08T01:00:00Z', [lan])]));
    const att = new AttendanceState();
    await att.load('r1');
    att.done = 'earlier';
    att.pick({ ...hoa, birthYear: 1980 } as never);
    att.pick({ ...hoa, birthYear: 1980 } as never);
    expect(att.people.map((p) => p.id)).toEqual(['p-lan', 'p-hoa']);
    expect(att.ticked).toEqual(['p-lan', 'p-hoa']);
    expect(att.done).toBeNull();
  });

  it('saves exactly the people ticked and says so only once the box’s answer is shown', async () => {
    box.attendance.mockResolvedValue(cls([session('2026-11-08T01:00:00Z', [lan, tuan])]));
    const att = new AttendanceState();
    await att.load('r1');
    att.ticked = ['p-tuan'];
    att.pick({ ...hoa, birthYear: 1980 } as never);
    box.putAttendance.mockResolvedValue(cls([session('2026-11-08T01:00:00Z', [tuan, hoa])]));
    const said = onWrite(att, 'done', () => att.people.map((p) => p.id));
    await att.save();
    expect(box.putAttendance).toHaveBeenCalledWith('r1', {
      sessionStartsAt: '2026-11-08T01:00:00Z',
      personIds: ['p-tuan', 'p-hoa'],
    });
    expect(att.done).toBe('Đã lưu: 2 người có mặt buổi 8/11/2026 8:00.');
    expect(said.at(-1)).toEqual({ value: att.done, seen: ['p-tuan', 'p-hoa'] });
    expect(att.saving).toBe(false);
  });

  it('a refusal keeps its code, says nothing saved and keeps what was ticked', async () => {
    box.attendance.mockResolvedValue(cls([session('2026-11-08T01:00:00Z', [lan])]));
    const att = new AttendanceState();
    await att.load('r1');
    att.pick({ ...hoa, birthYear: 1980 } as never);
    box.putAttendance.mockRejectedValue(new ApiError('attendance.session-not-started', 'no'));
    await att.save();
    expect(att.error).toBe('attendance.session-not-started');
    expect(att.done).toBeNull();
    expect(att.ticked).toEqual(['p-lan', 'p-hoa']);
    expect(att.saving).toBe(false);
  });

  it('a class the box cannot give leaves its code and no data', async () => {
    box.attendance.mockRejectedValue(new ApiError('resource.not-found', 'no'));
    const att = new AttendanceState();
    await att.load('r9');
    expect(att.error).toBe('resource.not-found');
    expect(att.data).toBeNull();
  });
});
