import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { validator } from 'hono/validator';
import * as v from 'valibot';
import { AppError, isErrorCode, type ErrorCode } from '../../../shared/errors.ts';

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

/**
 * Parses with a shared schema or throws `request.invalid` naming each bad field. A check whose
 * message is itself a catalogued code (the free-text rule's `text.invalid-characters`) answers
 * that code, naming the fields it refused.
 */
export function parseOrThrow<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  // A union none of whose options fits keeps its options' issues inside its own: look there too.
  const all = (issues: readonly v.GenericIssue[]): v.GenericIssue[] =>
    issues.flatMap((i) => [i, ...all(i.issues ?? [])]);
  const issues = all(result.issues);
  const coded = issues.find((i) => isErrorCode(i.message));
  if (coded) {
    const fields = [...new Set(issues.filter((i) => i.message === coded.message).map((i) => v.getDotPath(i) ?? ''))];
    throw new AppError(coded.message as ErrorCode, { fields });
  }
  throw new AppError('request.invalid', {
    issues: result.issues.map((i) => ({ path: v.getDotPath(i) ?? '', message: i.message })),
  });
}
