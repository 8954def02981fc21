import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { openDatabase, type Db, type OpenOptions } from '../server/src/db/database.ts';
import { ensureFacts } from '../server/src/hub/ingest/facts.ts';
import { round1, round2 } from './common.ts';

/**
 * The projection's rebuild (facts.ts ensureFacts), timed with the process's peak RSS during it.
 * Run as a script with a database's open options as JSON (rebuild.ts does), it opens that database,
 * rebuilds and prints the figures: the peak is then the rebuild's in a hub process of its own.
 */

export interface Timed {
  rebuilt: boolean;
  seconds: number;
  rssBeforeMb: number;
  peakRssMb: number;
  peakBy: 'VmHWM' | 'sampled';
}

const mb = (bytes: number) => round1(bytes / 2 ** 20);

const vmHwmBytes = (): number | null => {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
};

/**
 * A full garbage collection before the rebuild, so its peak is not the garbage of loading and
 * opening: the script runs without --expose-gc, so gc is reached this way.
 */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Resets the kernel's peak RSS of this process to its current RSS; false where it cannot. */
const resetPeak = (): boolean => {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return vmHwmBytes() !== null;
  } catch {
    return false;
  }
};

/** Rebuilds the projection of `db` (its version forgotten beforehand) and answers the time and peak RSS. */
async function timedRebuild(db: Db): Promise<Timed> {
  collectGarbage();
  const kernel = resetPeak();
  const rssBefore = process.memoryUsage().rss;
  let sampled = rssBefore;
  const timer = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage().rss)), 10);
  const started = performance.now();
  let rebuilt: boolean;
  try {
    rebuilt = await ensureFacts(db);
  } finally {
    clearInterval(timer);
  }
  const seconds = (performance.now() - started) / 1000;
  sampled = Math.max(sampled, process.memoryUsage().rss);
  const peak = kernel ? (vmHwmBytes() ?? sampled) : sampled;
  return {
    rebuilt,
    seconds: round2(seconds),
    rssBeforeMb: mb(rssBefore),
    peakRssMb: mb(peak),
    peakBy: kernel ? 'VmHWM' : 'sampled',
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const db = openDatabase(JSON.parse(process.argv[2] ?? '') as OpenOptions);
  try {
    process.stdout.write(JSON.stringify(await timedRebuild(db)));
  } finally {
    await db.destroy();
  }
}
