import { request as httpRequest } from 'node:http';
import type { PutAssessment } from '../../shared/schemas/assessment.ts';
import type { RegisterPerson } from '../../shared/schemas/person.ts';
import { indicatorIds } from '../fixtures/people.ts';

/** The seeded load of crash.test.ts: villages, submissions, the client pool and the calls that survive a kill. */
export const SEED = Number(process.env.CRASH_SEED ?? 20_261_123);
export const KILLS = 15;
export const CLIENTS = 4;
export const villages = [
  'Thôn Đồng Chằm',
  'Thôn Bãi Muống',
  'Thôn Khe Ngang',
  'Thôn Làng Mới',
  'Thôn Gò Chè',
  'Thôn Suối Mây',
];
export const groups = ['nhom-1', 'nhom-2', 'nhom-3'];
export const syllables = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Khánh', 'Lan', 'Minh', 'Nga'];

/** mulberry32: small, seeded, good enough to pick delays and scores. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The request or its answer was cut off (the box went down): not acknowledged. */
export class CutOff extends Error {}

/** One request on a connection of its own (no pooled socket outlives a killed box). */
export function call(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: any }> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${url}${path}`,
      {
        method,
        agent: false,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
          ...(token ? { 'x-villager-token': token } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => reject(new CutOff(e.message)));
        res.on('close', () => {
          // Only a complete answer counts; a body cut off by the kill is no acknowledgement.
          if (!res.complete) {
            reject(new CutOff('answer cut off'));
            return;
          }
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null });
          } catch (e) {
            reject(e);
          }
        });
      },
    );
    req.setTimeout(20_000, () => req.destroy(new Error('no answer in 20 s')));
    req.on('error', (e) => reject(new CutOff(e.message)));
    req.end(payload);
  });
}

export interface Submission {
  personId: string;
  /** Her tablet session's token: the registration binds it, and it carries her assessment. */
  token: string;
  person: RegisterPerson;
  assessmentId: string;
  assessment: PutAssessment;
  personAcked: boolean;
  /** The cycle (between two kills) in which the box acknowledged it, or null. */
  ackedIn: number | null;
  retried: boolean;
}

export const answersOf = (a: PutAssessment) => Object.fromEntries(a.answers.map((x) => [x.indicatorId, x.score]));

/** What the box's answer (or a GET) must say of a submission. */
export function matches(s: Submission, view: any): boolean {
  return (
    view?.id === s.assessmentId &&
    view.personId === s.personId &&
    view.status === 'submitted' &&
    view.group === s.assessment.group &&
    Array.isArray(view.answers) &&
    view.answers.length === indicatorIds.length &&
    JSON.stringify(
      Object.fromEntries(view.answers.map((x: { indicatorId: string; score: number }) => [x.indicatorId, x.score])),
    ) === JSON.stringify(answersOf(s.assessment))
  );
}

/** Runs `fn` over `items`, `width` at a time. */
export async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}
