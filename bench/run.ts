import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { findPgBin, startThrowawayCluster } from '../tests/support/postgres.ts';
import { boxBench } from './box.ts';
import { printDashboard } from './dashboard.ts';
import { dashboardInOwnProcess, provinceInOwnProcess } from './hub-process.ts';
import { hubIngestBench } from './hub-ingest.ts';
import { ingestBench } from './ingest.ts';
import { lighthouseBench } from './lighthouse.ts';
import { printProvince } from './province.ts';
import { searchBench } from './search.ts';
import { slowLinkBench } from './slow-link.ts';
import { syncBench } from './sync.ts';
import { tabletBench } from './tablet.ts';
import { targetRows } from './targets.ts';
import { weightBench } from './weight.ts';

/**
 * `npm run bench`: the suite, on loopback, bounded in time (under 10 minutes on 2 cores). Prints a
 * table per benchmark and the targets, and writes bench/results.json with every figure and the
 * machine it ran on. Never part of `npm test` (tests/integration/bench-smoke.test.ts runs each
 * benchmark at tiny sizes there). BENCH_SMOKE=1 runs this script at those sizes too.
 */
const smoke = process.env.BENCH_SMOKE === '1';
const sizes = smoke
  ? {
      submissions: 40,
      box: 20,
      slowLink: { villagers: 20, photos: 1, pouchBudgetSeconds: 20 },
      lighthouseRuns: 1,
      hubRecords: 400,
      hubBudgetSeconds: 30,
      dashboard: { people: 300, runs: 2 },
      province: { communes: 3, people: 200, runs: 2 },
      search: { resources: 60, queries: 1 },
      warmRuns: 1,
    }
  : {
      submissions: 10_000,
      box: 3_000,
      slowLink: { villagers: 2_000, photos: 5, pouchBudgetSeconds: 150 },
      lighthouseRuns: 3,
      hubRecords: 200_000,
      hubBudgetSeconds: Number(process.env.BENCH_HUB_SECONDS ?? 150),
      dashboard: {},
      province: {},
      search: {},
      warmRuns: 5,
    };

const t0 = performance.now();
const step = (name: string) => console.log(`\n== ${name} (${Math.round((performance.now() - t0) / 1000)} s in)`);

const bin = findPgBin();
if (!bin)
  console.error('!! PostgreSQL server not found (apt-get install -y postgresql): PostgreSQL figures are skipped.');
