import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DigitalBank } from '../../shared/schemas/digital-bank.ts';
import { build, people } from '../fixtures/people.ts';
import { staff } from '../fixtures/staff.ts';
import { AccessibilityReport, focusNotShown, overflowAtTextScale, smallTargets } from './axe.ts';
import { adminApi, firstAdmin, launchBrowser, startKiosk, tabletContext, watchErrors, type RunningKiosk } from './kiosk.ts';
import { addPhoto, answer, answerAll, indicatorIds, next, submit } from './villager.ts';

/**
 * Every screen and state a villager, a facilitator, an appraiser, an administrator and a commune
 * officer can reach, audited with axe-core (WCAG 2.0/2.1/2.2 A and AA: a serious or critical
 * violation fails); every screen also needs targets of at least 48×48 px and no sideways scrolling
 * at 200 % text on a 10-inch tablet (1280×800). The staff's and the hub's screens are checked on that
 * tablet held both ways (1280×800 and 800×1280), at 100 % and 200 % text, and with a visible focus
 * ring on every stop of the Tab order (`AccessibilityReport.staff` in axe.ts). 200 % text there is
 * the root size at 40 px, as the villager's text-size picture sets it: the app is sized in rem, so
 * this is what a facilitator turning up the tablet's text size gets (text and what holds it grow,
 * the window does not), rather than page zoom, which would shrink the window instead.
 */

