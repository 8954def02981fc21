import type { AxeResults, ImpactValue, Result, RunOptions } from 'axe-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/**
 * Accessibility checks for the end-to-end tests: axe-core (injected into the page as its own source,
 * nothing fetched) at WCAG 2.0, 2.1 and 2.2 levels A and AA, and checks of our own for every screen,
 * the villager's and the staff's alike: every target at least 48×48 CSS px, and no horizontal
 * scrolling at 200 % text; the staff's screens also on a portrait tablet and with a visible focus
 * ring on every stop of the Tab order.
 */

const require = createRequire(import.meta.url);
let source: string | null = null;
const axeSource = () => (source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] as const;

/** One rule that truly cannot apply to one element: left out for that element only, with the reason. */
export interface Exemption {
  rule: string;
  selector: string;
  why: string;
}

/** Runs axe-core on the page as it is now and answers every WCAG A/AA violation. */
export async function axeViolations(page: Page, exemptions: readonly Exemption[] = []): Promise<Result[]> {
  // Evaluated through the browser's DevTools protocol, like a console: the page's Content-Security-Policy
  // (scripts from the box only, no inline script) stays on while the test looks at the page.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource());
  // AXE_BEST_PRACTICE=1 adds axe's best-practice rules (heading order, landmarks...) to look further.
  const tags = process.env.AXE_BEST_PRACTICE === '1' ? [...wcagTags, 'best-practice'] : [...wcagTags];
  const options: RunOptions = { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] };
  return page.evaluate(
    async ({ options, exemptions }) => {
      const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<AxeResults> } })
        .axe;
      const { violations } = await axe.run(document, options);
      // (No named functions in here: a runner that keeps function names would wrap them in a helper the page lacks.)
      return violations
        .map((v) => ({
          ...v,
          nodes: v.nodes.filter((n) => {
            const target = n.target.at(-1);
            const el = typeof target === 'string' ? document.querySelector(target) : null;
            return !exemptions.some((e) => e.rule === v.id && el !== null && el.matches(e.selector));
          }),
        }))
        .filter((v) => v.nodes.length > 0);
    },
    { options, exemptions: exemptions.map(({ rule, selector }) => ({ rule, selector })) },
  );
}

const failing: readonly ImpactValue[] = ['serious', 'critical'];

/** What to fix, one line per rule and one per element: rule id, impact, help, selector and axe's summary. */
export function describeViolations(violations: readonly Result[]): string {
  return violations
    .map((v) =>
      [
        `  [${v.impact ?? '?'}] ${v.id}: ${v.help} (${v.helpUrl.replace(/\?.*$/, '')})`,
        ...v.nodes.map(
          (n) =>
            `      at ${n.target.join(' ')}\n        ${(n.failureSummary ?? '')
              .split('\n')
              .map((l) => l.trim())
              .filter(Boolean)
              .join(' | ')}`,
        ),
      ].join('\n'),
    )
    .join('\n');
}

/** Fails listing every serious or critical violation on the page as it is now. */
export async function expectNoSeriousViolations(
  page: Page,
  screen: string,
  exemptions: readonly Exemption[] = [],
): Promise<void> {
  const serious = (await axeViolations(page, exemptions)).filter((v) => v.impact && failing.includes(v.impact));
  if (serious.length > 0)
    throw new Error(`${screen}: serious or critical accessibility violations:\n${describeViolations(serious)}`);
}

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
async function setTextScale(page: Page, scale: number | { restore: string }): Promise<string> {
  return page.evaluate(async (scale) => {
    const root = document.documentElement;
    const before = root.style.fontSize;
    root.style.fontSize = typeof scale === 'number' ? `${20 * scale}px` : scale.restore;
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    return before;
  }, scale);
}

