import { Hono, type Context } from 'hono';
import { Uuid7Schema } from '../../../../../shared/schemas/ids.ts';
import { audit } from '../../../audit/audit.ts';
import { requireRole } from '../../../http/auth.ts';
import type { AppEnv } from '../../../http/context.ts';
import { parseOrThrow } from '../../../http/errors.ts';
import { certificatesHtml } from './certificates.html.ts';
import { decisionCertificates } from './certificates.ts';
import { paperDeps } from './decision-paper.routes.ts';

/**
 * Where the QR codes send a reader: `documents.verifyUrl` (the hub as the public reaches it, e.g.
 * behind a reverse proxy), else the address the officer printing reached this hub at.
 */
const verifyBase = (c: Context<AppEnv>): string =>
  c.var.deps.config.settings['documents.verifyUrl'] ?? new URL(c.req.url).origin;

/** A recorded decision's certificates as A4 sheets of two (part of hub.routes.ts); audited, like the decision's papers. */
export const certificateRoutes = new Hono<AppEnv>().get(
  '/staff/hub/decisions/:id/certificates',
  requireRole('admin'),
  async (c) => {
    const id = parseOrThrow(Uuid7Schema, c.req.param('id'));
    const batch = await decisionCertificates(paperDeps(c), id, verifyBase(c));
    const { db, now } = c.var.deps;
    await audit(
      db,
      c.var.staff!,
      {
        action: 'hub.certificates-print',
        subjectKind: 'decision',
        subjectId: id,
        details: { count: batch.certificates.length },
      },
      now().toISOString(),
    );
    return c.html(await certificatesHtml(batch));
  },
);
