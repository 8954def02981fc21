import { resourceRoutes } from './resources/resources.routes.ts';
import { planRoutes } from './plans/plans.routes.ts';
import { attendanceRoutes } from './attendance/attendance.routes.ts';
import { digitalRoutes } from './digital/digital.routes.ts';
import { backupRoutes } from './backup/backup.routes.ts';
import { audioRoutes } from './audio/audio.routes.ts';
import { registryRoutes } from './registry/registry.routes.ts';
import { modelAssessmentRoutes } from './collective-titles/model-assessments.routes.ts';
import { setupRoutes } from './setup/setup.routes.ts';
import { certificateRoutes } from './certificates/certificates.routes.ts';
import { loadStoredSetup } from './setup/setup.service.ts';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { AppError } from '../../shared/errors.ts';
import { assessmentRoutes } from './assessments/assessments.routes.ts';
import { kioskRoutes } from './kiosk/kiosk.routes.ts';
import { evidenceRoutes } from './evidence/evidence.routes.ts';
import type { AppEnv, Deps } from './http/context.ts';
import { onError } from './http/errors.ts';
import { webFiles } from './http/web-files.ts';
import { peopleRoutes } from './people/people.routes.ts';
import { loadStaff } from './staff/staff.middleware.ts';
import { staffRoutes } from './staff/staff.routes.ts';
import { appraisalRoutes } from './appraisals/appraisals.routes.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { listRoutes } from './lists/lists.routes.ts';
import { privacyRoutes } from './privacy/privacy.routes.ts';
import { federationRoutes } from './federation/federation.routes.ts';
import { hubRoutes } from './hub/hub.routes.ts';
import { CriteriaSets } from './criteria/criteria-sets.ts';
import { checkRoomForData } from './system/disk.ts';
import { healthRoutes } from './health/health.routes.ts';
import { securityHeaders, setAnswerHeader } from './http/headers.ts';
import { bodyLimits } from './http/body-limit.ts';
import { checkOrigin } from './http/origin.ts';

export interface AppOptions extends Omit<Deps, 'criteria' | 'mediaDir'> {
  /** Videos and documents of the catalog; beside the evidence folder if absent. */
  mediaDir?: string;
  /** Built PWA (vite build output); when absent only the API is served. */
  webDir?: string;
  /** Criteria sets with what came from above (CriteriaSets.load); kiosk-config's alone if absent. */
  criteria?: CriteriaSets;
}

/** The Hono app: the API under /api and, when built, the PWA. */
export function createApp(options: AppOptions) {
  const {
    webDir,
    criteria = new CriteriaSets(options.config),
    mediaDir = join(dirname(options.evidenceDir), 'media'),
    ...rest
  } = options;
  const deps: Deps = { ...rest, criteria, mediaDir };
  const api = new Hono<AppEnv>()
    .route('/', kioskRoutes)
    .route('/', peopleRoutes)
    .route('/', assessmentRoutes)
    .route('/', digitalRoutes)
    .route('/', resourceRoutes)
    .route('/', attendanceRoutes)
    .route('/', planRoutes)
    .route('/', registryRoutes)
    .route('/', modelAssessmentRoutes)
    .route('/', audioRoutes)
    .route('/', healthRoutes)
    .route('/', evidenceRoutes)
    .route('/', staffRoutes)
    .route('/', appraisalRoutes)
    .route('/', listRoutes)
    .route('/', privacyRoutes)
    .route('/', auditRoutes)
    .route('/', federationRoutes)
    .route('/', hubRoutes)
    .route('/', certificateRoutes)
    .route('/', backupRoutes)
    .route('/', setupRoutes);

  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    // The setup made in the browser, under the center file (main.ts reads it at start; an app built otherwise, here).
    await loadStoredSetup(deps.db, deps.config);
    await next();
  });
  // Before anything else reads the request: headers on every answer, errors included.
  app.use('*', securityHeaders);
  // Bounded while it is read, before any route parses it.
  app.use('/api/*', bodyLimits);
  app.use('/api/*', checkOrigin);
  app.use('/api/*', async (c, next) => {
    await next();
    // Stored videos and documents are named by their hash: they never change.
    if (c.req.path.startsWith('/api/media/') && c.res.ok)
      setAnswerHeader(c, 'Cache-Control', 'public, max-age=31536000, immutable');
    // Read-aloud clips name their hash in the URL and say themselves how long they keep.
    else if (c.req.path.startsWith('/api/audio/') && c.res.ok && c.res.headers.has('Cache-Control')) return;
    else setAnswerHeader(c, 'Cache-Control', 'no-store');
  });
  // Every answer is dated by the box's own clock (deps.now): a tablet dates what it makes by it
  // (web/src/lib/api.ts boxNow), since the box refuses dates later than its clock allows.
  app.use('/api/*', async (c, next) => {
    await next();
    setAnswerHeader(c, 'Date', deps.now().toUTCString());
  });
  // A full card refuses writes as "not now" (the tablets keep them and retry), never half-writes them.
  app.use('/api/*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') checkRoomForData(deps.config, deps.evidenceDir);
    await next();
  });
  app.use('/api/*', loadStaff);
  // The two large answers a tablet reads as it starts (the center with its criteria set; the catalog
  // of resources), gzipped for the Wi-Fi and a phone's slow link. Neither holds a secret or echoes
  // what a request sent, so compressing them opens no side channel.
  for (const path of ['/api/kiosk', '/api/resources'])
    app.on('GET', path, compress({ encoding: 'gzip', contentTypeFilter: /^application\/json/ }));
  app.route('/api', api);
  app.all('/api/*', () => {
    throw new AppError('route.not-found');
  });

  if (webDir && existsSync(join(webDir, 'index.html'))) webFiles(app, webDir);
  return app;
}

export type App = ReturnType<typeof createApp>;
