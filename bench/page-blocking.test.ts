import { describe, expect, it } from 'vitest';
import { pageBlocking, type TraceEvent } from './page-blocking.ts';

const page = { pid: 7, tid: 70 };
const task = (ts: number, durMs: number, cpuMs: number, where = page): TraceEvent => ({
  name: 'RunTask',
  ph: 'X',
  ...where,
  ts,
  dur: durMs * 1000,
  tdur: cpuMs * 1000,
});
const trace = (...tasks: TraceEvent[]): TraceEvent[] => [
  { name: 'thread_name', ph: 'M', pid: 7, tid: 70, ts: 0, args: { name: 'CrRendererMain' } },
  { name: 'thread_name', ph: 'M', pid: 9, tid: 90, ts: 0, args: { name: 'CrRendererMain' } },
  { name: 'firstContentfulPaint', ph: 'I', pid: 7, tid: 70, ts: 1_000_000 },
  ...tasks,
];

describe("the start page's blocking time from its own CPU", () => {
  it('counts each task after the first paint by its thread time, 4x, over 50 ms', () => {
    const figures = pageBlocking(
      trace(
        task(500_000, 100, 100), // before the first paint: not counted
        task(1_100_000, 60, 20), // 80 ms at 4x: 30 blocking; wall 240: 190
        task(1_200_000, 40, 10), // 40 at 4x: none; wall 160: 110
        task(1_300_000, 30, 30, { pid: 9, tid: 90 }), // another page's renderer: not counted
      ),
    );
    expect(figures).toEqual({ cpuMs: 30, wallMs: 300, mainThreadCpuMs: 30 });
  });

  it('says so when the trace has no first paint', () => {
    expect(() => pageBlocking([task(0, 10, 10)])).toThrow(/first contentful paint/);
  });
});
