/**
 * A job the box runs by itself, again and again (the nightly backup, the evidence retention, the
 * purge of paused checks): first after `firstMs`, then `everyMs` after each round has finished, so
 * rounds never overlap. A round that throws is told to `onError` and the next still comes. Timers
 * do not keep the process alive; `stop()` ends it.
 */
export function repeat(
  round: () => Promise<void>,
  options: { firstMs: number; everyMs: number; onError: (e: unknown) => void },
): { stop: () => void } {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const next = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      void round()
        .catch(options.onError)
        .finally(() => next(options.everyMs));
    }, ms);
    timer.unref();
  };
  next(options.firstMs);
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
