import { formatVietnamDateTime } from '../../../shared/domain/vietnam-time.ts';

/**
 * What the backup and restore commands (and the kiosk's log, for the nightly backup) say to the
 * administrator: short, plain Vietnamese. Keys are the backup.* error codes and a few outcomes.
 */
type Details = Record<string, unknown>;

const str = (x: unknown) => (typeof x === 'string' ? x : '');
const num = (x: unknown) => (typeof x === 'number' ? x : 0);
const list = (x: unknown, max = 5) => {
  const items = Array.isArray(x) ? x.map(String) : [];
  return items.length > max ? `${items.slice(0, max).join(', ')} và ${items.length - max} tệp khác` : items.join(', ');
};

/** 1,5 GB / 56,7 MB / 300 KB, as read in Vietnam (decimal comma). */
export function formatBytes(bytes: number): string {
  const units: [number, string][] = [
    [1e9, 'GB'],
    [1e6, 'MB'],
    [1e3, 'KB'],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) return `${(bytes / size).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} ${unit}`;
  }
  return `${bytes} byte`;
}

export function backupMessage(key: string, d: Details, action: 'backup' | 'restore' = 'backup'): string {
  switch (key) {
    case 'done':
      return `Đã sao lưu vào ${str(d.path)} (${num(d.files).toLocaleString('vi-VN')} tệp, ${formatBytes(num(d.bytes))}).`;
    case 'restored':
      return [
        `Đã khôi phục bản sao lưu ngày ${formatVietnamDateTime(str(d.createdAt))} (${num(d.files).toLocaleString('vi-VN')} tệp) vào ${str(d.dataDir)}.`,
        d.previousKeptIn ? `Dữ liệu cũ được giữ lại ở ${str(d.previousKeptIn)}.` : '',
        'Bây giờ có thể bật lại phần mềm kiosk.',
      ]
        .filter(Boolean)
        .join(' ');
    case 'damaged-sources':
      return `Cảnh báo: ${list(d.files)} trên máy bị hỏng (nội dung không khớp tên). Đã sao lưu nguyên trạng; hãy báo cho người hỗ trợ kỹ thuật.`;
    case 'backup.damaged':
      return `Bản sao lưu bị hỏng: ${list(d.files)}, không khôi phục.`;
    case 'backup.not-found': {
      const found = Array.isArray(d.backups) ? d.backups.map(String) : [];
      return found.length > 0
        ? `Không thấy bản sao lưu ngay trong ${str(d.path)}. Trong thư mục này có: ${found.join(', ')}. Hãy chọn một bản, ví dụ: npm run restore -- --from ${found[0]}`
        : `Không thấy bản sao lưu ở ${str(d.path)} (thiếu tệp manifest.json).`;
    }
    case 'backup.newer-version':
      return `Bản sao lưu này do phiên bản phần mềm mới hơn tạo ra. Hãy cập nhật phần mềm kiosk trước, rồi khôi phục.`;
    case 'backup.target-not-empty':
      return `Thư mục dữ liệu ${str(d.dataDir)} đã có dữ liệu, không khôi phục. Nếu chắc chắn muốn thay bằng bản sao lưu, chạy lại lệnh và thêm --force (dữ liệu cũ sẽ được giữ lại ở một thư mục riêng).`;
    case 'backup.kiosk-running':
      return 'Phần mềm kiosk đang chạy trên dữ liệu này. Hãy tắt phần mềm kiosk trước, rồi khôi phục.';
    case 'backup.folder-missing':
      return `Không thấy thư mục ${str(d.path)}. USB đã cắm vào máy chưa?`;
    case 'backup.no-data':
      return `Không thấy dữ liệu của kiosk ở ${str(d.dataDir)}.`;
    case 'backup.postgres':
      return 'Cơ sở dữ liệu đang ở PostgreSQL: hãy sao lưu bằng pg_dump. Lệnh này chỉ sao lưu dữ liệu SQLite của máy trung tâm.';
    case 'backup.no-space':
      return typeof d.neededBytes === 'number'
        ? `Không đủ chỗ trống để sao lưu: cần ${formatBytes(num(d.neededBytes))}, chỉ còn ${formatBytes(num(d.freeBytes))}.`
        : 'Hết chỗ trống khi đang sao lưu. Hãy dùng USB khác hoặc xóa bớt bản sao lưu cũ.';
    default:
      if (action === 'restore' && d.stage === 'swap') {
        return `Khôi phục bị dừng giữa chừng (${str(d.reason)}). Dữ liệu cũ được giữ ở ${str(d.previousKeptIn) || 'thư mục dữ liệu'}, bản sao lưu vẫn nguyên vẹn: hãy chạy lại lệnh với --force.`;
      }
      return action === 'restore'
        ? `Không khôi phục được (${str(d.reason) || key}). Dữ liệu hiện có không bị thay đổi.`
        : `Sao lưu không thành công (${str(d.reason) || key}).`;
  }
}
