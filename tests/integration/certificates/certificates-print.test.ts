import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/config/load.ts';
import { certificatesHtml } from '../../../server/src/hub/decisions/papers/certificates.html.ts';
import { verifyUrl, type CertificateBatch } from '../../../server/src/hub/decisions/papers/certificates.ts';
import { sheetsOf } from './certificates-setup.ts';

/**
 * Issue 25: certificates print in batches, two A5 landscape on each A4 sheet, each with its QR code
 * holding its verify link (a recorded decision's print at the hub: certificates-verify.test.ts).
 */

const batch = (names: string[]): CertificateBatch => ({
  agency: ['ỦY BAN NHÂN DÂN', 'XÃ TÂN LẬP'],
  issuerUpper: 'ỦY BAN NHÂN DÂN XÃ TÂN LẬP',
  achievement: 'Đạt danh hiệu “Công dân học tập” năm 2026',
  decisionLine: '(Quyết định số 15/QĐ-UBND ngày 01/12/2026 của Ủy ban nhân dân xã Tân Lập)',
  placeAndDate: 'Tân Lập, ngày 01 tháng 12 năm 2026',
  signerLines: ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'],
  signerName: 'Nguyễn Văn Hùng',
  number: '15/QĐ-UBND',
  certificates: names.map((name, i) => ({
    claims: { title: 'cdht', year: 2026, name, number: '15/QĐ-UBND', signedOn: '2026-12-01' },
    details: ['Năm sinh: 1960', 'Nơi cư trú: Thôn Đồng Chằm'],
    verifyUrl: verifyUrl('https://hoctap.tanlap.gov.vn/', `payload${i}.signature${i}`),
  })),
});

describe('the certificates of a decision, printed', () => {
  it('puts two A5 landscape certificates on each A4 sheet, each with its QR code', async () => {
    const names = ['Hoàng Văn Páo', 'Lò Thị Xuân', 'Đặng Văn Quý', 'Nguyễn Thị Lan', '<script>alert(1)</script>'];
    const html = await certificatesHtml(batch(names));
    expect(sheetsOf(html)).toEqual([names.slice(0, 2), names.slice(2, 4), ['&lt;script&gt;alert(1)&lt;/script&gt;']]);
    expect(html).not.toContain('<script>');
    // A4 sheets with no margin, each certificate the height of half of one (A5 landscape: 210 × 148 mm).
    expect(html).toContain('@page { size: A4 portrait; margin: 0; }');
    expect(html).toMatch(/\.sheet \{ width: 210mm; height: 296mm;[^}]*break-after: page/);
    expect(html).toMatch(/\.certificate \{ width: 210mm; height: 148mm;/);
    // One QR code per certificate, holding its verify link.
    expect(html.match(/<svg /g)).toHaveLength(names.length);
    expect(html).toContain('data-verify-url="https://hoctap.tanlap.gov.vn/api/xac-minh?c=payload0.signature0"');
  });

  it('takes the verify address from documents.verifyUrl, and a start stops on one that is not an address', () => {
    const configDir = resolve(import.meta.dirname, '../../../kiosk-config');
    const env = (url: string) => ({ KIOSK_DOCUMENTS_VERIFY_URL: url });
    expect(loadConfig({ configDir, env: env('https://hoctap.tanlap.gov.vn') }).settings['documents.verifyUrl']).toBe(
      'https://hoctap.tanlap.gov.vn',
    );
    for (const bad of ['hoctap.tanlap.gov.vn', 'https://hoctap.tanlap.gov.vn/xac-minh', 'javascript:alert(1)'])
      expect(() => loadConfig({ configDir, env: env(bad) }), bad).toThrow(/documents\.verifyUrl/);
  });
});
