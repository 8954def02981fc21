import * as v from 'valibot';
import { CriteriaSetSchema } from './criteria-set.ts';
import { DigitalBankSchema } from './digital-bank.ts';

/** What a tablet needs to run the villager flow offline; cached in IndexedDB. */
export const KioskInfoSchema = v.object({
  center: v.object({
    id: v.string(),
    name: v.string(),
    commune: v.string(),
    province: v.string(),
    demo: v.boolean(),
    villages: v.array(v.string()),
  }),
  /** The assessment year that a self-assessment started now counts for. */
  year: v.number(),
  criteriaSet: CriteriaSetSchema,
  photo: v.object({ longSide: v.number(), maxBytes: v.number() }),
  /** Idle time before the "are you still here?" prompt, and its countdown. */
  session: v.object({ idleSeconds: v.number(), warningSeconds: v.number() }),
  /** The digital-skills question bank in use (absent in what an older box sent). */
  digitalBank: v.optional(DigitalBankSchema),
});
export type KioskInfo = v.InferOutput<typeof KioskInfoSchema>;
