import { join } from 'node:path';
import * as v from 'valibot';
import { readJson, rel, ConfigError } from './config-error.ts';

/**
 * The official list of provinces and communes after the reorganisation of 1 July 2025 (34
 * provinces, 3,321 communes, with their national statistics codes): kiosk-config/admin-units-2025.json.
 * The setup chooses from it by code; the names printed come from it.
 */
const AdminUnitsSchema = v.object({
  provinces: v.array(
    v.object({
      code: v.pipe(v.string(), v.regex(/^\d{2}$/)),
      name: v.string(),
      communes: v.array(v.object({ code: v.pipe(v.string(), v.regex(/^\d{5}$/)), name: v.string() })),
    }),
  ),
});
export type AdminUnits = v.InferOutput<typeof AdminUnitsSchema>;
export type Province = AdminUnits['provinces'][number];

const cache = new Map<string, AdminUnits>();

/** Read once per configuration folder; a broken file names itself. */
export function adminUnits(configDir: string): AdminUnits {
  const path = join(configDir, 'admin-units-2025.json');
  let units = cache.get(path);
  if (!units) {
    const parsed = v.safeParse(AdminUnitsSchema, readJson(path));
    if (!parsed.success) throw new ConfigError(rel(path), v.getDotPath(parsed.issues[0]) ?? '(root)', 'not the list');
    cache.set(path, (units = parsed.output));
  }
  return units;
}

export function findProvince(configDir: string, code: string): Province | undefined {
  return adminUnits(configDir).provinces.find((p) => p.code === code);
}
