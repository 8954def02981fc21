import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, type KioskConfig } from '../config/load.ts';

/** The repository root, where kiosk-config/ is. */
export const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/**
 * The configuration for a command-line tool, as the server loads it; a bad value is printed (naming
 * file and key) and the tool exits with 2, like a wrong argument.
 */
export function cliConfig(): { config: KioskConfig; dataDir: string } {
  try {
    const config = loadConfig({ configDir: join(root, 'kiosk-config') });
    return { config, dataDir: resolve(config.settings['data.dir']) };
  } catch (e) {
    console.error(e instanceof ConfigError ? e.message : String(e));
    process.exit(2);
  }
}
