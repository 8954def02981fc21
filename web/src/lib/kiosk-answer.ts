import * as v from 'valibot';
import { CriteriaSetSchema } from '../../../shared/schemas/criteria-set.ts';
import { DigitalBankSchema } from '../../../shared/schemas/digital-bank.ts';
import { KioskInfoSchema, type KioskInfo } from '../../../shared/schemas/kiosk-info.ts';
import { nextTask } from './when-idle.ts';

/** Everything of the kiosk answer but its two large parts. */
const HeadSchema = v.omit(KioskInfoSchema, ['criteriaSet', 'digitalBank']);

/**
 * The box's kiosk answer checked against KioskInfoSchema in three tasks instead of one: the
 * center and its settings, then the criteria set, then the digital-skills question bank (together
 * about 40 KB, checked on the tablet's start, when a tap would otherwise wait behind one long task).
 * The same result and the same refusals as one `v.parse(KioskInfoSchema, body)`.
 */
export async function checkKioskInfo(body: unknown): Promise<KioskInfo> {
  const head = v.parse(HeadSchema, body);
  const parts = body as { criteriaSet?: unknown; digitalBank?: unknown };
  await nextTask();
  const criteriaSet = v.parse(CriteriaSetSchema, parts.criteriaSet);
  await nextTask();
  if (parts.digitalBank === undefined) return { ...head, criteriaSet };
  return { ...head, criteriaSet, digitalBank: v.parse(DigitalBankSchema, parts.digitalBank) };
}
