import type { Workbox } from 'workbox-window';

/**
 * A new version of the app waits until the facilitator applies it from the welcome screen, so an
 * update never lands in the middle of someone's assessment. Drafts live in IndexedDB, which an
 * update does not touch.
 */
export class AppUpdate {
  waiting = $state(false);
  private wb: Workbox | null = null;

  async register(): Promise<void> {
    // The service worker needs a secure context (HTTPS, or localhost for tests).
    if (!('serviceWorker' in navigator) || !window.isSecureContext || !import.meta.env.PROD) return;
    const { Workbox } = await import('workbox-window');
    const wb = new Workbox('/sw.js');
    this.wb = wb;
    wb.addEventListener('waiting', () => {
      this.waiting = true;
    });
    // Only a new version taking over reloads the page (never the first install).
    wb.addEventListener('controlling', (event) => {
      if (event.isUpdate) window.location.reload();
    });
    try {
      await wb.register();
    } catch (e) {
      // A browser that refuses service workers (site data off, some private windows) still works
      // while the box answers; only working with the box off is lost.
      console.warn('Service worker not registered', e);
      return;
    }
    // Look for a new version now and then; it will wait, not interrupt.
    setInterval(() => void wb.update(), 15 * 60 * 1000);
  }

  /** Looks for a new version now (on returning to the welcome screen). */
  check(): void {
    void this.wb?.update();
  }

  /** Applies the waiting version: the page reloads on the welcome screen. */
  apply(): void {
    this.wb?.messageSkipWaiting();
  }
}
