import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Two rules of docs/ARCHITECTURE.md ("Rules and how they are checked") that an import checker cannot see:
 * files stay small enough to read in one sitting, and database queries live only in repositories.
 */
const root = resolve(import.meta.dirname, '../..');
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter((p) => /\.(ts|svelte|cjs|mjs|js)$/.test(p));

const source = (p: string): string => readFileSync(resolve(root, p), 'utf8');
/** Tests, their setup modules beside the code (`*.test-setup.ts`) and everything under tests/. */
const isTest = (p: string): boolean => /\.test(-setup)?\.ts$/.test(p) || p.startsWith('tests/');

/**
 * Data and catalogues, long because their content is long, not their code: the message catalogues, the
 * box's settings with their documentation, the digital-skills question bank.
 */
const CATALOGUES = [
  /^shared\/i18n\//,
  /^web\/src\/lib\/i18n\/vi-staff/,
  /^kiosk-config\/options\.ts$/,
  /^shared\/schemas\/digital-bank\.ts$/,
];
const LIMIT = 300;

/**
 * Test modules long for their data, not their code, each with its reason. Tests are held to the same
 * limit: a long test file is split by behaviour, its shared setup in a `*-setup.ts` module beside it.
 */
const TEST_DATA: Record<string, string> = {};

/**
 * Long test files written before tests were held to the limit, still to be split (issue 23). The list
 * only shrinks: a file split below the limit must leave it, and no file may join it.
 */
const TO_SPLIT: string[] = [];

const lineCount = (p: string, read = source): number => read(p).split('\n').length - 1;

/** Every line count above the limit, among the files `pick` selects, catalogues and `exempt` aside. */
function oversized(
  files: string[],
  pick: (p: string) => boolean,
  read = source,
  exempt: string[] = [...Object.keys(TEST_DATA), ...TO_SPLIT],
): string[] {
  return files
    .filter(pick)
    .filter((p) => !CATALOGUES.some((c) => c.test(p)) && !exempt.includes(p))
    .map((p) => ({ p, lines: lineCount(p, read) }))
    .filter(({ lines }) => lines > LIMIT)
    .map(({ p, lines }) => `${p}: ${lines} lines`);
}

/** Kysely's query starters: a file that calls them holds data access. */
const QUERY = /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(|\bsql(<[^>]*>)?`/;

/** Where queries may live: repositories, the database kernel (connection, driver, migrations). */
const mayQuery = (p: string): boolean => /\.repository\.ts$/.test(p) || p.startsWith('server/src/db/');

function queriesOutsideRepositories(files: string[], read = source): string[] {
  return files
    .filter((p) => p.startsWith('server/src/') && !isTest(p) && !mayQuery(p))
    .filter((p) => QUERY.test(read(p)))
    .map((p) => {
      const line =
        read(p)
          .split('\n')
          .findIndex((l) => QUERY.test(l)) + 1;
      return `${p}:${line}`;
    });
}

describe('the structure holds (issue 23)', () => {
  it('the checks see a long file and a query outside a repository', () => {
    const fake: Record<string, string> = {
      'server/src/people/people.service.ts': "const rows = await db.selectFrom('person').selectAll().execute();\n",
      'server/src/people/people.repository.ts': "return db.selectFrom('person').selectAll().execute();\n",
      'server/src/people/people.test.ts': "await db.selectFrom('person').selectAll().execute();\n",
      'server/src/audit/audit.ts': 'await sql`select 1`.execute(db);\n',
      'web/src/long.svelte': 'x\n'.repeat(LIMIT + 1),
      'shared/i18n/vi.ts': 'x\n'.repeat(LIMIT * 3),
      'tests/integration/long.test.ts': 'x\n'.repeat(LIMIT + 1),
      'shared/domain/long.test-setup.ts': 'x\n'.repeat(LIMIT + 1),
      'tests/fixtures/long-data.ts': 'x\n'.repeat(LIMIT * 2),
    };
    const read = (p: string): string => fake[p] ?? '';
    expect(queriesOutsideRepositories(Object.keys(fake), read)).toEqual([
      'server/src/people/people.service.ts:1',
      'server/src/audit/audit.ts:1',
    ]);
    expect(oversized(Object.keys(fake), () => true, read, ['tests/fixtures/long-data.ts'])).toEqual([
      `web/src/long.svelte: ${LIMIT + 1} lines`,
      `tests/integration/long.test.ts: ${LIMIT + 1} lines`,
      `shared/domain/long.test-setup.ts: ${LIMIT + 1} lines`,
    ]);
    expect(oversized(Object.keys(fake), isTest, read, [])).toEqual([
      `tests/integration/long.test.ts: ${LIMIT + 1} lines`,
      `shared/domain/long.test-setup.ts: ${LIMIT + 1} lines`,
      `tests/fixtures/long-data.ts: ${LIMIT * 2} lines`,
    ]);
  });

  it(`no app file is over ${LIMIT} lines, catalogues aside`, () => {
    expect(oversized(tracked, (p) => !isTest(p))).toEqual([]);
  });

  it(`no test file is over ${LIMIT} lines, test data aside`, () => {
    expect(oversized(tracked, isTest)).toEqual([]);
  });

  it('each exemption of a test file names a tracked file still over the limit', () => {
    const stale = [...Object.keys(TEST_DATA), ...TO_SPLIT].filter((p) => !tracked.includes(p) || lineCount(p) <= LIMIT);
    expect(stale).toEqual([]);
  });

  it('Kysely queries sit only in *.repository.ts files and server/src/db/', () => {
    expect(queriesOutsideRepositories(tracked)).toEqual([]);
  });

  it('routes never reach the database, not even through the Db handle', () => {
    const routes = tracked.filter((p) => p.endsWith('.routes.ts'));
    expect(routes.length).toBeGreaterThan(10);
    const touching = routes.filter((p) =>
      /\bdb\.(transaction|selectFrom|insertInto|updateTable|deleteFrom)\b/.test(source(p)),
    );
    expect(touching).toEqual([]);
  });
});
