import * as v from 'valibot';
import { AppError } from '../../../shared/errors.ts';
import { CriteriaSetSchema, type CriteriaSet } from '../../../shared/schemas/criteria-set.ts';
import type { KioskConfig } from '../config/load.ts';
import type { Db } from '../db/database.ts';
import { storedCriteriaSets } from './criteria-sets.repository.ts';

/**
 * The criteria sets as decided above, carried down the feed: every set, which one each year uses,
 * and the one for years not listed. A commune passes on what its province sent.
 */
export const CriteriaSetsV1Schema = v.object({
  type: v.literal('CriteriaSetsV1'),
  id: v.literal('criteria-sets'),
  revision: v.pipe(v.number(), v.integer(), v.minValue(1)),
  sets: v.pipe(v.array(CriteriaSetSchema), v.minLength(1)),
  byYear: v.record(v.string(), v.string()),
  current: v.string(),
});
export type CriteriaSetsV1 = v.InferOutput<typeof CriteriaSetsV1Schema>;
type Choice = Omit<CriteriaSetsV1, 'type' | 'id' | 'revision'>;

const ref = (s: CriteriaSet) => `${s.id}@${s.version}`;

/**
 * The criteria sets this box knows: those of its own kiosk-config, and those received from the hub
 * above, which decide which set a year uses once they have arrived (the commune and province set
 * the criteria; a center follows). Read at start from the feed's store and replaced when the feed
 * brings a new revision.
 */
export class CriteriaSets {
  /** The choice that came from above, once it has: it decides over this box's own. */
  private fromAbove: Choice | null = null;
  /** This box's own choice (the effective config's, which a setup may change), and what it was made of. */
  private own: Choice | null = null;
  private ownKey = '';
  /** Every set known here, by id@version; sets from above first. */
  private known: Map<string, CriteriaSet>;
  /** The choice last put into this hub's feed (see hub/decisions.service.ts). */
  private published: Choice | null = null;

  constructor(private readonly config: KioskConfig) {
    this.known = this.index([]);
  }

  /** What this box goes by and passes down: its own choice until one comes from above (same object while unchanged). */
  private get current(): Choice {
    if (this.fromAbove) return this.fromAbove;
    const s = this.config.settings;
    const key = JSON.stringify([s['cdht.criteriaSetByYear'], s['cdht.criteriaSet']]);
    if (!this.own || key !== this.ownKey) {
      this.own = {
        sets: [...this.config.criteriaSets],
        byYear: { ...s['cdht.criteriaSetByYear'] },
        current: s['cdht.criteriaSet'],
      };
      this.ownKey = key;
    }
    return this.own;
  }

  /** With what an earlier pull stored, if anything. */
  static async load(db: Db, config: KioskConfig): Promise<CriteriaSets> {
    const sets = new CriteriaSets(config);
    await sets.reload(db);
    return sets;
  }

  /** Reads again what the feed brought (at start, and after a pull brought a new revision). */
  async reload(db: Db): Promise<void> {
    const payload = await storedCriteriaSets(db);
    const parsed = payload ? v.safeParse(CriteriaSetsV1Schema, JSON.parse(payload)) : null;
    if (!parsed?.success) return;
    const { sets, byYear, current } = parsed.output;
    this.fromAbove = { sets, byYear, current };
    this.known = this.index(sets);
  }

  private index(fromAbove: readonly CriteriaSet[]): Map<string, CriteriaSet> {
    const out = new Map<string, CriteriaSet>();
    for (const s of [...fromAbove, ...this.config.criteriaSets]) if (!out.has(ref(s))) out.set(ref(s), s);
    return out;
  }

  /** The set an assessment names; unknown ones are refused with a stable code. */
  find(id: string, version: string): CriteriaSet {
    const set = this.known.get(`${id}@${version}`);
    if (!set) throw new AppError('assessment.criteria-set-unknown', { criteriaSetId: id, version });
    return set;
  }

  /** The set a self-assessment of `year` uses: as decided above once that came, else as configured here. */
  forYear(year: number): CriteriaSet {
    const chosen = this.current.byYear[String(year)] ?? this.current.current;
    const set = this.known.get(chosen);
    if (!set) throw new AppError('assessment.criteria-set-unknown', { criteriaSetId: chosen });
    return set;
  }

  /** What this hub should put into its feed for the nodes below: null when already there. */
  toPublish(): Choice | null {
    return this.published === this.current ? null : this.current;
  }

  markPublished(choice: Choice): void {
    this.published = choice;
  }
}
