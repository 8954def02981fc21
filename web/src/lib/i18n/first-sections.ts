import type { Messages } from '../../../../shared/i18n/vi.ts';

/**
 * The sections of the villager catalog the first screen shows: the title bar and "Đang tải…", the
 * welcome screen and its picture buttons, the session bar, the idle prompt, "Để người khác dùng
 * máy" and the read-aloud button. The first download carries these alone (first-screen.ts); the
 * whole catalog loads beside it and every other screen waits for it (i18n.svelte.ts, loadCatalog).
 */
export const FIRST_SCREEN_SECTIONS = [
  'appTitle',
  'welcome',
  'prefs',
  'session',
  'idle',
  'handOver',
  'indicator',
  'resources',
] as const satisfies readonly (keyof Messages)[];

export type FirstScreenMessages = Pick<Messages, (typeof FIRST_SCREEN_SECTIONS)[number]>;

/** The first screen's sections of a catalog. */
export function firstScreenSections(messages: Messages): FirstScreenMessages {
  return Object.fromEntries(FIRST_SCREEN_SECTIONS.map((k) => [k, messages[k]])) as unknown as FirstScreenMessages;
}
