import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { findPgBin, startThrowawayCluster } from '../tests/support/postgres.ts';
import { dashboardBench } from './dashboard.ts';
import { searchBench } from './search.ts';

/**
 * `npm run bench`: the benchmarks, on loopback, bounded in time. Prints a table and writes
 * bench/results.json with every figure and the machine it ran on. Never part of `npm test`.
 */
const bin = findPgBin();
if (!bin) console.error('!! PostgreSQL server not found (apt-get install -y postgresql): PostgreSQL figures are skipped.');
const cluster = bin ? await startThrowawayCluster(bin) : null;
try {
  const dashboard = await dashboardBench(cluster?.url ?? null);
  console.log('\nCommune dashboard, 30,000 people × 5 years (target: under 300 ms)');
  console.table(dashboard.map((d) => ({ storage: d.storage, assessments: d.assessments, 'seed s': d.seedSeconds, 'median ms': d.medianMs, 'p95 ms': d.p95Ms, 'min ms': d.minMs, runs: d.runs })));
  const search = await searchBench();
  console.log(`\nCatalog search on the tablet, ${search.resources} resources, Chromium with ${search.cpuThrottle}x CPU throttling (target: under 50 ms per keystroke)`);
  console.table([{ keystrokes: search.keystrokes, 'median ms': search.medianMs, 'p95 ms': search.p95Ms, 'max ms': search.maxMs, 'catalog first load ms': search.firstLoadMs }]);
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform}-${process.arch}` };
  const results = { at: new Date().toISOString(), machine, dashboard, search };
  writeFileSync(join(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('Written to bench/results.json');
} finally {
  cluster?.stop();
}
