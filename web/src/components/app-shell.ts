import type { Messages } from '../../../shared/i18n/vi.ts';
import { pictograms } from './pictograms.ts';

const escape = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * The app's first paint as plain HTML, written into index.html at build time (vite.config.ts): the
 * title bar and "Đang tải…" exactly as App.svelte shows them before the kiosk is known (the same
 * elements and global classes of app.css, the book pictogram at 36 px). A phone on a slow link
 * sees them as soon as the page arrives instead of after the scripts; main.ts clears it and mounts
 * the app in one task, the one after its code has run.
 */
export function appShell(m: Pick<Messages, 'appTitle' | 'welcome'>): string {
  const book = `<svg viewBox="0 0 64 64" aria-hidden="true" focusable="false" style="width:1.8rem;height:1.8rem;flex:none;vertical-align:middle">${pictograms.book}</svg>`;
  return (
    `<div class="app"><header><div class="topbar">${book}<span class="title">${escape(m.appTitle)}</span></div></header>` +
    `<main><p class="loading">${escape(m.welcome.loading)}</p></main></div>`
  );
}
