const activityEvents = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'] as const;

/**
 * Watches for a villager who walked away: after `idleSeconds` without a touch it shows a countdown
 * of `warningSeconds`, then calls `onExpire`. Any touch during the countdown keeps the session.
 */
export class IdleWatcher {
  warning = $state(false);
  remaining = $state(0);
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private tick: ReturnType<typeof setInterval> | null = null;
  private readonly onActivity = () => {
    if (!this.warning) this.arm();
  };

  constructor(
    private readonly idleSeconds: () => number,
    private readonly warningSeconds: () => number,
    private readonly onExpire: () => void,
  ) {}

  /** Starts watching (a session is open). */
  start(): void {
    for (const e of activityEvents) document.addEventListener(e, this.onActivity, { passive: true, capture: true });
    this.arm();
  }

  /** Stops watching (back on the welcome screen). */
  stop(): void {
    for (const e of activityEvents) document.removeEventListener(e, this.onActivity, { capture: true });
    this.clear();
    this.warning = false;
  }

  /** "Tôi vẫn ở đây": the villager answered the prompt. */
  stillHere(): void {
    this.warning = false;
    this.arm();
  }

  private arm(): void {
    this.clear();
    this.idleTimer = setTimeout(() => this.warn(), this.idleSeconds() * 1000);
  }

  /**
   * The countdown runs to a deadline on the clock rather than counting ticks: a tablet that dims
   * its screen slows a page's timers, and the session must still end when the time is up.
   */
  private warn(): void {
    this.warning = true;
    const deadline = Date.now() + this.warningSeconds() * 1000;
    this.remaining = this.warningSeconds();
    this.tick = setInterval(() => {
      this.remaining = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      if (this.remaining <= 0) {
        this.stop();
        this.onExpire();
      }
    }, 1000);
  }

  private clear(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.tick) clearInterval(this.tick);
    this.idleTimer = null;
    this.tick = null;
  }
}
