import type { Shortfall } from '../../../../shared/domain/recognition.ts';
import { locale, type Lang } from './locale.svelte.ts';
import type { ModelShortfall } from '../../../../shared/domain/collective-titles/verdict.ts';
import { vietnamDate, vietnamWallClock } from '../../../../shared/domain/vietnam-time.ts';
import type { ModelRecognitionView } from '../../../../shared/schemas/registry.ts';
import { fill } from '../../../../shared/i18n/fill.ts';
import type * as ViCatalog from '../../../../shared/i18n/vi.ts';
import type { Messages } from '../../../../shared/i18n/vi.ts';
import { firstScreenStrings } from './first-screen.ts';
import type { FirstScreenMessages } from './first-sections.ts';

export { fill, type FirstScreenMessages, type Messages };

/**
 * Dates read as the center's calendar, whatever zone the tablet is set to: each instant is turned into
 * Vietnam's wall clock (shared/domain/vietnam-time.ts) and its UTC fields are formatted.
 */
const TIME_ZONE = 'UTC';

class Catalogs {
  /** The whole Vietnamese catalog, loaded as the app starts (loadCatalog): the first screen ships its own strings only. */
  vi = $state.raw<typeof ViCatalog | null>(null);
  /** Loaded on first choosing English: the first villager screen ships Vietnamese only. */
  en = $state.raw<Messages | null>(null);
  /** The language last asked for, so a slow load cannot bring back a language already left. */
  wanted: Lang = 'vi';
}
const catalogs = new Catalogs();
let viLoading: Promise<void> | null = null;

/** Loads the whole Vietnamese catalog, once. Every screen but the first waits for it before it is drawn. */
export function loadCatalog(): Promise<void> {
  viLoading ??= import('../../../../shared/i18n/vi.ts').then((m) => {
    catalogs.vi = m;
  });
  return viLoading;
}

function loaded(): typeof ViCatalog {
  // A screen drawn before its strings would show nothing (or keys): it fails loudly instead.
  if (!catalogs.vi) throw new Error('a villager screen read the catalog before it was loaded (loadCatalog)');
  return catalogs.vi;
}

/** The catalog of the current language (reactive: read it in a template or `$derived`), once loadCatalog() is done. */
export function t(): Messages {
  return locale.lang === 'en' && catalogs.en ? catalogs.en : loaded().vi;
}

/**
 * The first screen's strings in the current language (reactive), there from the first paint: the
 * welcome screen, the title and session bars, the idle prompt, the hand-over and read-aloud buttons.
 */
export function firstT(): FirstScreenMessages {
  if (locale.lang === 'en' && catalogs.en) return catalogs.en;
  return catalogs.vi?.vi ?? firstScreenStrings;
}

/** Switches the villager screens' language, loading the English catalog the first time. */
export async function useLanguage(lang: Lang): Promise<void> {
  catalogs.wanted = lang;
  if (lang === 'en' && !catalogs.en) {
    const { en } = await import('../../../../shared/i18n/en.ts');
    catalogs.en = en;
  }
  if (catalogs.wanted === lang) locale.lang = lang;
}

/** The BCP 47 tag for dates and numbers in the current language. */
export const langTag = (): string => (locale.lang === 'en' ? 'en-GB' : 'vi-VN');

/** Text for an error code from the box, in the current language. */
export const errorText = (code: string): string => loaded().errorText(code, t());

/** Text for one shortfall, in the current language. */
export const shortfallText = (s: Shortfall, indicatorName: (id: string) => string): string =>
  loaded().shortfallText(s, indicatorName, t());

/** Text for one shortfall of a household's (or another title's) verdict, in the current language. */
export const modelShortfallText = (s: ModelShortfall, name: (id: string) => string): string =>
  loaded().modelShortfallText(s, name, t());

// One formatter per language and style: making one per date is slow on a cheap tablet.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(style: 'date' | 'padded' | 'dateTime' | 'session' | 'sessionDay'): Intl.DateTimeFormat {
  const tag = langTag();
  const key = `${tag}/${style}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Record<typeof style, Intl.DateTimeFormatOptions> = {
      date: { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: TIME_ZONE },
      padded: { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: TIME_ZONE },
      dateTime: {
        day: 'numeric',
        month: 'numeric',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZone: TIME_ZONE,
      },
      session: {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZone: TIME_ZONE,
      },
      sessionDay: {
        weekday: 'long',
        day: 'numeric',
        month: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZone: TIME_ZONE,
      },
    };
    f = new Intl.DateTimeFormat(tag, options[style]);
    formatters.set(key, f);
  }
  return f;
}

/**
 * What to format: Vietnam's wall clock at an instant; a plain calendar date ("2026-03-31") as that day
 * at noon, so nothing moves it to another day.
 */
const instant = (value: string): Date =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : vietnamWallClock(new Date(value));

/** A day, e.g. 5/12/2026 (vi) or 05/12/2026 (en): an ISO instant or a plain date. */
export const formatDate = (value: string): string => formatter('date').format(instant(value));
/** A day with day and month on two digits (31/03/2026), as on printed slips. */
export const formatPaddedDate = (value: string): string => formatter('padded').format(instant(value));
/** A day and time. */
export const formatDateTime = (iso: string): string => formatter('dateTime').format(instant(iso));
/** A class session on a printed plan: day and time. */
export const formatSession = (iso: string): string => formatter('session').format(instant(iso));
/** A class session on a card: weekday, day and time. */
export const formatSessionDay = (iso: string): string => formatter('sessionDay').format(instant(iso));
/** A number with the language's decimal mark (12,3 or 12.3). */
export const formatNumber = (n: number, digits = 0): string =>
  new Intl.NumberFormat(langTag(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);

/**
 * A household's recognition as Gia đình học tập, in short lines to show and read aloud: the title
 * and year, the decision, and until when it stands (or that it has ended), on `today` in Vietnam.
 */
export function householdRecognitionLines(r: ModelRecognitionView, today = vietnamDate(new Date())): string[] {
  const m = t().household;
  const lines = [
    fill(m.recognized, { year: r.year }),
    fill(m.recognizedDecision, { number: r.decisionNumber, date: formatDate(r.signedOn) }),
  ];
  if (r.validThrough)
    lines.push(
      fill(today > r.validThrough ? m.recognizedEnded : m.recognizedValid, { date: formatDate(r.validThrough) }),
    );
  return lines;
}

/** All of a household's recognitions as one text to read aloud, sentences apart, no final stop (empty when none). */
export const householdRecognitionsSpoken = (recognitions: readonly ModelRecognitionView[]): string =>
  recognitions.map((r) => householdRecognitionLines(r).join('. ')).join('. ');
