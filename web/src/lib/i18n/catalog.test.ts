import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';
import { en } from '../../../../shared/i18n/en.ts';
import { vi } from '../../../../shared/i18n/vi.ts';

/**
 * Every villager-facing string lives in the catalogs (shared/i18n/vi.ts, en.ts): a villager component may show
 * text only through an expression. This walks each component's template and script and lists any
 * text node or text-bearing attribute with letters in it, and any string literal holding
 * Vietnamese letters (a Vietnamese word typed into code instead of the catalog).
 */

const web = resolve(import.meta.dirname, '../..');
/** The villager's components; the staff screens (web/src/staff) are Vietnamese-only and apart. */
const villagerRoots = ['App.svelte', 'screens', 'components', 'digital'];
/** Owned by the read-aloud layer, whose label comes from the catalog through its caller. */
const skipped = new Set(['components/ListenButton.svelte']);
const textAttributes = new Set([
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
  'value',
]);

function svelteFiles(path: string): string[] {
  const full = join(web, path);
  if (full.endsWith('.svelte')) return [full];
  if (!statSync(full).isDirectory()) return [];
  return readdirSync(full, { withFileTypes: true }).flatMap((e) => svelteFiles(relative(web, join(full, e.name))));
}

const hasLetter = /\p{L}/u;
/** Letters outside ASCII: Vietnamese (and any other script) typed into the code. */
const nonAsciiLetter = /[^\p{ASCII}]/u;

type Node = { type?: string; [key: string]: unknown };

/** Hard-coded villager-facing strings in one component's source, each as "kind: text". */
export function hardCodedStrings(source: string): string[] {
  const ast = parse(source, { modern: true }) as unknown as Node;
  const found: string[] = [];
  const visit = (node: unknown, inStyle: boolean): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n, inStyle);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const n = node as Node;
    if (n.type === 'StyleSheet' || n.type === 'Comment') return;
    if (n.type === 'Text' && typeof n.data === 'string' && hasLetter.test(n.data)) found.push(`text: ${n.data.trim()}`);
    if (n.type === 'Attribute' && typeof n.name === 'string' && textAttributes.has(n.name) && Array.isArray(n.value)) {
      for (const part of n.value as Node[])
        if (part.type === 'Text' && hasLetter.test(String(part.data))) found.push(`${n.name}: ${String(part.data)}`);
      return;
    }
    if (n.type === 'Attribute' && Array.isArray(n.value)) {
      // Other attributes (class, data-testid, type...) are not shown, but an expression in them still is walked.
      for (const part of n.value as Node[]) if (part.type !== 'Text') visit(part, inStyle);
      return;
    }
    if (n.type === 'Literal' && typeof n.value === 'string' && nonAsciiLetter.test(n.value) && hasLetter.test(n.value))
      found.push(`string: ${n.value}`);
    if (n.type === 'TemplateElement') {
      const cooked = (n.value as { cooked?: string }).cooked ?? '';
      if (nonAsciiLetter.test(cooked) && hasLetter.test(cooked)) found.push(`template: ${cooked}`);
    }
    for (const [key, value] of Object.entries(n)) {
      if (key === 'parent' || key === 'loc' || key === 'start' || key === 'end') continue;
      visit(value, inStyle);
    }
  };
  // The template (fragment), the scripts' ASTs and every expression in between.
  visit(ast, false);
  return found;
}

type Tree = { readonly [key: string]: string | Tree };
function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`),
  );
}

describe('message catalogs', () => {
  const files = villagerRoots.flatMap(svelteFiles).filter((f) => !skipped.has(relative(web, f)));

  it('finds the villager components to check', () => {
    expect(files.length).toBeGreaterThan(25);
    expect(files.map((f) => relative(web, f))).toContain('screens/Welcome.svelte');
  });

  it.each(files.map((f) => [relative(web, f), f]))('%s shows no text that is not in the catalogs', (_name, file) => {
    expect(hardCodedStrings(readFileSync(file, 'utf8'))).toEqual([]);
  });

  it.each([
    ['a text node', '<p>Xin chào</p>', 'text: Xin chào'],
    ['an English text node', '<button>Next</button>', 'text: Next'],
    ['an aria-label', '<button aria-label="Đóng">x</button>', 'aria-label: Đóng'],
    ['a placeholder', '<input placeholder="Ví dụ" />', 'placeholder: Ví dụ'],
    ['a string in an expression', "<p>{ok ? 'Đạt' : m.verdict.notYet}</p>", 'string: Đạt'],
    [
      'a string in the script',
      '<script lang="ts">const x = \'Bác có kỹ năng số\';</script><p>{x}</p>',
      'string: Bác có kỹ năng số',
    ],
    ['a template literal', '<p title={`mức ${level}`}>{level}</p>', 'template: mức '],
  ])('fails on a hard-coded string: %s', (_what, source, expected) => {
    expect(hardCodedStrings(source)).toContain(expected);
  });

  it('passes text that comes through expressions, classes, test ids and comments', () => {
    expect(
      hardCodedStrings(
        '<!-- Một ghi chú --><p class="lead" data-testid="x">{m.welcome.heading} · {n} %</p><style>p { font-family: "Noto Sans"; }</style>',
      ),
    ).toEqual([]);
  });

  it('English has exactly the ids of Vietnamese', () => {
    expect(
      leaves(en)
        .map(([id]) => id)
        .sort(),
    ).toEqual(
      leaves(vi)
        .map(([id]) => id)
        .sort(),
    );
  });

  it.each([
    ['vi', vi as Tree],
    ['en', en as Tree],
  ])('%s has no empty string and keeps every {placeholder} of Vietnamese', (_lang, catalog) => {
    const viText = new Map(leaves(vi));
    for (const [id, text] of leaves(catalog)) {
      expect(text.trim(), id).not.toBe('');
      const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
      expect(holes(text), id).toEqual(holes(viText.get(id) ?? ''));
    }
  });

  it('Vietnamese strings are NFC-normalised (one code point per accented letter, as voices and search expect)', () => {
    const bad = leaves(vi)
      .filter(([, text]) => text !== text.normalize('NFC'))
      .map(([id]) => id);
    expect(bad).toEqual([]);
  });
});
