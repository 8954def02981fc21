import { inGroups } from '../../../shared/schemas/enrolment.ts';
import type { Db } from '../db/database.ts';
import { countAfter } from '../outbox/outbox.repository.ts';
import { pinOfPem } from './ca-pin.ts';
import { tlsFor, type HubTls } from './pinned-fetch.ts';
import { readState } from './sync-state.repository.ts';

/** What the center administrator sees, in plain words on the screen. */
export interface FederationStatus {
  enrolled: boolean;
  hubUrl: string | null;
  hubName: string | null;
  /** The pinned CA's fingerprint as the commune gives it (XXXXX-…), or null. */
  fingerprint: string | null;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  /** Outbox changes not yet acknowledged by the hub. */
  waiting: number;
  lastError: { code: string; at: string } | null;
  /** Changes the hub received from this center's box before it was restored, which no backup held (issue 21). */
  lostChanges: number;
  /** The center and its hub do not agree on which changes the hub holds: nothing goes up until someone looks (lastError says why). */
  historyUnresolved: boolean;
}

/** The TLS context of a request to the hub outside a push (the health check's): its pinned CA, or the system's roots. */
export async function hubTls(db: Db): Promise<HubTls> {
  return tlsFor((await readState(db)).hubCa);
}

export async function federationStatus(db: Db): Promise<FederationStatus> {
  const s = await readState(db);
  const cursor = Number(s.cursor ?? 0);
  const waiting = await countAfter(db, cursor);
  return {
    enrolled: Boolean(s.nodeId),
    hubUrl: s.hubUrl ?? null,
    hubName: s.hubName ?? null,
    fingerprint: s.hubCa ? inGroups(pinOfPem(s.hubCa)) : null,
    lastSuccessAt: s.lastSuccessAt ?? null,
    lastAttemptAt: s.lastAttemptAt ?? null,
    waiting,
    lastError: s.lastError ? (JSON.parse(s.lastError) as { code: string; at: string }) : null,
    lostChanges: Number(s.lostChanges ?? 0),
    historyUnresolved: s.historyError !== undefined,
  };
}
