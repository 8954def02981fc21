import { Hono } from 'hono';
import * as v from 'valibot';
import { Uuid7Schema } from '../../../shared/schemas/ids.ts';
import { ResourceInputSchema } from '../../../shared/schemas/resource.ts';
import { requireRole } from '../http/auth.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonBody, parseOrThrow } from '../http/errors.ts';
import { AppError } from '../../../shared/errors.ts';
import { importResources } from './resources.import.ts';
import { serveStatic } from '@hono/node-server/serve-static';
import { join } from 'node:path';
import { storeMedia } from './resources.media.ts';
import { checkRoomForFiles } from '../system/disk.ts';
import { changesSince, listResources, putResource, retireResource } from './resources.service.ts';

const SinceQuery = v.object({ since: v.optional(v.pipe(v.string(), v.regex(/^\d{1,12}$/), v.transform(Number)), '0') });

export const resourceRoutes = new Hono<AppEnv>()
  // Tablets: only what changed after the catalog version they hold.
  .get('/resources', async (c) => {
    const { since } = parseOrThrow(SinceQuery, { since: c.req.query('since') ?? '0' });
    return c.json(await changesSince(c.var.deps.db, Number(since)));
  })
  .get('/staff/resources', requireRole('facilitator', 'admin'), async (c) => c.json(await listResources(c.var.deps.db)))
  .put('/staff/resources/:id', requireRole('facilitator', 'admin'), jsonBody(ResourceInputSchema), async (c) =>
    c.json(
      await putResource(c.var.deps, c.var.staff!, parseOrThrow(Uuid7Schema, c.req.param('id')), c.req.valid('json')),
    ),
  )
  // A spreadsheet of resources (.xlsx or .csv, the file as the body, at most IMPORT_BYTES: http/body-limit.ts): all rows or none.
  .post('/staff/resources/import', requireRole('facilitator', 'admin'), async (c) => {
    const type = (c.req.header('content-type') ?? '').includes('csv') ? 'csv' : 'xlsx';
    return c.json(await importResources(c.var.deps, c.var.staff!, new Uint8Array(await c.req.arrayBuffer()), type));
  })
  // A video or document for the catalog, as the raw body: streamed to disk, hashed, its type sniffed.
  .post('/staff/media', requireRole('facilitator', 'admin'), async (c) => {
    checkRoomForFiles(c.var.deps.config, c.var.deps.mediaDir, Number(c.req.header('content-length') ?? 0));
    return c.json(
      await storeMedia(c.var.deps.mediaDir, c.req.raw.body, c.var.deps.config.settings['resources.maxFileBytes']),
    );
  })
  // Stored files by hash, with range requests (a video can be scrubbed); open to the tablets like the catalog.
  .get('/media/:file{[0-9a-f]{64}\\.(mp4|webm|pdf|mp3)}', async (c, next) =>
    serveStatic({
      path: join(c.var.deps.mediaDir, c.req.param('file')),
      onNotFound: () => {
        throw new AppError('resource.not-found');
      },
    })(c, next),
  )
  .post('/staff/resources/:id/retire', requireRole('facilitator', 'admin'), async (c) =>
    c.json(await retireResource(c.var.deps, c.var.staff!, parseOrThrow(Uuid7Schema, c.req.param('id')))),
  );
