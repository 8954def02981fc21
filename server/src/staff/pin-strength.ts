import { AppError } from '../../../shared/errors.ts';

export type PinWeakness = 'repeated' | 'sequence' | 'common';

/**
 * Six-digit PINs people choose most often, beyond those the rules below already catch (one digit
 * repeated, runs up or down). Taken from the top of the six-digit lists in two published studies of
 * leaked and surveyed PINs: Wang, Gong, Cheng, Wang, "Understanding Human-Chosen PINs:
 * Characteristics, Distribution and Security" (ASIA CCS 2017), and Markert, Bailey, Golla, Dürmuth,
 * Aviv, "This PIN Can Be Easily Guessed" (IEEE S&P 2020), whose blocklist Apple's iOS uses in part;
 * plus 686868 and 868686, the "lộc phát" numbers that are popular in Vietnam. Kept short on purpose:
 * a short list refuses the PINs guessed first without making staff hunt for one that is accepted.
 */
export const COMMON_PINS: ReadonlySet<string> = new Set([
  '123321',
  '112233',
  '159753',
  '147258',
  '789456',
  '102030',
  '100000',
  '200000',
  '111222',
  '123654',
  '147852',
  '159357',
  '123789',
  '147369',
  '159951',
  '258456',
  '456123',
  '741852',
  '852456',
  '963852',
  '112211',
  '100200',
  '110011',
  '121314',
  '654123',
  '686868',
  '868686',
]);

/** Each step from one digit to the next is `step` (mod 10: 890123 counts as a run up). */
function isRun(pin: string, step: 1 | -1): boolean {
  for (let i = 1; i < pin.length; i++) {
    if ((Number(pin[i - 1]) + step + 10) % 10 !== Number(pin[i])) return false;
  }
  return true;
}

/** A group of two or three digits said again (121212, 520520, 696969): the patterns lists put near the top. */
function isRepeatedGroup(pin: string): boolean {
  return pin === pin.slice(0, 2).repeat(3) || pin === pin.slice(0, 3).repeat(2);
}

/** Why a 6-digit PIN is too easy to guess, or null when it is not. */
export function pinWeakness(pin: string): PinWeakness | null {
  if (/^(\d)\1*$/.test(pin)) return 'repeated';
  if (isRun(pin, 1) || isRun(pin, -1)) return 'sequence';
  if (COMMON_PINS.has(pin) || isRepeatedGroup(pin)) return 'common';
  return null;
}

/** Refuses a weak PIN with `auth.pin-weak` (422) and its reason. */
export function assertStrongPin(pin: string): void {
  const reason = pinWeakness(pin);
  if (reason) throw new AppError('auth.pin-weak', { reason });
}
