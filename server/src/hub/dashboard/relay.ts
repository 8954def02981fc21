import { createHash } from 'node:crypto';
import type { CommuneAggregateV2, ModelAggregateV1, RecognizedListV1 } from '../../../../shared/sync/messages.ts';
import type { KioskConfig } from '../../config/load.ts';
import type { CriteriaSets } from '../../criteria/criteria-sets.ts';
import type { Db } from '../../db/database.ts';
import { adultsEntered, lastRelayed, markRelayed } from './dashboard.repository.ts';
import { communeCells, publicRecognitionList } from './dashboard.service.ts';
import { modelAggregateContent } from './model-rates.service.ts';
import { appendChange } from '../../outbox/outbox.repository.ts';

export type RelaySend = 'aggregates,recognized-list' | 'aggregates' | 'none';

export interface RelayDeps {
  db: Db;
  now: () => Date;
  config: KioskConfig;
  criteria: CriteriaSets;
  /** This commune's name, as the province shows it. */
  commune: string;
  /** This hub's node id at the province: relayed records are named after it. */
  nodeId: string;
  send: RelaySend;
}

type Relayed =
  Omit<CommuneAggregateV2, 'revision'> | Omit<RecognizedListV1, 'revision'> | Omit<ModelAggregateV1, 'revision'>;

/**
 * What a commune relays upward, computed from what it holds: for each year, the counts per
 * village and group with the people registered and adults entered per village, and the names and
 * villages of the recognized who agreed to the public list. No other person-level data. With the
 * aggregates go, for each year with anything of the four other titles, their counts per village
 * (ModelAggregateV1: numbers and village names only, no person, household, clan or unit).
 */
export async function relayContent(deps: RelayDeps): Promise<Relayed[]> {
  if (deps.send === 'none') return [];
  const { cells, registered, years } = await communeCells(deps);
  const adults = await adultsEntered(deps.db);
  const out: Relayed[] = [];
  for (const year of years) {
    const counts = new Map<string, CommuneAggregateV2['rows'][number]>();
    for (const c of cells.filter((x) => x.year === year)) {
      const key = `${c.village}\u0000${c.group}`;
      const row = counts.get(key) ?? {
        village: c.village,
        group: c.group,
        started: 0,
        selfAssessed: 0,
        appraised: 0,
        proposed: 0,
        recognized: 0,
        digital: 0,
        proficient: 0,
        outstanding: 0,
      };
      for (const k of [
        'started',
        'selfAssessed',
        'appraised',
        'proposed',
        'recognized',
        'digital',
        'proficient',
        'outstanding',
      ] as const)
        row[k] += c[k];
      counts.set(key, row);
    }
    const villages = new Map<string, CommuneAggregateV2['villages'][number]>();
    for (const r of registered.filter((x) => x.year === year)) {
      const v = villages.get(r.village) ?? { village: r.village, registered: 0, adults: null };
      v.registered += r.count;
      villages.set(r.village, v);
    }
    for (const a of adults.filter((x) => x.year === year)) {
      const v = villages.get(a.name) ?? { village: a.name, registered: 0, adults: null };
      v.adults = a.count;
      villages.set(a.name, v);
    }
    const id = `${deps.nodeId}:${year}`;
    const byVillage = <T extends { village: string }>(x: T, y: T) => x.village.localeCompare(y.village, 'vi');
    const rows = [...counts.values()].sort((x, y) => byVillage(x, y) || x.group.localeCompare(y.group));
    out.push({
      type: 'CommuneAggregateV2',
      id,
      commune: deps.commune,
      year,
      rows,
      villages: [...villages.values()].sort(byVillage),
    });
    if (deps.send === 'aggregates,recognized-list') {
      out.push({
        type: 'RecognizedListV1',
        id,
        commune: deps.commune,
        year,
        entries: await publicRecognitionList(deps, year),
      });
    }
  }
  for (const content of await modelAggregateContent(deps)) {
    out.push({ type: 'ModelAggregateV1', id: `${deps.nodeId}:${content.year}`, commune: deps.commune, ...content });
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
      const previous = await lastRelayed(trx, key);
      if (previous.digest === digest) continue;
      const revision = previous.revision + 1;
      await appendChange(trx, { ...item, revision } as CommuneAggregateV2 | RecognizedListV1 | ModelAggregateV1, at);
      await markRelayed(trx, key, { revision, digest });
      queued++;
    }
  });
  return queued;
}
