/**
 * The verify page a certificate's QR code opens (issue 25), on the hub and on a center alike: no
 * sign-in, no script, large type for a phone. It says in plain Vietnamese whether the certificate is
 * genuine and what it certifies (so the reader can compare it with the paper), or why it is not, with
 * the stable code. Written on the print kit's escaping template.
 */
import type { ErrorCode } from '../../../shared/errors.ts';
import type { CertificateClaims } from '../../../shared/schemas/certificate.ts';
import { errorText } from '../../../shared/i18n/vi.ts';
import { printDocument } from '../print/document.ts';
import { html, type Html } from '../print/html.ts';

/** The five titles' names, as a certificate names them. */
export const TITLE_NAMES: Record<CertificateClaims['title'], string> = {
  cdht: 'Công dân học tập',
  gdht: 'Gia đình học tập',
  dhht: 'Dòng họ học tập',
  cddht: 'Cộng đồng học tập',
  dvht: 'Đơn vị học tập',
};

/** "2026-12-01" → "01/12/2026". */
export const dayMonthYear = (iso: string): string => iso.split('-').reverse().join('/');

const STYLE = `* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 36rem; padding: 1.25rem; font-family: "Noto Sans", "DejaVu Sans", sans-serif;
  font-size: 1.25rem; line-height: 1.5; color: #111; background: #fff; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; }
.verdict { font-size: 1.6rem; font-weight: bold; padding: 0.75rem 1rem; border-radius: 0.5rem; margin: 0 0 1rem; }
.genuine .verdict { background: #e3f4e6; border: 3px solid #1b6e2b; color: #0f4d1c; }
.refused .verdict { background: #fbe4e4; border: 3px solid #a61b1b; color: #7a1010; }
.unchecked .verdict { background: #fff4d6; border: 3px solid #8a6100; color: #5c4100; }
dl { margin: 0 0 1rem; }
dt { font-weight: bold; margin-top: 0.5rem; }
dd { margin: 0; font-size: 1.4rem; }
.code { font-size: 1rem; color: #444; }`;

const page = (kind: string, code: string | null, body: Html): string =>
  printDocument(
    'Xác minh giấy công nhận',
    STYLE,
    html`<main class="${kind}" data-verdict="${kind}" data-code="${code ?? ''}">
<h1>Xác minh giấy công nhận</h1>
${body}
</main>`,
  );

export function genuinePage(c: CertificateClaims): string {
  return page(
    'genuine',
    null,
    html`<p class="verdict">✓ Giấy công nhận này là thật.</p>
<dl>
<dt>Công nhận</dt><dd data-name>${c.name}</dd>
<dt>Danh hiệu</dt><dd data-title>“${TITLE_NAMES[c.title]}” năm ${c.year}</dd>
<dt>Theo quyết định</dt><dd data-decision>Số ${c.number} ngày ${dayMonthYear(c.signedOn)}</dd>
</dl>
<p>Chữ ký số trong mã QR khớp với khóa của xã; máy này tự kiểm tra, không cần mạng.</p>
<p>Bác so với giấy: nếu tên, năm hay danh hiệu in trên giấy khác với những dòng trên, giấy đã bị sửa.</p>`,
  );
}

/**
 * Not genuine (a key not the commune's, an altered payload), no longer valid (its decision withdrawn),
 * or not checked (a cut link, no key yet, too many tries).
 */
export function refusedPage(code: ErrorCode): string {
  const forged = code === 'certificate.unknown-key' || code === 'certificate.signature-invalid';
  const withdrawn = code === 'certificate.withdrawn';
  const verdict = forged
    ? '✗ Giấy này không phải giấy thật.'
    : withdrawn
      ? '✗ Giấy này không còn giá trị.'
      : 'Chưa kiểm tra được giấy này.';
  return page(
    forged || withdrawn ? 'refused' : 'unchecked',
    code,
    html`<p class="verdict">${verdict}</p>
<p>${errorText(code)}</p>
<p class="code">Mã: ${code}</p>`,
  );
}
