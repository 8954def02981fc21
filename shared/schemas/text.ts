import * as v from 'valibot';

/**
 * The one rule for free text (names of clans, units, representatives, teachers, centers; notes;
 * reasons; titles): no control characters (NUL and the like; a line break only where the field
 * allows several lines), no bidirectional controls (a right-to-left override makes a list or a
 * printed decision show other text than was stored), no lone surrogates, no byte-order marks.
 * Person names have their stricter letters-only rule in person.ts.
 *
 * The message is the error code: the server's parseOrThrow answers it as
 * `text.invalid-characters` naming the fields, not as a bare `request.invalid`.
 */
export const TEXT_INVALID = 'text.invalid-characters';

// C0 and C1 controls and DEL; bidi embeddings, overrides, isolates and marks; BOM; lone surrogates.
const hidden =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const lineBreaks = /[\t\n\r]/;

/** True when the text holds nothing the rule refuses (`multiline`: tab and line breaks allowed). */
export function isCleanText(text: string, multiline = false): boolean {
  return !hidden.test(text) && (multiline || !lineBreaks.test(text));
}

/**
 * The text with what the rule refuses taken out (one-line: a tab or line break becomes a space).
 * For the tablet's own text boxes, so a villager's pasted note is kept and never set aside for an
 * invisible character; what arrives at the box is still checked by the rule.
 */
export function withoutHiddenCharacters(text: string, multiline = false): string {
  const cleaned = text.replace(new RegExp(hidden.source, 'g'), '');
  return multiline ? cleaned : cleaned.replace(/[\t\n\r]+/g, ' ');
}

/** The check as a valibot action, for a field that already has its own pipe. */
export function cleanText(multiline = false) {
  return v.check<string, typeof TEXT_INVALID>((s) => isCleanText(s, multiline), TEXT_INVALID);
}

/** A one-line free-text field: trimmed, clean, `min`..`max` characters. */
export function OneLineText(min: number, max: number) {
  return v.pipe(v.string(), v.trim(), cleanText(false), v.minLength(min), v.maxLength(max));
}

/** A multi-line free-text field (notes, reasons): trimmed, clean, at most `max` characters. */
export function MultiLineText(min: number, max: number) {
  return v.pipe(v.string(), v.trim(), cleanText(true), v.minLength(min), v.maxLength(max));
}
