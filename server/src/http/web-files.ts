import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from './context.ts';

/**
 * The built PWA (dist/web): its files, their caching, and the single-page app's screens.
 * - `assets/` names carry a content hash: cached for a year.
 * - The start page, the service worker and the manifest are asked for again each time, so a new
 *   build needs no restart (set once the file is served: serveStatic's own onFound runs after the
 *   response is made, too late for a header).
 * - The build wrote a `.br` and a `.gz` beside each text file (server/precompress.ts): sent to a
 *   browser that accepts them, with Vary: Accept-Encoding, and the box compresses nothing itself.
 *   Only while they are at least as new as the file: a file changed by hand after the build (or a
 *   copy of part of a build) is sent plain rather than as its stale compressed copy.
 */
export function webFiles(app: Hono<AppEnv>, webDir: string): void {
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('*', async (c, next) => {
    await next();
    if (
      c.res.status === 200 &&
      /^\/$|\/(?:sw\.js|workbox-[^/]*\.js|manifest\.webmanifest|index\.html)$/.test(c.req.path)
    )
      c.header('Cache-Control', 'no-cache');
  });
  const plain = serveStatic<AppEnv>({ root: webDir });
  const compressed = serveStatic<AppEnv>({ root: webDir, precompressed: true });
  app.use('*', (c, next) => (compressedIsFresh(webDir, c.req.path) ? compressed : plain)(c, next));
  // Any other path is a screen of the single-page app. Read each time: a new build needs no restart.
  app.get('*', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(readFileSync(join(webDir, 'index.html'), 'utf8'));
  });
}

const mtime = (path: string): number | null => {
  try {
    const s = statSync(path);
    return s.isFile() ? s.mtimeMs : null;
  } catch {
    return null;
  }
};

/** True when no compressed copy of the file at `path` is older than the file (plain paths only: serveStatic judges the rest). */
function compressedIsFresh(webDir: string, path: string): boolean {
  if (!/^\/[\w./-]*$/.test(path) || path.includes('..')) return false;
  const file = join(webDir, path.endsWith('/') ? `${path}index.html` : path);
  const own = mtime(file);
  if (own === null) return false;
  return ['.br', '.gz'].every((ext) => {
    const copy = mtime(file + ext);
    return copy === null || copy >= own;
  });
}
