import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../../shared/errors.ts';
import { checkPack, hasProblems, type PackReport } from '../audio/check.ts';
import { hasOpusenc, renderPack, SYNTHESIZED_PACK } from '../audio/render.ts';
import { villagerTexts, type TextEntry } from '../audio/texts.ts';
import { cliConfig } from './cli-config.ts';

/**
 * Read-aloud packs for volunteers and admins:
 *   npm run audio -- list [--lang vi] [--csv out.csv]   the ids and texts to record
 *   npm run audio -- check <packDir>                     what a pack lacks or has too much of (exit 1 on problems)
 *   npm run audio -- render [--out <dir>] [--rate 130]   the box's Vietnamese clips with espeak-ng
 */

const usage = [
  'Cách dùng:',
  '  npm run audio -- list [--lang vi] [--csv danh-sach.csv]   các câu cần thu âm (mã và lời)',
  '  npm run audio -- check <thư mục gói>                      kiểm tra một gói thu âm',
  '  npm run audio -- render [--out <thư mục>] [--rate 130]    tạo giọng đọc tiếng Việt bằng espeak-ng',
].join('\n');

let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    strict: true,
    options: {
      lang: { type: 'string' },
      csv: { type: 'string' },
      out: { type: 'string' },
      rate: { type: 'string' },
      format: { type: 'string' },
    },
  });
}
try {
  parsed = parse();
} catch {
  console.error(usage);
  process.exit(2);
}
const [command, target] = parsed.positionals;
const { config, dataDir } = cliConfig();
const textsFor = (lang: string) => villagerTexts(config, lang);

/** A CSV cell that a spreadsheet opens as text (quotes doubled, no formula). */
const cell = (s: string) => `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;

function printReport(r: PackReport): void {
  const say = (title: string, lines: string[]) => {
    if (lines.length === 0) return;
    console.log(`\n${title} (${lines.length}):`);
    for (const line of lines.slice(0, 200)) console.log(`  ${line}`);
    if (lines.length > 200) console.log(`  … và ${lines.length - 200} mục nữa`);
  };
  console.log(
    `Gói ${r.pack}: ${r.manifest ? `${r.manifest.name} (${r.manifest.lang}, ${r.manifest.kind})` : 'pack.json lỗi'}; ${r.clips} đoạn, ${(r.bytes / 1e6).toFixed(1)} MB`,
  );
  say('Tệp pack.json / texts.json lỗi', r.invalid);
  say(
    'Thiếu đoạn thu âm',
    r.missing.map((e) => `${e.id}  "${e.text}"`),
  );
  say('Thừa: mã không có trong ứng dụng', r.extra);
  say('Câu có chỗ điền ({…}): không thu âm được', r.templates);
  say(
    'Lời đã đổi, cần thu lại',
    r.stale.map((s) => `${s.id}\n      đã thu: "${s.recorded}"\n      nay là: "${s.now}"`),
  );
  say('Một mã có nhiều tệp', r.duplicates);
  say('Không có trong texts.json (không kiểm tra được lời)', r.unverified);
  console.log(hasProblems(r) ? '\nGói chưa đạt.' : '\nGói đạt.');
}

async function list(lang: string, csv: string | undefined): Promise<void> {
  const all: TextEntry[] = await textsFor(lang);
  const fixed = all.filter((e) => e.fixed);
  const templates = all.filter((e) => !e.fixed);
  if (csv) {
    const rows = [
      ['id', 'text', 'fixed'].join(','),
      ...all.map((e) => [cell(e.id), cell(e.text), e.fixed ? 'yes' : 'no'].join(',')),
    ];
    // A BOM so Excel opens Vietnamese letters right; CRLF as spreadsheets expect.
    writeFileSync(resolve(csv), `\uFEFF${rows.join('\r\n')}\r\n`);
    console.log(
      `Đã ghi ${all.length} câu (${fixed.length} cần thu âm, ${templates.length} có chỗ điền) vào ${resolve(csv)}`,
    );
    return;
  }
  for (const e of fixed) console.log(`${e.id}\t${e.text}`);
  console.log(
    `\n# Câu có chỗ điền {…} (không thu âm thành một đoạn, máy đọc hoặc người hướng dẫn đọc): ${templates.length}`,
  );
  for (const e of templates) console.log(`# ${e.id}\t${e.text}`);
}

try {
  if (command === 'list') {
    await list(parsed.values.lang ?? 'vi', parsed.values.csv);
  } else if (command === 'check' && target) {
    const report = await checkPack(resolve(target), textsFor, parsed.values.lang ?? 'vi');
    printReport(report);
    process.exitCode = hasProblems(report) ? 1 : 0;
  } else if (command === 'render') {
    const out = resolve(parsed.values.out ?? join(dataDir, 'audio', SYNTHESIZED_PACK));
    const rate = parsed.values.rate ? Number(parsed.values.rate) : config.settings['audio.rate'];
    if (!Number.isInteger(rate) || rate < 80 || rate > 260)
      throw new Error('--rate: a whole number of words per minute from 80 to 260');
    const format = (parsed.values.format ?? 'auto') as 'auto' | 'opus' | 'wav';
    if (!['auto', 'opus', 'wav'].includes(format)) throw new Error('--format: auto, opus or wav');
    if (format === 'auto' && !hasOpusenc())
      console.log(
        'Chưa có opusenc (gói opus-tools): lưu dạng WAV, lớn hơn khoảng 20 lần. Cài: sudo apt-get install opus-tools',
      );
    const entries = await textsFor('vi');
    let last = 0;
    const r = await renderPack({
      dir: out,
      entries,
      rate,
      format,
      onProgress: (done, total) => {
        if (done === total || done - last >= 100) {
          last = done;
          console.log(`  ${done}/${total}`);
        }
      },
    });
    console.log(
      `Xong: ${r.rendered} đoạn mới, ${r.kept} giữ nguyên, ${r.removed} bỏ đi. Gói ${out}: ${r.clips} đoạn, ${(r.bytes / 1e6).toFixed(1)} MB (${r.format}).`,
    );
  } else {
    console.error(usage);
    process.exitCode = 2;
  }
} catch (e) {
  console.error(e instanceof AppError ? `${e.code}: ${e.message}` : (e as Error).message);
  process.exitCode = 1;
}
