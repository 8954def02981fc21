import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { DigitalBankSchema, type DigitalBankInput } from './digital-bank.ts';

/** The shipped bank, and helpers to find and change one of its items. */
export const shippedJson: unknown = JSON.parse(
  readFileSync(new URL('../../kiosk-config/digital/digital-2025.json', import.meta.url), 'utf8'),
);
export const shipped = v.parse(DigitalBankSchema, shippedJson);

export type Bank = DigitalBankInput;
export type Item = Bank['items'][number];
export const indexWhere = (b: Bank, test: (i: Item) => boolean): number => {
  const n = b.items.findIndex(test);
  if (n < 0) throw new Error('the shipped bank lacks an item this test needs');
  return n;
};
/** Changes the first item that passes `test` and returns the bank. */
export const changeItem = (b: Bank, test: (i: Item) => boolean, change: (i: Item) => Item): Bank => {
  const n = indexWhere(b, test);
  b.items[n] = change(b.items[n]!);
  return b;
};
export const isTask = (type: string) => (i: Item) => i.kind === 'practical' && i.task.type === type;
export const idOf = (test: (i: Item) => boolean): string => shipped.items.find((i) => test(i))!.id;
