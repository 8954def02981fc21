import { createHash, randomInt, X509Certificate } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../../../shared/errors.ts';
import { personCodeAlphabet } from '../../../../shared/schemas/person.ts';
import { addressText, inGroups } from '../../../../shared/schemas/enrolment.ts';
import { certificatePin, codeCheck } from '../../sync/ca-pin.ts';
import type { EnrolRequest } from '../../../../shared/sync/protocol.ts';
import { audit, type Actor } from '../../audit/audit.ts';
import { publicKeyFrom } from '../../sync/signing.ts';
import type { DocumentKey } from '../../../../shared/schemas/certificate.ts';
import { ownPublicKey } from '../../certificates/document-key.ts';
import type { HubDeps } from '../context/hub.context.ts';
import * as repo from './hub.repository.ts';

/** The registry of nodes below: enrolment by one-time code, the list the officer sees, revocation. */

const hashCode = (code: string) => createHash('sha256').update(code.replace(/[\s-]/g, '').toUpperCase()).digest('hex');

/**
 * A one-time enrolment code for a named center: 10 characters from the slip alphabet. The officer
 * gives it as a join code (shared/schemas/enrolment.ts): the hub's address `hubUrl`, the code and,
 * when the hub has its own CA (`ca`, PEM), the code's 15-character check of that CA, which the
 * center verifies before it pins the CA: `xa.vn:8443 XXXXX-XXXXX-CCCCC-CCCCC-CCCCC`. Also answered:
 * the older form with the CA's plain fingerprint, XXXXX-XXXXX-PPPPP-… (seven groups, no address).
 * Only the code's hash is stored; the fingerprint is the CA's, the same for every code.
 */
export async function createEnrolment(
  deps: HubDeps,
  actor: Actor,
  name: string,
  ca: string | null,
  hubUrl: string,
): Promise<{ code: string; joinCode: string; expiresAt: string; fingerprint: string | null }> {
  const der = ca ? new X509Certificate(ca).raw : null;
  const fingerprint = der ? inGroups(certificatePin(der)) : null;
  let raw = '';
  for (let i = 0; i < 10; i++) raw += personCodeAlphabet[randomInt(personCodeAlphabet.length)];
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + deps.enrolmentHours * 3600_000).toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const row = {
      code_hash: hashCode(raw),
      name,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      used_at: null,
      node_id: null,
    };
    await repo.insertEnrolment(trx, row);
    await audit(
      trx,
      actor,
      { action: 'hub.enrolment-create', subjectKind: 'hub-node', details: { name, expiresAt, fingerprint, hubUrl } },
      now.toISOString(),
    );
  });
  const code = `${raw.slice(0, 5)}-${raw.slice(5)}`;
  const joined = der ? `${code}-${inGroups(codeCheck(raw, der))}` : code;
  return {
    code: fingerprint ? `${code}-${fingerprint}` : code,
    joinCode: `${addressText(hubUrl)} ${joined}`,
    expiresAt,
    fingerprint,
  };
}

/**
 * Registers a center's public key against a valid, unused, unexpired code; the code then dies.
 * A center that lost the answer asks again with the key it sent (it keeps it until it is enrolled),
 * so enrolment is idempotent by key: the spent code with that same key answers the node it made,
 * and a new code with the key of an active node never heard from since is spent on that node
 * rather than making a second one. A spent code with another key, or the key of a node that has
 * pushed, is refused and changes nothing.
 */
export async function enrol(
  deps: HubDeps,
  req: EnrolRequest,
): Promise<{ nodeId: string; hubName: string; documentKey: DocumentKey }> {
  if (!publicKeyFrom(req.publicKey))
    throw new AppError('request.invalid', { reason: 'publicKey must be an Ed25519 SPKI key' });
  const at = deps.now().toISOString();
  const nodeId = await deps.db.transaction().execute(async (trx) => {
    const enrolment = await repo.findEnrolment(trx, hashCode(req.code));
    if (!enrolment) throw new AppError('sync.enrolment-invalid');
    const holder = await repo.findActiveNodeByKey(trx, req.publicKey);
    if (enrolment.used_at) {
      if (holder && enrolment.node_id === holder.id) return holder.id;
      throw new AppError('sync.enrolment-invalid');
    }
    if (enrolment.expires_at <= at) throw new AppError('sync.enrolment-invalid');
    const retry = holder && holder.last_seq === 0 && holder.epoch === null;
    if (holder && !retry) throw new AppError('sync.enrolment-invalid');
    const id = holder?.id ?? uuidv7();
    // Spent only if still unspent: two answers to one code can never make two nodes.
    if (!(await repo.spendEnrolment(trx, enrolment.code_hash, id, at))) throw new AppError('sync.enrolment-invalid');
    if (!holder) {
      await repo.insertNode(trx, {
        id,
        name: enrolment.name,
        public_key: req.publicKey,
        status: 'active',
        enrolled_at: at,
        last_contact_at: at,
        last_seq: 0,
        backlog: 0,
      });
    }
    await audit(
      trx,
      null,
      {
        action: holder ? 'hub.enrol-again' : 'hub.enrol',
        subjectKind: 'hub-node',
        subjectId: id,
        details: { name: enrolment.name, calledItself: req.name },
      },
      at,
    );
    return id;
  });
  // The public half of the hub's document key, so the center checks certificates offline from now on.
  return { nodeId, hubName: deps.hubName, documentKey: await ownPublicKey(deps.db, at) };
}

/** The registry of nodes below, as the commune officer sees it. */
export async function listNodes(deps: HubDeps) {
  return (await repo.listNodes(deps.db)).map((n) => ({
    id: n.id,
    name: n.name,
    status: n.status,
    enrolledAt: n.enrolled_at,
    lastContactAt: n.last_contact_at,
    backlog: n.backlog,
    lastSeq: n.last_seq,
  }));
}

export async function revoke(deps: HubDeps, actor: Actor, nodeId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    // A staff route: an unknown id is not found (401 would tell the officer's screen her session ended).
    if (!(await repo.findNode(trx, nodeId))) throw new AppError('hub.node-not-found');
    await repo.revokeNode(trx, nodeId);
    await audit(
      trx,
      actor,
      { action: 'hub.revoke', subjectKind: 'hub-node', subjectId: nodeId },
      deps.now().toISOString(),
    );
  });
}
