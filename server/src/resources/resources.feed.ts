import type { Transaction } from 'kysely';
import * as v from 'valibot';
import { ResourceV1Schema, type ResourceV1 } from '../../../shared/sync/feed-messages.ts';
import type { ResourceInput } from '../../../shared/schemas/resource.ts';
import type { KioskConfig } from '../config/load.ts';
import type { Database } from '../db/schema.ts';
import * as repo from './resources.repository.ts';

/**
 * Learning resources down the federation (docs/ARCHITECTURE.md, "Learning resources"): each level
 * writes its own (a center's at the center, a commune's at the commune hub, a province's at the
 * province hub) and the levels below hold read-only copies. A hub puts every change of a resource
 * it holds into its downward feed for every node below, in the change's own transaction; a node
 * applies what comes from above by (id, revision) and gives it the next catalog version, so the
 * tablets fetch it with the rest of what changed.
 */

type Trx = Transaction<Database>;
type Row = Database['resource'];

/** Where this server stands, and so the origin of the resources written here. */
export type Place = Row['origin'];
export type PlaceConfig = { readonly settings: Pick<KioskConfig['settings'], 'role' | 'hub.level'> };

export function placeOf(config: PlaceConfig): Place {
  return config.settings.role === 'center' ? 'center' : config.settings['hub.level'];
}

const rank: Record<Place, number> = { center: 0, commune: 1, province: 2 };

/** The next catalog version (every change takes max + 1). */
async function nextCatalogVersion(trx: Trx): Promise<number> {
  return (await repo.latestVersion(trx)) + 1;
}

/**
 * After a change of a resource at `place`, in the same transaction: on a hub its new revision goes
 * into the feed of every node below; a center has no one below.
 */
export async function feedResourceChange(trx: Trx, place: Place, row: Row, at: string): Promise<void> {
  if (place === 'center' || row.origin === 'center') return;
  const message: ResourceV1 = {
    type: 'ResourceV1',
    id: row.id,
    revision: row.revision,
    origin: row.origin,
    retired: row.retired === 1,
    resource: JSON.parse(row.payload) as ResourceInput,
  };
  await repo.appendToFeed(trx, row.id, row.revision, JSON.stringify(message), at);
}

/**
 * Applies a `ResourceV1` from the hub above at `place`: kept only if it was made above this place,
 * is not a resource of another origin under the same id, and is a later revision than the copy held.
 * A commune hub passes what it applied on to its centers. Anything else changes nothing.
 */
export async function applyResourceFromAbove(trx: Trx, message: unknown, place: Place, at: string): Promise<void> {
  const parsed = v.safeParse(ResourceV1Schema, message);
  if (!parsed.success) return;
  const r = parsed.output;
  if (rank[r.origin] <= rank[place]) return;
  const existing = await repo.findResource(trx, r.id);
  if (existing && (existing.origin !== r.origin || existing.revision >= r.revision)) return;
  const row: Row = {
    id: r.id,
    origin: r.origin,
    revision: r.revision,
    version: await nextCatalogVersion(trx),
    retired: r.retired ? 1 : 0,
    payload: JSON.stringify(r.resource),
    updated_at: at,
    updated_by: null,
  };
  if (existing) await repo.updateResource(trx, row);
  else await repo.insertResource(trx, row);
  await feedResourceChange(trx, place, row, at);
}
