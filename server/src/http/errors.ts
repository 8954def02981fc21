import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { validator } from 'hono/validator';
import * as v from 'valibot';
import { AppError } from '../../../shared/errors.ts';

/** The one place an error becomes an answer: `{ code, message, details }` with the catalogue's status. */
export function onError(err: Error, c: Context): Response {
  if (err instanceof AppError) return c.json(err.toBody(), err.status as 400);
  if (err instanceof HTTPException && err.status === 413) {
    return c.json(new AppError('request.too-large').toBody(), 413);
  }
  if (err instanceof HTTPException && err.status < 500) {
    return c.json(new AppError('request.invalid', { reason: err.message }).toBody(), err.status);
  }
  console.error(err);
  return c.json(new AppError('internal').toBody(), 500);
}

/** Validates a JSON body with a shared schema; a mismatch answers `request.invalid` with the paths. */
export function jsonBody<S extends v.GenericSchema>(schema: S) {
  return validator('json', (value) => parseOrThrow(schema, value));
}

/** Parses with a shared schema or throws `request.invalid` naming each bad field. */
export function parseOrThrow<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  throw new AppError('request.invalid', {
    issues: result.issues.map((i) => ({ path: v.getDotPath(i) ?? '', message: i.message })),
  });
}
