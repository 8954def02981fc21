import type { ErrorEntry } from './entry.ts';

/** Enrolment and sync between a center and its hub. */
export const syncErrors = {
  'sync.owner-mismatch': {
    status: 403,
    message: (d: { recordId?: string }) =>
      `This change names a record another center owns${d.recordId ? ` (${d.recordId})` : ''}: refused.`,
  },
  'sync.change-invalid': {
    status: 422,
    message: (d: { recordId?: string }) =>
      `This change does not match the shape of its message type${d.recordId ? ` (${d.recordId})` : ''}: refused.`,
  },
  'sync.tls-pin-mismatch': {
    status: 502,
    message: () => "The hub's certificate does not match the fingerprint pinned at enrolment.",
  },
  'sync.insecure-hub': {
    status: 422,
    message: () =>
      'A hub that is not on this machine must be reached over HTTPS (sync.allowInsecureHttp allows plain HTTP).',
  },
  'sync.not-enrolled': { status: 409, message: () => 'This center is not enrolled with a hub yet.' },
  'sync.unreachable': { status: 502, message: () => 'The hub did not answer.' },
  'sync.enrolment-invalid': { status: 403, message: () => 'The enrolment code is unknown, used or expired.' },
  'sync.enrolment-no-address': {
    status: 422,
    message: () => "The enrolment code carries no hub address: give the hub's address with it.",
  },
  'sync.node-unknown': { status: 401, message: () => 'The sender is not registered at this hub.' },
  'hub.node-not-found': { status: 404, message: () => 'No center with that id is enrolled at this hub.' },
  'sync.node-revoked': { status: 403, message: () => "The sender's key has been revoked." },
  'sync.request-stale': {
    status: 401,
    message: (d: { skewSeconds?: number }) => `The request's time is outside the ${d.skewSeconds ?? '?'} s window.`,
  },
  'sync.request-replayed': { status: 409, message: () => 'This request was already received (same nonce).' },
  'sync.signature-invalid': { status: 401, message: () => 'The signature does not match the request.' },
  'sync.wrong-role': { status: 404, message: () => 'This server does not play that role.' },
  'sync.epoch-mismatch': {
    status: 409,
    message: (d: { lastSeq?: number }) =>
      `This hub holds another history of this center (one of the two was restored from a backup; the hub holds its changes up to ${d.lastSeq ?? '?'}): agree the position first (POST /api/hub/position).`,
  },
  'sync.position-mismatch': {
    status: 409,
    message: (d: { lastSeq?: number }) =>
      `The hub holds this center's changes up to ${d.lastSeq ?? '?'}, not up to where this push starts: send again from there.`,
  },
  'sync.epoch-retired': {
    status: 409,
    message: () =>
      'This history of the center was replaced by a restored copy that has synced since: this box may no longer send as the center.',
  },
  'sync.history-unresolved': {
    status: 409,
    message: () =>
      'The center and the hub do not agree on which changes the hub holds; nothing more is sent until an administrator looks at it.',
  },
} as const satisfies Record<string, ErrorEntry>;
