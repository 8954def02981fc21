import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inGroups } from '../../../../shared/schemas/enrolment.ts';
import type { KioskConfig } from '../../config/load.ts';
import { pinOfPem } from '../../sync/ca-pin.ts';

/** The hub's own CA (PEM) when its centers pin it: HTTPS on and `hub.certificate=own`; null otherwise. */
export function ownHubCa(config: KioskConfig): string | null {
  const s = config.settings;
  if (s.role !== 'hub' || s['hub.certificate'] !== 'own' || s['tls.mode'] !== 'on') return null;
  const path = join(resolve(s['data.dir']), 'tls', 'ca.crt');
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}

/** The fingerprint the officer gives with each code (XXXXX-… in five groups), or null. */
export function hubFingerprint(config: KioskConfig): string | null {
  const ca = ownHubCa(config);
  return ca ? inGroups(pinOfPem(ca)) : null;
}
