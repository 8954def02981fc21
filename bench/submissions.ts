import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import type { PutAssessment } from '../shared/schemas/assessment.ts';
import type { RegisterPerson } from '../shared/schemas/person.ts';
import { build, indicatorIds } from '../tests/fixtures/people.ts';
import { callJson } from './common.ts';

/** The load the ingest benchmarks send: villager `i`'s registration and submitted assessment, as tablets send them. */

const villages = [
  'Thôn Đồng Chằm',
  'Thôn Bãi Muống',
  'Thôn Khe Ngang',
  'Thôn Làng Mới',
  'Thôn Gò Chè',
  'Thôn Suối Mây',
];
const groups = ['nhom-1', 'nhom-2', 'nhom-3'];
const syllables = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Khánh', 'Lan', 'Minh', 'Nga'];

export interface Submission {
  personId: string;
  person: RegisterPerson;
  assessmentId: string;
  assessment: PutAssessment;
}

/** Villager `i`: a distinct letters-only name, a village, a group and varied scores. */
export function submission(i: number): Submission {
  const personId = build.id();
  return {
    personId,
    person: {
      name: `Nguyễn ${[...String(i).padStart(5, '0')].map((d) => syllables[Number(d)]).join(' ')}`,
      birthYear: 1940 + (i % 60),
      village: villages[i % villages.length]!,
      ...(i % 3 === 0 ? { phone: `09${String(10_000_000 + i).slice(-8)}` } : {}),
      consents: { assessment: true, publicList: i % 2 === 0, statistics: true },
    },
    assessmentId: build.id(),
    assessment: build.assessment(personId, {
      group: groups[i % groups.length]!,
      scores: Object.fromEntries(indicatorIds.map((id, k) => [id, 1 + ((i + k * 3) % 10)])),
    }),
  };
}

/**
 * Sends `count` submissions with `clients` tablets at once over keep-alive connections; answers
 * each submission's latency (both requests) in ms and the wall time. A refusal stops the run.
 */
export async function submitLoad(
  url: string,
  count: number,
  clients: number,
): Promise<{ latencies: number[]; seconds: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < count) {
          const s = submission(next++);
          const t0 = performance.now();
          // As a tablet: the registration binds the session's token, which then carries her assessment.
          const token = { 'x-villager-token': randomBytes(32).toString('base64url') };
          const p = await callJson(
            agent,
            url,
            'PUT',
            `/api/people/${s.personId}`,
            s.person,
            undefined,
            undefined,
            token,
          );
          if (p.status !== 200) throw new Error(`registration refused: ${p.status} ${JSON.stringify(p.body)}`);
          const a = await callJson(
            agent,
            url,
            'PUT',
            `/api/assessments/${s.assessmentId}`,
            s.assessment,
            undefined,
            undefined,
            token,
          );
          if (a.status !== 200 || a.body?.status !== 'submitted')
            throw new Error(`submission refused: ${a.status} ${JSON.stringify(a.body)}`);
          latencies.push(performance.now() - t0);
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  return { latencies, seconds: (performance.now() - started) / 1000 };
}
