import { hash } from 'node:crypto';
import type { Context } from 'hono';
import { AppError } from '../../../shared/errors.ts';
import type { HouseholdView } from '../../../shared/schemas/registry.ts';
import type { AppEnv, Deps } from '../http/context.ts';
import * as repo from './villager.repository.ts';

/**
 * A villager's tablet session. The tablet makes a token (32 random bytes, base64url) when her
 * session starts and sends it as `X-Villager-Token`; the box keeps only its SHA-256, bound to her by
 * her new registration or by her code and birth year. Every person-scoped route asks for a signed-in
 * staff member or a token bound to that person: reads for `villager.tokenMinutes` after it was bound,
 * writes for `villager.deliveryDays` (a change the tablet queued while the box was off still arrives).
 */
export const VILLAGER_TOKEN_HEADER = 'X-Villager-Token';
export type Access = 'read' | 'write';

/** Who the request acts for: staff, or the villager the token is bound to. */
export type Actor = { kind: 'staff' } | { kind: 'villager'; personId: string };

/** The SHA-256 of the request's token, or null when it sent none (or not a token's shape). */
export function tokenHashOf(c: Context<AppEnv>): string | null {
  const token = c.req.header(VILLAGER_TOKEN_HEADER);
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  // The one-shot form: no Hash object made and collected for every request.
  return hash('sha256', token, 'hex');
}

/** The person a valid token is bound to, or `villager.token-required` (none, unknown, expired). */
export async function villagerOf(c: Context<AppEnv>, access: Access): Promise<string> {
  const hash = tokenHashOf(c);
  const row = hash ? await repo.findToken(c.var.deps.db, hash) : undefined;
  if (!row || !fresh(c.var.deps, row.bound_at, access)) throw new AppError('villager.token-required');
  return row.person_id;
}

function fresh({ config, now }: Deps, boundAt: string, access: Access): boolean {
  const s = config.settings;
  const limitMs = access === 'read' ? s['villager.tokenMinutes'] * 60_000 : s['villager.deliveryDays'] * 86_400_000;
  return now().getTime() - Date.parse(boundAt) <= limitMs;
}

/** Staff, or the villager whose token is bound to `personId`; else 401 / 403. */
export async function requirePerson(c: Context<AppEnv>, personId: string, access: Access): Promise<Actor> {
  if (c.var.staff) return { kind: 'staff' };
  const bound = await villagerOf(c, access);
  if (bound !== personId) throw new AppError('villager.forbidden');
  return { kind: 'villager', personId: bound };
}

/**
 * A household's records: staff, its head (to write) or any current member (to read). A household
 * the box does not have is left to the caller's own `household.not-found` (a valid token is still asked).
 */
export async function requireHousehold(c: Context<AppEnv>, householdId: string, access: Access): Promise<Actor> {
  if (c.var.staff) return { kind: 'staff' };
  const personId = await villagerOf(c, access);
  const { db } = c.var.deps;
  const role = await repo.householdRole(db, householdId, personId);
  const exists = role !== undefined || (await repo.householdExists(db, householdId));
  if (exists && (role === undefined || (access === 'write' && role !== 'head')))
    throw new AppError('villager.forbidden');
  return { kind: 'villager', personId };
}

/**
 * An assessment's records: its person, or for a household's self-assessment the household (the
 * head writes, members read); a clan's, village's or unit's only with staff signed in.
 */
export async function requireAssessment(c: Context<AppEnv>, assessmentId: string, access: Access): Promise<Actor> {
  if (c.var.staff) return { kind: 'staff' };
  const subject = await repo.assessmentSubject(c.var.deps.db, assessmentId);
  // None with this id: a valid token is still asked, then the caller answers `assessment.not-found`.
  if (!subject) return { kind: 'villager', personId: await villagerOf(c, access) };
  if (subject.subject_kind === 'person') return requirePerson(c, subject.subject_id, access);
  if (subject.subject_kind === 'household') return requireHousehold(c, subject.subject_id, access);
  throw new AppError('auth.required');
}

/** Binds the token to her after her code and birth year proved her slip; refused when bound to someone else. */
export async function bindByLookup(c: Context<AppEnv>, personId: string): Promise<void> {
  const hash = tokenHashOf(c);
  if (!hash) return;
  const { db, now } = c.var.deps;
  const row = await repo.bindToken(db, hash, personId, now().toISOString(), true);
  if (row.person_id !== personId) throw new AppError('villager.forbidden');
}

/**
 * The household as a villager's token sees it: members by name and role only, no one else's id,
 * slip code or birth year; her own row and the head's id only when they are hers.
 */
export function householdForVillager(view: HouseholdView, personId: string): HouseholdView {
  return {
    ...view,
    headPersonId: view.headPersonId === personId ? personId : undefined,
    members: view.members.map((m) => (m.personId === personId ? m : { name: m.name, role: m.role, since: m.since })),
  };
}

/** The household view for whoever asked: whole for staff, by name only for a villager. */
export function householdFor(actor: Actor, view: HouseholdView): HouseholdView;
export function householdFor(actor: Actor, view: HouseholdView | null): HouseholdView | null;
export function householdFor(actor: Actor, view: HouseholdView | null): HouseholdView | null {
  if (!view || actor.kind === 'staff') return view;
  return householdForVillager(view, actor.personId);
}

/** Registering a household: staff, or the villager whose own slip (code and birth year) names its head. */
export async function requireOwnSlip(c: Context<AppEnv>, code: string, birthYear: number): Promise<Actor> {
  if (c.var.staff) return { kind: 'staff' };
  const personId = await villagerOf(c, 'write');
  const person = await repo.slipOf(c.var.deps.db, personId);
  // Compared with her own record, never looked up: the answer says nothing about anyone else's slip.
  if (person?.code !== code || person.birth_year !== birthYear) throw new AppError('villager.forbidden');
  return { kind: 'villager', personId };
}
