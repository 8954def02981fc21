import type { AxeResults, ImpactValue, Result, RunOptions } from 'axe-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import {
  focusNotShown,
  overflowAtTextScale,
  overflowNow,
  setTextScale,
  smallTargets,
  tabletViewports,
} from './axe-layout.ts';

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
