import { describe, expect, it } from 'vitest';
import { inPlaceWords, placeWordOfNames, placesNamed } from './places.ts';

describe('the villages’ own word in sentences and columns', () => {
  it('takes each village’s kind from the configuration, else from its name', () => {
    expect(placesNamed(['Ấp 3', 'Mới Lập', 'Bản Hon'], [{ name: 'mới  lập', kind: 'ap' }])).toEqual([
      { name: 'Ấp 3', kind: 'ap' },
      { name: 'Mới Lập', kind: 'ap' },
      { name: 'Bản Hon', kind: 'ban' },
    ]);
    expect(placeWordOfNames(['Ấp 3', 'Mới Lập'], [{ name: 'Mới Lập', kind: 'ap' }])).toBe('Ấp');
    expect(placeWordOfNames(['Tổ dân phố 5', 'Thôn Gò Chè'])).toBe('Thôn, tổ dân phố');
  });

  it.each([
    ['thôn only: the catalog text as it is', [{ kind: 'thon' }], 'Chọn thôn của mình.', 'Chọn thôn của mình.'],
    ['none known: as it is', [], 'Thôn / xóm', 'Thôn / xóm'],
    ['a field name', [{ kind: 'ap' }], 'Thôn / xóm', 'Ấp'],
    ['in a sentence', [{ kind: 'ban' }], 'Chọn thôn của gia đình:', 'Chọn bản của gia đình:'],
    ['at the start', [{ kind: 'to-dan-pho' }], 'Thôn của gia đình', 'Tổ dân phố của gia đình'],
    ['kinds mixed', [{ kind: 'thon' }, { kind: 'ban' }], 'tên và thôn của tôi', 'tên và thôn, bản của tôi'],
    ['the countryside stays', [{ kind: 'ap' }], 'lao động nông thôn ở thôn', 'lao động nông thôn ở ấp'],
    ['not inside a word', [{ kind: 'ap' }], 'thônx thôn.', 'thônx ấp.'],
  ] as const)('%s', (_case, kinds, text, said) => {
    expect(inPlaceWords(text, kinds)).toBe(said);
  });
});
