import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** What the household's browser tests share: the shipped "Gia đình học tập" set and the scores they give. */

export type Item = { id: string; source: 'declared' | 'computed'; points: number; short: string };
const gdht = JSON.parse(
  readFileSync(new URL('../../kiosk-config/criteria/gdht-2025.json', import.meta.url), 'utf8'),
) as { criteria: { items: Item[] }[] };
export const items = gdht.criteria.flatMap((c) => c.items);
/** Full points everywhere but the effects of learning (TC4: 3 + 5, under its minimum of 10). */
export const scoreOf = (item: Item) => (item.id === 'G4.1' ? 3 : item.id === 'G4.2' ? 5 : item.points);

/** Every item of the self-assessment, one screen each: declared ones scored by scoreOf, computed ones passed. */
export async function answerItems(page: Page): Promise<void> {
  for (const item of items) {
    const screen = page.locator(`section[data-item="${item.id}"]`);
    await screen.waitFor();
    if (item.source === 'declared') {
      await screen.locator(`button.score[data-score="${scoreOf(item)}"]`).click();
      await screen.locator(`button.score[data-score="${scoreOf(item)}"][aria-pressed="true"]`).waitFor();
    }
    await page.getByTestId('household-next').click();
  }
}
