import { existsSync, readFileSync } from 'node:fs';
import { Hono } from 'hono';
import * as v from 'valibot';
import { AppError } from '../../../shared/errors.ts';
import { Uuid7Schema } from '../../../shared/schemas/ids.ts';
import { consentPurposes } from '../../../shared/schemas/person.ts';
import { audit } from '../audit/audit.ts';
import { evidencePath } from '../evidence/evidence.store.ts';
import { evidenceHeaders } from '../evidence/evidence.serve.ts';
import { requireRole } from '../http/auth.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonBody, parseOrThrow } from '../http/errors.ts';
import { renderPersonDataHtml } from './person-data.html.ts';
import { changeConsent, erasePerson, evidenceFileOf, findPeople, personData } from './privacy.service.ts';

const SearchQuery = v.object({
  code: v.optional(v.pipe(v.string(), v.maxLength(6))),
  name: v.optional(v.pipe(v.string(), v.maxLength(80))),
  birthYear: v.optional(v.pipe(v.string(), v.regex(/^\d{4}$/), v.transform(Number))),
  village: v.optional(v.string()),
});
const ConsentBody = v.strictObject({ purpose: v.picklist(consentPurposes), granted: v.boolean() });
const DataQuery = v.object({ format: v.optional(v.picklist(['json', 'html'])) });

export const privacyRoutes = new Hono<AppEnv>()
  // Searching people is a staff action; a villager at a tablet only ever finds herself by code.
  .get('/staff/people', requireRole('facilitator', 'appraiser', 'admin'), async (c) =>
    c.json(await findPeople(c.var.deps, parseOrThrow(SearchQuery, c.req.query()))),
  )
  .get('/staff/people/:id/data', requireRole('facilitator', 'admin'), async (c) => {
    const id = parseOrThrow(Uuid7Schema, c.req.param('id'));
    const { format } = parseOrThrow(DataQuery, c.req.query());
    const data = await personData(c.var.deps, id);
    await audit(
      c.var.deps.db,
      c.var.staff!,
      {
        action: format ? 'person.export' : 'person.view',
        subjectKind: 'person',
        subjectId: id,
        details: format ? { format } : {},
      },
      c.var.deps.now().toISOString(),
    );
    if (format === 'html') return c.html(renderPersonDataHtml(data));
    if (format === 'json') {
      return c.body(JSON.stringify(data, null, 2), 200, {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="du-lieu-ca-nhan-${data.person.code}.json"`,
      });
    }
    return c.json(data);
  })
  .post('/staff/people/:id/consents', requireRole('facilitator', 'admin'), jsonBody(ConsentBody), async (c) => {
    const { purpose, granted } = c.req.valid('json');
    return c.json(
      await changeConsent(c.var.deps, c.var.staff!, parseOrThrow(Uuid7Schema, c.req.param('id')), purpose, granted),
    );
  })
  .delete('/staff/people/:id', requireRole('facilitator', 'admin'), async (c) =>
    c.json(await erasePerson(c.var.deps, c.var.staff!, parseOrThrow(Uuid7Schema, c.req.param('id')))),
  )
  .get('/staff/evidence/:id', requireRole('facilitator', 'appraiser', 'admin'), async (c) => {
    const { db, config, evidenceDir } = c.var.deps;
    const id = parseOrThrow(Uuid7Schema, c.req.param('id'));
    // A hub holds the photos its centers sent up (the commune appraises villages and units) as records, not rows.
    const sha256 = await evidenceFileOf(db, config.settings.role, id);
    // The file follows its record up to the hub: until it is there, there is nothing to show.
    if (!sha256 || !existsSync(evidencePath(evidenceDir, sha256))) throw new AppError('evidence.not-found');
    // The type comes from the file's bytes, never from the record (a center's claim).
    const bytes = new Uint8Array(readFileSync(evidencePath(evidenceDir, sha256)));
    return c.body(bytes, 200, evidenceHeaders(bytes, `evidence-${id}`));
  });
