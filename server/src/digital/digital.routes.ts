import { Hono } from 'hono';
import { PutDigitalAttemptSchema, PutDigitalDraftSchema } from '../../../shared/schemas/digital-attempt.ts';
import { Uuid7Schema } from '../../../shared/schemas/ids.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonBody, parseOrThrow } from '../http/errors.ts';
import { currentBank, history, putAttempt } from './digital.service.ts';
import { draftOf, saveDraft } from './digital-drafts.service.ts';
import { requirePerson } from '../villager/villager.service.ts';

export const digitalRoutes = new Hono<AppEnv>()
  // The bank the tablet caches for the self-check (it works offline from then on).
  .get('/digital/bank', (c) => c.json(currentBank(c.var.deps)))
  // A finished self-check, under the tablet's own id; the box scores it.
  .put('/digital-attempts/:id', jsonBody(PutDigitalAttemptSchema), async (c) => {
    const id = parseOrThrow(Uuid7Schema, c.req.param('id'));
    await requirePerson(c, c.req.valid('json').personId, 'write');
    return c.json(await putAttempt(c.var.deps, id, c.req.valid('json')));
  })
  .get('/people/:id/digital-attempts', async (c) => {
    const id = parseOrThrow(Uuid7Schema, c.req.param('id'));
    await requirePerson(c, id, 'read');
    return c.json(await history(c.var.deps, id));
  })
  // Her paused check, kept here instead of on the tablet: written with her token (through the
  // tablet's outbox, so for as long as a queued write is taken), read back after her code and birth year.
  .put('/people/:id/digital-draft', jsonBody(PutDigitalDraftSchema), async (c) => {
    const id = parseOrThrow(Uuid7Schema, c.req.param('id'));
    await requirePerson(c, id, 'write');
    return c.json(await saveDraft(c.var.deps, id, c.req.valid('json')));
  })
  .get('/people/:id/digital-draft', async (c) => {
    const id = parseOrThrow(Uuid7Schema, c.req.param('id'));
    await requirePerson(c, id, 'read');
    return c.json(await draftOf(c.var.deps, id));
  });
