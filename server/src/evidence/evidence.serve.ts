import { sniffImageType } from './evidence.store.ts';

/**
 * The headers an evidence file is served with, from its bytes: whatever type its record claims
 * (a center, or anyone who once held its key, writes that), only a JPEG, PNG or WebP by its magic
 * numbers is served as that image; anything else (an HTML page, an SVG with a script) is an
 * attachment of no type a browser would render, so it never runs on the box's or the hub's origin.
 * nosniff keeps the browser from guessing otherwise, and the sandbox holds if it ever did.
 */
export function evidenceHeaders(bytes: Uint8Array, name: string): Record<string, string> {
  const image = sniffImageType(bytes);
  const common = {
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
    'content-security-policy': "default-src 'none'; sandbox",
  };
  if (image) return { ...common, 'content-type': image };
  return {
    ...common,
    'content-type': 'application/octet-stream',
    'content-disposition': `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, '')}.bin"`,
  };
}
