import { Hono, type Context, type MiddlewareHandler } from 'hono';
import * as v from 'valibot';
import { AppError } from '../../../shared/errors.ts';
import { Uuid7Schema } from '../../../shared/schemas/ids.ts';
import { OneLineText } from '../../../shared/schemas/text.ts';
import {
  EnrolRequestSchema,
  FeedRequestSchema,
  HashListSchema,
  PositionRequestSchema,
} from '../../../shared/sync/protocol.ts';
import { evidencePath, sha256Hex, writeEvidenceFile } from '../evidence/evidence.store.ts';
import { publishEvidencePolicy } from '../evidence/evidence.policy.ts';
import { publishDocumentKey } from '../certificates/document-key.ts';
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { requireRole } from '../http/auth.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonBody, parseOrThrow } from '../http/errors.ts';
import { pushLimits } from '../http/body-limit.ts';
import * as service from './ingest/hub.service.ts';
import * as nodes from './ingest/nodes.service.ts';
import { clientAddress } from '../http/throttle.ts';
import { hubFingerprint, ownHubCa } from './ingest/hub-ca.ts';
import { joinQrSvg } from './ingest/join-qr.ts';
import { hubOrigin } from '../../../shared/schemas/enrolment.ts';
import { deps, type HubDeps } from './context/hub.context.ts';
import { feedFor, publishCriteriaSets } from './decisions/decision-feed.ts';
import type { HubNodeRow } from '../db/schema.ts';
import { decisionRoutes } from './decisions/decisions.routes.ts';
import { listReturnRoutes } from './decisions/list-returns.routes.ts';
import { decisionPaperRoutes } from './decisions/papers/decision-paper.routes.ts';
import { commendationRoutes } from './decisions/papers/commendation.routes.ts';
import { certificateRoutes } from './decisions/papers/certificates.routes.ts';
import { dashboardRoutes } from './dashboard/dashboard.routes.ts';
import { reportRoutes } from './report/report.routes.ts';
import { reportPaperRoutes } from './report/paper/report-paper.routes.ts';
import { historyRoutes } from './history/history.routes.ts';
import { matchArrivals } from './history/history.service.ts';

/** A signed request from a node below: checked before anything else is read or changed. */
async function signed(c: Context<AppEnv>): Promise<{ d: HubDeps; node: HubNodeRow; body: Uint8Array }> {
  const d = deps(c);
  const body = new Uint8Array(await c.req.arrayBuffer());
  const url = new URL(c.req.url);
  const node = await service.verifySigned(
    d,
    c.req.method,
    url.pathname + url.search,
    (n) => c.req.header(n),
    body,
    clientAddress(c),
  );
  return { d, node, body };
}

/** A signed body's JSON, checked against its schema. */
function jsonOf<S extends v.GenericSchema>(schema: S, body: Uint8Array): v.InferOutput<S> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    throw new AppError('request.invalid', { reason: 'body must be JSON' });
  }
  return parseOrThrow(schema, parsed);
}

/**
 * The center's name the officer gives with its one-time code: shown on every list and report (the
 * shared text rule); and the address centers reach this hub by, which the join code carries.
 */
const EnrolmentBody = v.strictObject({
  name: OneLineText(2, 200),
  address: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(300))),
});

/**
 * The hub's routes answer only on a hub: on a center box every one of them (the officer's
 * /api/staff/hub/* and the nodes' signed /api/hub/*) is refused alike, before the caller or the
 * request is looked at (sync.wrong-role), so none reads or writes a center's tables as if it were a hub's.
 */
const hubOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.var.deps.config.settings.role !== 'hub') throw new AppError('sync.wrong-role');
  await next();
};

