/**
 * The commune (or province) People's Committee as its papers name it — the heading's agency lines
 * ("ỦY BAN NHÂN DÂN" / "XÃ TÂN LẬP"), the committee in a sentence ("Ủy ban nhân dân xã Tân Lập")
 * and the signer block configured in documents.signer — written once for the decisions
 * (hub/decisions/papers/) and the reports (hub/report/).
 */
import type { Settings } from '../../../kiosk-config/options.ts';

export const SIGNERS = {
  kt: ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'],
  tm: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'],
} as const satisfies Record<Settings['documents.signer'], readonly [string, string]>;

const UNIT = /^\s*(xã|phường|thị trấn|đặc khu|tỉnh|thành phố)\s+/iu;
export const upper = (text: string): string => text.toLocaleUpperCase('vi');

/** "Xã Tân Lập" → "xã Tân Lập": the unit word in lower case inside a sentence. */
export const inSentence = (unit: string): string => unit.replace(UNIT, (word) => word.toLocaleLowerCase('vi')).trim();

/** The lines of a setting written one per line, without blanks. */
export const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

/** The heading's agency lines: "ỦY BAN NHÂN DÂN", "XÃ TÂN LẬP". */
export const agencyLines = (unit: string): [string, string] => ['ỦY BAN NHÂN DÂN', upper(unit.trim())];

/** The committee as a sentence names it: "Ủy ban nhân dân xã Tân Lập". */
export const committeeName = (unit: string): string => `Ủy ban nhân dân ${inSentence(unit)}`;

/** The signer block's two lines as configured. */
export const signerLines = (settings: Settings): [string, string] => {
  const [first, second] = SIGNERS[settings['documents.signer']];
  return [first, second];
};
