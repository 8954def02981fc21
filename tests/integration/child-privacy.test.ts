import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startHarness, type Harness } from './harness.ts';

/**
 * No child's name, birth year or school result is stored anywhere (Law 91/2025: children's data is
 * sensitive, and the learning-family criteria need only household-level facts). Scans every column
 * of the migrated schema: the only columns about children are the household's two facts.
 */

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });

/** Every (table, column) of the migrated SQLite database. */
async function columns(): Promise<string[]> {
  const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(h.db);
  const out: string[] = [];
  for (const { name } of tables.rows) {
    const cols = await sql<{ name: string }>`select name from pragma_table_info(${name})`.execute(h.db);
    for (const c of cols.rows) out.push(`${name}.${c.name}`);
  }
  return out;
}

describe('children in the schema', () => {
  it('only the household facts speak of children: a count and a yes/no', async () => {
    const all = await columns();
    expect(all.length).toBeGreaterThan(100);
    const aboutChildren = all.filter((c) => /child|kid|pupil|student|school|grade|con_/i.test(c));
    expect(aboutChildren.sort()).toEqual(['household_facts.all_children_in_school', 'household_facts.school_age_children']);
  });

  it('the household facts refuse anything else about a child', async () => {
    const cols = (await columns()).filter((c) => c.startsWith('household_facts.')).map((c) => c.slice('household_facts.'.length));
    expect(cols.sort()).toEqual(['all_children_in_school', 'household_id', 'school_age_children', 'updated_at', 'year']);
  });
});
