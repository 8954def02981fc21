import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { adminApi, firstAdmin, kioskAndBrowser, tabletContext, watchErrors } from './kiosk.ts';

/**
 * A household's members on the staff registry screen (MemberForm.svelte, MemberList.svelte): a
 * person is moved in by slip code and birth year, a wrong birth year is refused with the box's
 * reason and changes nothing, and each member is listed with what can be done with them.
 */

const box = kioskAndBrowser();

describe('a household’s members on the staff screens', () => {
  it('an officer moves a registered person into a household by slip code and birth year', async () => {
    const context = await tabletContext(box.browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await firstAdmin(page, box.kiosk.url);
    const api = await adminApi(box.kiosk.url);

    const people = [];
    for (const [name, birthYear] of [
      ['Đinh Văn Lực', 1980],
      ['Đinh Văn Hùng', 1990],
    ] as const) {
      const id = uuidv7();
      const res = await api('PUT', `/api/people/${id}`, {
        name,
        birthYear,
        village: 'Thôn Gò Chè',
        consents: { assessment: true, publicList: true, statistics: true },
      });
      expect(res.status).toBe(200);
      people.push({ id, code: res.body.code as string, birthYear });
    }
    const householdId = uuidv7();
    const made = await api('PUT', `/api/households/${householdId}`, {
      village: 'Thôn Gò Chè',
      headCode: people[0]!.code,
      headBirthYear: 1980,
    });
    expect(made.status).toBe(200);

    await page.getByRole('button', { name: 'Gia đình, dòng họ, đơn vị' }).click();
    const households = page.getByTestId('households');
    await expect.poll(() => households.textContent()).toContain('Đinh Văn Lực');
    const moveIn = households.getByRole('form', { name: 'Chuyển một người từ hộ khác vào hộ này' });

    // A birth year that is not his: refused, and nobody joins.
    await moveIn.getByLabel('Mã trên phiếu').fill(people[1]!.code);
    await moveIn.getByLabel('Năm sinh').fill('1991');
    await moveIn.getByRole('button', { name: 'Chuyển vào' }).click();
    await page.getByRole('alert').waitFor();
    expect(await households.textContent()).not.toContain('Đinh Văn Hùng');

    // His own: he is listed as a member, the head stays the head.
    await moveIn.getByLabel('Năm sinh').fill('1990');
    await moveIn.getByRole('button', { name: 'Chuyển vào' }).click();
    await expect.poll(() => households.textContent()).toContain(`Đinh Văn Hùng (${people[1]!.code})`);
    const hung = households.getByRole('listitem').filter({ hasText: 'Đinh Văn Hùng' });
    await expect.poll(() => hung.getByRole('button').allTextContents()).toEqual(['Làm chủ hộ', 'Rời hộ']);
    const luc = households.getByRole('listitem').filter({ hasText: 'Đinh Văn Lực' });
    expect(await luc.getByRole('button').count()).toBe(0);
    const view = await api('GET', `/api/staff/households`);
    const members = (view.body as unknown as { id: string; members: { personId: string; role: string }[] }[]).find(
      (h) => h.id === householdId,
    )!.members;
    expect(members.map((m) => [m.personId, m.role])).toEqual([
      [people[0]!.id, 'head'],
      [people[1]!.id, 'member'],
    ]);
    expect(errors).toEqual([]);
  });
});
