import { Hono, type Context } from 'hono';
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
import { evidencePath, sha256Hex, storeEvidenceFile } from '../evidence/evidence.store.ts';
import { publishEvidencePolicy } from '../evidence/evidence.policy.ts';
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
import { nodeName } from '../sync/node-name.ts';
import { hubFingerprint, ownHubCa } from './ingest/hub-ca.ts';
import * as decisions from './decisions/decisions.service.ts';
import type { HubNodeRow } from '../db/schema.ts';
import {
  DeclineInputSchema,
  PopulationInputSchema,
  TargetAdjustmentInputSchema,
  UnitChangeInputSchema,
} from '../../../shared/schemas/commune.ts';
import { audit } from '../audit/audit.ts';
import * as commune from './dashboard/commune.service.ts';
import { dashboard, publicRecognitionList } from './dashboard/dashboard.service.ts';
import {
  communeAppraisalCase,
  communeAppraisalQueue,
  saveCommuneAppraisal,
  type CommuneAppraisalDeps,
} from './decisions/commune-appraisals.service.ts';
import { decisionTitles, ReopenDecidedSchema } from '../../../shared/schemas/decision.ts';
import { SaveModelAppraisalSchema } from '../../../shared/schemas/model-assessment.ts';
import { ModelSets } from '../criteria/model-sets.ts';
import { renderPublicListHtml, renderReportHtml, type YearReport } from './report/report.html.ts';
import { renderPublicListXlsx, renderReportXlsx } from './report/report.xlsx.ts';
import { modelRatesView } from './dashboard/model-rates.service.ts';

function deps(c: Context<AppEnv>): service.HubDeps {
  const { db, now, config } = c.var.deps;
  if (config.settings.role !== 'hub') throw new AppError('sync.wrong-role');
  return {
    db,
    now,
    hubName: nodeName(config),
    enrolmentHours: config.settings['hub.enrolmentHours'],
    clockSkewSeconds: config.settings['sync.clockSkewSeconds'],
  };
}

function decisionDeps(c: Context<AppEnv>): decisions.DecisionDeps {
  const { db, now } = deps(c);
  return {
    db,
    now,
    criteriaSetFor: (year) => c.var.deps.criteria.forYear(year),
    outstandingYears: c.var.deps.config.settings['recognition.outstandingYears'],
    modelSets: ModelSets.of(c.var.deps.config),
  };
}

function appraisalDeps(c: Context<AppEnv>): CommuneAppraisalDeps {
  const { db, now } = deps(c);
  return { db, now, modelSets: ModelSets.of(c.var.deps.config) };
}

