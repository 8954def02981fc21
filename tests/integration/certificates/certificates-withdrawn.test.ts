import { describe, expect, it } from 'vitest';
import { communeForFile, sync, verifyOn } from './certificates-setup.ts';

/**
 * Issue 25: a certificate whose decision the commune withdrew after printing it is still signed
 * by the hub, but no longer holds: the hub that withdrew it says so at once, and the center once
 * the withdrawal has reached it in the feed. Not counted as a forged try.
 */

const shared = communeForFile();

describe('a certificate of a withdrawn decision', () => {
  it('verifies before the withdrawal, and is refused as withdrawn after it, on the hub and then on the center', async () => {
    const { hub, hubStaff, center, centerStaff, decisionId } = shared.commune;
    for (const box of [hub, center]) expect((await verifyOn(box, shared.tokens[0]!)).verdict).toBe('genuine');

    const revoked = await hub.json(
      'POST',
      `/api/staff/hub/decisions/${decisionId}/revoke`,
      { reason: 'Ghi nhầm số quyết định' },
      hubStaff.admin,
    );
    expect(revoked.status).toBe(200);
    const onHub = await verifyOn(hub, shared.tokens[0]!);
    expect({ status: onHub.status, verdict: onHub.verdict, code: onHub.code }).toEqual({
      status: 410,
      verdict: 'refused',
      code: 'certificate.withdrawn',
    });
    expect(onHub.html).toContain('Giấy này không còn giá trị.');

    // The center learns of it with its next sync; until then it has only the signature to go by.
    expect((await verifyOn(center, shared.tokens[0]!)).verdict).toBe('genuine');
    await sync(center, centerStaff.admin);
    for (const t of shared.tokens) expect((await verifyOn(center, t)).code).toBe('certificate.withdrawn');

    // Not a forger's try: the readers of 30 withdrawn certificates are never made to wait.
    for (let i = 0; i < 25; i++) expect((await verifyOn(hub, shared.tokens[0]!, '192.168.1.70')).status).toBe(410);
  });
});
