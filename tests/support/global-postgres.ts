import type { TestProject } from 'vitest/node';
import { findPgBin, startThrowawayCluster } from './postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the throwaway PostgreSQL cluster, or null when PostgreSQL is not installed (never under CI). */
    pgUrl: string | null;
  }
}

const requirePostgres = process.env.CI === 'true' || process.env.CI === '1' || process.env.REQUIRE_POSTGRES === '1';

/** Starts one throwaway PostgreSQL cluster for the integration tier; each test makes its own database in it. */
export default async function setup(project: TestProject): Promise<() => void> {
  const bin = findPgBin();
  if (!bin) {
    const message =
      'PostgreSQL server not found (apt-get install -y postgresql): the hub storage contract suite runs on SQLite ONLY.';
    console.error(
      `\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n!! ${message}\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n`,
    );
    if (requirePostgres) throw new Error(`${message} Under CI this is a failure.`);
    project.provide('pgUrl', null);
    return () => {};
  }
  const cluster = await startThrowawayCluster(bin);
  project.provide('pgUrl', cluster.url);
  return () => cluster.stop();
}
