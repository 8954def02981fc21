import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../../../shared/errors.ts';
import type { AppEnv, Deps } from '../http/context.ts';
import { clientAddress, Throttle } from '../http/throttle.ts';
import { verifyCertificate } from './certificate-verify.ts';
import { genuinePage, refusedPage } from './verify.page.ts';

/**
 * Refused certificates are counted per client address, like the slip look-ups: 20 free, then waits
 * from 2 s doubling to 15 minutes (`auth.throttled`). A signature cannot be guessed; this keeps one
 * client from keeping the box busy. A box that has no key yet counts nothing (not the reader's fault).
 */
const throttles = new WeakMap<Deps, Throttle>();
const throttleOf = (deps: Deps): Throttle => {
  let t = throttles.get(deps);
  if (!t) throttles.set(deps, (t = new Throttle({ free: 20, baseSeconds: 2, maxSeconds: 900, forgetSeconds: 3600 })));
  return t;
};

/** The verify page a certificate's QR code opens (`/api/xac-minh?c=…`): public, on a hub and on a center. */
export const certificateRoutes = new Hono<AppEnv>().get('/xac-minh', async (c) => {
  const { db, now } = c.var.deps;
  // The link names a person: no search engine keeps the page (no referrer leaves it either).
  c.header('X-Robots-Tag', 'noindex, nofollow');
  const throttle = throttleOf(c.var.deps);
  const client = `client:${clientAddress(c)}`;
  const wait = throttle.wait(client, now().getTime());
  if (wait > 0) {
    c.header('Retry-After', String(wait));
    return c.html(refusedPage('auth.throttled'), 429);
  }
  try {
    return c.html(genuinePage(await verifyCertificate(db, c.req.query('c') ?? '')));
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    // Neither a box without a key nor a withdrawn decision is the reader's doing.
    if (e.code !== 'certificate.no-key' && e.code !== 'certificate.withdrawn') throttle.fail(client, now().getTime());
    return c.html(refusedPage(e.code), e.status as ContentfulStatusCode);
  }
});
