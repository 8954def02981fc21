import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { dashboardBench, type DashboardFigures, type DashboardOptions } from './dashboard.ts';
import { provinceBench, type ProvinceFigures, type ProvinceOptions } from './province.ts';

/**
 * The hub benches, each in a process of its own, as a hub is one. Their timings are taken in the
 * process that seeds and asks (`app.request`), and `npm run bench` runs them after stages that leave
 * hundreds of MB on its heap (PouchDB's replications, 200,000 records through applyPush): beside that
 * heap every collection costs more, and a province dashboard that answers in about 73 ms answered in
 * 108 ms once 150 MB more were held. Run here as a script, a stage writes its figures to a file.
 */
const stages = {
  dashboard: (pgUrl: string | null, options: DashboardOptions) => dashboardBench(pgUrl, options),
  province: (pgUrl: string | null, options: ProvinceOptions) => provinceBench(pgUrl, options),
};
type Stage = keyof typeof stages;

async function inOwnProcess<T>(stage: Stage, pgUrl: string | null, options: object): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-stage-'));
  try {
    const out = join(dir, 'figures.json');
    await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', import.meta.filename, stage, JSON.stringify({ pgUrl, options }), out],
      { cwd: join(import.meta.dirname, '..'), maxBuffer: 16 << 20 },
    );
    return JSON.parse(readFileSync(out, 'utf8')) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The commune dashboard bench (dashboard.ts) in a process of its own. */
export const dashboardInOwnProcess = (pgUrl: string | null, options: DashboardOptions = {}) =>
  inOwnProcess<DashboardFigures[]>('dashboard', pgUrl, options);

/** The province bench (province.ts) in a process of its own. */
export const provinceInOwnProcess = (pgUrl: string | null, options: ProvinceOptions = {}) =>
  inOwnProcess<ProvinceFigures | null>('province', pgUrl, options);

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [stage, args, out] = process.argv.slice(2) as [Stage, string, string];
  const { pgUrl, options } = JSON.parse(args) as { pgUrl: string | null; options: never };
  writeFileSync(out, JSON.stringify(await stages[stage](pgUrl, options)));
  process.exit(0); // a pool or timer left open must not keep the stage's process alive
}
