/** The Kysely code of which village lists the centers closed (list-closings.ts): the proposal-list records they sent. */
import type { Db } from '../../db/database.ts';

/** Every proposal list a node closed and sent up (ProposalListClosedV1/V2), with the node it came from. */
export function closedListRecords(db: Db) {
  return db.selectFrom('hub_record').select(['origin', 'payload']).where('record_kind', '=', 'proposal-list').execute();
}