/** A signed request from a node below: checked before anything else is read or changed. */
async function signed(c: Context<AppEnv>): Promise<{ d: service.HubDeps; node: HubNodeRow; body: Uint8Array }> {
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

const YearQuery = v.object({ year: v.pipe(v.string(), v.regex(/^\d{4}$/), v.transform(Number)) });
/** A year and, for the decision screens, one of the five titles (CDHT when absent). */
const TitleYearQuery = v.object({ ...YearQuery.entries, title: v.optional(v.picklist(decisionTitles)) });

const ReportQuery = v.object({
  ...YearQuery.entries,
  format: v.picklist(['html', 'xlsx']),
  kind: v.picklist(['report', 'public-list']),
});

/** The center's name the officer gives with its one-time code: shown on every list and report (the shared text rule). */
const EnrolmentBody = v.strictObject({ name: OneLineText(2, 200) });

export const hubRoutes = new Hono<AppEnv>()
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
    return c.json(await service.applyPush(d, node, body, pushLimits(c.var.deps.config.settings).inflatedBytes));
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
    await decisions.publishCriteriaSets(d.db, c.var.deps.criteria, d.now().toISOString());
    await publishEvidencePolicy(d.db, c.var.deps.config, d.now().toISOString());
    // With how far this hub holds the node's own changes: a center learns its hub was restored behind it.
    return c.json({ ...(await decisions.feedFor(d.db, node, after, limit)), pushed: node.last_seq });
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
    storeEvidenceFile(c.var.deps.evidenceDir, sha256, body);
    return c.json({ ok: true });
  })
  // The commune officer's pages: the registry of centers, enrolment codes, revocation.
  .get('/staff/hub/nodes', requireRole('admin'), async (c) => {
    return c.json(await nodes.listNodes(deps(c)));
  })
  .post('/staff/hub/enrolments', requireRole('admin'), jsonBody(EnrolmentBody), async (c) =>
    c.json(
      await nodes.createEnrolment(deps(c), c.var.staff!, c.req.valid('json').name, hubFingerprint(c.var.deps.config)),
    ),
  )
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
  // Recognition: the year's proposals from every center, decisions that recognize a selection.
  // A title (gdht, dhht, cddht, dvht) lists that title's proposals; none (or cdht) the Learning Citizens as before.
  .get('/staff/hub/proposals', requireRole('admin'), async (c) => {
    const { year, title } = parseOrThrow(TitleYearQuery, {
      year: c.req.query('year') ?? '',
      title: c.req.query('title'),
    });
    if (title && title !== 'cdht') return c.json(await decisions.modelProposals(decisionDeps(c), title, year));
    return c.json(await decisions.proposals(decisionDeps(c), year));
  })
  .get('/staff/hub/decisions', requireRole('admin'), async (c) => {
    const { year, title } = parseOrThrow(TitleYearQuery, {
      year: c.req.query('year') ?? '',
      title: c.req.query('title'),
    });
    return c.json(await decisions.listDecisions(decisionDeps(c).db, year, title));
  })
  .post('/staff/hub/decisions', requireRole('admin'), jsonBody(decisions.RecordDecisionSchema), async (c) =>
    c.json(await decisions.recordDecision(decisionDeps(c), c.var.staff!, c.req.valid('json'))),
  )
  .post(
    '/staff/hub/decisions/:id/revoke',
    requireRole('admin'),
    jsonBody(decisions.RevokeDecisionSchema),
    async (c) => {
      await decisions.revokeDecision(
        decisionDeps(c),
        c.var.staff!,
        parseOrThrow(Uuid7Schema, c.req.param('id')),
        c.req.valid('json').reason,
      );
      return c.json({ ok: true });
    },
  )
  // Reopens one person ({personId}) or one household, clan, village or unit ({subject}) of a decision.
  .post('/staff/hub/decisions/:id/reopen', requireRole('admin'), jsonBody(ReopenDecidedSchema), async (c) => {
    const input = c.req.valid('json');
    await decisions.reopenDecided(
      decisionDeps(c),
      c.var.staff!,
      parseOrThrow(Uuid7Schema, c.req.param('id')),
      'subject' in input ? input.subject : input.personId,
      input.reason,
    );
    return c.json({ ok: true });
  })
  .post('/staff/hub/declines', requireRole('admin'), jsonBody(DeclineInputSchema), async (c) => {
    const { personId, year, reason } = c.req.valid('json');
    await decisions.declineProposal(decisionDeps(c), c.var.staff!, personId, year, reason);
    return c.json({ ok: true });
  })
  // The commune appraises villages' and units' self-assessments (households and clans are the branch's, at the center).
  .get('/staff/hub/model-appraisals', requireRole('admin'), async (c) => {
    const { year } = parseOrThrow(YearQuery, { year: c.req.query('year') ?? '' });
    return c.json(await communeAppraisalQueue(appraisalDeps(c), year));
  })
  .get('/staff/hub/model-appraisals/:assessmentId', requireRole('admin'), async (c) =>
    c.json(await communeAppraisalCase(appraisalDeps(c), parseOrThrow(Uuid7Schema, c.req.param('assessmentId')))),
  )
  .put(
    '/staff/hub/model-appraisals/:assessmentId',
    requireRole('admin'),
    jsonBody(SaveModelAppraisalSchema),
    async (c) =>
      c.json(
        await saveCommuneAppraisal(
          appraisalDeps(c),
          c.var.staff!,
          parseOrThrow(Uuid7Schema, c.req.param('assessmentId')),
          c.req.valid('json'),
        ),
      ),
  )
  // Dashboard, denominators, targets, units and the yearly report.
  .get('/staff/hub/dashboard', requireRole('admin'), async (c) => {
    const { year } = parseOrThrow(YearQuery, { year: c.req.query('year') ?? '' });
    deps(c);
    return c.json(await dashboard(c.var.deps, year));
  })
  // The four other titles (family, clan, community, unit): counts, rates against targets, recognitions to renew.
  .get('/staff/hub/model-rates', requireRole('admin'), async (c) => {
    const { year } = parseOrThrow(YearQuery, { year: c.req.query('year') ?? '' });
    deps(c);
    return c.json(await modelRatesView(c.var.deps, year));
  })
  .get('/staff/hub/population', requireRole('admin'), async (c) => {
    const { year } = parseOrThrow(YearQuery, { year: c.req.query('year') ?? '' });
    return c.json(await commune.listPopulation(deps(c), year));
  })
  .put('/staff/hub/population', requireRole('admin'), jsonBody(PopulationInputSchema), async (c) => {
    await commune.setPopulation({ ...deps(c), config: c.var.deps.config }, c.var.staff!, c.req.valid('json'));
    return c.json({ ok: true });
  })
  .post('/staff/hub/targets', requireRole('admin'), jsonBody(TargetAdjustmentInputSchema), async (c) => {
    await commune.adjustTarget(deps(c), c.var.staff!, c.req.valid('json'));
    return c.json({ ok: true });
  })
  .get('/staff/hub/units', requireRole('admin'), async (c) => c.json(await commune.listUnitChanges(deps(c))))
  .post('/staff/hub/units', requireRole('admin'), jsonBody(UnitChangeInputSchema), async (c) => {
    await commune.changeUnits({ ...deps(c), config: c.var.deps.config }, c.var.staff!, c.req.valid('json'));
    return c.json({ ok: true });
  })
  // The yearly report (báo cáo kết quả thực hiện) and the public list: print view, .xlsx; audited.
  .get('/staff/hub/report', requireRole('admin'), async (c) => {
    const { year, format, kind } = parseOrThrow(ReportQuery, {
      year: c.req.query('year') ?? '',
      format: c.req.query('format') ?? '',
      kind: c.req.query('kind') ?? 'report',
    });
    deps(c);
    const { now, config, db } = c.var.deps;
    const report: YearReport = {
      dashboard: await dashboard(c.var.deps, year),
      commune: config.settings['hub.level'] === 'province' ? config.center.province : config.center.commune,
      province: config.center.province,
      generatedAt: now().toISOString(),
      recognized: await publicRecognitionList(c.var.deps, year),
      ...(kind === 'report' ? { models: await modelRatesView(c.var.deps, year) } : {}),
    };
    await audit(
      db,
      c.var.staff!,
      { action: 'hub.report-export', subjectKind: 'report', subjectId: `${kind}/${year}`, details: { format } },
      now().toISOString(),
    );
    const base = `${kind === 'report' ? 'bao-cao-cdht' : 'danh-sach-cdht'}-${year}`;
    if (format === 'html') return c.html(kind === 'report' ? renderReportHtml(report) : renderPublicListHtml(report));
    const xlsx = kind === 'report' ? await renderReportXlsx(report) : await renderPublicListXlsx(report);
    return c.body(new Uint8Array(xlsx), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${base}.xlsx"`,
    });
  });