export const hubRoutes = new Hono<AppEnv>()
  .use('/hub/*', hubOnly)
  .use('/staff/hub/*', hubOnly)
  // A center joins with its one-time code (the code is the credential; no signature yet).
  .post('/hub/enrol', jsonBody(EnrolRequestSchema), async (c) =>
    c.json(await nodes.enrol(deps(c), c.req.valid('json'))),
  )
  // The hub's own CA, which a center checks against the fingerprint in its code before pinning it (public: it is in every TLS handshake).
  .get('/hub/ca.crt', (c) => {
    deps(c);
    const ca = ownHubCa(c.var.deps.config);
    if (!ca) throw new AppError('route.not-found');
    return c.body(ca, 200, { 'content-type': 'application/x-pem-file', 'cache-control': 'no-store' });
  })
  // Signed, gzip-compressed batches from the outbox of a node below.
  .post('/hub/push', async (c) => {
    const { d, node, body } = await signed(c);
    // A person (household, clan, unit) arriving may be one an imported past recognition waits for.
    return c.json(
      await service.applyPush(
        { ...d, onArrival: matchArrivals },
        node,
        body,
        pushLimits(c.var.deps.config.settings).inflatedBytes,
      ),
    );
  })
  // The history a node sends under from now on (restored from a backup, or its first push): answers how far this hub holds its changes.
  .post('/hub/position', async (c) => {
    const { d, node, body } = await signed(c);
    return c.json(await service.adoptEpoch(d, node, jsonOf(PositionRequestSchema, body).epoch, clientAddress(c)));
  })
  // The downward feed: what this hub sends down to the node asking, after its cursor.
  .post('/hub/feed', async (c) => {
    const { d, node, body } = await signed(c);
    const { after, limit } = jsonOf(FeedRequestSchema, body);
    await publishCriteriaSets(d.db, c.var.deps.criteria, d.now().toISOString());
    await publishEvidencePolicy(d.db, c.var.deps.config, d.now().toISOString());
    await publishDocumentKey(d.db, d.now().toISOString());
    // With how far this hub holds the node's own changes: a center learns its hub was restored behind it.
    return c.json({ ...(await feedFor(d.db, node, after, limit)), pushed: node.last_seq });
  })
  // Evidence travels by hash: the center asks which files the hub lacks, then sends only those.
  .post('/hub/evidence/missing', async (c) => {
    const { body } = await signed(c);
    const { hashes } = jsonOf(HashListSchema, body);
    return c.json({ missing: hashes.filter((h) => !existsSync(evidencePath(c.var.deps.evidenceDir, h))) });
  })
  // A video or document of a resource this hub sent down, by hash, for a node below that lacks it.
  .post('/hub/media/:file{[0-9a-f]{64}\\.(mp4|webm|pdf|mp3)}', async (c) => {
    await signed(c);
    const path = join(c.var.deps.mediaDir, c.req.param('file'));
    if (!existsSync(path)) throw new AppError('resource.not-found');
    return c.body(Readable.toWeb(createReadStream(path)) as ReadableStream, 200, {
      'content-type': 'application/octet-stream',
    });
  })
  .put('/hub/evidence/:sha256', async (c) => {
    const { body } = await signed(c);
    const sha256 = c.req.param('sha256');
    if (body.length > c.var.deps.config.settings['evidence.maxPhotoBytes'])
      throw new AppError('evidence.too-large', { limitBytes: c.var.deps.config.settings['evidence.maxPhotoBytes'] });
    // Checked before it is written; written to a temp file and renamed, so no partial file is ever visible.
    if (sha256Hex(body) !== sha256) throw new AppError('evidence.hash-mismatch');
    await writeEvidenceFile(c.var.deps.evidenceDir, sha256, body);
    return c.json({ ok: true });
  })
  // The commune officer's pages: the registry of centers, enrolment codes, revocation.
  .get('/staff/hub/nodes', requireRole('admin'), async (c) => {
    return c.json(await nodes.listNodes(deps(c)));
  })
  .post('/staff/hub/enrolments', requireRole('admin'), jsonBody(EnrolmentBody), async (c) => {
    const { name, address } = c.req.valid('json');
    // As the officer gave it; else the address this page was reached by.
    const hubUrl = hubOrigin(address || new URL(c.req.url).origin);
    if (!hubUrl)
      throw new AppError('request.invalid', { reason: 'address must be a host name or address, with its port' });
    const issued = await nodes.createEnrolment(deps(c), c.var.staff!, name, ownHubCa(c.var.deps.config), hubUrl);
    return c.json({ ...issued, qrSvg: await joinQrSvg(issued.joinCode) });
  })
  // The fingerprint alone, for a center that must re-pin (null: a public certificate, nothing to pin).
  .get('/staff/hub/certificate', requireRole('admin'), (c) => {
    deps(c);
    return c.json({ fingerprint: hubFingerprint(c.var.deps.config) });
  })
  .post('/staff/hub/nodes/:id/revoke', requireRole('admin'), async (c) => {
    await nodes.revoke(deps(c), c.var.staff!, parseOrThrow(Uuid7Schema, c.req.param('id')));
    return c.json({ ok: true });
  })
  .get('/staff/hub/refusals', requireRole('admin'), async (c) => {
    // The counts of a flood still held in memory are written first, so the officer sees them.
    return c.json(await service.latestRefusals(deps(c)));
  })
  .route('/', decisionRoutes)
  .route('/', listReturnRoutes)
  .route('/', decisionPaperRoutes)
  .route('/', commendationRoutes)
  .route('/', certificateRoutes)
  .route('/', dashboardRoutes)
  .route('/', reportRoutes)
  .route('/', reportPaperRoutes)
  .route('/', historyRoutes);
