import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import cdht2023 from '../../../kiosk-config/criteria/cdht-2023.json';
import bank from '../../../kiosk-config/digital/digital-2025.json';
import { KioskInfoSchema } from '../../../shared/schemas/kiosk-info.ts';
import { checkKioskInfo } from './kiosk-answer.ts';

const answer = () =>
  structuredClone({
    center: {
      id: 'c1',
      name: 'TTHTCĐ xã Đồng Tâm',
      commune: 'Đồng Tâm',
      province: 'Hà Nội',
      demo: false,
      villages: ['Thôn 1'],
    },
    role: 'center',
    year: 2026,
    yearSpan: { from: '2026-01-01', to: '2026-12-31' },
    criteriaSet: cdht2023,
    photo: { longSide: 1280, maxBytes: 5_000_000 },
    session: { idleSeconds: 180, warningSeconds: 30 },
    digitalBank: bank,
    somethingNewer: 'dropped, as the one schema drops it',
  });

describe('the kiosk answer checked in steps', () => {
  it('gives what one parse of KioskInfoSchema gives, with or without a question bank', async () => {
    expect(await checkKioskInfo(answer())).toEqual(v.parse(KioskInfoSchema, answer()));
    const { digitalBank: _, ...older } = answer();
    const checked = await checkKioskInfo(older);
    expect(checked).toEqual(v.parse(KioskInfoSchema, older));
    expect('digitalBank' in checked).toBe(false);
  });

  it('refuses what one parse refuses, whichever part is wrong', async () => {
    const noCenter = { ...answer(), center: undefined };
    const badSet = answer();
    (badSet.criteriaSet as { groups: unknown }).groups = 'none';
    const badBank = answer();
    (badBank.digitalBank as { items: unknown[] }).items[0] = { id: 1 };
    for (const wrong of [null, noCenter, badSet, badBank]) {
      expect(v.safeParse(KioskInfoSchema, wrong).success).toBe(false);
      await expect(checkKioskInfo(wrong)).rejects.toBeInstanceOf(v.ValiError);
    }
  });

  it('checks the parts in tasks of their own', async () => {
    const order: string[] = [];
    setTimeout(() => order.push('a task queued before'), 0);
    await checkKioskInfo(answer()).then(() => order.push('checked'));
    expect(order).toEqual(['a task queued before', 'checked']);
  });
});
