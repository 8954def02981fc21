import type { Agent } from 'undici';

/**
 * How a center reaches its hub. A hub with its own certificate authority is pinned: every request
 * goes through a TLS context that trusts that CA alone (Node's `ca` replaces the system's roots),
 * with the usual host-name check. Node's global fetch cannot take a CA per request, so those go
 * through undici's own fetch with an Agent per CA; a hub with a public certificate (no pin) and a
 * hub on this machine over plain HTTP use the global fetch. undici (about 1 MB of code) is loaded at
 * the first pinned request, not with the server. Tests replace the whole function
 * (`FederationDeps.fetch`) to put faults on the link.
 */

export interface HubTls {
  /** PEM of the only CA trusted; absent: the system's roots. */
  ca?: string;
  /** Only to fetch the hub's CA certificate itself, whose SHA-256 is then checked against the pin. */
  unverified?: true;
}

export type HubFetch = (url: string, init: RequestInit, tls?: HubTls) => Promise<Response>;

/** A center talks to one hub; a few agents cover a re-pin and the unverified one. */
const agents = new Map<string, Agent>();
const MAX_AGENTS = 4;

let undici: Promise<typeof import('undici')> | null = null;

function agentFor(Agent: typeof import('undici').Agent, tls: HubTls): Agent {
  const key = tls.unverified ? 'unverified' : tls.ca!;
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({
      connect: tls.unverified ? { rejectUnauthorized: false } : { ca: tls.ca, rejectUnauthorized: true },
    });
    agents.set(key, agent);
    for (const [old, a] of agents) {
      if (agents.size <= MAX_AGENTS) break;
      agents.delete(old);
      void a.close();
    }
  }
  return agent;
}

export const pinnedFetch: HubFetch = async (url, init, tls) => {
  if (!url.startsWith('https:') || (!tls?.ca && !tls?.unverified)) return fetch(url, init);
  const { Agent, fetch: undiciFetch } = await (undici ??= import('undici'));
  // undici's Response is the same WHATWG class the global fetch answers with, typed apart.
  return undiciFetch(url, { ...(init as object), dispatcher: agentFor(Agent, tls) }) as unknown as Promise<Response>;
};

/** OpenSSL's verification failures (a chain to another CA, a self-signed certificate, a wrong name, an expired one). */
const CERTIFICATE_CODES =
  /^(?:UNABLE_TO_|SELF_SIGNED_CERT|DEPTH_ZERO_SELF_SIGNED|CERT_|ERR_TLS_CERT_ALTNAME|HOSTNAME_MISMATCH)/;

/** Whether a failed request failed because the hub's certificate was not trusted (and not because the link is down). */
export function isCertificateError(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CERTIFICATE_CODES.test(code)) return true;
  }
  return false;
}

/** The TLS context of requests to the hub: its pinned CA alone, or the system's roots. */
export const tlsFor = (ca: string | null | undefined): HubTls => (ca ? { ca } : {});
