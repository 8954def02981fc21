import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../lib/api.ts';
import { onWrite } from '../../../../tests/support/outcome-order.ts';

const box = vi.hoisted(() => ({ federation: vi.fn(), enrol: vi.fn(), syncNow: vi.fn(), repin: vi.fn() }));
vi.mock('../api.ts', () => ({ staffApi: box }));
const { FederationState } = await import('./federation.svelte.ts');

const status = (over: Record<string, unknown> = {}) => ({
  enrolled: false,
  hubUrl: null,
  hubName: null,
  fingerprint: null,
  lastSuccessAt: null,
  lastAttemptAt: null,
  waiting: 3,
  lastError: null,
  lostChanges: 0,
  historyUnresolved: false,
  ...over,
});
const enrolled = status({ enrolled: true, hubUrl: 'https://xa.vn:8443', hubName: 'Xã Tân Sơn', fingerprint: 'F' });
const JOIN = 'xa.vn:8443 K7M2P-QX9RT-3F0AB-9CDEZ-W1H4K';

beforeEach(() => {
  for (const f of Object.values(box)) f.mockReset();
  box.federation.mockResolvedValue(status());
});

describe('FederationState', () => {
  it('asks for the address only when a whole code carries none', () => {
    const s = new FederationState();
    s.code = 'xa.vn:8443 K7M2P';
    expect(s.needsAddress).toBe(false);
    s.code = JOIN;
    expect(s.needsAddress).toBe(false);
    s.code = 'K7M2P-QX9RT-3F0AB-9CDEZ-W1H4K-T8N2Q-5VJ6M';
    expect(s.needsAddress).toBe(true);
  });

  it('joins by the code alone, then syncs at once; says so once the state after the first sync is shown', async () => {
    const s = new FederationState();
    await s.load();
    s.code = ` ${JOIN} `;
    s.hubUrl = 'https://left-over.example';
    box.enrol.mockResolvedValue({ ...enrolled, waiting: 3 });
    box.syncNow.mockResolvedValue({ ...enrolled, waiting: 0 });
    const said = onWrite(s, 'done', () => s.status?.waiting);
    await s.enrol();
    expect(box.enrol).toHaveBeenCalledWith(JOIN, undefined);
    expect(box.syncNow).toHaveBeenCalledTimes(1);
    expect(s.status).toMatchObject({ enrolled: true, waiting: 0 });
    expect(s.done).toBe('Đã đăng ký với Xã Tân Sơn và chạy lần đồng bộ đầu tiên.');
    expect(said.filter((w) => w.value)).toEqual([{ value: s.done, seen: 0 }]);
    expect([s.code, s.hubUrl, s.error]).toEqual(['', '', null]);
  });

  it('sends the address typed only for a code without one; a first sync that cannot run still shows the enrolment', async () => {
    const s = new FederationState();
    s.code = 'K7M2P-QX9RT';
    s.hubUrl = 'https://xa.vn';
    box.enrol.mockResolvedValue(enrolled);
    box.syncNow.mockRejectedValue(new ApiError('network', 'down'));
    box.federation.mockResolvedValue({ ...enrolled, lastError: { code: 'sync.unreachable', at: 'x' } });
    await s.enrol();
    expect(box.enrol).toHaveBeenCalledWith('K7M2P-QX9RT', 'https://xa.vn');
    expect(s.status).toMatchObject({ enrolled: true, lastError: { code: 'sync.unreachable' } });
    expect(s.error).toBeNull();
  });

  it('a refused code keeps what was typed, shows the code and no message', async () => {
    const s = new FederationState();
    await s.load();
    s.code = JOIN;
    box.enrol.mockRejectedValue(new ApiError('sync.tls-pin-mismatch', 'mismatch'));
    await s.enrol();
    expect(s.error).toBe('sync.tls-pin-mismatch');
    expect(s.done).toBeNull();
    expect(s.code).toBe(JOIN);
    expect(s.status).toMatchObject({ enrolled: false });
    expect(box.syncNow).not.toHaveBeenCalled();
  });

  it('a scanned code enrols at once; a camera that cannot open leaves typing', async () => {
    const s = new FederationState();
    box.enrol.mockResolvedValue(enrolled);
    box.syncNow.mockResolvedValue(enrolled);
    await s.scan(async () => {
      expect(s.scanning).toBe(true);
      return `${JOIN}\n`;
    });
    expect(box.enrol).toHaveBeenCalledWith(JOIN, undefined);
    expect(s.scanning).toBe(false);

    const t = new FederationState();
    await t.scan(() => Promise.reject(new Error('NotAllowedError')));
    expect([t.scanFailed, t.scanning]).toEqual([true, false]);
    await t.scan(async () => null);
    expect(box.enrol).toHaveBeenCalledTimes(1);
  });

  it('re-pins and says so once the new state is shown', async () => {
    const s = new FederationState();
    box.federation.mockResolvedValue(enrolled);
    await s.load();
    s.fingerprint = ' 3F0AB-9CDEZ-W1H4K-T8N2Q-5VJ6M ';
    box.repin.mockResolvedValue({ ...enrolled, fingerprint: '3F0AB-9CDEZ-W1H4K-T8N2Q-5VJ6M' });
    const said = onWrite(s, 'done', () => s.status?.fingerprint);
    await s.repin();
    expect(box.repin).toHaveBeenCalledWith('3F0AB-9CDEZ-W1H4K-T8N2Q-5VJ6M');
    expect(said.filter((w) => w.value)).toEqual([
      { value: 'Đã cập nhật dấu vân tay chứng chỉ.', seen: '3F0AB-9CDEZ-W1H4K-T8N2Q-5VJ6M' },
    ]);
    expect(s.fingerprint).toBe('');
  });
});
