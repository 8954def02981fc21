import type { Page } from 'playwright-core';

/**
 * The layout checks of our own that the accessibility report (axe.ts) runs beside axe-core: every
 * target at least 48×48 CSS px, no horizontal scrolling at 200 % text, a visible focus ring on every
 * stop of the Tab order, on a 10-inch tablet held both ways.
 */

export interface SmallTarget {
  element: string;
  width: number;
  height: number;
}

/**
 * Every visible, operable button, link, field and select narrower or lower than `min` CSS px. A field
 * inside its label is measured by the label (tapping the label's text works the field, as for a
 * checkbox). Two kinds are left out, as WCAG 2.5.5 and 2.5.8 leave them out: a disabled control (not
 * a target: nothing happens on a tap), and a link inline in running text (its size is the text's
 * line; a link that stands alone, or is styled as a button, is measured like any other).
 */
export function smallTargets(page: Page, min = 48): Promise<SmallTarget[]> {
  return page.evaluate((min) => {
    const out: { element: string; width: number; height: number }[] = [];
    const seen = new Set<Element>();
    for (const el of document.querySelectorAll(
      'button, a[href], input:not([type="hidden"]), select, textarea, [role="button"], summary',
    )) {
      if (el.matches(':disabled')) continue;
      if (el.matches('a') && getComputedStyle(el).display === 'inline') {
        // Inline in a sentence: the block around it has text of its own besides the link's.
        const block = el.parentElement;
        const own = (block?.textContent ?? '').replace(el.textContent ?? '', '').trim();
        if (own.length > 0) continue;
      }
      const target = el.matches('input') ? (el.closest('label') ?? el) : el;
      if (seen.has(target)) continue;
      seen.add(target);
      const r = target.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(target).visibility === 'hidden') continue;
      if (r.width + 0.5 >= min && r.height + 0.5 >= min) continue;
      const name = (el.getAttribute('aria-label') ?? (target as HTMLElement).innerText ?? '')
        .trim()
        .replace(/\s+/g, ' ')
        .slice(0, 40);
      const classes = [...target.classList].map((c) => `.${c}`).join('');
      out.push({
        element: `${target.tagName.toLowerCase()}${classes}${el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : ''} "${name}"`,
        width: Math.round(r.width),
        height: Math.round(r.height),
      });
    }
    return out;
  }, min);
}

export interface Overflow {
  scrollWidth: number;
  clientWidth: number;
  widest: string[];
}

/**
 * Sets the root text size to `scale` times the app's 20 px, as the villager's text-size setting does
 * (everything is sized in rem, so this is how the whole app grows: for a staff screen it stands for a
 * facilitator turning up the tablet's text size, which scales text and what is sized by it, but not
 * the window); `{ restore }` puts a size answered before back. Waits for the layout to settle.
 */
export async function setTextScale(page: Page, scale: number | { restore: string }): Promise<string> {
  return page.evaluate(async (scale) => {
    const root = document.documentElement;
    const before = root.style.fontSize;
    root.style.fontSize = typeof scale === 'number' ? `${20 * scale}px` : scale.restore;
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    return before;
  }, scale);
}

/** Whether the page scrolls sideways as it is now, naming the innermost elements that stick out. */
export function overflowNow(page: Page): Promise<Overflow | null> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const { scrollWidth, clientWidth } = root;
    if (scrollWidth <= clientWidth) return null;
    // The innermost elements whose right edge passes the window's, leaving out what a box of its
    // own clips or scrolls (a wide table in its scrolling box does not move the page).
    const clipped = (el: Element) => {
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        if (getComputedStyle(up).overflowX !== 'visible') return true;
      }
      return false;
    };
    const wide = [...document.body.querySelectorAll('*')].filter(
      (el) => el.getBoundingClientRect().right > clientWidth + 0.5 && !clipped(el),
    );
    const innermost = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)));
    // And whatever ends where the page's width ends (it may have escaped a clipping box).
    const edge = [...document.body.querySelectorAll('*')].filter(
      (el) => Math.abs(el.getBoundingClientRect().right - scrollWidth) < 4,
    );
    const widest = [...new Set([...edge.slice(-3), ...innermost])].slice(0, 8).map((el) => {
      const classes = [...el.classList].map((c) => `.${c}`).join('');
      const text = ((el as HTMLElement).innerText ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
      return `${el.tagName.toLowerCase()}${classes} "${text}" (right ${Math.round(el.getBoundingClientRect().right)})`;
    });
    return { scrollWidth, clientWidth, widest };
  });
}

/**
 * Sets the root text size to `scale` times the app's 20 px (as the text-size setting does), and
 * answers whether the page then scrolls sideways, naming the elements that stick out; the size is
 * put back afterwards.
 */
export async function overflowAtTextScale(page: Page, scale = 2): Promise<Overflow | null> {
  const before = await setTextScale(page, scale);
  try {
    return await overflowNow(page);
  } finally {
    await setTextScale(page, { restore: before });
  }
}

/** A 10-inch tablet (CSS px at a device scale of 1), held landscape and portrait. */
export const tabletViewports = [
  { width: 1280, height: 800 },
  { width: 800, height: 1280 },
] as const;

/**
 * Presses Tab through the whole page from its top, once round (at most `max` stops), and answers
 * every stop where the focus does not show: the focused element must match `:focus-visible` and draw
 * an outline of at least 2 px that is not transparent (the app's ring is 4 px), and be on the screen
 * with a size; a field hidden inside its label (a styled file or check field) shows it on the label.
 */
export async function focusNotShown(page: Page, max = 150): Promise<string[]> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    // Sequential navigation starts from the top of the document.
    document.body.setAttribute('tabindex', '-1');
    document.body.focus();
    document.body.removeAttribute('tabindex');
    window.scrollTo(0, 0);
  });
  const problems: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const w = window as unknown as { focusStops?: WeakMap<Element, string>; focusNext?: number };
      w.focusStops ??= new WeakMap();
      let id = w.focusStops.get(el);
      if (id === undefined) {
        id = String((w.focusNext = (w.focusNext ?? 0) + 1));
        w.focusStops.set(el, id);
      }
      const rect = el.getBoundingClientRect();
      const hidden = rect.width <= 1 || rect.height <= 1;
      const shown = hidden ? (el.closest('label') ?? el) : el;
      const style = getComputedStyle(shown, null);
      const ring =
        style.outlineStyle !== 'none' &&
        parseFloat(style.outlineWidth) >= 2 &&
        style.outlineColor !== 'rgba(0, 0, 0, 0)';
      const box = shown.getBoundingClientRect();
      const onScreen = box.width > 1 && box.height > 1 && style.visibility !== 'hidden';
      const classes = [...el.classList].map((c) => `.${c}`).join('');
      const name = (el.getAttribute('aria-label') ?? el.innerText ?? el.getAttribute('name') ?? '')
        .trim()
        .replace(/\s+/g, ' ')
        .slice(0, 40);
      return {
        id,
        visible: el.matches(':focus-visible') && ring && onScreen,
        what: `${el.tagName.toLowerCase()}${classes} "${name}"`,
      };
    });
    if (stop === null) {
      if (seen.size > 0) break; // past the last stop, out of the page: once round
      continue;
    }
    if (seen.has(stop.id)) break;
    seen.add(stop.id);
    if (!stop.visible) problems.push(stop.what);
  }
  return problems;
}
