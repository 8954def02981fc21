import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { sha256Hex, storeEvidenceFile } from '../../server/src/evidence/evidence.store.ts';
import {
  deleteExpiredEvidence,
  scheduleNightlyEvidenceRetention,
} from '../../server/src/evidence/evidence.retention.ts';
import { fileOf, hasFile, jpeg, villagerWithPhotos } from './evidence-pair.ts';
import { pair, closePairAfterEachTest, openPair, runs } from './evidence-retention-setup.ts';

closePairAfterEachTest();

/** The retention job's sweep of files no record names, and its nightly run (the deletions: evidence-retention.test.ts). */
describe('evidence photos past their time', () => {
  it('sweeps up files no record names once they are a day old (an erasure or upload cut short), never a younger one', async () => {
    await openPair();
    const { center } = pair;
    const kept = jpeg(31);
    await villagerWithPhotos(center, { CS03: kept });
    const dir = join(center.dir, 'evidence');
    const [old, young] = [jpeg(32), jpeg(33)];
    for (const b of [old, young]) storeEvidenceFile(dir, sha256Hex(b), b);
    const at = new Date('2026-11-25T03:00:00Z');
    utimesSync(fileOf(center, sha256Hex(old)), new Date('2026-11-23T03:00:00Z'), new Date('2026-11-23T03:00:00Z'));
    utimesSync(fileOf(center, sha256Hex(young)), new Date('2026-11-25T01:00:00Z'), new Date('2026-11-25T01:00:00Z'));
    utimesSync(fileOf(center, sha256Hex(kept)), new Date('2026-11-23T03:00:00Z'), new Date('2026-11-23T03:00:00Z'));
    const run = await deleteExpiredEvidence({ db: center.db, config: center.config, evidenceDir: dir, now: () => at });
    expect(run).toMatchObject({ photos: 0, files: 1 });
    expect([hasFile(center, kept), hasFile(center, old), hasFile(center, young)]).toEqual([true, false, true]);
    expect((await runs(center)).map((r) => JSON.parse(r.details).files)).toEqual([1]);
  });

  it("runs once a night at the box's night hour, or soon after a start that missed it", async () => {
    await openPair();
    const { center } = pair;
    let now = new Date('2026-11-23T19:30:00Z'); // 02:30 in Vietnam, after backup.hour (2)
    const checks: boolean[] = [];
    const nightly = scheduleNightlyEvidenceRetention(
      { db: center.db, config: center.config, evidenceDir: join(center.dir, 'evidence'), now: () => now },
      {
        firstCheckMs: 0,
        everyMs: 5,
        log: () => {},
        onChecked: (ran) => checks.push(ran),
      },
    );
    try {
      await vi.waitFor(
        () => {
          expect(checks.length).toBeGreaterThanOrEqual(3);
        },
        { timeout: 20_000 },
      );
      now = new Date('2026-11-24T19:30:00Z'); // the next night
      const seen = checks.length;
      await vi.waitFor(
        () => {
          expect(checks.length).toBeGreaterThanOrEqual(seen + 3);
        },
        { timeout: 20_000 },
      );
    } finally {
      nightly.stop();
    }
    expect(checks.filter(Boolean)).toHaveLength(2);
    expect(await runs(center)).toHaveLength(2);
  });
});
