import { describe, expect, it } from 'vitest';
import { startBanner } from './lan.ts';

describe('the start banner (issue 24)', () => {
  it('a center tells how to open it on a tablet, with the certificate QR code', async () => {
    const text = await startBanner('192.168.1.20', 80, 'TTHTCĐ xã Tân Sơn', 443);
    expect(text).toContain('Mở trên máy tính bảng');
    expect(text).toContain('quét mã này để cài chứng chỉ');
    expect(text).toContain('https://192.168.1.20/');
  });

  it('a hub names its commune and where officers sign in, with no tablet instructions', async () => {
    const text = await startBanner('192.168.1.30', 80, 'Xã Tân Sơn, Tỉnh Phú Thọ', 443, null, true);
    expect(text).toContain('Máy chủ của Xã Tân Sơn, Tỉnh Phú Thọ đang chạy');
    expect(text).toContain('https://192.168.1.30/staff');
    expect(text).not.toMatch(/máy tính bảng|tablet|chứng chỉ/i);
    expect(text).toContain('http://127.0.0.1:80/staff');
  });
});
