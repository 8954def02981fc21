import { Hono } from 'hono';
import { X509Certificate } from 'node:crypto';
import { securityHeadersFor } from '../http/headers.ts';
import { isLoopback, peerAddress } from '../http/throttle.ts';

/**
 * What plain HTTP gives a tablet on the LAN: the provisioning page (how to install the box's
 * certificate authority on an Android tablet, with pictures, and a QR code that opens the HTTPS
 * address), the CA file itself, and a redirect to HTTPS for anything else. Once the CA is installed
 * the page notices that HTTPS works and goes there by itself.
 */

export const CA_FILE = 'hoctap-ca.crt';

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The HTTPS address of the box as the tablet named it (its IP or host name), on the HTTPS port. */
export function httpsUrlFor(requestUrl: string, tlsPort: number, path = '/'): string {
  const host = new URL(requestUrl).hostname;
  return `https://${host}${tlsPort === 443 ? '' : `:${tlsPort}`}${path}`;
}

type Fetch = (request: Request, env?: unknown) => Response | Promise<Response>;

/**
 * Who answers on plain HTTP: the app for a connection from this machine itself (127.0.0.0/8, ::1:
 * a secure context without HTTPS), the provisioning app for anyone else. Decided by the socket's
 * peer address, never by what the request names: its Host header, or an absolute request target,
 * are whatever a client on the Wi-Fi wants them to be. No socket at all gets the provisioning app.
 */
export function plainHttpFetch(app: Fetch, provisioning: Fetch): Fetch {
  return (request, env) => {
    const address = peerAddress(env);
    return address !== 'local' && isLoopback(address) ? app(request, env) : provisioning(request, env);
  };
}

/** Simple drawings for each step: a tablet screen with what to tap. */
const picture = (inner: string) =>
  `<svg viewBox="0 0 160 220" width="160" height="220" role="img" aria-hidden="true"><rect x="6" y="6" width="148" height="208" rx="16" fill="#fff" stroke="#1f3b2d" stroke-width="4"/>${inner}</svg>`;
const pictures = {
  download: picture(
    '<path d="M80 50v70m-28-28 28 28 28-28" fill="none" stroke="#2e7d4f" stroke-width="10" stroke-linecap="round" stroke-linejoin="round"/><rect x="36" y="140" width="88" height="14" rx="7" fill="#2e7d4f"/><text x="80" y="186" font-size="15" text-anchor="middle" fill="#1f3b2d">hoctap-ca.crt</text>',
  ),
  settings: picture(
    '<circle cx="80" cy="70" r="26" fill="none" stroke="#1f3b2d" stroke-width="9"/><g stroke="#1f3b2d" stroke-width="9" stroke-linecap="round"><path d="M80 30v10M80 100v10M40 70h10M110 70h10M52 42l7 7M101 91l7 7M52 98l7-7M101 49l7-7"/></g><rect x="26" y="128" width="108" height="18" rx="6" fill="#e3efe6"/><rect x="26" y="154" width="108" height="18" rx="6" fill="#2e7d4f"/><rect x="26" y="180" width="108" height="18" rx="6" fill="#e3efe6"/>',
  ),
  install: picture(
    '<path d="M80 36l38 14v30c0 26-17 44-38 52-21-8-38-26-38-52V50z" fill="#e3efe6" stroke="#2e7d4f" stroke-width="7"/><path d="M62 82l13 13 25-27" fill="none" stroke="#2e7d4f" stroke-width="9" stroke-linecap="round" stroke-linejoin="round"/><rect x="36" y="160" width="88" height="26" rx="13" fill="#2e7d4f"/><text x="80" y="178" font-size="14" text-anchor="middle" fill="#fff">Chứng chỉ CA</text>',
  ),
  open: picture(
    '<rect x="30" y="40" width="100" height="100" rx="6" fill="none" stroke="#1f3b2d" stroke-width="5"/><rect x="40" y="50" width="28" height="28" fill="#1f3b2d"/><rect x="92" y="50" width="28" height="28" fill="#1f3b2d"/><rect x="40" y="102" width="28" height="28" fill="#1f3b2d"/><rect x="84" y="96" width="12" height="12" fill="#1f3b2d"/><rect x="104" y="112" width="12" height="12" fill="#1f3b2d"/><path d="M58 178h44m-14-14 14 14-14 14" fill="none" stroke="#2e7d4f" stroke-width="8" stroke-linecap="round" stroke-linejoin="round"/>',
  ),
};

/** A file, not an inline script, so that the page's CSP allows scripts from the box alone. */
const SCRIPT_FILE = 'provisioning.js';
const SCRIPT = `// Once the certificate is installed, HTTPS answers: go there without another tap.
(function () {
  var status = document.getElementById('status');
  var httpsUrl = status.getAttribute('data-https-url');
  fetch(new URL('/api/kiosk', httpsUrl).href, { mode: 'no-cors', cache: 'no-store' })
    .then(function () { status.textContent = 'Máy này đã cài chứng chỉ. Đang mở ứng dụng…'; location.href = httpsUrl; })
    .catch(function () {});
})();
`;

