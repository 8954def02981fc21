/** The Kysely code of which village lists the centers closed (list-closings.ts) and the commune returned (list-returns.ts). */
import type { Db } from '../../db/database.ts';
import type { HubListReturnTable } from '../../db/tables/list-returns.ts';

/** Every proposal list a node closed and sent up (ProposalListClosedV1/V2), with the node it came from. */
export function closedListRecords(db: Db) {
  return db.selectFrom('hub_record').select(['origin', 'payload']).where('record_kind', '=', 'proposal-list').execute();
}

/** The highest revision of each node's list the commune returned. */
export function returnedRevisions(db: Db) {
  return db
    .selectFrom('hub_list_return')
    .select(['node_id', 'list_id', (eb) => eb.fn.max('revision').as('revision')])
    .groupBy(['node_id', 'list_id'])
    .execute();
}

export async function insertListReturn(db: Db, row: HubListReturnTable): Promise<void> {
  await db.insertInto('hub_list_return').values(row).execute();
}
