import type { OutboxItem } from '../../db/db.ts';
import { withVillagerToken } from '../api.ts';
import type { SendOutcome } from './outbox.ts';

/** Statuses that mean "not now" rather than "no": the box is starting, busy or behind a proxy. */
const retryable = new Set([408, 425, 429, 500, 502, 503, 504]);

function request(item: OutboxItem): { path: string; init: RequestInit } {
  switch (item.kind) {
    case 'person':
      return { path: `/api/people/${item.recordId}`, init: json(item.body) };
    case 'assessment':
      return { path: `/api/assessments/${item.recordId}`, init: json(item.body) };
    case 'digital-attempt':
      return { path: `/api/digital-attempts/${item.recordId}`, init: json(item.body) };
    case 'digital-draft':
      // One per person at the box: the newer pause replaces the older.
      return { path: `/api/people/${item.personId}/digital-draft`, init: json(item.body) };
    case 'learning-plan':
      return { path: `/api/learning-plans/${item.recordId}`, init: json(item.body) };
    case 'household':
      return { path: `/api/households/${item.recordId}`, init: json(item.body) };
    case 'household-member':
      // A link retried after a lost answer is a no-op at the box: she is already a member there.
      return { path: `/api/households/${item.householdId}/members`, init: json(item.body, 'POST') };
    case 'household-facts':
      return { path: `/api/households/${item.recordId}/facts/${item.year}`, init: json(item.body) };
    case 'model-assessment':
      return { path: `/api/model-assessments/${item.recordId}`, init: json(item.body) };
    case 'photo':
      return {
        path: `/api/assessments/${item.assessmentId}/evidence/${item.recordId}?indicator=${encodeURIComponent(item.indicatorId)}`,
        init: { method: 'PUT', headers: { 'content-type': item.blob.type || 'image/jpeg' }, body: item.blob },
      };
  }
}

function json(body: unknown, method: 'PUT' | 'POST' = 'PUT'): RequestInit {
  return { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** Sends one outbox item with `fetch` and sorts the answer into sent, refused or unreachable. */
export function fetchTransport(fetchImpl: typeof fetch = (...a) => globalThis.fetch(...a), base = '') {
  return async (item: OutboxItem): Promise<SendOutcome> => {
    const { path, init } = request(item);
    let res: Response;
    try {
      // The token the villager's session had when the change was made: the box accepts her writes
      // with it for weeks, so a change that waited out a box switched off still gets in. Items
      // queued by an older version have none: the box refuses them unless a facilitator is signed in.
      res = await fetchImpl(`${base}${path}`, withVillagerToken(item.token, init));
    } catch {
      return { kind: 'unreachable' };
    }
    if (retryable.has(res.status)) return { kind: 'unreachable' };
    const body = (await res.json().catch(() => null)) as { code?: string; message?: string } | null;
    if (res.ok) return { kind: 'sent', response: body };
    if (typeof body?.code !== 'string') return { kind: 'unreachable' };
    return { kind: 'refused', code: body.code, message: body.message ?? res.statusText };
  };
}
