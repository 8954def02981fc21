import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningKiosk } from './kiosk.ts';

/** What models.test.ts answers at the tablet, and how it scans the boxes for a child's details. */

export type Item = { id: string; source: 'declared' | 'computed'; points: number };
export const gdht = JSON.parse(
  readFileSync(new URL('../../kiosk-config/criteria/gdht-2025.json', import.meta.url), 'utf8'),
) as { id: string; version: string; criteria: { items: Item[] }[] };
export const items = gdht.criteria.flatMap((c) => c.items);
/**
 * Full points but for the adults' own learning (G2.2: 5 of 10), so criterion TC2 reaches its
 * minimum of 15 only with G2.1, the share of the adults who are Learning Citizens (15 points).
 */
export const scoreOf = (item: Item) => (item.id === 'G2.2' || item.id === 'G2.3' ? 5 : item.points);
export const declaredTotal = items.filter((i) => i.source === 'declared').reduce((s, i) => s + scoreOf(i), 0);
export const pointsOf = (id: string) => items.find((i) => i.id === id)!.points;

/**
 * Every column and JSON key in the boxes' databases that speaks of a child, but for the household's
 * two facts (its school-age children and whether all are at school); and how many stored documents
 * carry those facts as this run entered them (two children).
 */
export function childDetailsIn(boxes: RunningKiosk[]): { seen: string[]; householdFacts: number } {
  const childish = /child|children|chau|con_|kid|pupil|student|grade|school/i;
  const allowed = new Set([
    'schoolAgeChildren',
    'allChildrenInSchool',
    'school_age_children',
    'all_children_in_school',
    'household-children-in-school',
    'clan-children-in-school',
  ]);
  const seen: string[] = [];
  const walk = (value: unknown, where: string): void => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${where}[${i}]`));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (childish.test(k) && !allowed.has(k)) seen.push(`${where}.${k}`);
        walk(v, `${where}.${k}`);
      }
    }
  };
  let householdFacts = 0;
  for (const box of boxes) {
    const db = new Database(join(box.dataDir, 'kiosk.sqlite'), { readonly: true });
    try {
      const tables = db
        .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
        .all() as { name: string }[];
      for (const { name } of tables) {
        for (const row of db.prepare(`select * from "${name}"`).all() as Record<string, unknown>[]) {
          for (const [column, value] of Object.entries(row)) {
            if (childish.test(column) && !allowed.has(column)) seen.push(`${name}.${column}`);
            if (typeof value !== 'string' || !/^[[{]/.test(value)) continue;
            let parsed: unknown;
            try {
              parsed = JSON.parse(value);
            } catch {
              continue;
            }
            walk(parsed, `${name}.${column}`);
            if (JSON.stringify(parsed).includes('"schoolAgeChildren":2')) householdFacts++;
          }
        }
      }
    } finally {
      db.close();
    }
  }
  return { seen, householdFacts };
}
