import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Db, OpenOptions } from '../server/src/db/database.ts';
import type { AppraisalUpsertV1, AssessmentUpsertV1, PersonUpsertV1 } from '../shared/sync/messages.ts';
import type { Timed } from './rebuild-run.ts';

const run = promisify(execFile);

/**
 * The dashboard projection's rebuild (facts.ts ensureFacts: what a hub does at start when
 * FACTS_VERSION changed), timed on a hub that holds what the dashboard bench seeded. The projection
 * was seeded directly, so first the records it is built from are written into hub_record as the
 * centers would have sent them (person, assessment, appraisal: the messages' real shapes, checked
 * again by the rebuild), untimed; then the version is forgotten and the rebuild timed in a process
 * of its own opening the same database (rebuild-run.ts), as a hub rebuilds at start: its peak RSS
 * is the rebuild's, not what the bench held before (the seeding, the other storage).
 */

export interface RebuildFigures {
  /** hub_record rows the projection is built from. */
  records: number;
  seconds: number;
  rssBeforeMb: number;
  peakRssMb: number;
  /** How the peak was taken: the kernel's high-water mark, or sampling every 10 ms. */
  peakBy: 'VmHWM' | 'sampled';
}

const INDICATORS = ['CS01', 'CS02', 'CS03', 'CS04', 'CS05', 'CS06', 'CS07', 'CS08', 'CS09', 'CS10'];

/** Ten scores adding to `total` whose least is `min`, with `digital` on the digital-skills indicator (CS05). */
function scores(total: number, min: number, digital: number): number[] {
  const out = INDICATORS.map(() => min);
  out[4] = Math.max(min, digital);
  let left = total - out.reduce((s, x) => s + x, 0);
  for (let i = 0; left > 0; i = (i + 1) % out.length) {
    if (i === 4 || out[i]! >= 10) continue;
    out[i]!++;
    left--;
  }
  return out;
}

type Row = { record_kind: string; record_id: string; origin: string; message_type: string; payload: string };

async function insertRecords(db: Db, rows: Row[], at: string): Promise<void> {
  const values = rows.map((r) => ({ ...r, revision: 1, received_at: at }));
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < values.length; i += 2000)
      await trx
        .insertInto('hub_record')
        .values(values.slice(i, i + 2000))
        .execute();
  });
}

/** Writes the records behind the seeded projection into hub_record; answers how many. */
async function recordsFromProjection(db: Db): Promise<number> {
  const at = '2026-11-20T03:00:00.000Z';
  let count = 0;
  const people = await db.selectFrom('hub_person').selectAll().execute();
  const rows: Row[] = people.map((p, i) => {
    const consentAt = `${p.registered_year}-03-01T03:00:00.000Z`;
    const m: PersonUpsertV1 = {
      type: 'PersonUpsertV1',
      id: p.person_id,
      revision: 1,
      code: `P${String(i).padStart(7, '0')}`,
      name: p.name,
      birthYear: Number(p.birth_year),
      village: p.village,
      consents: [
        { purpose: 'assessment', granted: true, at: consentAt },
        { purpose: 'statistics', granted: true, at: consentAt },
        { purpose: 'publicList', granted: Number(p.public_list) === 1, at: consentAt },
      ],
    };
    return {
      record_kind: 'person',
      record_id: m.id,
      origin: p.node_id,
      message_type: m.type,
      payload: JSON.stringify(m),
    };
  });
  await insertRecords(db, rows, at);
  count += rows.length;
  const years = (await db.selectFrom('hub_assessment').select('year').distinct().execute()).map((r) => Number(r.year));
  for (const year of years) {
    const batch: Row[] = [];
    for (const a of await db.selectFrom('hub_assessment').selectAll().where('year', '=', year).execute()) {
      const m: AssessmentUpsertV1 = {
        type: 'AssessmentUpsertV1',
        id: a.assessment_id,
        revision: 1,
        subjectKind: 'person',
        subjectId: a.person_id,
        title: 'cdht',
        year,
        criteriaSetId: 'cdht-2022',
        criteriaSetVersion: '2022.1',
        group: a.grp,
        status: 'submitted',
        answers: INDICATORS.map((indicatorId) => ({ indicatorId, score: 8, note: null, confirmed: false })),
        submittedAt: at,
        assistedBy: Number(a.assisted) === 1 ? 'bench' : null,
      };
      const origin = a.node_id;
      batch.push({
        record_kind: 'assessment',
        record_id: m.id,
        origin,
        message_type: m.type,
        payload: JSON.stringify(m),
      });
      if (Number(a.appraised) !== 1) continue;
      const given = scores(Number(a.appraised_total), Number(a.appraised_min), Number(a.digital_score));
      const appraisal: AppraisalUpsertV1 = {
        type: 'AppraisalUpsertV1',
        id: a.assessment_id,
        revision: 1,
        status: 'appraised',
        message: null,
        locked: false,
        scores: INDICATORS.map((indicatorId, k) => ({ indicatorId, score: given[k]!, reason: null })),
      };
      batch.push({
        record_kind: 'appraisal',
        record_id: appraisal.id,
        origin,
        message_type: appraisal.type,
        payload: JSON.stringify(appraisal),
      });
    }
    await insertRecords(db, batch, at);
    count += batch.length;
  }
  return count;
}

/** The rebuild in a process of its own, on the same database (`reopen`): its peak is the rebuild's alone. */
async function inOwnProcess(reopen: OpenOptions): Promise<Timed> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'rebuild-run.ts'), JSON.stringify(reopen)],
    {
      cwd: join(import.meta.dirname, '..'),
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(stdout) as Timed;
}

/** The rebuild's figures over `db`, timed in a process of its own opening the same database (`reopen`). */
export async function rebuildFigures(db: Db, reopen: OpenOptions): Promise<RebuildFigures> {
  const records = await recordsFromProjection(db);
  const count = async (t: 'hub_person' | 'hub_assessment', recognizedOnly = false) => {
    let q = db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n'));
    if (recognizedOnly) q = q.where('recognized', '=', 1);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  /** What the rebuild must give back: the people, the assessments and the recognized among them. */
  const expected = async () => [
    await count('hub_person'),
    await count('hub_assessment'),
    await count('hub_assessment', true),
  ];
  const before = await expected();
  await db.deleteFrom('sync_state').where('key', '=', 'facts:version').execute();
  const timed = await inOwnProcess(reopen);
  const after = await expected();
  if (!timed.rebuilt || after.join() !== before.join())
    throw new Error(`rebuild: people, assessments and recognized ${before.join('/')} before, ${after.join('/')} after`);
  const { rebuilt: _, ...figures } = timed;
  return { records, ...figures };
}

/** The table `npm run bench` prints (bench/run.ts), one row per storage. */
export function printRebuild(figures: { storage: string; rebuild: RebuildFigures | null }[]): void {
  console.log('Projection rebuild from hub_record (at start after a rule change): reported, no target');
  console.table(
    figures.map((d) => ({
      storage: d.storage,
      records: d.rebuild?.records,
      seconds: d.rebuild?.seconds,
      'RSS before MB': d.rebuild?.rssBeforeMb,
      'peak RSS MB': d.rebuild?.peakRssMb,
      'peak by': d.rebuild?.peakBy,
    })),
  );
}
