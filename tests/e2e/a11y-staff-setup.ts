import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { build, people } from '../fixtures/people.ts';
import type { adminApi } from './kiosk.ts';
import { indicatorIds } from './villager.ts';

/** What the staff's accessibility walks (a11y-staff*.test.ts) share: signing in and moving between screens. */

export async function signIn(page: Page, url: string, who: { name: string; pin: string }): Promise<void> {
  await page.goto(`${url}/staff`);
  await page.getByLabel('Họ và tên', { exact: true }).fill(who.name);
  await page.getByLabel('Mã PIN (6 số)').fill(who.pin);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.getByRole('heading', { name: new RegExp(who.name) }).waitFor();
}

export const tile = (page: Page, name: string): Promise<void> =>
  page.getByRole('button', { name, exact: true }).click();
export const back = (page: Page): Promise<void> =>
  page.locator('nav.staff-nav').getByRole('button', { name: 'Quay lại' }).click();

/** Bà Lan registered, her self-assessment sent and appraised (CS07 lowered with its reason), through an administrator's API. */
export async function seedAppraisedLan(api: Awaited<ReturnType<typeof adminApi>>): Promise<void> {
  const lan = build.id();
  expect((await api('PUT', `/api/people/${lan}`, people.baLan)).status).toBe(200);
  const assessmentId = build.id();
  expect(
    (await api('PUT', `/api/assessments/${assessmentId}`, build.assessment(lan, { scores: { CS07: 9 } }))).status,
  ).toBe(200);
  expect(
    (
      await api('PUT', `/api/staff/appraisals/${assessmentId}`, {
        scores: indicatorIds.map((indicatorId) => ({
          indicatorId,
          score: 8,
          ...(indicatorId === 'CS07' ? { reason: 'Chưa có sổ ghi chép' } : {}),
        })),
      })
    ).status,
  ).toBe(200);
}
