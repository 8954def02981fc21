import type { Action } from 'svelte/action';

/** How long a screen loaded on first use (its code fetched) may take to show its heading. */
const HEADING_WAIT_MS = 5000;

/**
 * Every new screen starts at its top with the focus on its heading: on `<main>`, given a key that
 * changes with each screen or step (the next indicator, the next item of a check, a household
 * question). Without it a screen reused from one step to the next (the indicator screen) keeps the
 * scroll of the step before and opens at its bottom, with the focus still on the button that was
 * pressed. A screen whose code loads on first use gets its heading a moment later: it is awaited.
 * The first screen of the page is left as the browser opens it.
 */
export const screenStart: Action<HTMLElement, string> = (main, key) => {
  let current = key;
  let stop: (() => void) | null = null;

  function start(): void {
    stop?.();
    window.scrollTo({ top: 0, left: 0, behavior: 'instant' });
    const focus = (heading: HTMLElement) => {
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
      window.scrollTo({ top: 0, left: 0, behavior: 'instant' });
    };
    const now = main.querySelector('h1');
    if (now) {
      focus(now);
      return;
    }
    const observer = new MutationObserver(() => {
      const heading = main.querySelector('h1');
      if (heading) {
        done();
        focus(heading);
      }
    });
    const timer = setTimeout(() => done(), HEADING_WAIT_MS);
    const done = () => {
      observer.disconnect();
      clearTimeout(timer);
      stop = null;
    };
    observer.observe(main, { childList: true, subtree: true });
    stop = done;
  }

  return {
    update(next: string) {
      if (next === current) return;
      current = next;
      // After the new screen is drawn (the action's update runs before the DOM below it changes).
      queueMicrotask(start);
    },
    destroy() {
      stop?.();
    },
  };
};
