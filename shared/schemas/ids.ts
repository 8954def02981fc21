import * as v from 'valibot';

/** A UUIDv7 made by the client, so a retried send can never make a second record. */
export const Uuid7Schema = v.pipe(
  v.string(),
  v.toLowerCase(),
  v.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'must be a UUIDv7'),
);
