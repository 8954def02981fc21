/**
 * The one way the server writes HTML: Hono's `html` tagged template, which escapes every value put
 * into it (& < > " ') unless the value is already HTML made here. Nothing else in the print kit or
 * its documents escapes by hand, so a name with `<script>` in it prints as text wherever it goes.
 */
import { html as honoHtml, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/** A piece of HTML already escaped: put into another template as it is. */
export type Html = HtmlEscapedString;

/** What a template takes: text (escaped), numbers, HTML pieces, lists of them; null, undefined, false: nothing. */
export type Content = string | number | Html | null | undefined | false | readonly Content[];

/** Writes HTML from a template, escaping every value that is not already HTML. */
export function html(strings: TemplateStringsArray, ...values: Content[]): Html {
  const out = honoHtml(strings, ...values);
  // Only a Promise among the values makes the result asynchronous, and Content has none.
  if (out instanceof Promise) throw new TypeError('print: a document part cannot be asynchronous');
  return out;
}

/** Pieces of HTML one per line, as the documents lay out their rows. */
export const lines = (parts: readonly Html[]): Html => raw(parts.join('\n'));

/** Text written in the code itself (a style sheet), put in as it is: never anything a person typed. */
export { raw };
