/**
 * When each Node.js release line stops getting security fixes (its end of life), from the Node.js
 * release schedule. Add a row when a new LTS line comes; nothing else needs to change.
 */
export const nodeEndOfLife: Readonly<Record<number, string>> = {
  18: '2025-04-30',
  20: '2026-04-30',
  22: '2027-04-30',
  24: '2028-04-30',
  26: '2029-04-30',
};

/** The release line the kiosk is built and tested on (kiosk-config/install/node.sh fetches it). */
export const SUPPORTED_NODE_MAJOR = 24;

const WARN_BEFORE_DAYS = 90;

export interface NodeSupport {
  version: string;
  major: number;
  /** Its end of life, when the table knows the line. */
  endOfLife: string | null;
  status: 'ok' | 'warn';
  /** One line in Vietnamese for the administrator. */
  message: string;
}

const dmy = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');

/** Whether the Node running the box still gets security fixes, said plainly with what to do. */
export function nodeSupport(version: string, now: Date): NodeSupport {
  const major = Number(/^v?(\d+)/.exec(version)?.[1] ?? 0);
  const endOfLife = nodeEndOfLife[major] ?? null;
  const update = `Chạy lại lệnh cài đặt (sudo bash kiosk-config/install/install.sh) để dùng Node.js ${SUPPORTED_NODE_MAJOR}.`;
  if (
    major < SUPPORTED_NODE_MAJOR - 2 ||
    (endOfLife !== null && Date.parse(`${endOfLife}T23:59:59Z`) < now.getTime())
  ) {
    return {
      version,
      major,
      endOfLife,
      status: 'warn',
      message: `Node.js ${version} đã hết hạn hỗ trợ${endOfLife ? ` từ ngày ${dmy(endOfLife)}` : ''}: không còn được vá lỗi bảo mật. ${update}`,
    };
  }
  if (endOfLife !== null && Date.parse(`${endOfLife}T23:59:59Z`) - now.getTime() < WARN_BEFORE_DAYS * 86_400_000) {
    return {
      version,
      major,
      endOfLife,
      status: 'warn',
      message: `Node.js ${version} sắp hết hạn hỗ trợ (ngày ${dmy(endOfLife)}). ${update}`,
    };
  }
  return {
    version,
    major,
    endOfLife,
    status: 'ok',
    message: `Node.js ${version}${endOfLife ? `, được vá lỗi bảo mật đến ngày ${dmy(endOfLife)}` : ''}.`,
  };
}
