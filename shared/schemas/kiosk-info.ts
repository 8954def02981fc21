import * as v from 'valibot';
import { CriteriaSetSchema } from './criteria-set.ts';
import { DigitalBankSchema } from './digital-bank.ts';
import { villageKinds } from './village.ts';

/** What a tablet needs to run the villager flow offline; cached in IndexedDB. */
export const KioskInfoSchema = v.object({
  center: v.object({
    id: v.string(),
    name: v.string(),
    commune: v.string(),
    province: v.string(),
    demo: v.boolean(),
    villages: v.array(v.string()),
    /** The villages with their kinds, for the place word (absent in what an older box sent). */
    places: v.optional(v.array(v.object({ name: v.string(), kind: v.picklist(villageKinds) }))),
  }),
  /** A hub has no villager kiosk: its start page is the officers' sign-in (absent in what an older box sent). */
  role: v.optional(v.picklist(['center', 'hub'])),
  /** True while the box has no center yet: the administrator sets it up in the staff app. */
  setupNeeded: v.optional(v.boolean()),
  /** The assessment year that a self-assessment started now counts for. */
  year: v.number(),
  /**
   * First and last day (YYYY-MM-DD) of the assessment year the box is in now: a learning plan's
   * dates must lie within them (absent in what an older box sent).
   */
  yearSpan: v.optional(v.object({ from: v.string(), to: v.string() })),
  criteriaSet: CriteriaSetSchema,
  photo: v.object({ longSide: v.number(), maxBytes: v.number() }),
  /** Idle time before the "are you still here?" prompt, and its countdown. */
  session: v.object({ idleSeconds: v.number(), warningSeconds: v.number() }),
  /**
   * What the registration form checks and tells (shared/domain/age.ts, the consent notice): the ages
   * registered, who is a child and whether this center takes children, how long evidence photos are
   * kept after the decision and the streak scores are kept for (absent in what an older box sent:
   * the box still checks).
   */
  registration: v.optional(
    v.object({
      minAge: v.number(),
      maxAge: v.number(),
      guardianUnder: v.number(),
      minors: v.picklist(['assisted', 'off']),
      evidenceKeepMonths: v.number(),
      outstandingYears: v.number(),
    }),
  ),
  /** The digital-skills question bank in use (absent in what an older box sent). */
  digitalBank: v.optional(DigitalBankSchema),
});
export type KioskInfo = v.InferOutput<typeof KioskInfoSchema>;
