import { svelte } from '@sveltejs/vite-plugin-svelte';
import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/** Where the browser tests find Chromium: CHROMIUM_PATH, else Debian's package. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
const requireBrowser = process.env.CI === 'true' || process.env.CI === '1' || process.env.REQUIRE_BROWSER === '1';

if (!hasChromium) {
  const banner = [
    '',
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
    `!! Chromium not found at ${chromiumPath}: the END-TO-END browser tests`,
    '!! will NOT run. Install it with: apt-get install -y chromium',
    '!! (or set CHROMIUM_PATH). Under CI this is a failure.',
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
    '',
  ].join('\n');
  console.error(banner);
  if (requireBrowser)
    throw new Error(`Chromium is required for the browser tests under CI but was not found at ${chromiumPath}`);
}

export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core machine, every file
    // in turn. Two let every file share both cores, the browser files too (each starts its own boxes
    // on free ports and its own Chromium; no test waits on real time for an idle timeout).
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'web/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['**/*.svelte.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      // Reactive state of the tablet tested with Svelte's client runtime, so effects and derived values really run.
      {
        plugins: [svelte()],
        test: {
          name: 'runes',
          include: ['web/**/*.svelte.test.ts'],
          environment: './tests/support/client-environment.ts',
        },
      },
      // The server in process (and real boxes as processes). `isolate: false`: a worker imports the
      // server's modules once for all its files instead of once per file (the import phase was about
      // a fifth of the suite's time). Safe because every test file makes its own app, database and
      // folders, and no module of server/ or tests/ keeps state from one app to the next (a
      // module-level cache is keyed by its app or database); tests/build/shared-modules.test.ts
      // holds that rule. The tablet's files keep one module graph each: the tablet's modules do keep
      // state (its open database).
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          exclude: ['tests/integration/tablet/**', '**/node_modules/**'],
          environment: 'node',
          globalSetup: ['tests/support/global-postgres.ts'],
          // PINs hashed at a low cost in these tiers' apps (server/src/staff/pin.ts); the boxes they start keep production's.
          setupFiles: ['tests/support/pin-cost.ts'],
          isolate: false,
        },
      },
      // The tablet's state classes use Svelte's runes: compiled as in the app.
      {
        plugins: [svelte()],
        test: {
          name: 'tablet',
          include: ['tests/integration/tablet/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/support/pin-cost.ts'],
        },
      },
      // Attacks as a stranger on the Wi-Fi or the internet would try them (issue 20): each must fail.
      {
        test: {
          name: 'security',
          include: ['tests/security/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/global-postgres.ts'],
          // PINs hashed at a low cost in these tiers' apps (server/src/staff/pin.ts); the boxes they start keep production's.
          setupFiles: ['tests/support/pin-cost.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          isolate: false,
        },
      },
      // Checks on the production build (npm test builds first).
      { test: { name: 'build', include: ['tests/build/**/*.test.ts'], environment: 'node' } },
      ...(hasChromium
        ? [
            {
              test: {
                name: 'e2e',
                include: ['tests/e2e/**/*.test.ts'],
                environment: 'node',
                testTimeout: 90_000,
                hookTimeout: 120_000,
              },
            },
          ]
        : []),
    ],
  },
});
