/**
 * The start page's own blocking time, from the CPU its main thread used rather than the wall time
 * its tasks took. Lighthouse's simulated blocking time multiplies each task's wall time by the
 * phone's 4x slowdown; on a 2-core bench machine that wall time also holds whatever the box's
 * server, Chromium's software rendering and Lighthouse itself did on the same cores meanwhile,
 * which a phone beside a box never shares. Each task's thread time (`tdur`) is what the page itself
 * cost: the same sum, over 50 ms per task after the 4x slowdown, from the first contentful paint to
 * the end of the trace.
 */

export interface TraceEvent {
  name: string;
  ph?: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; frame?: string; data?: Record<string, unknown> };
}

export interface PageBlocking {
  /** Σ max(0, 4 × thread time − 50 ms) over the page's main-thread tasks after its first paint. */
  cpuMs: number;
  /** The same sum from wall times, as the simulation sees them. */
  wallMs: number;
  /** The page's main-thread CPU after its first paint, in all. */
  mainThreadCpuMs: number;
}

const TASK = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

export function pageBlocking(events: TraceEvent[], slowdown = 4): PageBlocking {
  const fcp = events.find((e) => e.name === 'firstContentfulPaint');
  if (!fcp) throw new Error('the trace has no first contentful paint');
  const main = events.find((e) => e.name === 'thread_name' && e.pid === fcp.pid && e.args?.name === 'CrRendererMain');
  if (!main) throw new Error('the trace names no main thread for the page');
  let cpuMs = 0;
  let wallMs = 0;
  let mainThreadCpuMs = 0;
  for (const e of events) {
    if (!TASK.has(e.name) || e.ph !== 'X' || e.pid === undefined || e.pid !== fcp.pid || e.tid !== main.tid) continue;
    if (e.ts < fcp.ts) continue;
    const cpu = (e.tdur ?? e.dur ?? 0) / 1000;
    const wall = (e.dur ?? 0) / 1000;
    mainThreadCpuMs += cpu;
    cpuMs += Math.max(0, slowdown * cpu - 50);
    wallMs += Math.max(0, slowdown * wall - 50);
  }
  const r = (x: number) => Math.round(x * 10) / 10;
  return { cpuMs: r(cpuMs), wallMs: r(wallMs), mainThreadCpuMs: r(mainThreadCpuMs) };
}
