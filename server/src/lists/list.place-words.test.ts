/** A proposal list says its villages' own word (thôn, ấp, bản, tổ dân phố...), printed and in the workbook. */
import { describe, expect, it } from 'vitest';
import { listPlaceWord, listToCsv, renderListHtml } from './list.render.ts';
import { lan, list, load, values } from './list.render.test-setup.ts';
import type { ClanListData } from './list.types.ts';

const clans = (placeWord?: string): ClanListData => ({
  title: 'dhht',
  village: null,
  center: list().center,
  ...(placeWord ? { placeWord } : {}),
  year: 2025,
  kind: 'official',
  finalizedAt: null,
  generatedAt: '2025-11-20T08:05:00.000Z',
  entries: [
    {
      assessmentId: 'a-clan',
      locked: false,
      name: 'Họ Lò',
      representative: 'Lò Văn Páo',
      villages: ['Ấp Mỹ Hòa', 'Bản Hon'],
      households: 6,
      total: 85,
      band: 'Tốt',
      note: '',
    },
  ],
});

describe('the village column of a list says the village’s own word', () => {
  it.each([
    ['ap', 'Ấp Mỹ Hòa', 'Ấp'],
    ['ban', 'Bản Hon', 'Bản'],
    ['to-dan-pho', 'Tổ dân phố 5', 'Tổ dân phố'],
  ] as const)('a village of kind %s: "%s" under the column "%s"', async (_kind, village, word) => {
    const data = list({ village, placeWord: word, entries: [{ ...lan, village }] });
    const html = renderListHtml(data);
    expect(html).toContain(`>${word}</th>`);
    expect(html).not.toContain('>Thôn</th>');
    const sheet = (await load(data)).worksheets[0]!;
    expect(values(sheet.getRow(4))).toContain(word);
    expect(values(sheet.getRow(4))).not.toContain('Thôn');
    expect(listToCsv(data).split('\r\n')[0]).toContain(`,${word},`);
    // The public list too: name and the village under its word.
    expect(renderListHtml({ ...data, kind: 'public' })).toContain(`>${word}</th>`);
  });

  it('the center’s clans’ list names the words of the kinds it mixes', () => {
    expect(renderListHtml(clans('Ấp, bản'))).toContain('>Ấp, bản</th>');
  });

  it('a list from a box that sent no word: the village names say it', () => {
    expect(listPlaceWord(list({ village: 'Bản Hon' }))).toBe('Bản');
    expect(listPlaceWord(clans())).toBe('Ấp, bản');
    expect(listPlaceWord(list())).toBe('Thôn');
  });
});
