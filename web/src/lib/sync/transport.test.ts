import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../db/db.ts';
import { fetchTransport } from './transport.ts';

/** The outbox's requests carry the token the item was queued with; a refusal of it is set aside like others. */
const item = (token?: string): OutboxItem => ({
  seq: 1,
  kind: 'household-facts',
  personId: 'p',
  recordId: 'h',
  year: 2026,
  body: { schoolAgeChildren: 0, allChildrenInSchool: null },
  state: 'pending',
  attempts: 0,
  createdAt: '2026-11-23T03:00:00.000Z',
  ...(token ? { token } : {}),
});

function recording(status: number, body: unknown) {
  const seen: Headers[] = [];
  const fetchImpl = (async (_input: RequestInfo | URL, init?: RequestInit) => {
    seen.push(new Headers(init?.headers));
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { seen, fetchImpl };
}

describe('fetchTransport', () => {
  it('sends the token stored on the item in X-Villager-Token', async () => {
    const { seen, fetchImpl } = recording(200, {});
    expect(await fetchTransport(fetchImpl)(item('t'.repeat(43)))).toEqual({ kind: 'sent', response: {} });
    expect(seen[0]!.get('x-villager-token')).toBe('t'.repeat(43));
    expect(seen[0]!.get('content-type')).toBe('application/json');
  });

  it('sends an item queued by an older version without the header', async () => {
    const { seen, fetchImpl } = recording(200, {});
    await fetchTransport(fetchImpl)(item());
    expect(seen[0]!.has('x-villager-token')).toBe(false);
  });

  it("sends a paused digital-skills check to the person's draft at the box", async () => {
    const paths: string[] = [];
    const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
      paths.push(`${init?.method} ${String(input)}`);
      return new Response('{"draft":null}', { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    const paused: OutboxItem = {
      seq: 2,
      kind: 'digital-draft',
      personId: 'p',
      recordId: 'a',
      state: 'pending',
      attempts: 0,
      createdAt: '2026-11-23T03:00:00.000Z',
      body: {
        attemptId: 'a',
        bankId: 'digital-2025',
        bankVersion: '2025.1',
        startedAt: '2026-11-23T02:40:00.000Z',
        index: 1,
        responses: { DS01: { kind: 'self-rating', step: 3 } },
      },
    };
    expect(await fetchTransport(fetchImpl)(paused)).toEqual({ kind: 'sent', response: { draft: null } });
    expect(paths).toEqual(['PUT /api/people/p/digital-draft']);
  });

  it('takes a 401 villager.token-required as a refusal with its reason, not as "not now"', async () => {
    const { fetchImpl } = recording(401, { code: 'villager.token-required', message: 'Phiên làm việc đã hết.' });
    expect(await fetchTransport(fetchImpl)(item())).toEqual({
      kind: 'refused',
      code: 'villager.token-required',
      message: 'Phiên làm việc đã hết.',
    });
  });
});
