import { join } from 'node:path';
import { cliConfig } from './cli-config.ts';
import { migrateToLatest, openDatabase } from '../db/database.ts';

/** `npm run db:migrate`: brings the database in data.dir up to date (start does this too). */
const { config, dataDir } = cliConfig();
const file = join(dataDir, 'kiosk.sqlite');
const db = openDatabase({ file, url: config.settings['db.url'], synchronous: config.settings['db.synchronous'] });
const result = await migrateToLatest(db);
const ran = result.results ?? [];
console.log(
  ran.length === 0 ? `${file}: already up to date` : ran.map((r) => `${r.migrationName}: ${r.status}`).join('\n'),
);
await db.destroy();
