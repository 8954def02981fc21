/**
 * The commendation proposal from what the hub holds: for each title, every person or subject
 * recognized `outstandingYears` years in a row up to the review's year by decisions in force (the
 * past recognitions imported at the hub are decisions in force too), whatever their consent to the
 * public list: the proposal is an administrative paper, as the decision's list is.
 */
import * as v from 'valibot';
import { recognitionStreak } from '../../../../../shared/domain/outstanding.ts';
import type { DecisionTitle } from '../../../../../shared/schemas/decision.ts';
import { titleSubject, type ModelTitle } from '../../../../../shared/schemas/model-criteria-set.ts';
import type { Settings } from '../../../../../kiosk-config/options.ts';
import type { Db } from '../../../db/database.ts';
import * as repo from './commendation.repository.ts';
import {
  commendationPaper,
  commendedTitles,
  type CommendRow,
  type CommendationPaper,
  type Review,
} from './commendation.ts';

export interface CommendationDeps {
  db: Db;
  settings: Settings;
  /** The commune proposing ("Xã Tân Lập") and its province ("Tỉnh Phú Thọ"). */
  unit: string;
  province: string;
}

/** Each subject recognized at least `years` years in a row up to `review`, with the first year of that run. */
async function streaks(db: Db, title: DecisionTitle, review: number, years: number): Promise<Map<string, number>> {
  const byId = new Map<string, { year: number; recognized: boolean }[]>();
  for (const r of await repo.recognizedYears(db, title)) {
    const list = byId.get(r.subject_id) ?? [];
    list.push({ year: Number(r.year), recognized: true });
    byId.set(r.subject_id, list);
  }
  const out = new Map<string, number>();
  for (const [id, history] of byId) {
    const streak = recognitionStreak(history, review);
    if (streak >= years) out.set(id, review - streak + 1);
  }
  return out;
}

const HeadOf = v.object({ headPersonId: v.string() });

/** "Gia đình ông/bà <head>" for each household, as the decision papers name it. */
async function householdNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const heads = new Map<string, string>();
  for (const r of await repo.recordPayloads(db, 'household', ids)) {
    const parsed = v.safeParse(HeadOf, JSON.parse(r.payload));
    if (parsed.success) heads.set(r.record_id, parsed.output.headPersonId);
  }
  const names = new Map((await repo.peopleOf(db, [...new Set(heads.values())])).map((p) => [p.person_id, p.name]));
  return new Map(
    ids.map((id) => {
      const head = names.get(heads.get(id) ?? '');
      return [id, head ? `Gia đình ông/bà ${head}` : 'Gia đình (không còn trong sổ)'];
    }),
  );
}

const HouseholdsOf = v.object({ householdIds: v.array(v.string()) });

/** A clan's villages: those of its households (a clan often spans villages), as the decision papers give them. */
async function clanVillages(db: Db, ids: string[]): Promise<Map<string, string>> {
  const households = new Map<string, string[]>();
  for (const r of await repo.recordPayloads(db, 'clan', ids)) {
    const parsed = v.safeParse(HouseholdsOf, JSON.parse(r.payload));
    if (parsed.success) households.set(r.record_id, parsed.output.householdIds);
  }
  const all = [...new Set([...households.values()].flat())];
  const village = new Map((await repo.subjectsOf(db, 'household', all)).map((h) => [h.id, h.village ?? '']));
  return new Map(
    [...households].map(([id, hs]) => [
      id,
      [...new Set(hs.map((h) => village.get(h) ?? '').filter((x) => x))]
        .sort((a, b) => a.localeCompare(b, 'vi'))
        .join(', '),
    ]),
  );
}

async function rowsOf(deps: CommendationDeps, title: DecisionTitle, review: Review): Promise<CommendRow[]> {
  const from = await streaks(deps.db, title, review, deps.settings['recognition.outstandingYears']);
  const ids = [...from.keys()];
  if (ids.length === 0) return [];
  let rows: CommendRow[];
  if (title === 'cdht') {
    // One row per person, whichever center sent them.
    const people = new Map((await repo.peopleOf(deps.db, ids)).map((p) => [p.person_id, p]));
    rows = [...people.values()].map((p) => ({
      name: p.name,
      birthYear: Number(p.birth_year),
      place: p.village,
      from: from.get(p.person_id)!,
      to: review,
    }));
  } else {
    const kind = titleSubject[title as ModelTitle];
    const subjects = new Map((await repo.subjectsOf(deps.db, kind, ids)).map((s) => [s.id, s]));
    const households = kind === 'household' ? await householdNames(deps.db, ids) : new Map<string, string>();
    const villages = kind === 'clan' ? await clanVillages(deps.db, ids) : new Map<string, string>();
    rows = ids.map((id) => {
      const s = subjects.get(id);
      const name = households.get(id) ?? s?.label ?? id;
      return {
        name,
        birthYear: null,
        place: villages.get(id) ?? s?.village ?? (kind === 'community' ? id : ''),
        from: from.get(id)!,
        to: review,
      };
    });
  }
  return rows.sort((x, y) => x.place.localeCompare(y.place, 'vi') || x.name.localeCompare(y.name, 'vi'));
}

/** The proposal for a review, with its list. */
export async function commendation(deps: CommendationDeps, review: Review): Promise<CommendationPaper> {
  const groups: Partial<Record<DecisionTitle, CommendRow[]>> = {};
  for (const title of commendedTitles) groups[title] = await rowsOf(deps, title, review);
  return commendationPaper({ settings: deps.settings, unit: deps.unit, province: deps.province, review, groups });
}
