import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

type Source = string | ((c: Context, directive: string) => string);

/**
 * What the pages of the box may load. Scripts only from its own files (no inline script, no eval).
 * Styles may be inline: Svelte writes style attributes and the printable pages carry their own
 * <style>; everything they show is escaped. Images and sounds may be blob: (a photo taken on the
 * tablet, a read-aloud clip) or data: (small images Vite inlines). No plugin, no framing by any
 * page, forms and <base> only to the box itself.
 */
function contentSecurityPolicy(connectSrc: Source[]) {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'blob:', 'data:'],
    mediaSrc: ["'self'", 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'", ...connectSrc],
    workerSrc: ["'self'"],
    manifestSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  };
}

/** The camera for photos of evidence, from the app itself; nothing else the kiosk never uses. */
const permissionsPolicy = {
  camera: ['self'],
  microphone: [],
  geolocation: [],
  payment: [],
  usb: [],
  serial: [],
  hid: [],
  midi: [],
  displayCapture: [],
};

/** A year; not preloaded, and not for other names under a hub's domain. */
const HSTS = 'max-age=31536000';

/**
 * Security headers on every answer of an app (the kiosk's, or the provisioning page's: plain HTTP
 * only, with `connectSrc` naming the HTTPS address it probes). HSTS only on HTTPS answers: over
 * plain HTTP it means nothing, and the box's loopback HTTP must stay usable.
 */
export function securityHeadersFor(
  options: { connectSrc?: Source[]; plainHttpOnly?: boolean } = {},
): MiddlewareHandler {
  const headers = secureHeaders({
    contentSecurityPolicy: contentSecurityPolicy(options.connectSrc ?? []),
    permissionsPolicy,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    xContentTypeOptions: 'nosniff',
    strictTransportSecurity: false,
    // Browsers ignore (and complain of) a Cross-Origin-Opener-Policy from a plain-HTTP LAN address.
    crossOriginOpenerPolicy: !options.plainHttpOnly,
    // Origin-keyed agent clusters are becoming the browsers' default; asked for on some pages of a
    // site and not others, the header only brings console warnings.
    originAgentCluster: false,
  });
  return async (c, next) => {
    await headers(c, next);
    // The request's URL is absolute (scheme first): read as it is, not parsed again for every answer.
    if (c.req.url.startsWith('https:')) c.res.headers.set('Strict-Transport-Security', HSTS);
    // The provisioning page (plain HTTP) asks this, without CORS, whether the tablet trusts the box
    // yet: Cross-Origin-Resource-Policy same-origin would make that fetch fail even once it does.
    if (c.req.path === '/api/kiosk') c.res.headers.set('Cross-Origin-Resource-Policy', 'cross-origin');
  };
}

/** Security headers on every answer of the kiosk (CSP, nosniff, no-referrer, no framing, HSTS over HTTPS). */
export const securityHeaders = securityHeadersFor();

/**
 * Sets a header on an answer already made (in a middleware, after `next()`). Hono's `c.header` then
 * makes the answer again from its body: on Node that turns the adapter's light answer into a web
 * Response whose body is a stream, read back chunk by chunk as it is sent (a sixth of what a
 * villager's submission allocates). The answer's own headers are set in place instead, unless they
 * cannot be changed (an answer fetched from elsewhere): then as Hono does.
 */
export function setAnswerHeader(c: Context, name: string, value: string): void {
  try {
    c.res.headers.set(name, value);
  } catch {
    c.header(name, value);
  }
}