async function page(opts: { centerName: string; httpsUrl: string; caFingerprint: string }): Promise<string> {
  const qr = await (
    await import('qrcode')
  ).default.toString(opts.httpsUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  const steps: [keyof typeof pictures, string, string][] = [
    [
      'download',
      'Bước 1. Tải chứng chỉ',
      `Bấm nút <strong>Tải chứng chỉ của trung tâm</strong> bên dưới. Máy tải về tệp <strong>${CA_FILE}</strong>.`,
    ],
    [
      'settings',
      'Bước 2. Mở Cài đặt',
      'Vào <strong>Cài đặt</strong> → <strong>Bảo mật</strong> (hoặc Bảo mật và quyền riêng tư) → <strong>Mã hóa và thông tin xác thực</strong> (hoặc Cài đặt khác) → <strong>Cài đặt chứng chỉ</strong>.',
    ],
    [
      'install',
      'Bước 3. Cài chứng chỉ CA',
      `Chọn <strong>Chứng chỉ CA</strong>, bấm <strong>Vẫn cài đặt</strong>, rồi chọn tệp <strong>${CA_FILE}</strong> trong mục Tải xuống.`,
    ],
    [
      'open',
      'Bước 4. Mở ứng dụng',
      'Quét mã QR hoặc bấm <strong>Mở ứng dụng</strong>. Sau đó thêm vào màn hình chính để dùng cả khi mất mạng.',
    ],
  ];
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cài đặt máy tính bảng — ${esc(opts.centerName)}</title>
<link rel="icon" href="data:,">
<style>
body{font-family:system-ui,'Noto Sans',Roboto,sans-serif;margin:0;padding:1.2rem;color:#1f3b2d;background:#f6f8f5;font-size:1.15rem;line-height:1.5}
h1{font-size:1.6rem;margin:.2rem 0 .6rem}.lead{max-width:46rem}
.steps{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:1rem;margin:1rem 0;padding:0;list-style:none}
.steps li{background:#fff;border:2px solid #cfdcd2;border-radius:14px;padding:.8rem;text-align:center}
.steps h2{font-size:1.2rem;margin:.4rem 0}.steps p{text-align:left;margin:.3rem 0}
.button{display:inline-flex;align-items:center;justify-content:center;min-height:56px;padding:0 1.4rem;border-radius:14px;font-weight:700;text-decoration:none;background:#2e7d4f;color:#fff;margin:.3rem .6rem .3rem 0}
.button.secondary{background:#fff;color:#2e7d4f;border:3px solid #2e7d4f}
.qr{width:12rem;height:12rem;background:#fff;padding:.4rem;border-radius:10px}.qr svg{width:100%;height:100%}
.open{display:flex;flex-wrap:wrap;gap:1.2rem;align-items:center}.note{font-size:.95rem;color:#4a5d50;word-break:break-all}
</style></head><body>
<main>
<h1>Cài đặt máy tính bảng để dùng kiosk học tập</h1>
<p class="lead">${esc(opts.centerName)}. Làm <strong>một lần</strong> cho mỗi máy tính bảng: cài chứng chỉ của trung tâm, để máy mở được ứng dụng an toàn và dùng được cả khi mất mạng.</p>
<p><a class="button" href="/${CA_FILE}" download="${CA_FILE}" data-testid="ca-download">Tải chứng chỉ của trung tâm</a></p>
<ol class="steps">${steps.map(([pic, title, text]) => `<li>${pictures[pic]}<h2>${title}</h2><p>${text}</p></li>`).join('')}</ol>
<div class="open">
  <div class="qr" role="img" aria-label="Mã QR mở ứng dụng: ${esc(opts.httpsUrl)}">${qr}</div>
  <div><p><a class="button secondary" href="${esc(opts.httpsUrl)}" data-testid="open-app">Mở ứng dụng</a></p>
  <p class="note">Địa chỉ: ${esc(opts.httpsUrl)}</p>
  <p class="note">Mã nhận dạng chứng chỉ (SHA-256), để cán bộ kiểm tra: ${esc(opts.caFingerprint)}</p></div>
</div>
<p class="note" id="status" role="status" data-https-url="${esc(opts.httpsUrl)}"></p>
</main>
<script src="/${SCRIPT_FILE}"></script>
</body></html>`;
}

/** The plain-HTTP app for tablets on the LAN. */
export function provisioningApp(opts: { centerName: string; tlsPort: number; caCert: () => string }) {
  return (
    new Hono()
      // The same headers as the app; the page may also ask the HTTPS address whether it answers.
      .use(
        '*',
        securityHeadersFor({
          plainHttpOnly: true,
          connectSrc: [(c) => new URL(httpsUrlFor(c.req.url, opts.tlsPort)).origin],
        }),
      )
      .get(`/${SCRIPT_FILE}`, (c) =>
        c.body(SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }),
      )
      // DER, the form Android's "install a CA certificate" reads most reliably, with the CA content type.
      .get(`/${CA_FILE}`, (c) => {
        const der = new X509Certificate(opts.caCert()).raw;
        return c.body(new Uint8Array(der), 200, {
          'content-type': 'application/x-x509-ca-cert',
          'content-disposition': `attachment; filename="${CA_FILE}"`,
          'cache-control': 'no-cache',
        });
      })
      .get('/', async (c) => {
        c.header('cache-control', 'no-store');
        return c.html(
          await page({
            centerName: opts.centerName,
            httpsUrl: httpsUrlFor(c.req.url, opts.tlsPort),
            caFingerprint: new X509Certificate(opts.caCert()).fingerprint256,
          }),
        );
      })
      // Anything else is the app: over HTTPS.
      .all('*', (c) => {
        const url = new URL(c.req.url);
        return c.redirect(httpsUrlFor(c.req.url, opts.tlsPort, url.pathname + url.search), 308);
      })
  );
}
