import { recordKindOf, type ChangeMessage } from '../../../../shared/sync/messages.ts';
import type { Db } from '../../db/database.ts';
import { recordsFrom } from './hub.repository.ts';

export interface RecordKey {
  kind: string;
  id: string;
}

export const keyOf = (kind: string, id: string): string => `${kind}\u0000${id}`;

/** A field of a stored message, read whatever its shape (a record stored before the hub checked changes too). */
const fieldOf = (message: unknown, field: string): unknown =>
  typeof message === 'object' && message !== null ? (message as Record<string, unknown>)[field] : undefined;

/**
 * The ids of the records of one kind from `origin` whose `field` names one of `ids`: what an
 * erasure takes with the person (her assessments, their evidence, her self-checks).
 */
export async function idsNaming(
  db: Db,
  kind: string,
  origin: string,
  field: string,
  ids: readonly string[],
): Promise<string[]> {
  const wanted = new Set(ids);
  return (await recordsFrom(db, kind, origin))
    .filter((r) => {
      const value = fieldOf(r.message, field);
      return typeof value === 'string' && wanted.has(value);
    })
    .map((r) => r.id);
}

const ids = (x: unknown): string[] =>
  Array.isArray(x) ? x.filter((i): i is string => typeof i === 'string') : typeof x === 'string' ? [x] : [];
const many = (kind: string, x: unknown): RecordKey[] => ids(x).map((id) => ({ kind, id }));

/**
 * The records a change names besides itself: each must be its sender's too (or not yet known to
 * the hub). Read from the checked message, so a field the projection reads is never missed. An assessment's subject is checked as every kind it could be read as (a CDHT one is read
 * as a person whatever its subjectKind says); ids are UUIDs, so an honest one never collides.
 */
export function referencesOf(m: ChangeMessage): RecordKey[] {
  switch (m.type) {
    case 'AssessmentUpsertV1':
      return ['person', 'household', 'clan', 'unit'].flatMap((kind) => many(kind, m.subjectId));
    // An appraisal's id is its assessment's.
    case 'AppraisalUpsertV1':
      return many('assessment', m.id);
    case 'EvidenceUpsertV1':
      return many('assessment', m.assessmentId);
    case 'DigitalCheckV1':
      return many('person', m.personId);
    case 'HouseholdUpsertV1':
      return [...many('person', m.headPersonId), ...many('person', m.memberPersonIds)];
    case 'ClanUpsertV1':
      return many('household', m.householdIds);
    case 'UnitUpsertV1':
      return many('person', m.memberPersonIds);
    default:
      return [];
  }
}

/** Kinds whose id a node builds from its own node id (`<node id>:<year>`, relay.ts): another prefix is another node's. */
const NODE_SCOPED = new Set<string>(['aggregate', 'recognized-list', 'model-aggregate']);

/**
 * Why a change from `origin` may not apply: the first record it changes or names that another
 * node sent (as 'kind/id'), or null when it may. `ownerOf` answers the origin of a record (by
 * keyOf) the hub holds or took earlier in the same push, undefined for one it does not know.
 */
export function foreignRecord(
  origin: string,
  m: ChangeMessage,
  ownerOf: (key: string) => string | undefined,
): string | null {
  const kind = recordKindOf[m.type];
  if (NODE_SCOPED.has(kind) && !m.id.startsWith(`${origin}:`)) return `${kind}/${m.id}`;
  for (const k of [{ kind, id: m.id }, ...referencesOf(m)]) {
    const owner = ownerOf(keyOf(k.kind, k.id));
    if (owner !== undefined && owner !== origin) return `${k.kind}/${k.id}`;
  }
  return null;
}
