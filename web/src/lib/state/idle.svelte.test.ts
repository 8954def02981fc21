import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleWatcher } from './idle.svelte.ts';

/**
 * The idle countdown on a shared tablet: the prompt after the idle time, the session's end when
 * the countdown is over, also when the tablet dimmed its screen and its timers fired late.
 */
const documentBefore = globalThis.document;
beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-24T03:00:00Z') });
  // The watcher listens for touches on the document: an event target stands in for it here.
  (globalThis as { document?: unknown }).document = new EventTarget();
});
afterEach(() => {
  vi.useRealTimers();
  (globalThis as { document?: unknown }).document = documentBefore;
});

function watcher() {
  const expired = vi.fn();
  const w = new IdleWatcher(
    () => 180,
    () => 30,
    expired,
  );
  w.start();
  return { w, expired };
}

describe('IdleWatcher', () => {
  it('warns after the idle time, counts down and ends the session when it reaches 0', () => {
    const { w, expired } = watcher();
    vi.advanceTimersByTime(179_000);
    expect(w.warning).toBe(false);
    vi.advanceTimersByTime(1_000);
    expect([w.warning, w.remaining]).toEqual([true, 30]);
    vi.advanceTimersByTime(10_000);
    expect(w.remaining).toBe(20);
    vi.advanceTimersByTime(20_000);
    expect(expired).toHaveBeenCalledOnce();
    expect(w.warning).toBe(false);
  });

  it('a touch before the prompt starts the idle time again; "still here" ends the prompt', () => {
    const { w, expired } = watcher();
    vi.advanceTimersByTime(170_000);
    document.dispatchEvent(new Event('pointerdown'));
    vi.advanceTimersByTime(170_000);
    expect(w.warning).toBe(false);
    vi.advanceTimersByTime(10_000);
    expect(w.warning).toBe(true);
    w.stillHere();
    vi.advanceTimersByTime(60_000);
    expect(w.warning).toBe(false);
    expect(expired).not.toHaveBeenCalled();
  });

  it('ends the session when the time is up even if the timers fired late (a dimmed screen)', () => {
    const { w, expired } = watcher();
    vi.advanceTimersByTime(180_000);
    expect(w.warning).toBe(true);
    // The page slept: 31 s passed on the clock, one tick ran.
    vi.setSystemTime(Date.now() + 31_000);
    vi.advanceTimersByTime(1_000);
    expect(expired).toHaveBeenCalledOnce();
  });
});
