// @ts-check
/**
 * The structure's import rules (docs/ARCHITECTURE.md, issue 23), checked by `npm run check`:
 *   depcruise --config .dependency-cruiser.cjs --ignore-known web server shared
 * Violations that existed when the rules came in and are not fixed yet are listed in
 * .dependency-cruiser-known-violations.json (dependency-cruiser's baseline, read by --ignore-known);
 * any violation not in that file fails the check. Regenerate it only when shrinking it:
 *   npx depcruise --config .dependency-cruiser.cjs --output-type baseline --output-to .dependency-cruiser-known-violations.json web server shared
 * tests/build/boundaries.test.ts shows that a forbidden import and a cycle make the check fail.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-imports-no-app',
      comment: 'shared/ is used by both the server and the tablet: it imports nothing from server/ or web/.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(server|web)/' },
    },
    {
      name: 'server-not-web',
      comment: 'The server never imports the web app; what both need lives in shared/.',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^web/' },
    },
    {
      name: 'web-not-server',
      comment: 'The web app never imports the server; what both need lives in shared/.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^server/' },
    },
    {
      name: 'migrations-no-app-code',
      comment:
        'A migration is history: it must run the same way whatever the app code becomes, so it imports only ' +
        'kysely, Node built-ins and other files of the migrations folder.',
      severity: 'error',
      from: { path: '^server/src/db/migrations/' },
      to: {
        pathNot: ['^server/src/db/migrations/', '^node_modules/kysely/'],
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'schemas-not-domain',
      comment:
        'Domain rules compute on the shapes the schemas declare, so shared/domain imports shared/schemas and ' +
        'never the reverse. This direction needed one change (the names of the model target measures moved ' +
        'into shared/schemas/model-rates.ts); the other would have moved the types of ten domain files.',
      severity: 'error',
      from: { path: '^shared/schemas/' },
      to: { path: '^shared/domain/' },
    },
    {
      name: 'no-circular',
      comment: 'No file reaches itself through its imports: a cycle means two files are one piece or share a third.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycle',
      comment:
        "No folder reaches itself through its files' imports: features depend on the kernel (db, http, config) " +
        'and on each other in one direction only, so a feature can be read, moved or tested without the rest.',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing is a mistake (or a package that is not installed).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Tests may import across folders (a test of one feature sets up another); the rules are about app code.
    exclude: { path: ['(^|/)(node_modules|dist)/', '\\.test(-setup)?\\.ts$'] },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types', 'svelte', 'browser'],
      mainFields: ['module', 'main', 'types', 'typings', 'svelte'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.svelte', '.json', '.d.ts'],
    },
    skipAnalysisNotInRules: true,
    cache: false,
    // A fixed violation still in the baseline fails the check too, so the baseline only shrinks.
    baseline: { staleEntriesSeverity: 'error' },
  },
};
