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
