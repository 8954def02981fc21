import type { KioskConfig } from '../config/load.ts';

/** The name a box goes by with the hub above it and the nodes below it. */
export function nodeName(config: KioskConfig): string {
  if (config.settings.role === 'center') return config.center.name;
  return config.settings['hub.level'] === 'province'
    ? config.center.province
    : `${config.center.commune}, ${config.center.province}`;
}
