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
  name: OneLineText(0, 200),
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

const Table = v.record(v.string(), v.record(v.string(), v.number()));

/** GET /api/setup: what is in force, what the screen stored, and which fields the file overrides. */
export const SetupViewSchema = v.object({
  needed: v.boolean(),
  effective: v.object({
    kind: v.picklist(boxKinds),
    province: v.string(),
    commune: v.string(),
    name: v.string(),
    villages: v.array(v.object({ name: v.string(), kind: v.picklist(villageKinds) })),
    criteria: v.object({ current: v.string(), byYear: v.record(v.string(), v.string()) }),
    targets: Table,
  }),
  stored: v.nullable(
    v.object({
      kind: v.picklist(boxKinds),
      provinceCode: v.string(),
      communeCode: v.nullable(v.string()),
      provinceName: v.string(),
      communeName: v.nullable(v.string()),
      name: v.string(),
      villages: v.array(v.object({ name: v.string(), kind: v.picklist(villageKinds) })),
      criteria: v.object({ current: v.string(), byYear: v.record(v.string(), v.string()) }),
      targets: Table,
    }),
  ),
  overridden: v.array(v.picklist(setupFields)),
  /** The criteria sets the box knows (id@version and title), for the per-year choice. */
  criteriaSets: v.array(v.object({ ref: v.string(), title: v.string() })),
  /** The national targets, shown beside the commune's own. */
  national: Table,
});
export type SetupView = v.InferOutput<typeof SetupViewSchema>;

/** An official unit of the 2025 list: its statistics code and name. */
export const AdminUnitSchema = v.object({ code: v.string(), name: v.string() });
