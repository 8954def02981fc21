import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../../shared/errors.ts';
import type { AppEnv } from './context.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * State-changing requests from a browser must come from the kiosk's own pages. A browser always
 * says where a request comes from: `Sec-Fetch-Site` (current browsers) and `Origin` (on every
 * POST, PUT, PATCH and DELETE). Either one naming another site (another origin, the box's own
 * plain-HTTP page, an opaque `null` origin) is refused before any route runs, so nothing changes.
 * A request with neither is not from a browser page (a center's signed sync, a script on the box):
 * it passes, and its route's own proof (a signature, the staff cookie, a villager token) decides.
 */
/**
 * The Origin names the host (and port) the request was sent to. Compared by host rather than by
 * scheme too, so that a hub behind a reverse proxy that ends TLS (the browser's origin is https,
 * the server sees http) still works; another port of the box (its plain-HTTP page) is another host.
 */
function sameHost(origin: string, host: string): boolean {
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false; // 'null' and anything unreadable
  }
}

export const checkOrigin: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method)) {
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    // 'none': the person started it (typed an address, a bookmark), not another page.
    if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new AppError('request.origin-refused');
    if (origin !== undefined && !sameHost(origin, c.req.header('host') ?? new URL(c.req.url).host))
      throw new AppError('request.origin-refused');
  }
  await next();
};
