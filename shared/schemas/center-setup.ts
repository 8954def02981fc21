import * as v from 'valibot';
import { villageKinds } from './village.ts';
import { targetMeasures } from './dashboard.ts';
import { OneLineText } from './text.ts';

/** What a box is: a learning center, a commune's hub, or a province's hub. */
export const boxKinds = ['center', 'commune-hub', 'province-hub'] as const;
export type BoxKind = (typeof boxKinds)[number];

const Year = v.pipe(v.string(), v.regex(/^20\d{2}$/, 'years are written as four digits'));
const SetRef = v.pipe(v.string(), v.regex(/^[a-z0-9-]+@[0-9A-Za-z.-]+$/));

export const VillageSchema = v.strictObject({ name: OneLineText(1, 120), kind: v.picklist(villageKinds) });

/** A target table of the commune (or province): per measure, year → share 0..1. */
export const SetupTargetsSchema = v.record(
  v.picklist(targetMeasures),
  v.record(Year, v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
);

/**
 * The setup the administrator makes in the browser (PUT /api/setup). Names of the province and the
 * commune come from the official 2025 list by their statistics codes, never typed.
 */
export const CenterSetupSchema = v.strictObject({
  kind: v.picklist(boxKinds),
  provinceCode: v.pipe(v.string(), v.regex(/^\d{2}$/)),
  /** Null only for a province hub. */
  communeCode: v.nullable(v.pipe(v.string(), v.regex(/^\d{5}$/))),
  /** The center's name; a hub's is its commune's or province's when left empty. */
  name: v.pipe(v.string(), v.trim(), v.maxLength(200)),
  /** A center's villages, each with its kind (a hub has none of its own). */
  villages: v.pipe(v.array(VillageSchema), v.maxLength(300)),
  /** The criteria set of each year (id@version) and of the years not listed. */
  criteria: v.strictObject({ current: SetRef, byYear: v.record(Year, SetRef) }),
  /** The commune's (a province hub: the province's) own yearly targets, beside the national ones. */
  targets: SetupTargetsSchema,
});
export type CenterSetup = v.InferOutput<typeof CenterSetupSchema>;

/** What the box stores: the setup and the official names its codes stand for. */
export interface StoredSetup extends CenterSetup {
  provinceName: string;
  communeName: string | null;
}

/** The parts of the setup a center file (kiosk-config/centers/) or the environment can fix. */
export const setupFields = ['kind', 'place', 'name', 'villages', 'criteria', 'targets'] as const;
export type SetupField = (typeof setupFields)[number];

/** GET /api/setup: what is in force, what the screen stored, and which fields the file overrides. */
export interface SetupView {
  needed: boolean;
  effective: {
    kind: BoxKind;
    province: string;
    commune: string;
    name: string;
    villages: { name: string; kind: (typeof villageKinds)[number] }[];
    criteria: { current: string; byYear: Record<string, string> };
    targets: Record<string, Record<string, number>>;
  };
  stored: StoredSetup | null;
  overridden: SetupField[];
  /** The criteria sets the box knows (id@version and title), for the per-year choice. */
  criteriaSets: { ref: string; title: string }[];
  /** The national targets, shown beside the commune's own. */
  national: Record<string, Record<string, number>>;
}
