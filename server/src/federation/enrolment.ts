import * as v from 'valibot';
import { AppError, isErrorCode, type ErrorCode } from '../../../shared/errors.ts';
import { inGroups, parseJoinCode, parsePin, type JoinCode } from '../../../shared/schemas/enrolment.ts';
import { EnrolResponseSchema } from '../../../shared/sync/protocol.ts';
import { audit, type Actor } from '../audit/audit.ts';
import { newEpoch } from '../outbox/restore-mark.ts';
import { clearState, readState, writeState } from '../sync/sync-state.repository.ts';
import type { FederationDeps } from './federation.deps.ts';
import { federationStatus, type FederationStatus } from '../sync/sync-status.ts';
import { checkHubUrl, fetchPinnedCa, transportError } from './hub-certificate.ts';
import { tlsFor } from '../sync/pinned-fetch.ts';
import { codeCheck, pinOfPem } from '../sync/ca-pin.ts';
import { newKeyPair } from '../sync/signing.ts';
import { keepKeyFromAbove } from '../certificates/document-key.ts';

/**
 * The CA a center will trust for its hub: over HTTPS with a pin (or a join code's check), the
 * hub's own CA, fetched and checked against it; over HTTPS without one, none (the system's roots:
 * a public certificate); over plain HTTP, none, and only to this machine unless allowed.
 */
async function caFor(deps: FederationDeps, base: string, given: JoinCode): Promise<string | null> {
  checkHubUrl(base, deps.allowInsecureHttp);
  if (base.startsWith('http:')) return null;
  if (given.pin) return fetchPinnedCa(deps.fetch, base, given.pin);
  const check = given.check;
  if (check) return fetchPinnedCa(deps.fetch, base, (der) => codeCheck(given.code, der) === check);
  return null;
}

/** The hub's origin: the join code's address, or the one typed beside a code that carries none; both must agree. */
function hubOf(parsed: JoinCode, typed: string | undefined): string {
  const typedUrl = typed?.trim().replace(/\/+$/, '');
  if (parsed.hubUrl && typedUrl && new URL(typedUrl).origin !== parsed.hubUrl)
    throw new AppError('sync.enrolment-invalid', { reason: 'the address typed differs from the code' });
  const base = parsed.hubUrl ?? typedUrl;
  if (!base) throw new AppError('sync.enrolment-no-address');
  return base;
}

/**
 * Enrols with a hub: an Ed25519 key pair, the public half sent with the one-time code over a
 * connection that trusts only the pinned CA. The pair is kept (sync_state `enrolKeys`) before it is
 * sent and used again by every retry until an answer comes, so a retry after a lost answer, with
 * the same code or a new one, gets the same center at the hub (hub.service.ts enrol), not a second
 * one. Nothing else is stored unless the hub accepted the code; then the pair becomes the center's
 * key and its history starts (a new epoch, agreed with the hub at the first push).
 */
