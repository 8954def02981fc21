import type { ErrorEntry } from './entry.ts';

/** What any request can meet: its shape, its size, ids, free text, the box's storage. */
export const requestErrors = {
  'request.invalid': { status: 400, message: () => 'The request does not match the expected shape.' },
  'request.too-large': {
    status: 413,
    message: (d: { limitBytes?: number }) => `The body is larger than ${d.limitBytes ?? '?'} bytes.`,
  },
  'route.not-found': { status: 404, message: () => 'No such route.' },
  'id.invalid': { status: 400, message: () => 'Ids must be UUIDv7 made by the client.' },
  'storage.full-for-photos': {
    status: 507,
    message: (d: { freeMb?: number }) =>
      `The box is nearly full (${d.freeMb ?? '?'} MB free): it takes no more photos or files until space is freed, but still takes records.`,
  },
  'storage.full': {
    status: 503,
    message: (d: { freeMb?: number }) =>
      `The box is full (${d.freeMb ?? '?'} MB free): nothing can be saved until space is freed. The tablet keeps it and retries.`,
  },
  'request.origin-refused': {
    status: 403,
    message: () => "This change must come from the kiosk's own pages (Origin / Sec-Fetch-Site did not match).",
  },
  'text.invalid-characters': {
    status: 422,
    message: (d: { fields?: string[] }) =>
      `Hidden control or direction characters are not allowed in ${(d.fields ?? []).join(', ') || 'this text'}.`,
  },
  internal: { status: 500, message: () => 'Something went wrong on the box.' },
} as const satisfies Record<string, ErrorEntry>;
