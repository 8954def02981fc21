import { existsSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { dateIn } from '../../../shared/domain/assessment-year.ts';
import { evidenceExpired } from '../../../shared/domain/evidence-retention.ts';
import { audit } from '../audit/audit.ts';
import { entriesOf, lastEntryAt } from '../audit/audit.repository.ts';
import { lastSlot } from '../jobs/daily-slot.ts';
import type { KioskConfig } from '../config/load.ts';
import type { Db } from '../db/database.ts';
import {
  centerDecisionDates,
  centerHashes,
  centerNames,
  centerPhotos,
  decisionKey,
  deleteCenterPhotos,
  deleteHubPhotos,
  hubDecisionDates,
  hubHashes,
  hubNames,
  hubPhotos,
} from './evidence.repository.ts';
import { evidencePath } from './evidence.store.ts';
import { repeat } from '../jobs/repeat.ts';

/**
 * Evidence photos kept to what is needed (Law 91/2025): each night the box deletes the photos whose
 * time is up, `evidence.keepMonths` after the year's decision (shared/domain/evidence-retention.ts:
 * the latest decision of the commune on the photo's title and year known here, or the end of the
 * assessment year when none came). A center goes by the decisions its commune sent down; a commune
 * hub, which holds the photos of villages and units (and a villager's when it asked for them), by
 * its own. The records go (scores, appraisals and decisions stay: the five-year streak needs them),
 * then each file no kept record still names (the same photo may serve two records). Every run is
 * one audit row with its counts, which the health screen adds up.
 */

export interface RetentionDeps {
  db: Db;
  config: Pick<KioskConfig, 'settings'>;
  /** The folder of evidence files, content-addressed by SHA-256. */
  evidenceDir: string;
  now: () => Date;
}

export interface RetentionRun {
  at: string;
  /** Evidence records deleted because their time was up. */
  photos: number;
  /** Files deleted: those of these records that nothing else names, and leftovers (see sweepLeftovers). */
  files: number;
}

const DAY = 86_400_000;

/** Deletes the photos past their time, audited as one run; answers what went. */
export async function deleteExpiredEvidence(deps: RetentionDeps): Promise<RetentionRun> {
  const s = deps.config.settings;
  const now = deps.now();
  const at = now.toISOString();
  const onHub = s.role === 'hub';
  const localDate = (iso: string) => dateIn(new Date(iso), s['year.timeZone']);
  const today = dateIn(now, s['year.timeZone']);
  const rules = { startMonth: s['year.startMonth'], startDay: s['year.startDay'] };
  const keepMonths = s['evidence.keepMonths'];
  const named = (sha256: string) => (onHub ? hubNames(deps.db, sha256) : centerNames(deps.db, sha256));

  // What earlier runs, erasures or interrupted uploads left behind, before this run's audit row.
  const leftovers = await sweepLeftovers(
    deps.evidenceDir,
    now,
    onHub ? await hubHashes(deps.db) : await centerHashes(deps.db),
    named,
  );
  const released = await deps.db.transaction().execute(async (trx) => {
    const held = onHub ? await hubPhotos(trx) : await centerPhotos(trx);
    const dates = onHub ? await hubDecisionDates(trx, localDate) : await centerDecisionDates(trx, localDate);
    const expired = held.filter((p) =>
      evidenceExpired(
        { year: p.year, decidedOn: dates.get(decisionKey(p.title, p.year)) ?? null, keepMonths, rules },
        today,
      ),
    );
    const ids = expired.map((p) => p.id);
    if (onHub) await deleteHubPhotos(trx, ids);
    else await deleteCenterPhotos(trx, ids);
    const kept = onHub ? await hubHashes(trx) : await centerHashes(trx);
    const files = [...new Set(expired.map((p) => p.sha256))].filter((h) => !kept.has(h));
    const years = [...new Set(expired.map((p) => p.year))].sort((a, b) => a - b);
    await audit(
      trx,
      null,
      {
        action: 'evidence.retention',
        subjectKind: 'evidence',
        details: { photos: expired.length, files: files.length + leftovers, keepMonths, years },
      },
      at,
    );
    return { photos: expired.length, files };
  });
  // Files after their records are gone: a crash in between leaves a file that no record names, which
  // the next run sweeps up. Asked again just before: the same photo may have come back meanwhile.
  for (const sha256 of released.files) {
    const path = evidencePath(deps.evidenceDir, sha256);
    if (!(await named(sha256)) && existsSync(path)) unlinkSync(path);
  }
  return { at, photos: released.photos, files: released.files.length + leftovers };
}

/**
 * Files of the evidence folder that no record names, and partial writes, at least a day old (a photo's
 * file is written just before its record, so a younger one may be on its way): what an interrupted
 * run, an erasure cut short, an upload whose record never came, or a hub erasing a person's records
 * left behind. Answers how many were deleted.
 */
async function sweepLeftovers(
  dir: string,
  now: Date,
  known: Set<string>,
  named: (sha256: string) => Promise<boolean>,
): Promise<number> {
  if (!existsSync(dir)) return 0;
  let deleted = 0;
  for (const sub of readdirSync(dir)) {
    if (!/^[0-9a-f]{2}$/.test(sub)) continue;
    for (const name of readdirSync(join(dir, sub))) {
      const m = /^([0-9a-f]{64})(\.\d+\.tmp)?$/.exec(name);
      if (!m) continue;
      const path = join(dir, sub, name);
      if (now.getTime() - statSync(path).mtimeMs < DAY) continue;
      if (!m[2] && (known.has(m[1]!) || (await named(m[1]!)))) continue;
      unlinkSync(path);
      deleted++;
    }
  }
  return deleted;
}

/** What the health screen says: photos deleted over every run so far, and the last run. */
export interface RetentionSummary {
  photos: number;
  runs: number;
  lastRunAt: string | null;
}

export async function retentionSummary(db: Db): Promise<RetentionSummary> {
  const rows = await entriesOf(db, 'evidence.retention');
  const photos = rows.reduce((n, r) => n + Number((JSON.parse(r.details) as { photos?: unknown }).photos ?? 0), 0);
  return { photos, runs: rows.length, lastRunAt: rows.at(-1)?.at ?? null };
}

export interface NightlyRetentionOptions {
  /** First look, after the start has settled (default 5 minutes, before the backup's first look). */
  firstCheckMs?: number;
  /** Then every (default 15 minutes). */
  everyMs?: number;
  log?: (line: string) => void;
  /** Told after each look whether it ran (tests). */
  onChecked?: (ran: boolean) => void;
}

/**
 * Runs the deletion once a night, at the box's night hour (`backup.hour`, Vietnam time), or soon
 * after start when that hour was missed; a run is due when none was audited since that hour. Timers
 * do not keep the process alive.
 */
export function scheduleNightlyEvidenceRetention(
  deps: RetentionDeps,
  options: NightlyRetentionOptions = {},
): { stop: () => void } {
  const log = options.log ?? ((line: string) => console.log(line));
  const check = async () => {
    const last = await lastEntryAt(deps.db, 'evidence.retention');
    const slot = lastSlot(deps.now(), deps.config.settings['backup.hour']).getTime();
    if (last !== null && Date.parse(last) >= slot) {
      options.onChecked?.(false);
      return;
    }
    const run = await deleteExpiredEvidence(deps);
    if (run.photos > 0 || run.files > 0)
      log(`Đã xóa ${run.photos} ảnh minh chứng hết thời hạn lưu (${run.files} tệp).`);
    options.onChecked?.(true);
  };
  return repeat(check, {
    firstMs: options.firstCheckMs ?? 5 * 60_000,
    everyMs: options.everyMs ?? 15 * 60_000,
    onError: (e) => log(`Chưa xóa được ảnh minh chứng hết thời hạn lưu: ${String(e)}`),
  });
}
