import { describe, expect, it } from 'vitest';
import { kindFromName, NEUTRAL_PLACE_WORD, placeWordOf, villageName } from './places.ts';

describe('place words of villages', () => {
  it.each([
    ['Thôn Đồng Chằm', 'thon'],
    ['Ấp 3', 'ap'],
    ['bản Khe Ngang', 'ban'],
    ['Tổ dân phố 5', 'to-dan-pho'],
    ['Khu phố 2', 'khu-pho'],
    ['Khu 7', 'khu'],
    ['Làng Mới', 'lang'],
    ['Đồng Chằm', 'thon'],
  ] as const)('%s is a %s', (name, kind) => {
    expect(kindFromName(name)).toBe(kind);
  });

  it('says the one kind, the words of each kind when kinds mix, or the neutral word when there are none', () => {
    expect(placeWordOf([{ kind: 'ap' }, { kind: 'ap' }])).toBe('Ấp');
    expect(placeWordOf([{ kind: 'to-dan-pho' }])).toBe('Tổ dân phố');
    expect(placeWordOf([{ kind: 'ban' }, { kind: 'thon' }])).toBe('Thôn, bản');
    expect(placeWordOf([])).toBe(NEUTRAL_PLACE_WORD);
  });

  it('puts the place word in front of a typed name unless it is there', () => {
    expect(villageName('ap', ' Mới  Lập ')).toBe('Ấp Mới Lập');
    expect(villageName('ap', 'ấp Mới')).toBe('ấp Mới');
    expect(villageName('to-dan-pho', '5')).toBe('Tổ dân phố 5');
  });
});
