import type { Session } from '../../db/db.ts';
import type { SessionCore, SessionPart } from './session.svelte.ts';

/**
 * Text size, language, simple mode and always-read, for this session only: they live in the
 * session, so ending it (or the idle timeout) puts the tablet back to Vietnamese, 100 % and the
 * usual screens for the next person. Nothing about the person is kept by them.
 */
export class Preferences implements SessionPart {
  /** The text size asked for last, so quick taps add up before each is saved. */
  private scaleTarget: number | null = null;

  constructor(private readonly core: SessionCore) {}

  /** One step (±25 %) of text size, between 100 % and 200 %; quick taps add up. */
  changeTextScale(step: 1 | -1): Promise<void> {
    const from = this.scaleTarget ?? this.core.session.textScale ?? 1;
    this.scaleTarget = Math.min(2, Math.max(1, from + step * 0.25));
    return this.apply({ textScale: this.scaleTarget });
  }

  /** A text size chosen outright (the welcome screen's pictures): 100 % to 200 %. */
  setTextScale(scale: number): Promise<void> {
    this.scaleTarget = Math.min(2, Math.max(1, scale));
    return this.apply({ textScale: this.scaleTarget });
  }

  /** Language, simple mode and always-read. */
  set(prefs: Partial<Pick<Session, 'lang' | 'simple' | 'alwaysRead'>>): Promise<void> {
    return this.apply(prefs);
  }

  /**
   * Shows a setting at once and saves it after whatever is being saved: the first tap on the
   * welcome screen can come before the database's code has loaded (start() draws the screen
   * without it), and she must see the text grow when she taps, not a second later. A setting is
   * about the screen only, so showing it before it is kept loses nothing if the tablet stops.
   */
  private apply(patch: Partial<Pick<Session, 'textScale' | 'lang' | 'simple' | 'alwaysRead'>>): Promise<void> {
    this.core.session = { ...this.core.session, ...patch };
    return this.core.save(patch);
  }

  /** True when the welcome screen's settings differ from a fresh session's. */
  get changed(): boolean {
    const s = this.core.session;
    return (s.textScale ?? 1) !== 1 || (s.lang ?? 'vi') !== 'vi' || s.simple === true || s.alwaysRead === true;
  }

  forget(): void {
    this.scaleTarget = null;
  }
}
