import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './config/load.ts';
import { migrateToLatest, openDatabase } from './db/database.ts';
import { ensureFacts } from './hub/ingest/facts.ts';
import { startServers } from './tls/serve.ts';
import { pushToHub, syncDeps } from './federation/federation.service.ts';
import { federationStatus } from './sync/sync-status.ts';
import { pinnedFetch } from './sync/pinned-fetch.ts';
import { CriteriaSets } from './criteria/criteria-sets.ts';
import { scheduleNightlyBackup } from './backup/backup.service.ts';
import { scheduleNightlyEvidenceRetention } from './evidence/evidence.retention.ts';
import { scheduleDraftPurge } from './digital/digital-drafts.service.ts';
import { renderAudioOnStart } from './audio/render-on-start.ts';
import { loadStoredSetup } from './setup/setup.service.ts';
import { ensureSetupCode } from './staff/setup-code.ts';
import { scheduleSampleCatalogue } from './resources/resources.sample.ts';
import { sampleFiles } from './resources/resources.sample-files.ts';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

const RETRY_WHILE_DOWN_SECONDS = 30;

async function main(): Promise<void> {
  const config = loadConfig({ configDir: join(root, 'kiosk-config') });
  const s = config.settings;
  const dataDir = resolve(s['data.dir']);
  const db = openDatabase({ file: join(dataDir, 'kiosk.sqlite'), url: s['db.url'], synchronous: s['db.synchronous'] });
  await migrateToLatest(db);
  // The setup made in the browser goes under the center file: what this box is, its place and villages.
  await loadStoredSetup(db, config);
  // The hub's dashboard projection is derived data: rebuilt when its version changed.
  if (s.role === 'hub' && (await ensureFacts(db))) console.log('Đã dựng lại bảng số liệu tổng hợp từ dữ liệu đã nhận.');
  // First start: the one-time code that creating the administrator asks for, told in the start banner (and journal).
  const setupCode = await ensureSetupCode(db, new Date());

  const criteria = await CriteriaSets.load(db, config);
  const app = createApp({
    db,
    config,
    criteria,
    evidenceDir: join(dataDir, 'evidence'),
    mediaDir: join(dataDir, 'media'),
    now: () => new Date(),
    webDir: resolve(s['web.dir']),
  });
  // A demonstration center shows a sample catalogue ("Mẫu: …", kept within the week); a real one has none.
  if (s.role === 'center') {
    const demo = config.center.demo && s['demo.sampleCatalogue'] === 'on';
    await scheduleSampleCatalogue(
      {
        db,
        now: () => new Date(),
        demo,
        // The shipped files are read and hashed on a demo center only.
        media: demo ? { files: sampleFiles(config.configDir), dir: join(dataDir, 'media') } : undefined,
      },
      (e) => console.error('Không cập nhật được danh mục mẫu:', e),
    ).catch(() => {});
  }
  // The synthesized Vietnamese read-aloud pack, refreshed in the background when its texts changed
  // (audio.renderOnStart); begun before the listeners, so the first screens' clips are there within seconds.
  renderAudioOnStart({ config, dataDir });
  // HTTPS with the box's own certificates, and plain HTTP for provisioning (tls.mode).
  const server = await startServers({ fetch: app.fetch, config, dataDir, setupCode });

  // An enrolled center (or commune hub) pushes to the hub above on a schedule (and on "Đồng bộ ngay").
  // While the link is down it tries every 30 s, so it notices soon when the link returns.
  // Made again for each push, and the role read each time: a setup saved in the browser is in force at once.
  const syncing = () =>
    syncDeps(config, criteria, db, () => new Date(), pinnedFetch, join(dataDir, 'evidence'), join(dataDir, 'media'));
  const pushesUp = () => s.role === 'center' || s['hub.level'] === 'commune';
  const schedule = (seconds: number) => {
    setTimeout(() => {
      void federationStatus(db)
        .then(async (st) => (st.enrolled && pushesUp() ? (await pushToHub(syncing())).lastError : null))
        .catch(() => ({ code: 'internal' }))
        .then((failed) =>
          schedule(failed ? Math.min(RETRY_WHILE_DOWN_SECONDS, s['sync.intervalSeconds']) : s['sync.intervalSeconds']),
        );
    }, seconds * 1000).unref();
  };
  schedule(s['sync.intervalSeconds']);
  // Nightly backup into backup.dir at backup.hour (Vietnam time), or soon after start if that hour was missed.
  scheduleNightlyBackup({ db, config, dataDir, now: () => new Date() });
  // Nightly too: evidence photos whose time is up (evidence.keepMonths after the year's decision) are deleted, audited.
  scheduleNightlyEvidenceRetention({ db, config, evidenceDir: join(dataDir, 'evidence'), now: () => new Date() });
  // Paused digital-skills checks that have run out (digital.draftDays) are deleted within the hour, asked for or not.
  scheduleDraftPurge({ db, config, now: () => new Date() });

  const stop = () => {
    server.close(() => void db.destroy().then(() => process.exit(0)));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(`\n${err.message}\n(The kiosk did not start. Fix the value and start again.)`);
  } else {
    console.error(err);
  }
  process.exit(1);
});
