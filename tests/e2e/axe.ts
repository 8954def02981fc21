import type { AxeResults, ImpactValue, Result, RunOptions } from 'axe-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/**
 * Accessibility checks for the end-to-end tests: axe-core (injected into the page as its own source,
 * nothing fetched) at WCAG 2.0, 2.1 and 2.2 levels A and AA, and two checks of our own for the
 * villager's screens: every target at least 48×48 CSS px, and no horizontal scrolling at 200 % text.
 */

const require = createRequire(import.meta.url);
let source: string | null = null;
const axeSource = () => (source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] as const;

/** One rule that truly cannot apply to one element: left out for that element only, with the reason. */
export interface Exemption { rule: string; selector: string; why: string }

/** Runs axe-core on the page as it is now and answers every WCAG A/AA violation. */
export async function axeViolations(page: Page, exemptions: readonly Exemption[] = []): Promise<Result[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource() });
  // AXE_BEST_PRACTICE=1 adds axe's best-practice rules (heading order, landmarks...) to look further.
  const tags = process.env.AXE_BEST_PRACTICE === '1' ? [...wcagTags, 'best-practice'] : [...wcagTags];
  const options: RunOptions = { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] };
  return page.evaluate(async ({ options, exemptions }) => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<AxeResults> } }).axe;
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
  }, { options, exemptions: exemptions.map(({ rule, selector }) => ({ rule, selector })) });
}

const failing: readonly ImpactValue[] = ['serious', 'critical'];

/** What to fix, one line per rule and one per element: rule id, impact, help, selector and axe's summary. */
export function describeViolations(violations: readonly Result[]): string {
  return violations.map((v) => [
    `  [${v.impact ?? '?'}] ${v.id}: ${v.help} (${v.helpUrl.replace(/\?.*$/, '')})`,
    ...v.nodes.map((n) => `      at ${n.target.join(' ')}\n        ${(n.failureSummary ?? '').split('\n').map((l) => l.trim()).filter(Boolean).join(' | ')}`),
  ].join('\n')).join('\n');
}

/** Fails listing every serious or critical violation on the page as it is now. */
export async function expectNoSeriousViolations(page: Page, screen: string, exemptions: readonly Exemption[] = []): Promise<void> {
  const serious = (await axeViolations(page, exemptions)).filter((v) => v.impact && failing.includes(v.impact));
  if (serious.length > 0) throw new Error(`${screen}: serious or critical accessibility violations:\n${describeViolations(serious)}`);
}

export interface SmallTarget { element: string; width: number; height: number }

/**
 * Every visible button, link, field and select narrower or lower than `min` CSS px. A field inside
 * its label is measured by the label (tapping the label's text works the field, as for a checkbox).
 */
export function smallTargets(page: Page, min = 48): Promise<SmallTarget[]> {
  return page.evaluate((min) => {
    const out: { element: string; width: number; height: number }[] = [];
    const seen = new Set<Element>();
    for (const el of document.querySelectorAll('button, a[href], input:not([type="hidden"]), select, textarea, [role="button"], summary')) {
      const target = el.matches('input') ? (el.closest('label') ?? el) : el;
      if (seen.has(target)) continue;
      seen.add(target);
      const r = target.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(target).visibility === 'hidden') continue;
      if (r.width + 0.5 >= min && r.height + 0.5 >= min) continue;
      const name = (el.getAttribute('aria-label') ?? (target as HTMLElement).innerText ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      const classes = [...target.classList].map((c) => `.${c}`).join('');
      out.push({ element: `${target.tagName.toLowerCase()}${classes}${el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : ''} "${name}"`, width: Math.round(r.width), height: Math.round(r.height) });
    }
    return out;
  }, min);
}

export interface Overflow { scrollWidth: number; clientWidth: number; widest: string[] }

/**
 * Sets the root text size to `scale` times the app's 20 px (as the text-size setting does), and
 * answers whether the page then scrolls sideways, naming the elements that stick out; the size is
 * put back afterwards.
 */
export function overflowAtTextScale(page: Page, scale = 2): Promise<Overflow | null> {
  return page.evaluate(async (scale) => {
    const root = document.documentElement;
    const before = root.style.fontSize;
    root.style.fontSize = `${20 * scale}px`;
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    try {
      const { scrollWidth, clientWidth } = root;
      if (scrollWidth <= clientWidth) return null;
      // The innermost elements whose right edge passes the window's.
      const wide = [...document.body.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > clientWidth + 0.5);
      const innermost = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)));
      const widest = innermost.slice(0, 8).map((el) => {
        const classes = [...el.classList].map((c) => `.${c}`).join('');
        const text = ((el as HTMLElement).innerText ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
        return `${el.tagName.toLowerCase()}${classes} "${text}" (right ${Math.round(el.getBoundingClientRect().right)})`;
      });
      return { scrollWidth, clientWidth, widest };
    } finally {
      root.style.fontSize = before;
    }
  }, scale);
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
    if (small.length > 0) this.problems.push(`${screen}: targets under 48×48 px\n${small.map((s) => `      ${s.element} ${s.width}×${s.height}`).join('\n')}`);
    const overflow = await overflowAtTextScale(page);
    if (overflow) this.problems.push(`${screen}: scrolls sideways at 200 % text (${overflow.scrollWidth} > ${overflow.clientWidth} px)\n${overflow.widest.map((w) => `      ${w}`).join('\n')}`);
  }

  assertClean(): void {
    if (this.minor.length > 0) console.warn(`Accessibility (moderate and minor, not failing):\n${this.minor.join('\n')}`);
    if (this.problems.length > 0) throw new Error(`Accessibility problems on ${this.problems.length} check(s):\n${this.problems.join('\n')}`);
  }
}
