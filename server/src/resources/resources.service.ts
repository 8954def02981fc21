import { AppError } from '../../../shared/errors.ts';
import type { ResourceChanges, ResourceInput, ResourceView } from '../../../shared/schemas/resource.ts';
import { audit, type Actor } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import { hasMedia } from './resources.media.ts';
import { feedResourceChange, placeOf, type PlaceConfig } from './resources.feed.ts';
import * as repo from './resources.repository.ts';

/**
 * The center's catalog of learning resources. Facilitators create, edit and retire the center's
 * own; every change takes the next catalog version, so tablets fetch only what changed since theirs.
 * On a commune or province hub the same routes keep that hub's resources, which go down the feed.
 */

type Row = repo.ResourceRow;
/** `config` says where this server stands: its resources get that origin (resources.feed.ts). */
type ResourceDeps = { db: Db; now: () => Date; mediaDir?: string; config: PlaceConfig };

function toView(row: Row): ResourceView {
  const input = JSON.parse(row.payload) as ResourceInput;
  return {
    ...input,
    description: input.description ?? '',
    indicators: input.indicators ?? [],
    domains: input.domains ?? [],
    audiences: input.audiences ?? [],
    sessions: input.sessions ?? [],
    id: row.id,
    origin: row.origin,
    retired: row.retired === 1,
    revision: row.revision,
    version: Number(row.version),
    updatedAt: row.updated_at,
  };
}

async function nextVersion(trx: Db): Promise<number> {
  return (await repo.latestVersion(trx)) + 1;
}

/** Creates or edits one of the center's resources under the id the staff screen made. */
export async function putResource(
  deps: ResourceDeps,
  actor: Actor,
  id: string,
  input: ResourceInput,
): Promise<ResourceView> {
  const at = deps.now().toISOString();
  const place = placeOf(deps.config);
  return deps.db.transaction().execute(async (trx) => {
    const existing = await repo.findResource(trx, id);
    // Only the place that made a resource changes it.
    if (existing && existing.origin !== place) throw new AppError('resource.not-editable', { origin: existing.origin });
    if (existing?.retired === 1) throw new AppError('resource.retired');
    if (input.file && deps.mediaDir !== undefined && !hasMedia(deps.mediaDir, input.file))
      throw new AppError('resource.file-missing');
    if (existing && existing.payload === JSON.stringify(input)) return toView(existing);
    const row: Row = {
      id,
      origin: place,
      revision: (existing?.revision ?? 0) + 1,
      version: await nextVersion(trx),
      retired: 0,
      payload: JSON.stringify(input),
      updated_at: at,
      updated_by: actor.id,
    };
    if (existing) await repo.updateResource(trx, row);
    else await repo.insertResource(trx, row);
    await feedResourceChange(trx, place, row, at);
    await audit(
      trx,
      actor,
      {
        action: existing ? 'resource.edit' : 'resource.create',
        subjectKind: 'resource',
        subjectId: id,
        details: { title: input.title },
      },
      at,
    );
    return toView(row);
  });
}

/** Retires a resource: tablets drop it at their next update; it stays in the record. */
export async function retireResource(deps: ResourceDeps, actor: Actor, id: string): Promise<ResourceView> {
  const at = deps.now().toISOString();
  const place = placeOf(deps.config);
  return deps.db.transaction().execute(async (trx) => {
    const existing = await repo.findResource(trx, id);
    if (!existing) throw new AppError('resource.not-found');
    if (existing.origin !== place) throw new AppError('resource.not-editable', { origin: existing.origin });
    if (existing.retired === 1) return toView(existing);
    const row: Row = {
      ...existing,
      retired: 1,
      revision: existing.revision + 1,
      version: await nextVersion(trx),
      updated_at: at,
      updated_by: actor.id,
    };
    await repo.updateResource(trx, row);
    await feedResourceChange(trx, place, row, at);
    await audit(
      trx,
      actor,
      { action: 'resource.retire', subjectKind: 'resource', subjectId: id, details: { title: toView(existing).title } },
      at,
    );
    return toView(row);
  });
}

/** What changed after a tablet's catalog version, oldest first, and the version it is then at. */
export async function changesSince(db: Db, since: number): Promise<ResourceChanges> {
  const rows = await repo.resourcesSince(db, since);
  const latest = await repo.latestVersion(db);
  return { version: latest, changes: rows.map(toView) };
}

/** The staff list: everything, retired last. */
export async function listResources(db: Db): Promise<ResourceView[]> {
  const rows = await repo.allResources(db);
  return rows.map(toView);
}
