import type { Context } from 'hono';
import * as v from 'valibot';
import { AppError } from '../../../../shared/errors.ts';
import type { AppEnv } from '../../http/context.ts';
import { nodeName } from '../../sync/node-name.ts';
import type { Db } from '../../db/database.ts';

/** What every part of the hub works with. */
export interface HubDeps {
  db: Db;
  now: () => Date;
  hubName: string;
  enrolmentHours: number;
  clockSkewSeconds: number;
  /** Run in a push's transaction with the changes it carried (the hub's routes match imported history: hub/history/). */
  onArrival?: (trx: Db, changes: { type: string; id: string }[], at: string) => Promise<void>;
}

/**
 * What the hub's routes (hub.routes.ts and each part's *.routes.ts) take from a request; refused
 * on a box that is not a hub.
 */
export function deps(c: Context<AppEnv>): HubDeps {
  const { db, now, config } = c.var.deps;
  if (config.settings.role !== 'hub') throw new AppError('sync.wrong-role');
  return {
    db,
    now,
    hubName: nodeName(config),
    enrolmentHours: config.settings['hub.enrolmentHours'],
    clockSkewSeconds: config.settings['sync.clockSkewSeconds'],
  };
}

export const YearQuery = v.object({ year: v.pipe(v.string(), v.regex(/^\d{4}$/), v.transform(Number)) });
