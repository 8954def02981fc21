/**
 * Resolves once the page has loaded and the browser has a quiet moment (an idle callback, at most
 * `timeoutMs` later): work the first screen does not need (the database's code, the rest of the
 * catalog, the service worker and its precache) waits for it, so it never delays the first screen
 * nor holds the main thread while it is drawn. Outside a browser (tests), on the next turn.
 */
export function whenIdle(timeoutMs = 2000): Promise<void> {
  if (typeof window === 'undefined' || typeof document === 'undefined') return new Promise((r) => setTimeout(r, 0));
  const loaded =
    document.readyState === 'complete'
      ? Promise.resolve()
      : new Promise<void>((r) => window.addEventListener('load', () => r(), { once: true }));
  return loaded.then(
    () =>
      new Promise<void>((r) => {
        if ('requestIdleCallback' in window) requestIdleCallback(() => r(), { timeout: timeoutMs });
        else setTimeout(r, 200);
      }),
  );
}

/** Resolves in a new task: splits work the browser would otherwise run as one long task. */
export function nextTask(): Promise<void> {
  return new Promise((r) => setTimeout(r, 0));
}

/**
 * Runs `steps` one after another, each in an idle moment of its own: deferred start-up work never
 * runs as one long task that a tap would wait behind (Lighthouse counts each task's time over
 * 50 ms as blocking). A step that fails is logged and the next still runs.
 */
export async function inIdleSteps(...steps: (() => unknown)[]): Promise<void> {
  for (const step of steps) {
    await whenIdle();
    try {
      await step();
    } catch (e) {
      console.warn('A deferred start-up step failed', e);
    }
  }
}
