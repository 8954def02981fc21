import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { configDir, startHarness, type Harness } from './harness.ts';

/**
 * No child's name, birth year or school result is stored anywhere (Law 91/2025: children's data is
 * sensitive, and the learning-family criteria need only household-level facts). Scans every column
 * of the migrated schema: the only columns about children are the household's two facts.
 */

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** Every (table, column) of the migrated SQLite database. */
async function columns(): Promise<string[]> {
  const tables = await sql<{
    name: string;
  }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(h.db);
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
    expect(aboutChildren.sort()).toEqual([
      'household_facts.all_children_in_school',
      'household_facts.school_age_children',
    ]);
  });

  it('the household facts refuse anything else about a child', async () => {
    const cols = (await columns())
      .filter((c) => c.startsWith('household_facts.'))
      .map((c) => c.slice('household_facts.'.length));
    expect(cols.sort()).toEqual([
      'all_children_in_school',
      'household_id',
      'school_age_children',
      'updated_at',
      'year',
    ]);
  });
});

/**
 * No criteria set asks for a child's certificate, report card or school record, nor a photo of her
 * (DOMAIN.md, "Children"). Every evidence hint of every set in kiosk-config/criteria is read as it
 * is shipped; a hint fails when it names a child together with a paper, a school result or a photo.
 * In a group that takes children (the learners'), the person assessed may herself be a child, so
 * there a hint may name no paper, school result or photo at all.
 */
describe('evidence hints', () => {
  const word = (w: string) => `(?<!\\p{L})(?:${w})(?!\\p{L})`;
  // "Bà con" is the folks of the village, not anyone's child.
  const child = new RegExp(word('(?<!bà )con|cháu|học sinh|trẻ|trẻ em|em nhỏ|các em|bé'), 'u');
  const record = new RegExp(
    word(
      [
        'giấy khen',
        'giấy chứng nhận',
        'chứng chỉ',
        'học bạ',
        'bảng điểm',
        'sổ điểm',
        'sổ liên lạc',
        'thẻ học sinh',
        'thẻ thư viện',
        'sổ mượn sách',
        'kết quả (?:học tập|môn|rèn luyện|thi|học)',
        'điểm (?:thi|số|môn)',
        'nhận xét của (?:giáo viên|thầy cô|nhà trường)',
        'thư viện trường',
        'đi học đầy đủ',
        'chuyên cần',
        'ảnh',
        'chụp',
      ].join('|'),
    ),
    'u',
  );

  interface Hint {
    set: string;
    where: string;
    text: string;
    learners: boolean;
  }
  type Json = { [k: string]: unknown };
  function hintsOf(file: string): Hint[] {
    const set = JSON.parse(readFileSync(join(configDir, 'criteria', file), 'utf8')) as Json;
    const groups = (set.groups ?? []) as { id: string; pictogram: string; minors?: string }[];
    const learners = new Set(
      groups.filter((g) => g.minors === 'with-guardian-consent' || g.pictogram === 'student').map((g) => g.id),
    );
    const out: Hint[] = [];
    const walk = (node: unknown, path: string[]): void => {
      if (Array.isArray(node)) {
        node.forEach((n, i) => walk(n, [...path, String(i)]));
        return;
      }
      if (!node || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node as Json)) {
        if (key === 'evidence' && Array.isArray(value)) {
          // A person set's wording is per group: byGroup.<group>.evidence.
          const group = path[path.length - 2] === 'byGroup' ? path[path.length - 1]! : null;
          for (const text of value as string[])
            out.push({
              set: file,
              where: path.join('.'),
              text: text.normalize('NFC').toLowerCase(),
              learners: group !== null && learners.has(group),
            });
        } else walk(value, [...path, key]);
      }
    };
    walk(set, []);
    return out;
  }
  const files = readdirSync(join(configDir, 'criteria'))
    .filter((f) => f.endsWith('.json'))
    .sort();
  const hints = files.flatMap(hintsOf);

  it("are read from every criteria set, the learners' group among them", () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
    expect(new Set(hints.map((h) => h.set)).size).toBe(files.length);
    expect(hints.filter((h) => h.learners).length).toBeGreaterThanOrEqual(20);
    // The check itself: it sees the hints it must refuse.
    expect(child.test('giấy khen học tập của con cháu') && record.test('giấy khen học tập của con cháu')).toBe(true);
    expect(record.test('kết quả môn tin học')).toBe(true);
    // Whole words with their marks: "còn" is not "con", "cảnh" is not "ảnh".
    expect(child.test('còn lại') || child.test('cùng bà con') || record.test('phong cảnh')).toBe(false);
  });

  it("never ask for a child's certificate, report card, school record or photo", () => {
    const bad = hints.filter((h) => (child.test(h.text) && record.test(h.text)) || (h.learners && record.test(h.text)));
    expect(bad.map((h) => `${h.set} ${h.where}: ${h.text}`)).toEqual([]);
  });

  it("the learners' group of each set is the one that takes children, with their guardian's consent", () => {
    for (const file of files) {
      const set = JSON.parse(readFileSync(join(configDir, 'criteria', file), 'utf8')) as {
        groups?: { id: string; pictogram: string; minors?: string }[];
      };
      for (const g of set.groups ?? [])
        expect(`${file} ${g.id}: ${g.minors ?? 'adults only'}`).toBe(
          `${file} ${g.id}: ${g.pictogram === 'student' ? 'with-guardian-consent' : 'adults only'}`,
        );
    }
  });
});