let center: RunningKiosk;
let hub: RunningKiosk;
let browser: Browser;
beforeAll(async () => {
  [center, hub] = await Promise.all([startKiosk(), startKiosk({ env: { KIOSK_ROLE: 'hub' } })]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([center?.stop(), hub?.stop()]);
});

const day = 86_400_000;
/** A minute-aligned instant, as the staff form would enter it. */
const at = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString();

/** The center's catalog: a class this week and one that has begun, printed matter, a stored video, a link. */
async function seedCatalog(api: Awaited<ReturnType<typeof adminApi>>) {
  const put = async (body: Record<string, unknown>) => expect((await api('PUT', `/api/staff/resources/${build.id()}`, body)).status).toBe(200);
  await put({ kind: 'class', title: 'Lớp dùng điện thoại thông minh', topic: 'Kỹ năng số', teacher: 'Cô Mai', place: 'Phòng học trung tâm', indicators: ['CS05'], sessions: [{ startsAt: at(Date.now() - 3_600_000) }, { startsAt: at(Date.now() + 2 * day) }] });
  await put({ kind: 'printed', title: 'Sổ tay dịch vụ công trực tuyến', topic: 'Dịch vụ công', indicators: ['CS05'] });
  await put({ kind: 'link', title: 'Sử dụng điện thoại an toàn', topic: 'An toàn trên mạng', url: 'https://example.vn/an-toan', indicators: ['CS05'], domains: ['safety'] });
  const video = new Uint8Array(20_000).map((_, i) => i % 251);
  video.set([0, 0, 0, 24, ...new TextEncoder().encode('ftypisom')]);
  const stored = await api('POST', '/api/staff/media', video);
  await put({ kind: 'video', title: 'Nhận biết tin nhắn lừa đảo', topic: 'An toàn trên mạng', indicators: ['CS05'], domains: ['safety'], file: { ...stored.body, name: 'lua-dao.mp4' } });
}

/**
 * The registry with one of each: a household of two (so the head can be handed over), a clan, and a
 * unit with a worker linked, so every tab of "Gia đình, dòng họ, đơn vị" has a row with its forms.
 */
async function seedRegistry(api: Awaited<ReturnType<typeof adminApi>>) {
  const village = 'Thôn Đồng Chằm';
  const made: { name: string; code: string; birthYear: number }[] = [];
  for (const [name, birthYear] of [['Đinh Văn Lực', 1980], ['Đinh Thị Nga', 1985]] as const) {
    const res = await api('PUT', `/api/people/${build.id()}`, { name, birthYear, village, consents: { assessment: true, publicList: true, statistics: true } });
    expect(res.status).toBe(200);
    made.push({ name, code: res.body.code as string, birthYear });
  }
  const [head, member] = made as [typeof made[0], typeof made[0]];
  const household = build.id();
  expect((await api('PUT', `/api/households/${household}`, { village, headCode: head.code, headBirthYear: head.birthYear })).status).toBe(200);
  expect((await api('POST', `/api/households/${household}/members`, { code: member.code, birthYear: member.birthYear, move: true })).status).toBe(200);
  expect((await api('POST', '/api/staff/clans', { id: build.id(), name: 'Họ Đinh thôn Đồng Chằm', representative: 'Ông Đinh Văn Tâm' })).status).toBe(200);
  const unit = build.id();
  expect((await api('POST', '/api/staff/units', { id: unit, name: 'Hợp tác xã chè Đồng Chằm', kind: 'cooperative', village })).status).toBe(200);
  expect((await api('PUT', `/api/staff/units/${unit}/staff-count/${new Date().getFullYear()}`, { count: 3 })).status).toBe(200);
  expect((await api('POST', `/api/staff/units/${unit}/members`, { code: member.code, birthYear: member.birthYear })).status).toBe(200);
  return { head: head.name, member: member.name, household };
}

/**
 * The four other titles at the center, for the hub's screens: a household's self-assessment the
 * branch appraised as passing, and a village's and a unit's self-assessments (the commune's to
 * appraise), all submitted, so they go up with the next push.
 */
async function seedModels(api: Awaited<ReturnType<typeof adminApi>>) {
  const village = 'Thôn Gò Chè';
  const answers = (values: Record<string, number | boolean>) => Object.entries(values).map(([itemId, value]) => ({ itemId, value }));
  const submit = async (title: string, subjectId: string, values: Record<string, number | boolean>) => {
    const current = await api('GET', `/api/model-assessments/current/${title}/${encodeURIComponent(subjectId)}`);
    const set = current.body.set as { id: string; version: string };
    const id = (current.body.assessment as { id: string } | null)?.id ?? build.id();
    const res = await api('PUT', `/api/model-assessments/${id}`, { title, subjectId, criteriaSetId: set.id, criteriaSetVersion: set.version, answers: answers(values), status: 'submitted' });
    expect(res.status).toBe(200);
    return id;
  };
  const head = await api('PUT', `/api/people/${build.id()}`, { name: 'Hà Thị Nhung', birthYear: 1968, village, consents: { assessment: true, publicList: true, statistics: true } });
  const household = build.id();
  expect((await api('PUT', `/api/households/${household}`, { village, headCode: head.body.code, headBirthYear: 1968 })).status).toBe(200);
  const full = { 'G1.2': 10, 'G1.3': 10, 'G2.2': 10, 'G2.3': 5, 'G3.1': 10, 'G3.2': 10, 'G4.1': 10, 'G4.2': 10 };
  const assessed = await submit('gdht', household, full);
  expect((await api('PUT', `/api/staff/model-appraisals/${assessed}`, { answers: answers(full) })).status).toBe(200);
  await submit('cddht', village, { 'C1.1': true, 'C1.2': true, 'C4.1': true, 'C4.2': true, 'C5.1': true, 'C5.2': true, 'C5.3': true });
  const unit = build.id();
  expect((await api('POST', '/api/staff/units', { id: unit, name: 'Trường mầm non Gò Chè', kind: 'school', village })).status).toBe(200);
  expect((await api('PUT', `/api/staff/units/${unit}/staff-count/${new Date().getFullYear()}`, { count: 12 })).status).toBe(200);
  await submit('dvht', unit, { 'U1.3': true, 'U2.1': true, 'U2.2': false, 'U3.1': true, 'U3.2': false });
  return { household: 'Gia đình ông/bà Hà Thị Nhung', village, unit: 'Trường mầm non Gò Chè' };
}

async function signIn(page: Page, url: string, who: { name: string; pin: string }) {
  await page.goto(`${url}/staff`);
  await page.getByLabel('Họ và tên', { exact: true }).fill(who.name);
  await page.getByLabel('Mã PIN (6 số)').fill(who.pin);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.getByRole('heading', { name: new RegExp(who.name) }).waitFor();
}

const tile = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();
const back = (page: Page) => page.locator('nav.staff-nav').getByRole('button', { name: 'Quay lại' }).click();

describe('accessibility of every screen', () => {
  it('the checks themselves find a small target, a focus that does not show and a page that scrolls sideways at 200 % text', async () => {
    const context = await tabletContext(browser);
    const page = await context.newPage();
    await page.setContent(`<html style="font-size: 20px"><body>
      <style>:focus-visible { outline: 4px solid #000; } .bare:focus { outline: none; } .wide { width: 30rem; }</style>
      <button class="small" style="height: 30px">Nhỏ</button>
      <button class="bare" style="height: 60px; width: 60px">Không viền</button>
      <label class="choice"><input type="radio" name="k" /> Chính thức</label>
      <label style="display: block; min-height: 48px"><input type="checkbox" /> Đủ lớn</label>
      <button disabled style="height: 20px">Tắt</button>
      <p>Đọc <a href="#doc">hướng dẫn</a> trước khi làm.</p>
      <p><a class="alone" href="#alone">Một mình</a></p>
      <div class="wide">Rộng</div>
    </body></html>`);
    expect((await smallTargets(page)).map((t) => t.element)).toEqual(['button.small "Nhỏ"', 'label.choice[name=k] "Chính thức"', 'a.alone "Một mình"']);
    expect(await focusNotShown(page)).toEqual(['button.bare "Không viền"']);
    await page.setViewportSize({ width: 800, height: 1280 });
    expect(await overflowAtTextScale(page)).not.toBeNull();
    expect(await page.evaluate(() => document.documentElement.style.fontSize)).toBe('20px');
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await overflowAtTextScale(page)).toBeNull();
    await context.close();
  });

  it('the villager: welcome to result slip, resources, learning plan, digital-skills check, status panel, find by code', async () => {
    const api = await adminApi(center.url);
    await seedCatalog(api);
    const report = new AccessibilityReport();
    const context = await tabletContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);

    await page.goto(center.url);
    await page.getByRole('button', { name: /Tôi là người mới/ }).waitFor();
    await report.villager(page, 'welcome');

    // Resources: the list, a filter, a video opened.
    await page.getByTestId('open-resources').click();
    await page.getByTestId('resource').nth(3).waitFor();
    await report.villager(page, 'resources');
    await page.getByTestId('filter-kind-video').click();
    await expect.poll(() => page.getByTestId('resource').count()).toBe(1);
    await page.getByRole('button', { name: 'Xem video' }).click();
    await page.getByTestId('resource-video').waitFor();
    await report.villager(page, 'resources, filtered, a video open');
    await page.getByTestId('filter-kind-video').click();
    await page.getByRole('button', { name: 'Quay lại' }).click();

    // Registration: empty, then with its errors shown, then filled in.
    await page.getByRole('button', { name: /Tôi là người mới/ }).click();
    await page.getByLabel('Họ và tên', { exact: true }).waitFor();
    await report.villager(page, 'register, empty');
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await page.getByRole('alert').locator('li').first().waitFor();
    await report.villager(page, 'register, errors shown');
    await page.getByLabel('Họ và tên', { exact: true }).fill('Đinh Thị Hồng');
    await page.getByLabel('Năm sinh', { exact: true }).fill('1957');
    await page.getByRole('button', { name: 'Thôn Đồng Chằm' }).click();
    await page.locator('input[name="consent-assessment"]').check();
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await page.getByRole('heading', { name: 'Bác làm công việc gì?' }).waitFor();
    await report.villager(page, 'choose group');

    // An indicator, then with a photo added; the rest answered (CS05 low, for the plan).
    await page.locator('button[data-group="nhom-1"]').click();
    await answer(page, 'CS01', 8);
    await report.villager(page, 'indicator');
    await addPhoto(page, 'CS01');
    await report.villager(page, 'indicator with a photo');
    await next(page);
    await answerAll(page, Object.fromEntries(indicatorIds.slice(1).map((id) => [id, id === 'CS05' ? 3 : 8])));
    await page.getByRole('heading', { name: 'Xem lại trước khi gửi' }).waitFor();
    await report.villager(page, 'review');
    await submit(page);
    await page.locator('.qr svg').waitFor();
    await page.getByText('Đã gửi về trung tâm').waitFor();
    const code = (await page.getByTestId('person-code').textContent())?.trim() ?? '';
    await report.villager(page, 'result slip');

    // The learning plan: suggestions, then saved.
    await page.getByTestId('start-plan').click();
    await page.getByTestId('plan').waitFor();
    await page.getByTestId('resource').first().waitFor();
    await report.villager(page, 'learning plan');
    await page.getByTestId('resource').filter({ hasText: 'Sổ tay dịch vụ công trực tuyến' }).getByRole('button', { name: 'Trong tháng này' }).click();
    await page.getByTestId('save-plan').click();
    await page.getByTestId('plan-saved').waitFor();
    await report.villager(page, 'learning plan, saved');
    await page.getByRole('button', { name: 'Xong', exact: true }).click();
    await page.getByRole('heading', { name: 'Đã gửi bài tự đánh giá' }).waitFor();

    // The digital-skills check: the first item of each kind (self-ratings and choices answered), then the result.
    const bank = await (await fetch(`${center.url}/api/digital/bank`)).json() as DigitalBank;
    await page.getByTestId('start-digital').click();
    const kinds = new Set<string>();
    for (const [n, item] of bank.items.entries()) {
      const section = page.locator(`section[data-testid="digital-item"][data-item-id="${item.id}"]`);
      await section.waitFor();
      const kind = item.kind === 'practical' ? item.task.type : item.kind;
      if (item.kind === 'self-rating') await section.locator('button[data-step="2"]').click();
      if (item.kind === 'choice') await section.locator('button[data-option-id]').first().click();
      if (!kinds.has(kind)) {
        kinds.add(kind);
        await report.villager(page, `digital-skills check, item ${n + 1} (${kind})`);
      }
      await page.getByRole('button', { name: n === bank.items.length - 1 ? 'Nộp bài' : 'Câu tiếp', exact: true }).click();
    }
    await page.getByTestId('digital-overall').waitFor();
    await report.villager(page, 'digital-skills result');
    await page.getByRole('button', { name: 'Xong', exact: true }).click();
    await page.getByRole('heading', { name: 'Đã gửi bài tự đánh giá' }).waitFor();
    // Straight away again: the slip says from when she may retake it.
    await page.getByTestId('start-digital').click();
    await page.getByTestId('digital-too-soon').waitFor();
    await report.villager(page, 'result slip, retake too soon');
    await page.getByRole('button', { name: 'Xong', exact: true }).click();

    // The facilitator's status panel, from the welcome screen.
    await page.getByRole('button', { name: /Người hướng dẫn: tình trạng máy/ }).click();
    await page.getByRole('heading', { name: 'Tình trạng máy tính bảng' }).waitFor();
    await report.villager(page, 'status panel');
    await page.getByRole('button', { name: 'Đóng', exact: true }).click();

    // Find by code: the form, a code not found, then "is this you?".
    await page.getByRole('button', { name: /Tôi đã có thẻ/ }).click();
    await page.getByLabel(/Mã trên phiếu/).waitFor();
    await report.villager(page, 'find by code');
    await page.getByLabel(/Mã trên phiếu/).fill(code === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ');
    await page.getByLabel('Năm sinh', { exact: true }).fill('1957');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.locator('.find .error').waitFor();
    await report.villager(page, 'find by code, not found');
    await page.getByLabel(/Mã trên phiếu/).fill(code);
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByRole('button', { name: 'Đúng, là tôi' }).waitFor();
    await report.villager(page, 'find by code, is this you');

    expect(errors).toEqual([]);
    await context.close();

    // The idle prompt: a session left alone (the tablet's clock moved on past the idle time).
    const idleContext = await tabletContext(browser);
    await idleContext.clock.install();
    const idlePage = await idleContext.newPage();
    await idlePage.goto(center.url);
    await idlePage.getByRole('button', { name: /Tôi là người mới/ }).click();
    await idlePage.getByLabel('Họ và tên', { exact: true }).waitFor();
    await idlePage.clock.fastForward('03:01');
    await idlePage.getByRole('alertdialog').waitFor();
    await report.villager(idlePage, 'idle prompt');
    await idlePage.getByRole('button', { name: 'Tôi vẫn ở đây' }).click();
    await idleContext.close();
    report.assertClean();
  });

  it('the villager in English and simple mode: welcome with its picture settings, registration, the score levels, a level opened, review', async () => {
    const report = new AccessibilityReport();
    const context = await tabletContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(center.url);
    await page.getByTestId('lang-en').click();
    await page.getByTestId('pref-simple').click();
    await page.getByTestId('pref-always-read').click();
    await page.getByRole('heading', { name: 'Welcome to the community learning center' }).waitFor();
    await report.villager(page, 'welcome, English, simple mode and always-read on');
    await page.getByRole('button', { name: /I am new here/ }).click();
    await page.getByLabel('Full name', { exact: true }).fill('Hoàng Văn Páo');
    await page.getByLabel('Year of birth', { exact: true }).fill('1950');
    await page.getByRole('button', { name: 'Thôn Đồng Chằm' }).click();
    await page.locator('input[name="consent-assessment"]').check();
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    await page.getByRole('alert').or(page.getByRole('heading', { name: 'What work do you do?' })).first().waitFor();
    await report.villager(page, 'register, English');
    await page.getByRole('heading', { name: 'What work do you do?' }).waitFor();
    await report.villager(page, 'choose group, English');
    await page.locator('button[data-group="nhom-1"]').click();
    for (const [n, id] of indicatorIds.entries()) {
      await page.locator(`section[data-indicator="${id}"]`).waitFor();
      // One decision at a time: four levels with pictures, then the few scores of the level chosen.
      await page.getByTestId('score-bands').waitFor();
      expect(await page.locator('button.score').count()).toBe(0);
      if (n === 0) await report.villager(page, 'indicator, simple mode: levels');
      await page.locator('button[data-band="well"]').click();
      expect(await page.locator('button.score').count()).toBe(3);
      if (n === 0) await report.villager(page, 'indicator, simple mode: a level opened');
      await page.locator('button.score[data-score="9"]').click();
      await page.locator('button.score[data-score="9"][aria-pressed="true"]').waitFor();
      await page.getByRole('button', { name: n === indicatorIds.length - 1 ? /Review the results/ : /Next/ }).click();
    }
    await page.getByRole('heading', { name: 'Check before sending' }).waitFor();
    await report.villager(page, 'review, English, simple mode');
    expect(errors).toEqual([]);
    await context.close();
    report.assertClean();
  });

  it('the center staff: sign-in, home for each role, assist, appraisals, lists, people, registry and its self-assessments, audit log, accounts, federation, resources with attendance', async () => {
    const url = center.url;
    const api = await adminApi(url);
    for (const s of [staff.anhBinh, staff.coMai]) {
      const made = await api('POST', '/api/staff/accounts', s);
      expect([200, 409]).toContain(made.status);
    }
    // Bà Lan, appraised, so the queue, her case and the list have someone in them.
    const lan = build.id();
    expect((await api('PUT', `/api/people/${lan}`, people.baLan)).status).toBe(200);
    const assessmentId = build.id();
    expect((await api('PUT', `/api/assessments/${assessmentId}`, build.assessment(lan, { scores: { CS07: 9 } }))).status).toBe(200);
    expect((await api('PUT', `/api/staff/appraisals/${assessmentId}`, { scores: indicatorIds.map((indicatorId) => ({ indicatorId, score: 8, ...(indicatorId === 'CS07' ? { reason: 'Chưa có sổ ghi chép' } : {}) })) })).status).toBe(200);
    const registry = await seedRegistry(api);
    // The household's self-assessment, appraised as passing, so the households' list has a row.
    const familyStart = await api('GET', `/api/model-assessments/current/gdht/${registry.household}`);
    const familySet = familyStart.body.set as { id: string; version: string };
    const familyAnswers = Object.entries({ 'G1.2': 10, 'G1.3': 10, 'G2.2': 10, 'G2.3': 5, 'G3.1': 10, 'G3.2': 10, 'G4.1': 10, 'G4.2': 10 }).map(([itemId, value]) => ({ itemId, value }));
    const familyAssessment = (familyStart.body.assessment as { id: string } | null)?.id ?? build.id();
    expect((await api('PUT', `/api/model-assessments/${familyAssessment}`, { title: 'gdht', subjectId: registry.household, criteriaSetId: familySet.id, criteriaSetVersion: familySet.version, answers: familyAnswers, status: 'submitted' })).status).toBe(200);
    expect((await api('PUT', `/api/staff/model-appraisals/${familyAssessment}`, { answers: familyAnswers })).status).toBe(200);
    const { changes } = await (await fetch(`${url}/api/resources?since=0`)).json() as { changes: { title: string }[] };
    if (!changes.some((c) => c.title === 'Lớp dùng điện thoại thông minh')) await seedCatalog(api);

    const report = new AccessibilityReport();

    // The facilitator.
    const facilitatorContext = await tabletContext(browser);
    const fp = await facilitatorContext.newPage();
    await fp.goto(`${url}/staff`);
    await fp.getByLabel('Mã PIN (6 số)').waitFor();
    await report.staff(fp, 'staff sign-in');
    await signIn(fp, url, staff.anhBinh);
    await report.staff(fp, 'home (facilitator)');
    await tile(fp, 'Hỗ trợ người dân làm bài');
    await fp.locator('input[name="name"]').fill('Lan');
    await fp.getByRole('button', { name: 'Tìm', exact: true }).click();
    await fp.locator('.hits li').first().waitFor();
    await report.staff(fp, 'assist, a person found');
    await back(fp);
    await tile(fp, 'Dữ liệu cá nhân');
    await fp.locator('input[name="name"]').fill('Lan');
    await fp.getByRole('button', { name: 'Tìm', exact: true }).click();
    await fp.locator('.hits li').filter({ hasText: people.baLan.name }).getByRole('button', { name: 'Xem' }).click();
    await fp.getByTestId('person-data').waitFor();
    await report.staff(fp, "a person's data");
    await back(fp);
    await tile(fp, 'Danh sách đề nghị công nhận');
    await fp.getByTestId('list').waitFor();
    await report.staff(fp, 'lists (facilitator)');
    await back(fp);
    await tile(fp, 'Lớp học và tài liệu');
    await fp.getByTestId('staff-resources').locator('tr').first().waitFor();
    await report.staff(fp, 'resources (staff)');
    await fp.getByTestId('staff-resources').locator('tr', { hasText: 'Lớp dùng điện thoại thông minh' }).getByRole('button', { name: 'Điểm danh' }).first().click();
    const panel = fp.getByTestId('attendance');
    await panel.locator('select[name="attendance-session"]').waitFor();
    await panel.locator('input[name="name"]').fill('Lan');
    await panel.getByRole('button', { name: 'Tìm', exact: true }).click();
    await panel.getByRole('button', { name: 'Thêm vào buổi này' }).first().click();
    await panel.getByRole('checkbox').first().waitFor();
    await report.staff(fp, 'resources with the attendance panel');
    // Gia đình, dòng họ, đơn vị: each tab with a row in it, and the self-assessment of a unit and of a household.
    await back(fp);
    await tile(fp, 'Gia đình, dòng họ, đơn vị');
    const tabs = fp.getByRole('group', { name: 'Gia đình, dòng họ và đơn vị học tập' });
    await fp.getByTestId('households').getByText(registry.head).waitFor();
    await report.staff(fp, 'registry: households');
    await tabs.getByRole('button', { name: 'Dòng họ', exact: true }).click();
    await fp.getByTestId('clans').getByText('Họ Đinh thôn Đồng Chằm').waitFor();
    await report.staff(fp, 'registry: clans');
    // A clan's name corrected in its row: the form, then the name as saved.
    await fp.getByTestId('clans').getByRole('button', { name: 'Sửa tên' }).click();
    const rename = fp.getByRole('form', { name: 'Sửa thông tin của Họ Đinh thôn Đồng Chằm' });
    await report.staff(fp, 'registry: a clan being corrected');
    await rename.getByLabel('Tên dòng họ').fill('Họ Đinh Văn thôn Đồng Chằm');
    await rename.getByRole('button', { name: 'Lưu' }).click();
    await fp.getByTestId('clans').getByText('Họ Đinh Văn thôn Đồng Chằm').waitFor();
    await tabs.getByRole('button', { name: 'Đơn vị', exact: true }).click();
    await fp.getByTestId('units').getByText(registry.member).waitFor();
    await report.staff(fp, 'registry: units');
    await tabs.getByRole('button', { name: 'Cộng đồng (thôn)', exact: true }).click();
    await fp.getByTestId('communities').getByText('Thôn Đồng Chằm').waitFor();
    await report.staff(fp, 'registry: communities');
    await tabs.getByRole('button', { name: 'Đơn vị', exact: true }).click();
    await fp.getByTestId('units').getByRole('button', { name: /Tự đánh giá năm/ }).click();
    await fp.getByTestId('model-assessment').locator('[data-item="U1.3"]').getByRole('button', { name: 'Đạt', exact: true }).click();
    await report.staff(fp, 'self-assessment of a unit');
    await fp.getByTestId('model-assessment').getByRole('button', { name: 'Quay lại danh sách' }).click();
    await tabs.getByRole('button', { name: 'Gia đình', exact: true }).click();
    await fp.getByTestId('households').getByRole('button', { name: /Tự đánh giá năm/ }).click();
    await fp.getByTestId('model-assessment').locator('[data-item="G2.1"]').waitFor();
    await report.staff(fp, 'self-assessment of a household');
    // An assisted registration: the villager's screen with the facilitator's bar and text size.
    await back(fp);
    await tile(fp, 'Hỗ trợ người dân làm bài');
    await fp.getByRole('button', { name: 'Người mới: đăng ký có hỗ trợ' }).click();
    await fp.getByTestId('assisted-by').waitFor();
    await report.villager(fp, 'register, assisted');
    await facilitatorContext.close();

    // The appraiser.
    const appraiserContext = await tabletContext(browser);
    const ap = await appraiserContext.newPage();
    await signIn(ap, url, staff.coMai);
    await report.staff(ap, 'home (appraiser)');
    await tile(ap, 'Thẩm định');
    await ap.getByTestId('queue').waitFor();
    await report.staff(ap, 'appraisals');
    await ap.getByRole('button', { name: `Mở: ${people.baLan.name}` }).click();
    await ap.locator('select[name="score-CS01"]').waitFor();
    await report.staff(ap, 'an appraisal case');
    await back(ap);
    await back(ap);
    await tile(ap, 'Danh sách đề nghị công nhận');
    await ap.getByTestId('list').waitFor();
    await report.staff(ap, 'lists (appraiser)');
    // The households' list, drafted then finalized; the center's clans' list (no village to choose).
    const listTitles = ap.getByRole('group', { name: 'Danh hiệu' });
    await listTitles.getByRole('button', { name: 'Gia đình học tập', exact: true }).click();
    await ap.locator('[data-testid="list"][data-title="gdht"]').getByText(registry.head).waitFor();
    await report.staff(ap, 'lists: households (appraiser)');
    await ap.getByRole('button', { name: 'Chốt danh sách' }).click();
    await ap.getByText(/Đã chốt lúc/).waitFor();
    await report.staff(ap, 'lists: households, finalized');
    await listTitles.getByRole('button', { name: 'Dòng họ học tập', exact: true }).click();
    await ap.getByText(/Danh sách dòng họ là của cả trung tâm/).waitFor();
    await ap.getByTestId('list-state').waitFor();
    await report.staff(ap, 'lists: clans');
    await appraiserContext.close();

    // The administrator.
    const adminContext = await tabletContext(browser);
    const ad = await adminContext.newPage();
    await signIn(ad, url, staff.chiHoa);
    await ad.getByTestId('backup').waitFor();
    await report.staff(ad, 'home (administrator)');
    await tile(ad, 'Nhật ký hoạt động');
    await ad.getByTestId('audit').locator('tbody tr').first().waitFor();
    await report.staff(ad, 'audit log');
    await back(ad);
    await tile(ad, 'Tài khoản');
    await ad.getByTestId('accounts').getByText(staff.coMai.name).waitFor();
    await report.staff(ad, 'accounts');
    await back(ad);
    // The finalized households' list: each entry locked, with the administrator's reopen opened.
    await tile(ad, 'Danh sách đề nghị công nhận');
    await ad.getByRole('group', { name: 'Danh hiệu' }).getByRole('button', { name: 'Gia đình học tập', exact: true }).click();
    const familyRow = ad.locator('[data-testid="list"][data-title="gdht"] tr', { hasText: registry.head });
    await familyRow.getByText('Mở lại (quản trị)').first().click();
    await familyRow.locator('input[name="reopen-reason"]').fill('Chấm nhầm');
    await report.staff(ad, 'lists: households, finalized, reopen (administrator)');
    await back(ad);
    await tile(ad, 'Đồng bộ với xã');
    await ad.locator('input[name="enrol-code"]').waitFor();
    await report.staff(ad, 'federation');
    await adminContext.close();

    report.assertClean();
  });

  it('the commune hub: home, centers, decisions of each title, appraisal of villages and units, dashboard, figures, resources', async () => {
    const context = await tabletContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    const report = new AccessibilityReport();
    await page.goto(`${hub.url}/staff`);
    await page.getByRole('heading', { name: /Khởi tạo/ }).waitFor();
    await report.staff(page, 'first start (the first administrator)');
    await firstAdmin(page, hub.url);
    await report.staff(page, 'hub home');

    // The center enrols and sends its year up, so the hub's screens have rows, charts and proposals.
    const enrolment = await page.request.fetch(`${hub.url}/api/staff/hub/enrolments`, { method: 'POST', data: { name: 'TTHTCĐ Tân Lập' } });
    const { code } = await enrolment.json() as { code: string };
    const api = await adminApi(center.url);
    if ((await api('GET', '/api/staff/federation')).body.enrolled !== true) {
      expect((await api('POST', '/api/staff/federation/enrol', { hubUrl: hub.url, code })).status).toBe(200);
    }
    const models = await seedModels(api);
    expect((await api('POST', '/api/staff/federation/run')).body.lastError).toBeNull();

    await tile(page, 'Các trung tâm trong xã');
    await page.getByTestId('hub-nodes').getByText('TTHTCĐ Tân Lập').waitFor();
    await report.staff(page, 'hub centers');
    await back(page);
    await tile(page, 'Quyết định công nhận');
    await page.getByTestId('proposals').waitFor();
    await report.staff(page, 'hub decisions');
    // The households' proposals, one ticked for the decision.
    const titles = page.getByRole('group', { name: 'Danh hiệu' });
    await titles.getByRole('button', { name: 'Gia đình học tập', exact: true }).click();
    await page.getByTestId('model-proposals').getByRole('checkbox', { name: `Chọn ${models.household}` }).check();
    await report.staff(page, 'hub decisions: households, one chosen');
    await back(page);

    // The commune appraises the village and the unit: the queue, then the village's case with an answer changed (its reason asked).
    await tile(page, 'Thẩm định thôn và đơn vị học tập');
    await page.getByTestId('hub-model-queue').getByText(models.unit).waitFor();
    await report.staff(page, 'hub appraisal of villages and units');
    await page.getByRole('button', { name: `Mở: ${models.village}` }).click();
    const appraisal = page.getByTestId('model-appraisal');
    const item = appraisal.locator('[data-item="C4.2"]');
    await item.getByLabel('Điểm thẩm định').selectOption('false');
    await item.getByLabel(/Lý do/).fill('Chưa có biên bản họp');
    await report.staff(page, 'hub appraisal of a village, an answer changed');
    await appraisal.getByRole('button', { name: 'Lưu kết quả thẩm định' }).click();
    await page.getByTestId('model-appraisal-verdict').getByText(/Theo kết quả thẩm định/).waitFor();
    await report.staff(page, 'hub appraisal of a village, saved');
    await appraisal.getByRole('button', { name: 'Quay lại', exact: true }).click();
    await back(page);
    await tile(page, 'Quyết định công nhận');
    await page.getByRole('group', { name: 'Danh hiệu' }).getByRole('button', { name: 'Cộng đồng học tập', exact: true }).click();
    await page.getByTestId('model-proposals').getByText(models.village).first().waitFor();
    await report.staff(page, 'hub decisions: villages');
    await back(page);
    await tile(page, 'Theo dõi kết quả và báo cáo năm');
    await page.getByTestId('totals').waitFor();
    await page.getByTestId('bar-chart').first().waitFor();
    // With the four other titles' section loaded: its rates, counts and rates by village, what ends this year.
    await page.getByTestId('model-place-rates').waitFor();
    await report.staff(page, 'hub dashboard');
    await back(page);
    await tile(page, 'Dân số, chỉ tiêu, sáp nhập thôn');
    await page.getByTestId('population').locator('tr').first().waitFor();
    await report.staff(page, 'hub figures');
    await back(page);
    await tile(page, 'Lớp học và tài liệu');
    await page.locator('select[name="resource-kind"]').waitFor();
    await report.staff(page, 'hub resources');

    expect(errors).toEqual([]);
    await context.close();
    report.assertClean();
  });
});
