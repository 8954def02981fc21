import { networkInterfaces } from 'node:os';

/** IPv4 addresses the tablets can reach, skipping loopback and link-local. */
export function lanAddresses(): string[] {
  const found: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.family === 'IPv4' && !a.internal && !a.address.startsWith('169.254.')) found.push(a.address);
    }
  }
  return found;
}

/** A QR code drawn in the console (qrcode is loaded on first use, not with the server). */
const terminalQr = async (text: string): Promise<string> =>
  (await import('qrcode')).default.toString(text, { type: 'terminal', small: true });

/**
 * The lines printed at start: where to open the kiosk, with a QR code of the first LAN address.
 * With HTTPS (`tlsPort`), tablets use the HTTPS address; the QR code opens the plain-HTTP
 * provisioning page, which installs the box's certificate once and then goes on to HTTPS itself.
 */
export async function startBanner(
  host: string,
  port: number,
  centerName: string,
  tlsPort?: number,
  hub = false,
): Promise<string> {
  const listensEverywhere = host === '0.0.0.0' || host === '::';
  const ips = listensEverywhere ? lanAddresses() : [host];
  if (hub) return hubBanner(ips, port, centerName, tlsPort);
  const lines = [`Kiosk của ${centerName} đang chạy.`, ''];
  if (ips.length === 0) {
    lines.push(`  Không thấy mạng LAN: chỉ mở được trên máy này, http://127.0.0.1:${port}/`);
  } else if (tlsPort === undefined) {
    const urls = ips.map((ip) => `http://${ip}:${port}/`);
    lines.push('  Mở trên máy tính bảng (cùng mạng Wi-Fi) / Open on a tablet on the same Wi-Fi:');
    for (const url of urls) lines.push(`    ${url}`);
    lines.push('', await terminalQr(urls[0]!));
  } else {
    lines.push('  Mở trên máy tính bảng (cùng mạng Wi-Fi) / Open on a tablet on the same Wi-Fi:');
    for (const ip of ips) lines.push(`    https://${ip}${tlsPort === 443 ? '' : `:${tlsPort}`}/`);
    lines.push(
      '',
      '  Lần đầu trên mỗi máy tính bảng, quét mã này để cài chứng chỉ của trung tâm /',
      "  First time on each tablet, scan this to install the center's certificate:",
    );
    const provisioning = `http://${ips[0]}${port === 80 ? '' : `:${port}`}/`;
    lines.push(`    ${provisioning}`, '', await terminalQr(provisioning));
  }
  lines.push(`  On this machine: http://127.0.0.1:${port}/`);
  return lines.join('\n');
}

/**
 * A hub's lines (issue 24): no villager tablets come to it, so no tablet instructions and no
 * certificate QR code: only where its officers sign in.
 */
function hubBanner(ips: string[], port: number, name: string, tlsPort?: number): string {
  const lines = [`Máy chủ của ${name} đang chạy / The hub of ${name} is running.`, ''];
  if (ips.length > 0) {
    lines.push('  Cán bộ đăng nhập tại / Officers sign in at:');
    for (const ip of ips)
      lines.push(
        tlsPort === undefined
          ? `    http://${ip}${port === 80 ? '' : `:${port}`}/staff`
          : `    https://${ip}${tlsPort === 443 ? '' : `:${tlsPort}`}/staff`,
      );
  }
  lines.push(`  On this machine: http://127.0.0.1:${port}/staff`);
  return lines.join('\n');
}
