import * as v from 'valibot';
import { isErrorCode } from '../../../shared/errors.ts';
import type { FederationDeps } from './federation.deps.ts';
import type { State } from '../sync/sync-state.repository.ts';
import { transportError } from './hub-certificate.ts';
import { tlsFor } from '../sync/pinned-fetch.ts';
import { signRequest } from '../sync/signing.ts';

/** A refusal or failure of a request to the hub: its code, and the details a refusal came with. */
export type Failed = { code: string; details: Record<string, unknown> };

/**
 * One signed request to the hub; answers the parsed body, or the error code to show. A request
 * that got no usable answer (the link dropped it, or its answer) is signed afresh and tried again
 * a few times, with a growing pause, before the run stops; a refusal is never retried here.
 */
export async function signed<S extends v.GenericSchema>(
  deps: FederationDeps,
  s: State,
  method: string,
  path: string,
  body: Uint8Array,
  headers: Record<string, string>,
  schema: S,
): Promise<v.InferOutput<S> | string> {
  const answer = await request(deps, s, method, path, body, headers, schema);
  return 'code' in answer ? answer.code : answer.answer;
}

/** As `signed`, keeping a refusal's details (the hub's position). */
export async function request<S extends v.GenericSchema>(
  deps: FederationDeps,
  s: State,
  method: string,
  path: string,
  body: Uint8Array,
  headers: Record<string, string>,
  schema: S,
): Promise<{ answer: v.InferOutput<S> } | Failed> {
  for (let attempt = 0; ; attempt++) {
    const answer = await signedOnce(deps, s, method, path, body, headers, schema);
    if (!('code' in answer) || answer.code !== 'sync.unreachable' || attempt >= RETRIES) return answer;
    await new Promise((r) => setTimeout(r, deps.retryMs * 2 ** attempt));
  }
}

const RETRIES = 3;

async function signedOnce<S extends v.GenericSchema>(
  deps: FederationDeps,
  s: State,
  method: string,
  path: string,
  body: Uint8Array,
  headers: Record<string, string>,
  schema: S,
): Promise<{ answer: v.InferOutput<S> } | Failed> {
  const failed = (code: string, details: Record<string, unknown> = {}): Failed => ({ code, details });
  try {
    const res = await deps.fetch(
      `${s.hubUrl}${path}`,
      {
        method,
        headers: { ...headers, ...signRequest(s.nodeId!, s.privateKey!, method, path, body, deps.now()) },
        body: body as RequestInit['body'],
      },
      tlsFor(s.hubCa),
    );
    const answer: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const { code, details } = (answer ?? {}) as { code?: unknown; details?: unknown };
      return isErrorCode(code) && res.status < 500
        ? failed(code, typeof details === 'object' && details !== null ? (details as Record<string, unknown>) : {})
        : failed('sync.unreachable');
    }
    const parsed = v.safeParse(schema, answer);
    return parsed.success ? { answer: parsed.output } : failed('sync.unreachable');
  } catch (e) {
    // A certificate that does not chain to the pinned CA is another server: not retried, nothing sent.
    return failed(transportError(e));
  }
}
