import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../lib/api.ts';
import { onWrite } from '../../../../tests/support/outcome-order.ts';

const box = vi.hoisted(() => ({
  hubNodes: vi.fn(),
  hubCertificate: vi.fn(),
  createEnrolment: vi.fn(),
  revokeNode: vi.fn(),
}));
vi.mock('../api.ts', () => ({ staffApi: box }));
const { HubNodesState } = await import('./hub-nodes.svelte.ts');

const node = (id: string, name: string, status = 'active') => ({
  id,
  name,
  status,
  enrolledAt: '2026-11-20T01:00:00Z',
  lastContactAt: null,
  backlog: 0,
});
const issued = {
  code: 'K7M2P-QX9RT-3F0AB-9CDEZ-W1H4K-T8N2Q-5VJ6M',
  joinCode: 'xa-tan-son.vn:8443 K7M2P-QX9RT-3F0AB-9CDEZ-W1H4K',
  qrSvg: '<svg></svg>',
  expiresAt: '2026-11-26T01:00:00Z',
  fingerprint: '3F0AB-9CDEZ-W1H4K-T8N2Q-5VJ6M',
};

beforeEach(() => {
  for (const f of Object.values(box)) f.mockReset();
  box.hubCertificate.mockResolvedValue({ fingerprint: issued.fingerprint });
});

describe('HubNodesState', () => {
  it('opens with the centers and the hub’s fingerprint; suggests the address this page was reached by', async () => {
    box.hubNodes.mockResolvedValue([node('n1', 'TT Tân Sơn')]);
    const s = new HubNodesState();
    s.suggest('https://xa-tan-son.vn:8443');
    await s.load();
    expect(s.address).toBe('xa-tan-son.vn:8443');
    expect(s.nodes.map((n) => n.name)).toEqual(['TT Tân Sơn']);
    expect(s.fingerprint).toBe(issued.fingerprint);
    // The officer's own address is kept; plain HTTP is written in full.
    s.address = 'xa.vn';
    s.suggest('http://127.0.0.1:8080');
    expect(s.address).toBe('xa.vn');
    expect(new HubNodesState().canCreate).toBe(false);
    const fresh = new HubNodesState();
    fresh.suggest('http://127.0.0.1:8080');
    expect(fresh.address).toBe('http://127.0.0.1:8080');
  });

  it('a code is asked for with the name and address, and shown only once the list has been read again', async () => {
    box.hubNodes.mockResolvedValueOnce([]).mockResolvedValueOnce([node('n1', 'TT Tân Sơn')]);
    const s = new HubNodesState();
    await s.load();
    s.name = ' TT Tân Sơn ';
    s.address = ' xa-tan-son.vn:8443 ';
    expect(s.canCreate).toBe(true);
    box.createEnrolment.mockResolvedValue(issued);
    const said = onWrite(s, 'issued', () => s.nodes.length);
    await s.create();
    expect(box.createEnrolment).toHaveBeenCalledWith('TT Tân Sơn', 'xa-tan-son.vn:8443');
    expect(s.issued).toEqual({ name: 'TT Tân Sơn', ...issued });
    expect(said.filter((w) => w.value)).toEqual([{ value: s.issued, seen: 1 }]);
    // The address stays for the next center's code.
    expect([s.name, s.address.trim()]).toEqual(['', 'xa-tan-son.vn:8443']);
  });

  it('a refused code shows the error and no code; a revocation is said once the list shows it', async () => {
    box.hubNodes.mockResolvedValue([node('n1', 'TT Tân Sơn')]);
    const s = new HubNodesState();
    await s.load();
    s.name = 'TT Tân Sơn';
    s.address = 'xa vn';
    box.createEnrolment.mockRejectedValue(new ApiError('request.invalid', 'invalid'));
    await s.create();
    expect(s.error).toBe('request.invalid');
    expect(s.issued).toBeNull();
    expect(s.name).toBe('TT Tân Sơn');

    box.revokeNode.mockResolvedValue({ ok: true });
    box.hubNodes.mockResolvedValue([node('n1', 'TT Tân Sơn', 'revoked')]);
    const said = onWrite(s, 'done', () => s.nodes.map((n) => n.status));
    await s.revoke(s.nodes[0]!);
    expect(box.revokeNode).toHaveBeenCalledWith('n1');
    expect(s.error).toBeNull();
    expect(s.done).toBe('Đã thu hồi khóa của TT Tân Sơn.');
    expect(said.at(-1)).toEqual({ value: s.done, seen: ['revoked'] });
  });
});