const cluster = bin ? await startThrowawayCluster(bin) : null;
try {
  step('PWA weight');
  const weight = weightBench();
  console.log(
    `First villager screen: ${weight.firstScreen.files.length} files (target: at most ${weight.firstScreen.targetGzipKb} KB gzip)`,
  );
  console.table([
    {
      'raw KB': weight.firstScreen.rawKb,
      'gzip KB': weight.firstScreen.gzipKb,
      'brotli KB': weight.firstScreen.brotliKb,
      'JS gzip KB': weight.firstScreen.jsGzipKb,
      'CSS gzip KB': weight.firstScreen.cssGzipKb,
      'precache files': weight.precache.entries,
      'precache KB': weight.precache.rawKb,
      'precache gzip KB': weight.precache.gzipKb,
    },
  ]);
  console.log('Largest chunks');
  console.table(
    weight.largestChunks.map((c) => ({
      file: c.file,
      'raw KB': c.rawKb,
      'gzip KB': c.gzipKb,
      'brotli KB': c.brotliKb,
    })),
  );

  step('Server ingest');
  const ingestRun = await ingestBench({ submissions: sizes.submissions, keepData: true });
  const { dataDir: centerDir, ...ingest } = ingestRun;
  console.log(
    `${ingest.submissions} submissions (register + submit), ${ingest.clients} tablets at once, against the real kiosk process (targets: at least ${ingest.targets.ratio * 100} % of the raw insert rate; RSS under ${ingest.targets.rssMb} MB)`,
  );
  console.table([
    {
      what: 'API (HTTP, real process)',
      'submissions/s': ingest.perSecond,
      'p50 ms': ingest.p50Ms,
      'p95 ms': ingest.p95Ms,
      'p99 ms': ingest.p99Ms,
      seconds: ingest.seconds,
      'server CPU ms/submission': ingest.cpuPerSubmission?.processMs ?? '',
    },
    ...[ingest.raw, ingest.rawGroup].map((raw) => ({
      what: `raw better-sqlite3, same rows, WAL + FULL, ${raw.groupSize === 1 ? 'one submission' : `${raw.groupSize} submissions`} a commit`,
      'submissions/s': raw.perSecond,
      'p50 ms': '',
      'p95 ms': '',
      'p99 ms': '',
      seconds: raw.seconds,
      'server CPU ms/submission': '',
    })),
  ]);
  console.log(
    `API / raw: ${ingest.ratio} (one commit each), ${ingest.ratioGroup} (group commit); server RSS idle ${ingest.rssIdleMb} MB, under load ${ingest.rssLoadMb} MB`,
  );

  step('A box the size of a Raspberry Pi');
  const box = await boxBench({ submissions: sizes.box });
  console.log(
    `${box.submissions} submissions (register, draft, one ${box.photoKb} KB photo, submit) from ${box.tablets} tablets; server ${box.pinned ? 'pinned to one core, load on the other' : 'NOT pinned (no taskset or one core)'}`,
  );
  console.table([
    {
      'submissions/s': box.perSecond,
      'p50 ms': box.p50Ms,
      'p95 ms': box.p95Ms,
      'p99 ms': box.p99Ms,
      'RSS idle MB': box.rssIdleMb,
      'RSS peak MB': box.rssPeakMb,
      'server CPU ms/submission': box.cpuPerSubmission?.processMs ?? '',
      'main thread ms': box.cpuPerSubmission?.mainThreadMs ?? '',
    },
  ]);

  step('Sync, center to commune hub');
  const sync = await syncBench({ assessments: sizes.submissions, ...(centerDir ? { centerDir } : {}) });
  console.log(
    `${sync.assessments} assessments with their people (${sync.kiosk.records} records) over loopback through a counting proxy (target: 3x faster and 3x fewer bytes than PouchDB)`,
  );
  console.table([
    {
      what: 'kiosk push (one run)',
      seconds: sync.kiosk.seconds,
      requests: sync.kiosk.requests,
      'KB on the wire': sync.kiosk.kb,
      'KB up': Math.round(sync.kiosk.bytesUp / 1024),
      'KB down': Math.round(sync.kiosk.bytesDown / 1024),
      'records/s': sync.kiosk.recordsPerSecond,
    },
    {
      what: 'PouchDB 9 replication to express-pouchdb',
      seconds: sync.pouchdb.seconds,
      requests: sync.pouchdb.requests,
      'KB on the wire': sync.pouchdb.kb,
      'KB up': Math.round(sync.pouchdb.bytesUp / 1024),
      'KB down': Math.round(sync.pouchdb.bytesDown / 1024),
      'records/s': sync.pouchdb.recordsPerSecond,
    },
  ]);
  console.log(
    `kiosk vs PouchDB: ${sync.ratios.faster}x faster, ${sync.ratios.fewerBytes}x fewer bytes, ${sync.ratios.fewerRequests}x fewer requests`,
  );

  step('Sync over a village link');
  const slowLink = await slowLinkBench(sizes.slowLink);
  console.log(
    `A center's year (${slowLink.villagers} villagers, their assessments) through 256 kbit/s, 300 ms round trip, 5 % of requests lost; then ${slowLink.photos.photos} photos of ${slowLink.photos.photoKb} KB`,
  );
  console.table(
    (
      [
        ['kiosk push, the year', slowLink.kiosk],
        ['kiosk push, the photos', slowLink.photos],
        ['PouchDB 9, the year', slowLink.pouchdb],
      ] as const
    ).map(([what, x]) => ({
      what,
      seconds: x.seconds,
      complete: x.complete,
      runs: x.runs,
      requests: x.requests,
      lost: x.lost,
      'KB up': x.kbUp,
      'KB down': x.kbDown,
    })),
  );

  step('Hub ingest, SQLite and PostgreSQL');
  const hubIngest = await hubIngestBench(cluster?.url ?? null, {
    records: sizes.hubRecords,
    budgetSeconds: sizes.hubBudgetSeconds,
  });
  console.log(
    `${sizes.hubRecords.toLocaleString('en')} records through the hub's applyPush, in push batches (each storage stops after ${sizes.hubBudgetSeconds} s)`,
  );
  console.table(
    hubIngest.map((h) => ({
      storage: h.storage,
      records: h.records,
      complete: h.complete,
      batches: h.batches,
      seconds: h.seconds,
      'records/s': h.recordsPerSecond,
      [`s for ${h.target}`]: h.secondsForTarget,
    })),
  );

  step('Commune dashboard');
  const dashboard = await dashboardInOwnProcess(cluster?.url ?? null, sizes.dashboard);
  printDashboard(dashboard);

  step('Province dashboard');
  const province = await provinceInOwnProcess(cluster?.url ?? null, sizes.province);
  printProvince(province);

  step('Tablet');
  const tablet = await tabletBench({ warmRuns: sizes.warmRuns });
  console.log(
    `First usable villager screen, Chromium with ${tablet.cpuThrottle}x CPU throttling (service worker ${tablet.servedByServiceWorker ? 'serving' : 'NOT serving'} the warm loads)`,
  );
  console.table([
    {
      'warm median ms': tablet.warmMedianMs,
      'warm min ms': tablet.warmMinMs,
      'warm max ms': tablet.warmMaxMs,
      runs: tablet.warmRuns,
      'cold (first visit) ms': tablet.coldMs,
    },
  ]);
  const search = await searchBench(sizes.search);
  console.log(
    `Catalog search on the tablet, ${search.resources} resources, Chromium with ${search.cpuThrottle}x CPU throttling (target: under 50 ms per keystroke)`,
  );
  console.table([
    {
      keystrokes: search.keystrokes,
      'median ms': search.medianMs,
      'p95 ms': search.p95Ms,
      'max ms': search.maxMs,
      'catalog first load ms': search.firstLoadMs,
    },
  ]);

  step('Lighthouse, the start page as a phone');
  const lighthouse = await lighthouseBench({ runs: sizes.lighthouseRuns });
  console.table([
    {
      performance: lighthouse.performance,
      accessibility: lighthouse.accessibility,
      'best practices': lighthouse.bestPractices,
      'FCP ms': lighthouse.fcpMs,
      'LCP ms': lighthouse.lcpMs,
      'TBT ms': lighthouse.tbtMs,
      'TBT from the page CPU ms': lighthouse.ownCpuTbtMs,
      'main-thread CPU ms': lighthouse.mainThreadCpuMs,
      'speed index ms': lighthouse.speedIndexMs,
      runs: lighthouse.runs,
    },
  ]);

  const targets = targetRows({ weight, ingest, box, sync, slowLink, dashboard, province, search, lighthouse });
  const seconds = Math.round((performance.now() - t0) / 1000);
  console.log(`\nTargets (${smoke ? 'SMOKE SIZES: not figures to quote; ' : ''}suite took ${seconds} s)`);
  console.table(targets);

  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? '',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    postgres: bin,
  };
  const results = {
    at: new Date().toISOString(),
    smoke,
    seconds,
    machine,
    weight,
    ingest,
    box,
    sync,
    slowLink,
    hubIngest,
    dashboard,
    province,
    tablet,
    search,
    lighthouse,
    targets,
  };
  writeFileSync(join(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('Written to bench/results.json');
} finally {
  cluster?.stop();
}
