import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchBrowser, startKiosk, tabletContext } from '../tests/support/kiosk-process.ts';
import { serverBundle } from './common.ts';

/**
 * Catalog search on the tablet: 5,000 resources imported into a real kiosk, fetched by a real
 * Chromium tab into IndexedDB, then queries typed one keystroke at a time into the villager's search
 * box with the CPU slowed fourfold (a low-end tablet). Each keystroke is timed from the input event
 * to the list redrawn and laid out (Svelte's update, the search, the DOM, style and layout).
 */

export const RESOURCES = 5_000;
const THROTTLE = 4;
/** What villagers type: without accents, with a typo, a short prefix, a teacher, several words. */
const QUERIES = [
  'hoc may tinh',
  'dien thoai',
  'trong lua',
  'chan nuoi heo',
  'dich vu cong',
  'an toan mang',
  'co mai',
  'tieng anh giao tiep',
  'phong chong lua dao',
  'nuoi ong',
];

export interface SearchFigures {
  resources: number;
  cpuThrottle: number;
  keystrokes: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** The catalog fetched and stored on a tablet that had none, as the villager opens the screen. */
  firstLoadMs: number;
}

const TOPICS = [
  'Kỹ năng số',
  'Nông nghiệp',
  'Chăn nuôi',
  'Sức khỏe',
  'Dịch vụ công',
  'An toàn trên mạng',
  'Ngoại ngữ',
  'Pháp luật',
  'Văn hóa',
  'Nghề thủ công',
];
const SUBJECTS = [
  'máy tính',
  'điện thoại thông minh',
  'trồng lúa',
  'nuôi heo',
  'nuôi ong',
  'làm vườn',
  'dịch vụ công trực tuyến',
  'phòng chống lừa đảo',
  'tiếng Anh giao tiếp',
  'sơ cứu',
  'dinh dưỡng trẻ em',
  'luật đất đai',
  'hát then',
  'đan lát',
  'thanh toán bằng mã QR',
  'Zalo',
  'VNeID',
  'bảo hiểm y tế',
  'trồng nấm',
  'chăm sóc người cao tuổi',
];
const FORMS = ['Lớp học', 'Tài liệu in', 'Video', 'Tài liệu'];
const LEADS = ['Học', 'Hướng dẫn', 'Cẩm nang', 'Kỹ thuật', 'Thực hành', 'Làm quen với', 'Nâng cao'];
const TEACHERS = ['Cô Mai', 'Thầy Hùng', 'Anh Dũng', 'Chị Hoa', 'Bác Tâm'];

/** A deterministic catalog of RESOURCES rows, as a facilitator's spreadsheet (CSV). */
function catalogCsv(resources: number): string {
  let s = 7;
  const rnd = (n: number) => (s = (s * 1103515245 + 12345) % 2 ** 31) % n;
  const rows = ['Loại,Tiêu đề,Chủ đề,Mô tả,Chỉ số,Người dạy,Nơi học,Các buổi'];
  for (let i = 0; i < resources; i++) {
    const form = FORMS[rnd(FORMS.length)]!;
    const subject = SUBJECTS[rnd(SUBJECTS.length)]!;
    const title = `${LEADS[rnd(LEADS.length)]} ${subject} ${i + 1}`;
    const cls = form === 'Lớp học';
    rows.push(
      [
        form,
        title,
        TOPICS[rnd(TOPICS.length)],
        `Nội dung về ${subject} cho bà con trong xã`,
        `CS0${1 + rnd(9)}`,
        cls ? TEACHERS[rnd(TEACHERS.length)] : '',
        cls ? 'Phòng học trung tâm' : '',
        cls ? `${1 + rnd(28)}/12/2026 08:00` : '',
      ].join(','),
    );
  }
  return rows.join('\r\n');
}

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const round = (x: number) => Math.round(x * 10) / 10;

/** Smaller sizes for the smoke test: fewer resources, fewer queries typed. */
export interface SearchOptions {
  resources?: number;
  queries?: number;
}

export async function searchBench({
  resources = RESOURCES,
  queries = QUERIES.length,
}: SearchOptions = {}): Promise<SearchFigures> {
  const root = resolve(import.meta.dirname, '..');
  if (!existsSync(join(root, 'dist/web/index.html')))
    execFileSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
  await serverBundle();
  const kiosk = await startKiosk({ bundled: true });
  const browser = await launchBrowser();
  try {
    const who = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Nguyễn Thị Hoa', pin: '246810', setupCode: kiosk.setupCode }),
    };
    const setup = await fetch(`${kiosk.url}/api/staff/setup`, who);
    const cookie = setup.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const imported = await fetch(`${kiosk.url}/api/staff/resources/import`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'text/csv' },
      body: catalogCsv(resources),
    });
    if (!imported.ok) throw new Error(`import failed: ${await imported.text()}`);

    const context = await tabletContext(browser, { serviceWorker: true });
    const page = await context.newPage();
    await page.goto(kiosk.url);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    const opened = Date.now();
    await page.getByTestId('open-resources').click();
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="resource-count"]')?.textContent?.includes(String(n)),
      resources,
      { timeout: 120_000 },
    );
    const firstLoadMs = Date.now() - opened;
    // Let the index build that follows the first draw finish.
    await page.waitForTimeout(2_000);

    // Plain JavaScript in the page (a string: the TypeScript loader would add helpers the page lacks).
    const times = await page.evaluate<number[]>(`(async (queries) => {
      const input = document.querySelector('input[name="resource-search"]');
      // A macrotask without the 4 ms clamp of nested timers: by then Svelte has flushed its update.
      const tick = () => new Promise((done) => { const ch = new MessageChannel(); ch.port1.onmessage = () => done(); ch.port2.postMessage(0); });
      const out = [];
      for (const q of queries) {
        for (let i = 1; i <= q.length; i++) {
          const t0 = performance.now();
          input.value = q.slice(0, i);
          input.dispatchEvent(new Event('input', { bubbles: true }));
          await tick();
          void document.body.offsetHeight; // style and layout of the new list
          out.push(performance.now() - t0);
        }
        input.value = '';
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((done) => setTimeout(done, 50));
      }
      return out;
    })(${JSON.stringify(QUERIES.slice(0, queries))})`);
    await context.close();
    return {
      resources,
      cpuThrottle: THROTTLE,
      keystrokes: times.length,
      medianMs: round(quantile(times, 0.5)),
      p95Ms: round(quantile(times, 0.95)),
      maxMs: round(Math.max(...times)),
      firstLoadMs,
    };
  } finally {
    await browser.close();
    await kiosk.stop();
  }
}