/** Whether the page scrolls sideways as it is now, naming the innermost elements that stick out. */
function overflowNow(page: Page): Promise<Overflow | null> {
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

/**
 * Collects what every screen of a test fails, so one run lists everything to fix; `assertClean`
 * fails with the whole list.
 */
export class AccessibilityReport {
  private readonly problems: string[] = [];
  /** Violations below serious, worth reading but not failing the build. */
  readonly minor: string[] = [];

  /** axe-core on the page as it is now. */
  async audit(page: Page, screen: string, exemptions: readonly Exemption[] = []): Promise<void> {
    const violations = await axeViolations(page, exemptions);
    const serious = violations.filter((v) => v.impact && failing.includes(v.impact));
    const rest = violations.filter((v) => !serious.includes(v));
    if (serious.length > 0) this.problems.push(`${screen}: axe-core found\n${describeViolations(serious)}`);
    if (rest.length > 0) this.minor.push(`${screen}:\n${describeViolations(rest)}`);
  }

  /** A villager's screen: axe-core, then targets of 48 px and no sideways scrolling at 200 % text. */
  async villager(page: Page, screen: string, exemptions: readonly Exemption[] = []): Promise<void> {
    await this.audit(page, screen, exemptions);
    const small = await smallTargets(page);
    if (small.length > 0)
      this.problems.push(
        `${screen}: targets under 48×48 px\n${small.map((s) => `      ${s.element} ${s.width}×${s.height}`).join('\n')}`,
      );
    const overflow = await overflowAtTextScale(page);
    if (overflow)
      this.problems.push(
        `${screen}: scrolls sideways at 200 % text (${overflow.scrollWidth} > ${overflow.clientWidth} px)\n${overflow.widest.map((w) => `      ${w}`).join('\n')}`,
      );
  }

  /**
   * A staff or hub screen, held to the villager's standard on a 10-inch tablet both ways up: axe-core
   * (again at 200 % text on the portrait tablet, where wide tables must scroll in their own labelled,
   * focusable region), targets of 48 px at 100 % and 200 % text, no sideways scrolling of the page at
   * 200 % text, and a visible focus ring on every stop when tabbing. The window is put back as it was.
   */
  async staff(page: Page, screen: string, exemptions: readonly Exemption[] = []): Promise<void> {
    await this.audit(page, screen, exemptions);
    const original = page.viewportSize();
    const size = await setTextScale(page, {
      restore: await page.evaluate(() => document.documentElement.style.fontSize),
    });
    try {
      for (const viewport of tabletViewports) {
        await page.setViewportSize(viewport);
        const where = `${screen} (${viewport.width}×${viewport.height})`;
        for (const scale of [1, 2]) {
          await setTextScale(page, scale);
          const small = await smallTargets(page);
          if (small.length > 0)
            this.problems.push(
              `${where}: targets under 48×48 px at ${scale * 100} % text\n${small.map((s) => `      ${s.element} ${s.width}×${s.height}`).join('\n')}`,
            );
        }
        const overflow = await overflowNow(page);
        if (overflow)
          this.problems.push(
            `${where}: scrolls sideways at 200 % text (${overflow.scrollWidth} > ${overflow.clientWidth} px)\n${overflow.widest.map((w) => `      ${w}`).join('\n')}`,
          );
        if (viewport.width < viewport.height) await this.audit(page, `${where} at 200 % text`, exemptions);
        await setTextScale(page, { restore: size });
      }
    } finally {
      await setTextScale(page, { restore: size });
      if (original) await page.setViewportSize(original);
    }
    const unseen = await focusNotShown(page);
    if (unseen.length > 0)
      this.problems.push(`${screen}: no visible focus when tabbing to\n${unseen.map((u) => `      ${u}`).join('\n')}`);
  }

  assertClean(): void {
    if (this.minor.length > 0)
      console.warn(`Accessibility (moderate and minor, not failing):\n${this.minor.join('\n')}`);
    if (this.problems.length > 0)
      throw new Error(`Accessibility problems on ${this.problems.length} check(s):\n${this.problems.join('\n')}`);
  }
}