export async function enrolWithHub(
  deps: FederationDeps,
  actor: Actor,
  hubUrl: string | undefined,
  entered: string,
): Promise<FederationStatus> {
  const parsed = parseJoinCode(entered);
  if (!parsed) throw new AppError('sync.enrolment-invalid');
  const base = hubOf(parsed, hubUrl);
  const ca = await caFor(deps, base, parsed);
  const { keys, fresh } = await pendingKeys(deps);
  // A new pair the hub certainly did not register (the TLS handshake refused the server, or the hub
  // answered with a refusal) is not kept: nothing is stored then. One that may have reached it is.
  const refused = async (code: ErrorCode): Promise<never> => {
    if (fresh) await clearState(deps.db, ['enrolKeys']);
    throw new AppError(code);
  };
  let res: Response;
  try {
    res = await deps.fetch(
      `${base}/api/hub/enrol`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: parsed.code, publicKey: keys.publicKey, name: deps.centerName }),
      },
      tlsFor(ca),
    );
  } catch (e) {
    const code = transportError(e);
    if (code === 'sync.unreachable') throw new AppError(code);
    return refused(code);
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const code = (body as { code?: unknown } | null)?.code;
    if (isErrorCode(code) && res.status < 500) return refused(code);
    throw new AppError(isErrorCode(code) ? code : 'sync.unreachable');
  }
  const { nodeId, hubName, documentKey } = v.parse(EnrolResponseSchema, body);
  const fingerprint = ca ? inGroups(pinOfPem(ca)) : null;
  await deps.db.transaction().execute(async (trx) => {
    await writeState(trx, {
      hubUrl: base,
      hubName,
      nodeId,
      privateKey: keys.privateKey,
      publicKey: keys.publicKey,
      cursor: '0',
      epoch: newEpoch(),
      ...(ca ? { hubCa: ca } : {}),
    });
    if (!ca) await clearState(trx, ['hubCa']);
    // The hub's document key (a hub of this version sends it): certificates are checked here offline.
    if (documentKey) await keepKeyFromAbove(trx, documentKey, deps.now().toISOString());
    await clearState(trx, ['enrolKeys', 'hubEpoch', 'restoredSeq', 'restoredHeld', 'historyError']);
    await audit(
      trx,
      actor,
      { action: 'sync.enrol', subjectKind: 'hub', subjectId: nodeId, details: { hubUrl: base, hubName, fingerprint } },
      deps.now().toISOString(),
    );
  });
  return federationStatus(deps.db);
}

/** The key pair of an enrolment still waiting for its answer, or a new one (`fresh`), kept before it is sent. */
async function pendingKeys(
  deps: FederationDeps,
): Promise<{ keys: { publicKey: string; privateKey: string }; fresh: boolean }> {
  const kept = (await readState(deps.db)).enrolKeys;
  if (kept) return { keys: JSON.parse(kept) as { publicKey: string; privateKey: string }, fresh: false };
  const { publicKey, privateKey } = newKeyPair();
  await writeState(deps.db, { enrolKeys: JSON.stringify({ publicKey, privateKey }) });
  return { keys: { publicKey, privateKey }, fresh: true };
}

/**
 * Pins a new fingerprint from the commune (its CA was replaced): the hub's CA is fetched and
 * checked against it, then a request over a context trusting only that CA proves the server at
 * the hub's address holds a certificate from it. Only then is it stored; audited.
 */
export async function repinHub(deps: FederationDeps, actor: Actor, fingerprint: string): Promise<FederationStatus> {
  const s = await readState(deps.db);
  if (!s.nodeId || !s.hubUrl) throw new AppError('sync.not-enrolled');
  const pin = parsePin(fingerprint);
  if (!pin)
    throw new AppError('request.invalid', { reason: 'fingerprint must be 25 letters or digits (five groups of five)' });
  checkHubUrl(s.hubUrl, deps.allowInsecureHttp);
  if (!s.hubUrl.startsWith('https:'))
    throw new AppError('request.invalid', {
      reason: 'the hub is reached over plain HTTP: there is no certificate to pin',
    });
  const ca = await fetchPinnedCa(deps.fetch, s.hubUrl, pin);
  let res: Response;
  try {
    res = await deps.fetch(`${s.hubUrl}/api/kiosk`, { method: 'GET', signal: AbortSignal.timeout(15_000) }, tlsFor(ca));
    await res.body?.cancel();
  } catch (e) {
    throw new AppError(transportError(e));
  }
  if (!res.ok) throw new AppError('sync.unreachable');
  await writeState(deps.db, { hubCa: ca });
  await clearState(deps.db, ['lastError']);
  await audit(
    deps.db,
    actor,
    {
      action: 'sync.repin',
      subjectKind: 'hub',
      subjectId: s.nodeId,
      details: { hubUrl: s.hubUrl, from: s.hubCa ? inGroups(pinOfPem(s.hubCa)) : null, to: inGroups(pin) },
    },
    deps.now().toISOString(),
  );
  return federationStatus(deps.db);
}
