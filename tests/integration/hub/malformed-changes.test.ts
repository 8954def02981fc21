import { describe, expect, it } from 'vitest';
import type { Db } from '../../../server/src/db/database.ts';
import type { HubNodeRow } from '../../../server/src/db/schema.ts';
import type { HubDeps } from '../../../server/src/hub/context/hub.context.ts';
import { applyPush } from '../../../server/src/hub/ingest/hub.service.ts';
import { recordKindOf, type ChangeMessage } from '../../../shared/sync/messages.ts';
import { body, hubDatabases, hubDeps, nodeIn, storages } from './hub-db-setup.ts';
import { build } from '../../fixtures/people.ts';
import { cases } from './malformed-changes-cases.ts';

/**
 * The hub checks every change against the schema of its type (shared/sync/messages.ts): a change
 * that does not match is refused (logged as sync.change-invalid, the cursor moves on) and changes
 * nothing it holds, whatever its type; the same change well formed applies.
 */

const fresh = hubDatabases('malformed', 'NORMAL');

/** Everything a push may change at the hub, apart from the node's position and the refusal log. */
async function held(db: Db) {
  const all = (
    table:
      | 'hub_record'
      | 'hub_record_history'
      | 'hub_person'
      | 'hub_assessment'
      | 'hub_digital_check'
      | 'hub_model_subject'
      | 'hub_model_assessment',
  ) => db.selectFrom(table).selectAll().execute();
  return Promise.all([
    all('hub_record'),
    all('hub_record_history'),
    all('hub_person'),
    all('hub_assessment'),
    all('hub_digital_check'),
    all('hub_model_subject'),
    all('hub_model_assessment'),
  ]);
}

describe.each(storages)('a malformed change on %s', (storage) => {
  it.each(cases)(
    '%s: refused, logged, and nothing the hub holds changes; well formed, it applies',
    async (type, wellFormed, malformed) => {
      const db = await fresh(storage);
      const deps: HubDeps = hubDeps(db);
      const nodeId = (await nodeIn(db, 'center')).id;
      const node = (): Promise<HubNodeRow> =>
        db.selectFrom('hub_node').selectAll().where('id', '=', nodeId).executeTakeFirstOrThrow();
      // What the center sent before: her record, her household and her assessment.
      const before: ChangeMessage[] = [
        { ...(cases[0]![1]() as Extract<ChangeMessage, { type: 'PersonUpsertV1' }>), revision: 1 },
        { ...(cases[11]![1]() as Extract<ChangeMessage, { type: 'HouseholdUpsertV1' }>), revision: 1 },
        { ...(cases[1]![1]() as Extract<ChangeMessage, { type: 'AssessmentUpsertV1' }>), revision: 1 },
      ];
      expect(await applyPush(deps, await node(), body(before, 1))).toEqual({ ackSeq: 3, applied: 3, unchanged: 0 });
      const scoped = (m: ChangeMessage) => (m.id === '' ? { ...m, id: `${nodeId}:2026` } : m);
      const good = scoped(wellFormed());
      const bad = malformed(good) as { id: string };
      const held0 = await held(db);

      expect(await applyPush(deps, await node(), body([bad], 4))).toEqual({ ackSeq: 4, applied: 0, unchanged: 1 });
      expect(await held(db)).toEqual(held0);
      expect(await db.selectFrom('hub_refusal').selectAll().execute()).toEqual([
        expect.objectContaining({
          node_id: nodeId,
          code: 'sync.change-invalid',
          path: '/api/hub/push',
          detail: `${recordKindOf[type]}/${bad.id}`,
          count: 1,
        }),
      ]);

      expect(await applyPush(deps, await node(), body([good], 5))).toEqual({ ackSeq: 5, applied: 1, unchanged: 0 });
      expect(await held(db)).not.toEqual(held0);
    },
    30_000,
  );

  it('skips a change of a type it does not know and a redacted change, as before', async () => {
    const db = await fresh(storage);
    const deps: HubDeps = hubDeps(db);
    const node = await nodeIn(db, 'center');
    const later = { type: 'PersonUpsertV9', id: build.id(), revision: 1, anything: true };
    const redacted = { type: 'Redacted', id: '2', revision: 0, redacted: true };
    expect(await applyPush(deps, node, body([later, redacted], 1))).toEqual({ ackSeq: 2, applied: 0, unchanged: 2 });
    expect(await db.selectFrom('hub_refusal').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('hub_record').selectAll().execute()).toEqual([]);
  });
});
