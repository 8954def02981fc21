import * as v from 'valibot';
import type { ErrorCode } from '../../../shared/errors.ts';
import type { PutAssessment } from '../../../shared/schemas/assessment.ts';
import type { RegisterPerson } from '../../../shared/schemas/person.ts';
import type { ModelTitle } from '../../../shared/schemas/model-criteria-set.ts';
import { checkKioskInfo } from './kiosk-answer.ts';

/** A refusal or failure, with the box's stable code ('network' when the box did not answer). */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'network',
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The stable code to show for a failure: the box's, or 'internal' for anything unexpected. */
export const errorCode = (e: unknown): string => (e instanceof ApiError ? e.code : 'internal');

/** How far the box's clock is ahead of this tablet's, in ms, as its last answer's Date header said (0 until then). */
let boxClockAheadMs = 0;

/**
 * Now by the box's clock. A tablet's own clock can be minutes off; what it dates (a digital-skills
 * check's start) the box refuses when later than its own clock allows (digital.started-at-invalid).
 * The Date header counts whole seconds: a difference under 2 s is taken as none.
 */
export function boxNow(): Date {
  return new Date(Date.now() + boxClockAheadMs);
}

function noteBoxClock(res: Response): void {
  const date = Date.parse(res.headers.get('date') ?? '');
  if (Number.isNaN(date)) return;
  const ahead = date - Date.now();
  boxClockAheadMs = Math.abs(ahead) < 2000 ? 0 : ahead;
}

/**
 * One call to the box under `/api`: the answer checked against its schema, a refusal turned into
 * an ApiError with the box's code. Shared by the villager's and the staff's screens.
 */
export async function call<S extends v.GenericSchema>(
  schema: S,
  path: string,
  init: RequestInit = {},
): Promise<v.InferOutput<S>> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { ...init, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError('network', (e as Error).message);
  }
  noteBoxClock(res);
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const b = body as { code?: unknown; message?: string; details?: Record<string, unknown> } | null;
    // The catalogue of codes loads with the first refusal (the service worker keeps it for offline use).
    const { isErrorCode } = await import('../../../shared/errors.ts');
    throw new ApiError(isErrorCode(b?.code) ? b.code : 'internal', b?.message ?? res.statusText, b?.details);
  }
  return v.parse(schema, body);
}

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** The header that carries a villager session's token (web/src/platform/villager-token.ts). */
export const VILLAGER_TOKEN_HEADER = 'X-Villager-Token';

/**
 * A person-scoped request: with the villager session's token, which the box binds to her at a
 * registration or a code + birth-year look-up and asks for on every read or write about her. The
 * staff screens call without one: their session cookie goes along instead.
 */
export function withVillagerToken(token: string | undefined, init: RequestInit = {}): RequestInit {
  if (!token) return init;
  return {
    ...init,
    headers: { ...(init.headers as Record<string, string> | undefined), [VILLAGER_TOKEN_HEADER]: token },
  };
}

const as = withVillagerToken;

/** The answers' schemas of the calls about a person, loaded with the first of them (api-schemas.ts). */
const schemas = () => import('./api-schemas.ts');

/** Every call about a person takes the session's token last (undefined from the staff screens). */
export const api = {
  /** The center, its settings, criteria set and question bank, checked in short tasks (kiosk-answer.ts). */
  kiosk: async () => checkKioskInfo(await call(v.unknown(), '/kiosk')),
  /** Ends the facilitator's sign-in on this tablet (an assisted session's end); the answer is not read. */
  staffSignOut: () => call(v.unknown(), '/staff/sign-out', { method: 'POST' }),
  register: async (id: string, person: RegisterPerson, token?: string) =>
    call((await schemas()).PersonViewSchema, `/people/${id}`, as(token, json('PUT', person))),
  person: async (id: string, token?: string) => call((await schemas()).PersonViewSchema, `/people/${id}`, as(token)),
  digitalHistory: async (personId: string, token?: string) =>
    call((await schemas()).DigitalHistorySchema, `/people/${personId}/digital-attempts`, as(token)),
  /** Her self-check paused part-way, kept at the box (the tablet keeps none), or null. */
  digitalDraft: async (personId: string, token?: string) =>
    call((await schemas()).DigitalDraftAnswerSchema, `/people/${personId}/digital-draft`, as(token)),
  /** A successful look-up binds the token to her at the box. */
  personByCode: async (code: string, birthYear: number, token?: string) =>
    call(
      (await schemas()).PersonViewSchema,
      `/people/by-code/${encodeURIComponent(code)}?birthYear=${birthYear}`,
      as(token),
    ),
  currentAssessment: async (personId: string, token?: string) =>
    call((await schemas()).CurrentAssessmentSchema, `/people/${personId}/assessments/current`, as(token)),
  /** The household the person is in now (members by name, the head first), or null. */
  householdOf: async (personId: string, token?: string) =>
    call((await schemas()).HouseholdOfSchema, `/people/${personId}/household`, as(token)),
  modelStart: async (title: ModelTitle, subjectId: string, token?: string) =>
    call(
      (await schemas()).ModelStartSchema,
      `/model-assessments/current/${title}/${encodeURIComponent(subjectId)}`,
      as(token),
    ),
  putAssessment: async (id: string, body: PutAssessment, token?: string) =>
    call((await schemas()).AssessmentViewSchema, `/assessments/${id}`, as(token, json('PUT', body))),
  putPhoto: async (assessmentId: string, evidenceId: string, indicatorId: string, blob: Blob, token?: string) =>
    call(
      (await schemas()).EvidenceViewSchema,
      `/assessments/${assessmentId}/evidence/${evidenceId}?indicator=${encodeURIComponent(indicatorId)}`,
      as(token, {
        method: 'PUT',
        headers: { 'content-type': blob.type || 'image/jpeg' },
        body: blob,
      }),
    ),
};
