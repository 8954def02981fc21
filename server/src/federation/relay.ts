import { createHash } from 'node:crypto';
import type { CriteriaSet } from '../../../shared/schemas/criteria-set.ts';
import type { CommuneAggregateV1, RecognizedListV1 } from '../../../shared/sync/messages.ts';
import type { DB } from '../db/database.ts';
import { proposals, received } from '../hub/decisions.service.ts';
import { appendChange } from '../outbox/outbox.repository.ts';

export type RelaySend = 'aggregates,recognized-list' | 'aggregates' | 'none';

export interface RelayDeps {
  db: DB;
  now: () => Date;
  /** This commune's name, as the province shows it. */
  commune: string;
  /** This hub's node id at the province: relayed records are named after it. */
  nodeId: string;
  send: RelaySend;
  criteriaSetFor: (year: number) => CriteriaSet;
  outstandingYears: number;
}

type Relayed = Omit<CommuneAggregateV1, 'revision'> | Omit<RecognizedListV1, 'revision'>;

/**
 * What a commune relays upward, computed from what it holds: for each year, the counts per
 * village and group, and the recognized people's names and villages. No other person-level data.
 */
export async function relayContent(deps: RelayDeps): Promise<Relayed[]> {
  if (deps.send === 'none') return [];
  const records = await received(deps.db);
  const appraised = new Set([...records.appraisals.values()].filter((a) => a.status === 'appraised').map((a) => a.id));
  const years = [...new Set(records.assessments.map((a) => a.year))].sort();
  const out: Relayed[] = [];
  for (const year of years) {
    const table = await proposals(deps, year, records);
    const byPerson = new Map(table.map((p) => [p.personId, p]));
    const counts = new Map<string, CommuneAggregateV1['rows'][number]>();
    for (const a of records.assessments.filter((x) => x.year === year)) {
      const v = records.people.get(a.subjectId)?.village;
      if (v === undefined) continue;
      const key = `${v}\u0000${a.group}`;
      const row = counts.get(key) ?? { village: v, group: a.group, registered: 0, selfAssessed: 0, appraised: 0, proposed: 0, recognized: 0 };
      row.registered++;
      if (a.status === 'submitted') row.selfAssessed++;
      if (a.status === 'submitted' && appraised.has(a.id)) row.appraised++;
      const p = byPerson.get(a.subjectId);
      if (p?.proposed) row.proposed++;
      if (p?.decision) row.recognized++;
      counts.set(key, row);
    }
    const id = `${deps.nodeId}:${year}`;
    const sorted = [...counts.values()].sort((x, y) => x.village.localeCompare(y.village, 'vi') || x.group.localeCompare(y.group));
    out.push({ type: 'CommuneAggregateV1', id, commune: deps.commune, year, rows: sorted });
    if (deps.send === 'aggregates,recognized-list') {
      const entries = table.filter((p) => p.decision).map((p) => ({ name: p.name, village: p.village }))
        .sort((x, y) => x.village.localeCompare(y.village, 'vi') || x.name.localeCompare(y.name, 'vi'));
      out.push({ type: 'RecognizedListV1', id, commune: deps.commune, year, entries });
    }
  }
  return out;
}

/**
 * Puts into the commune's own outbox every relayed record whose content changed since it was last
 * relayed, as its next revision; the push then carries it to the province like any change.
 */
export async function queueRelay(deps: RelayDeps): Promise<number> {
  const content = await relayContent(deps);
  const at = deps.now().toISOString();
  let queued = 0;
  await deps.db.transaction().execute(async (trx) => {
    for (const item of content) {
      const key = `relay:${item.type}:${item.id}`;
      const digest = createHash('sha256').update(JSON.stringify(item)).digest('hex');
      const last = await trx.selectFrom('sync_state').select('value').where('key', '=', key).executeTakeFirst();
      const previous = last ? (JSON.parse(last.value) as { revision: number; digest: string }) : { revision: 0, digest: '' };
      if (previous.digest === digest) continue;
      const revision = previous.revision + 1;
      await appendChange(trx, { ...item, revision } as CommuneAggregateV1 | RecognizedListV1, at);
      const value = JSON.stringify({ revision, digest });
      await trx.insertInto('sync_state').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
      queued++;
    }
  });
  return queued;
}
