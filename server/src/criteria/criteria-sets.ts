import * as v from 'valibot';
import { AppError } from '../../../shared/errors.ts';
import { CriteriaSetSchema, type CriteriaSet } from '../../../shared/schemas/criteria-set.ts';
import type { KioskConfig } from '../config/load.ts';
import type { DB } from '../db/database.ts';

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
  private fromAbove: Choice | null = null;

  constructor(private readonly config: KioskConfig) {}

  /** With what an earlier pull stored, if anything. */
  static async load(db: DB, config: KioskConfig): Promise<CriteriaSets> {
    const sets = new CriteriaSets(config);
    const row = await db.selectFrom('feed_record').select('payload').where('kind', '=', 'criteria-sets').where('record_id', '=', 'criteria-sets').executeTakeFirst();
    const parsed = row ? v.safeParse(CriteriaSetsV1Schema, JSON.parse(row.payload)) : null;
    if (parsed?.success) sets.receive(parsed.output);
    return sets;
  }

  /** After a pull brought a new revision. */
  async reload(db: DB): Promise<void> {
    const fresh = await CriteriaSets.load(db, this.config);
    this.fromAbove = fresh.fromAbove;
  }

  receive(choice: Choice): void {
    this.fromAbove = { sets: choice.sets, byYear: choice.byYear, current: choice.current };
  }

  all(): CriteriaSet[] {
    const out = new Map<string, CriteriaSet>();
    for (const s of [...(this.fromAbove?.sets ?? []), ...this.config.criteriaSets]) if (!out.has(ref(s))) out.set(ref(s), s);
    return [...out.values()];
  }

  /** The set an assessment names; unknown ones are refused with a stable code. */
  find(id: string, version: string): CriteriaSet {
    const set = this.all().find((s) => s.id === id && s.version === version);
    if (!set) throw new AppError('assessment.criteria-set-unknown', { criteriaSetId: id, version });
    return set;
  }

  /** The set a self-assessment of `year` uses: as decided above if it came, else as configured here. */
  forYear(year: number): CriteriaSet {
    const s = this.config.settings;
    const chosen = this.fromAbove
      ? this.fromAbove.byYear[String(year)] ?? this.fromAbove.current
      : s['cdht.criteriaSetByYear'][String(year)] ?? s['cdht.criteriaSet'];
    const set = this.all().find((x) => ref(x) === chosen);
    if (!set) throw new AppError('assessment.criteria-set-unknown', { criteriaSetId: chosen });
    return set;
  }

  /** What this box passes down to the nodes below (without its revision). */
  choice(): Choice {
    if (this.fromAbove) return this.fromAbove;
    const s = this.config.settings;
    return { sets: [...this.config.criteriaSets], byYear: { ...s['cdht.criteriaSetByYear'] }, current: s['cdht.criteriaSet'] };
  }
}
