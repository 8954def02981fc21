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
    return this.core.save({ textScale: this.scaleTarget });
  }

  /** A text size chosen outright (the welcome screen's pictures): 100 % to 200 %. */
  setTextScale(scale: number): Promise<void> {
    this.scaleTarget = Math.min(2, Math.max(1, scale));
    return this.core.save({ textScale: this.scaleTarget });
  }

  /** Language, simple mode and always-read. */
  set(prefs: Partial<Pick<Session, 'lang' | 'simple' | 'alwaysRead'>>): Promise<void> {
    return this.core.save(prefs);
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
