import { afterEach, describe, expect, it } from 'vitest';
import type { CenterSetup } from '../../shared/schemas/center-setup.ts';
import { cookieOf, setupBody } from '../fixtures/staff.ts';
import { startHarness, type Harness } from './harness.ts';

/**
 * Issue 24: the word "Thôn" was hard-coded. A center set up with villages of three kinds (ấp, bản,
 * tổ dân phố) sends the kinds to its tablets (the registration says the word: tests/e2e/registry
 * .test.ts), and each village's proposal list, printed, downloaded and as the staff screen reads it,
 * says the village's own word.
 */

const setup: CenterSetup = {
  kind: 'center',
  provinceCode: '25',
  communeCode: '04792',
  name: 'Trung tâm học tập cộng đồng phường Tân Hòa',
  villages: [
    { name: 'Mỹ Hòa', kind: 'ap' },
    { name: 'Hon', kind: 'ban' },
    { name: '5', kind: 'to-dan-pho' },
  ],
  criteria: { current: 'cdht-2023@2023.1', byYear: {} },
  targets: {},
};

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('the place word of each village (issue 24)', () => {
  it('a center with an ấp, a bản and a tổ dân phố: each list says its village’s word', async () => {
    h = await startHarness(undefined, { KIOSK_CENTER: '' });
    const admin = cookieOf((await h.json('POST', '/api/staff/setup', await setupBody(h.db))).headers);
    expect((await h.json('PUT', '/api/setup', setup, admin)).status).toBe(200);
    const info = (await h.json('GET', '/api/kiosk')).body;
    expect(info.center.places).toEqual([
      { name: 'Ấp Mỹ Hòa', kind: 'ap' },
      { name: 'Bản Hon', kind: 'ban' },
      { name: 'Tổ dân phố 5', kind: 'to-dan-pho' },
    ]);
    for (const [village, word] of [
      ['Ấp Mỹ Hòa', 'Ấp'],
      ['Bản Hon', 'Bản'],
      ['Tổ dân phố 5', 'Tổ dân phố'],
    ] as const) {
      const q = `title=cdht&year=2026&village=${encodeURIComponent(village)}`;
      expect((await h.json('GET', `/api/staff/lists?${q}`, undefined, admin)).body.placeWord).toBe(word);
      const html = (await h.json('GET', `/api/staff/lists/export?${q}&format=html`, undefined, admin)).body as string;
      expect(html).toContain(`>${word}</th>`);
      expect(html).not.toContain('>Thôn</th>');
      const csv = (await h.json('GET', `/api/staff/lists/export?${q}&format=csv&kind=public`, undefined, admin))
        .body as string;
      expect(csv.split('\r\n')[0]!.replace(/^\uFEFF/, '')).toBe(`STT,Họ và tên,${word}`);
    }
    // The clans' list is the center's: the words of its three kinds.
    const clans = (await h.json('GET', '/api/staff/lists?title=dhht&year=2026', undefined, admin)).body;
    expect(clans.placeWord).toBe('Ấp, bản, tổ dân phố');
  }, 60_000);
});
