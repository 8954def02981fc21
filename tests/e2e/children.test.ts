import Database from 'better-sqlite3';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { staff } from '../fixtures/staff.ts';
import { adminApi, kioskAndBrowser, readTabletDb, tabletContext, watchErrors } from './kiosk.ts';

/**
 * A 14-year-old's registration (issue 21): alone at the tablet she is told to ask a facilitator and
 * nothing leaves the tablet (the box refuses her too); with anh Bình signed in beside her and her
 * father's consent (his name, relation, the box's time) she is registered, and may then choose only
 * the learners' group of the 2023 criteria set. The consent screen names what is kept, who gets it,
 * for how long and her rights.
 */

const box = kioskAndBrowser({ env: { KIOSK_CDHT_CRITERIA_SET: 'cdht-2023@2023.1' } });

function rows<T>(sql: string): T[] {
  const db = new Database(join(box.kiosk.dataDir, 'kiosk.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

describe("a child's registration", () => {
  it("a 14-year-old is refused alone at the tablet and registered in assisted mode with her father's consent", async () => {
    const admin = await adminApi(box.kiosk.url);
    const created = await admin('POST', '/api/staff/accounts', staff.anhBinh);
    expect(created.status).toBe(200);
    const year = ((await (await fetch(`${box.kiosk.url}/api/kiosk`)).json()) as { year: number }).year;
    const birthYear = String(year - 14);

    const context = await tabletContext(box.browser);
    const page = await context.newPage();
    const errors = watchErrors(page);

    // Alone at the tablet.
    await page.goto(box.kiosk.url);
    await page.getByRole('button', { name: /Tôi là người mới/ }).click();
    await page.getByLabel('Họ và tên', { exact: true }).fill('Lò Thị Hoa');
    await page.getByLabel('Năm sinh', { exact: true }).fill(birthYear);
    await page
      .getByTestId('child-note')
      .getByText(/dưới 16 tuổi đăng ký cùng người hướng dẫn/)
      .waitFor();
    expect(await page.getByTestId('guardian').count()).toBe(0);
    await page.getByRole('button', { name: 'Thôn Khe Ngang' }).click();
    // The notice before the consents: what is kept, who gets it, for how long, her rights; read aloud too.
    const notice = page.getByTestId('data-notice');
    const said = (await notice.innerText()).normalize('NFC');
    for (const words of [
      'số điện thoại nếu bác cho',
      'ảnh minh chứng',
      'Ủy ban xã nhận',
      'không gửi lên xã',
      'xóa 12 tháng sau',
      '5 năm liền',
      'xem, sửa hoặc xóa',
    ])
      expect(said).toContain(words);
    await page.locator('input[name="consent-assessment"]').check();
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await page
      .getByRole('alert')
      .getByText('Các cháu dưới 16 tuổi chỉ đăng ký được khi có người hướng dẫn bên cạnh.')
      .waitFor();
    expect(await page.locator('form.register').count()).toBe(1);
    // Nothing was queued for the box, and the box holds nothing of her.
    expect((await readTabletDb(page)).outbox ?? []).toEqual([]);
    expect(rows('select id from person')).toEqual([]);
    // Nor does the box take her registration sent past the tablet's form.
    const direct = await fetch(`${box.kiosk.url}/api/people/${uuidv7()}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'X-Villager-Token': 'a'.repeat(43) },
      body: JSON.stringify({
        name: 'Lò Thị Hoa',
        birthYear: Number(birthYear),
        village: 'Thôn Khe Ngang',
        consents: { assessment: true, publicList: false, statistics: false },
        guardian: { name: 'Lò Văn Páo', relation: 'father', consented: true },
      }),
    });
    expect(direct.status).toBe(422);
    expect(((await direct.json()) as { code: string }).code).toBe('person.child-needs-assistance');
    expect(rows('select id from person')).toEqual([]);
    await page.getByRole('button', { name: 'Quay lại' }).click();

    // Anh Bình signs in at the tablet and starts an assisted registration beside her.
    await page.goto(`${box.kiosk.url}/staff`);
    await page.getByLabel('Họ và tên', { exact: true }).fill(staff.anhBinh.name);
    await page.getByLabel('Mã PIN (6 số)').fill(staff.anhBinh.pin);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('button', { name: 'Hỗ trợ người dân làm bài' }).click();
    await page.getByRole('button', { name: 'Người mới: đăng ký có hỗ trợ' }).click();
    await page.locator('form.register').waitFor();
    await page.getByLabel('Họ và tên', { exact: true }).fill('Lò Thị Hoa');
    await page.getByLabel('Năm sinh', { exact: true }).fill(birthYear);
    const guardian = page.getByTestId('guardian');
    await guardian.waitFor();
    await page.getByRole('button', { name: 'Thôn Khe Ngang' }).click();
    await page.locator('input[name="consent-assessment"]').check();
    // Without her father's name, relation and tick, the form says so and sends nothing.
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await page.getByRole('alert').getByText('Bố, mẹ hoặc người giám hộ cần đánh dấu ô đồng ý cho cháu.').waitFor();
    expect((await readTabletDb(page)).outbox ?? []).toEqual([]);
    await page.getByLabel('Họ và tên bố, mẹ hoặc người giám hộ').fill('Lò Văn Páo');
    await guardian.getByRole('button', { name: 'Bố', exact: true }).click();
    await page.locator('input[name="guardian-consent"]').check();
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await page
      .locator('section.group')
      .waitFor()
      .catch(async (e: Error) => {
        throw new Error(
          `still not on the group screen: "${await page.locator('main').innerText()}"; page errors: ${JSON.stringify(errors)}; ${e.message}`,
        );
      });
    expect(await page.getByTestId('assisted-by').textContent()).toContain(staff.anhBinh.name);
    // A child chooses only the learners' group.
    expect(
      await page.locator('button[data-group]').evaluateAll((els) => els.map((e) => e.getAttribute('data-group'))),
    ).toEqual(['hoc-sinh']);

    // The box holds her, with her father's consent and the facilitator beside her, at its own time.
    await expect.poll(() => rows('select id from person').length, { timeout: 30_000 }).toBe(1);
    const [person] = rows<{ name: string; birth_year: number }>('select name, birth_year from person');
    expect(person).toEqual({ name: 'Lò Thị Hoa', birth_year: year - 14 });
    const [consent] = rows<{ guardian_name: string; relation: string; assisted: string; at: string }>(
      'select g.guardian_name, g.relation, s.name as assisted, g.at from guardian_consent g join staff s on s.id = g.assisted_by',
    );
    expect(consent).toMatchObject({ guardian_name: 'Lò Văn Páo', relation: 'father', assisted: staff.anhBinh.name });
    expect(Date.parse(consent!.at)).not.toBeNaN();
    // Her father's name stays at the center: not in what waits for the commune.
    expect(
      rows<{ payload: string }>("select payload from outbox where record_kind = 'person'")
        .map((r) => r.payload)
        .join(),
    ).not.toContain('Páo');

    // She chooses the learners' group and begins: the box takes it.
    await page.locator('button[data-group="hoc-sinh"]').click();
    await page.locator('section[data-indicator="CS01"]').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
