import { join } from 'node:path';
import { cliConfig } from './cli-config.ts';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { runStaffCommand } from '../staff/staff-cli.ts';

/**
 * `npm run staff -- setup-code | reset-pin "<name>" | list`: for someone with a shell on the box
 * (the console is the proof of who she is), in Vietnamese. Exits 1 on a wrong command or name.
 */
const { config, dataDir } = cliConfig();
const db = openDatabase({
  file: join(dataDir, 'kiosk.sqlite'),
  url: config.settings['db.url'],
  synchronous: config.settings['db.synchronous'],
});
let code = 1;
try {
  await migrateToLatest(db);
  code = await runStaffCommand(process.argv.slice(2), {
    db,
    now: () => new Date(),
    out: (l) => console.log(l),
    err: (l) => console.error(l),
  });
} catch (e) {
  console.error(`Lỗi: ${e instanceof Error ? e.message : String(e)}`);
} finally {
  await db.destroy();
}
process.exit(code);
