import type { CriteriaSets } from '../criteria/criteria-sets.ts';
import type { Db } from '../db/database.ts';
import type { Place } from '../resources/resources.feed.ts';
import type { HubFetch } from '../sync/pinned-fetch.ts';
import type { RelayDeps } from '../hub/dashboard/relay.ts';

/** Everything a box's sync with its hub needs (federation.service.ts syncDeps builds it from the configuration). */
export interface FederationDeps {
  db: Db;
  evidenceDir: string;
  now: () => Date;
  /** The pinned transport (pinned-fetch.ts); a link with faults in tests. */
  fetch: HubFetch;
  /** `sync.allowInsecureHttp`: plain HTTP to a hub that is not on this machine. */
  allowInsecureHttp: boolean;
  centerName: string;
  batchBytes: number;
  /** First pause before a request that got no answer is tried again (it doubles each time). */
  retryMs: number;
  /** Replaced when the feed brings criteria sets decided above. */
  criteria?: CriteriaSets;
  /** A commune hub relays its aggregates upward (see relay.ts); a center has nothing to relay. */
  relay?: Omit<RelayDeps, 'db' | 'now' | 'nodeId' | 'criteria'>;
  /** Where this box stands: a commune hub passes the resources from its province on to its centers. */
  place: Place;
  /** The villages this box serves: a decision on a learning community names one of them. */
  villages: readonly string[];
  /** The catalog's videos and documents: those of resources from above are fetched from the hub. */
  mediaDir: string;
  /** Largest such file accepted (`resources.maxFileBytes`). */
  maxMediaBytes: number;
}
