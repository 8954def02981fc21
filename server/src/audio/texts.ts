import type { CriteriaSet } from '../../../shared/schemas/criteria-set.ts';
import type { DigitalBank } from '../../../shared/schemas/digital-bank.ts';
import { isTemplate, normalizeSpoken } from '../../../shared/schemas/audio-pack.ts';
import { vi } from '../../../shared/i18n/vi.ts';
import { en } from '../../../shared/i18n/en.ts';

/**
 * Every villager-facing string with its stable id, per language: what a volunteer records, what
 * the pack checker compares against and what the box pre-renders. A string's id is its dotted path
 * in the catalog (`welcome.heading`) or in the content from kiosk-config (`criteria.<set>.<indicator>
 * .<group>.text`, `digital.<bank>.<item>.prompt`), so a clip keyed by it outlives a change of wording
 * elsewhere, and texts.json tells when its own wording changed.
 */

export interface TextEntry {
  id: string;
  text: string;
  /** False for a template with `{placeholders}`: a clip cannot say the value filled in on the tablet. */
  fixed: boolean;
}

/** What the content ids are read from: the loaded configuration. */
export interface TextSources {
  criteriaSets: readonly CriteriaSet[];
  digitalBanks: readonly DigitalBank[];
}

type Catalog = Readonly<Record<string, unknown>>;

/**
 * The catalogs by language. Vietnamese is the source: a language without a catalog records its clips
 * from it. Imported statically, so the bundled server (dist/server/main.js) carries them.
 */
export async function catalogs(): Promise<Readonly<Record<string, Catalog>>> {
  return { vi, en };
}

/** Every string leaf of a catalog object, by dotted path (functions and numbers are not text). */
export function catalogTexts(catalog: Catalog, prefix = ''): TextEntry[] {
  const out: TextEntry[] = [];
  for (const [key, value] of Object.entries(catalog)) {
    const id = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.push(entry(id, value));
    else if (value && typeof value === 'object') out.push(...catalogTexts(value as Catalog, id));
  }
  return out;
}

/** The criteria sets' words a villager reads: group titles and descriptions, indicators per group. */
export function criteriaTexts(sets: readonly CriteriaSet[]): TextEntry[] {
  const out: TextEntry[] = [];
  for (const set of sets) {
    const base = `criteria.${set.id}`;
    for (const c of set.criteria) out.push(entry(`${base}.${c.id}.title`, c.title));
    for (const g of set.groups) {
      out.push(
        entry(`${base}.group.${g.id}.title`, g.title),
        entry(`${base}.group.${g.id}.description`, g.description),
      );
    }
    for (const ind of set.indicators) {
      out.push(entry(`${base}.${ind.id}.short`, ind.short));
      for (const [groupId, w] of Object.entries(ind.byGroup)) {
        const at = `${base}.${ind.id}.${groupId}`;
        out.push(entry(`${at}.text`, w.text), entry(`${at}.explain`, w.explain));
        w.evidence.forEach((e, i) => out.push(entry(`${at}.evidence.${i}`, e)));
      }
    }
  }
  return out;
}

/** Keys of a digital item that are data, not words. */
const itemDataKeys = new Set([
  'id',
  'kind',
  'domain',
  'skills',
  'picture',
  'weight',
  'correct',
  'expected',
  'type',
  'scam',
  'amount',
]);

/** The question banks' words: domains, skills, rating steps, and every item's prompt, options and task texts. */
export function digitalTexts(banks: readonly DigitalBank[]): TextEntry[] {
  const out: TextEntry[] = [];
  for (const bank of banks) {
    const base = `digital.${bank.id}`;
    out.push(entry(`${base}.title`, bank.title), entry(`${base}.ruleText`, bank.flags.ruleText));
    for (const d of bank.domains)
      out.push(
        entry(`${base}.domain.${d.id}.title`, d.title),
        entry(`${base}.domain.${d.id}.description`, d.description),
      );
    for (const s of bank.householdSkills)
      out.push(
        entry(`${base}.skill.${s.id}.title`, s.title),
        entry(`${base}.skill.${s.id}.description`, s.description),
      );
    bank.ratingSteps.forEach((step, i) => out.push(entry(`${base}.ratingStep.${i}`, step)));
    for (const item of bank.items) walkItem(item, `${base}.${item.id}`, out);
  }
  return out;
}

/** Strings of an item by path; a list of things with ids goes by id (`options.a.text`), other lists by position. */
function walkItem(value: unknown, path: string, out: TextEntry[]): void {
  if (typeof value === 'string') {
    out.push(entry(path, value));
  } else if (Array.isArray(value)) {
    value.forEach((x, i) => {
      const key =
        x && typeof x === 'object' && typeof (x as { id?: unknown }).id === 'string'
          ? (x as { id: string }).id
          : String(i);
      walkItem(x, `${path}.${key}`, out);
    });
  } else if (value && typeof value === 'object') {
    for (const [k, x] of Object.entries(value)) if (!itemDataKeys.has(k)) walkItem(x, `${path}.${k}`, out);
  }
}

/**
 * Every villager-facing string for a language, ids unique. Content from kiosk-config is Vietnamese:
 * it comes with Vietnamese (and with any language that has no catalog of its own, whose clips
 * translate the Vietnamese); English has only its catalog so far.
 */
export async function villagerTexts(sources: TextSources, lang: string): Promise<TextEntry[]> {
  const all = await catalogs();
  const catalog = all[lang];
  const entries = catalog ? catalogTexts(catalog) : catalogTexts(all.vi!);
  if (lang === 'vi' || !catalog)
    entries.push(...criteriaTexts(sources.criteriaSets), ...digitalTexts(sources.digitalBanks));
  // The same set id in two versions: the last one loaded speaks for it (texts.json shows a changed wording).
  return [...new Map(entries.filter((e) => e.text !== '').map((e) => [e.id, e])).values()];
}

function entry(id: string, text: string): TextEntry {
  const clean = normalizeSpoken(text);
  return { id, text: clean, fixed: !isTemplate(clean) };
}
