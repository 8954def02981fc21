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
 * The lines printed at start, for people (Vietnamese and English): where to open the kiosk, with a
 * QR code of the first LAN address, then where the staff screens are and how the first administrator
 * is made (`setupCode`, while the box has none). With HTTPS (`tlsPort`), tablets use the HTTPS
 * address; the QR code opens the plain-HTTP provisioning page, which installs the box's certificate
 * once and then goes on to HTTPS itself.
 */
export async function startBanner(
  host: string,
  port: number,
  centerName: string,
  tlsPort?: number,
  setupCode: string | null = null,
  hub = false,
): Promise<string> {
  const listensEverywhere = host === '0.0.0.0' || host === '::';
  const ips = listensEverywhere ? lanAddresses() : [host];
  if (hub) return hubBanner(ips, port, centerName, tlsPort, setupCode);
  const lines = [`Kiosk của ${centerName} đang chạy. / The kiosk of ${centerName} is running.`, ''];
  if (ips.length === 0) {
    lines.push(
      `  Không thấy mạng LAN: chỉ mở được trên máy này / No LAN found: open it on this machine only, http://127.0.0.1:${port}/`,
    );
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
  lines.push(`  Trên máy này / On this machine: http://127.0.0.1:${port}/`, '');
  // Staff open the same addresses under /staff (over HTTPS once the tablet trusts the box).
  const staffUrls = [
    ...ips.map((ip) =>
      tlsPort === undefined
        ? `http://${ip}:${port}/staff`
        : `https://${ip}${tlsPort === 443 ? '' : `:${tlsPort}`}/staff`,
    ),
    `http://127.0.0.1:${port}/staff`,
  ];
  lines.push(...staffBanner(staffUrls, setupCode));
  return lines.join('\n');
}

/**
 * A hub's lines (issue 24): no villager tablets come to it, so no tablet instructions and no
 * certificate QR code: only where its officers sign in, and how the first administrator is made.
 */
function hubBanner(ips: string[], port: number, name: string, tlsPort: number | undefined, setupCode: string | null) {
  const lines = [`Máy chủ của ${name} đang chạy / The hub of ${name} is running.`, ''];
  const staffUrls = [
    ...ips.map((ip) =>
      tlsPort === undefined
        ? `http://${ip}${port === 80 ? '' : `:${port}`}/staff`
        : `https://${ip}${tlsPort === 443 ? '' : `:${tlsPort}`}/staff`,
    ),
    `http://127.0.0.1:${port}/staff`,
  ];
  lines.push(...staffBanner(staffUrls, setupCode, '  Cán bộ đăng nhập tại / Officers sign in at:'));
  return lines.join('\n');
}

/**
 * How staff reach their screens and, while the box has no administrator, how the first one is made
 * with the setup code: printed in the start banner (so it is in the service's journal too), in
 * Vietnamese and English, for whoever reads the console.
 */
export function staffBanner(
  staffUrls: readonly string[],
  setupCode: string | null,
  heading = '  Màn hình cán bộ (trên máy tính bảng hoặc máy tính) / Staff screens (on a tablet or a computer):',
): string[] {
  const lines = [heading];
  for (const url of staffUrls) lines.push(`    ${url}`);
  if (setupCode) {
    lines.push(
      '',
      '  Máy chưa có người quản trị. Tạo người quản trị đầu tiên: mở trang trên, nhập mã cài đặt',
      `  ${setupCode}, họ tên và mã PIN 6 số. Mã chỉ dùng được một lần; xem lại: npm run staff -- setup-code`,
      '  No administrator yet. To make the first one, open the page above and enter the setup code',
      `  ${setupCode}, a name and a 6-digit PIN. The code works once; show it again: npm run staff -- setup-code`,
    );
  } else {
    lines.push(
      '  Người quản trị quên mã PIN / An administrator who forgot the PIN: npm run staff -- reset-pin "Họ và tên"',
    );
  }
  return lines;
}
