import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyFeedItem } from '../../../server/src/federation/feed.apply.ts';
import { applyListReturn } from '../../../server/src/lists/list-return.ts';
import type { ClosedListView } from '../../../shared/schemas/list-return.ts';
import { build, indicatorIds, people } from '../../fixtures/people.ts';
import type { Role } from '../../fixtures/staff.ts';
import type { Harness } from '../harness.ts';
import { enrolledPair, syncPair } from '../federation/enrolled-pair.ts';
import { closeLists } from './close-lists.ts';

/**
 * Issue 24: the commune's Hội Khuyến học returns a closed village list with a reason. The list is
 * no longer closed at the hub (nothing on it can be decided), the return goes down to its center
 * only, where the list opens again (its appraisals unlocked) and shows the reason; both ends audit
 * it; the branch closes it again and the commune can decide. Refused, writing nothing: a list not
 * closed (or returned already), a list someone on it was decided from, a reason too short. A
 * malformed return in the feed changes nothing at the center.
 */

const YEAR = 2026;
const VILLAGE = people.baLan.village;

describe('returning a closed list', () => {
  let hub: Harness;
  let center: Harness;
  let hubAdmin: string;
  let centerStaff: Record<Role, string>;

  beforeEach(async () => {
    ({ hub, center, hubAdmin, centerStaff } = await enrolledPair());
  }, 60_000);
  afterEach(async () => {
    await center.close();
    await hub.close();
  });

  const sync = () => syncPair({ hub, center, hubAdmin, centerStaff });
  /** Registered, assessed and appraised passing at the center: her person and assessment ids. */
  async function appraised(name: string): Promise<{ personId: string; assessmentId: string }> {
    const personId = build.id();
    expect((await center.json('PUT', `/api/people/${personId}`, { ...people.baLan, name })).status).toBe(200);
    const assessmentId = build.id();
    expect((await center.json('PUT', `/api/assessments/${assessmentId}`, build.assessment(personId))).status).toBe(200);
    const scores = indicatorIds.map((indicatorId) => ({ indicatorId, score: 8 }));
    const saved = await center.json('PUT', `/api/staff/appraisals/${assessmentId}`, { scores }, centerStaff.appraiser);
    expect(saved.status).toBe(200);
    return { personId, assessmentId };
  }
  const closed = async () =>
    (await hub.json('GET', `/api/staff/hub/closed-lists?year=${YEAR}`, undefined, hubAdmin)).body as ClosedListView[];
  const giveBack = (list: ClosedListView, reason = 'Thiếu minh chứng CS03 của hai người') =>
    hub.json('POST', '/api/staff/hub/list-returns', { nodeId: list.nodeId, listId: list.listId, reason }, hubAdmin);
  const decide = (personIds: string[], number = '125/QĐ-UBND') =>
    hub.json(
      'POST',
      '/api/staff/hub/decisions',
      { year: YEAR, number, signedOn: '2026-12-05', signer: 'Chủ tịch UBND xã', personIds },
      hubAdmin,
    );
  const centerList = async () =>
    (
      await center.json(
        'GET',
        `/api/staff/lists?village=${encodeURIComponent(VILLAGE)}&year=${YEAR}`,
        undefined,
        centerStaff.appraiser,
      )
    ).body as {
      finalizedAt: string | null;
      returned?: { reason: string; by: string } | null;
      entries: { locked: boolean }[];
    };

  it('reopens the list at its center with the reason, and the commune decides once it is closed again', async () => {
    const lan = await appraised('Nguyễn Thị Lan');
    const mai = await appraised('Lê Thị Mai');
    await closeLists(center, centerStaff.appraiser, YEAR, [{ village: VILLAGE }]);
    await sync();
    const [list] = await closed();
    expect(list).toMatchObject({ center: 'TTHTCĐ Tân Lập', title: 'cdht', village: VILLAGE, year: YEAR, entries: 2 });

    // Refused, nothing written: a reason too short, a list the hub never received.
    const before = await hub.counts();
    expect((await giveBack(list!, 'x')).status).toBe(400);
    expect((await giveBack({ ...list!, listId: build.id() })).body.code).toBe('list-return.not-closed');
    expect(await hub.counts()).toEqual(before);

    expect((await giveBack(list!)).status).toBe(200);
    expect(await closed()).toEqual([]);
    expect((await giveBack(list!)).body.code).toBe('list-return.not-closed');
    expect((await decide([lan.personId])).body).toMatchObject({ code: 'decision.list-not-closed' });
    const hubAudit = await hub.db.selectFrom('audit_log').selectAll().where('action', '=', 'hub.list-return').execute();
    expect(hubAudit).toHaveLength(1);
    expect(JSON.parse(hubAudit[0]!.details)).toMatchObject({ reason: 'Thiếu minh chứng CS03 của hai người' });

    // Down at the center: open again, with the reason and who returned it; appraisals unlocked, audited.
    expect((await centerList()).finalizedAt).not.toBeNull();
    await sync();
    const reopened = await centerList();
    expect(reopened).toMatchObject({
      finalizedAt: null,
      returned: { reason: 'Thiếu minh chứng CS03 của hai người', by: expect.any(String) },
    });
    expect(reopened.entries.map((e) => e.locked)).toEqual([false, false]);
    // Unlocked: the branch can appraise again (locked, the box would answer appraisal.locked).
    const scores = indicatorIds.map((indicatorId) => ({ indicatorId, score: 8 }));
    const reappraised = await center.json(
      'PUT',
      `/api/staff/appraisals/${mai.assessmentId}`,
      { scores },
      centerStaff.appraiser,
    );
    expect(reappraised.status, JSON.stringify(reappraised.body)).toBe(200);
    const centerAudit = await center.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'list.returned')
      .execute();
    expect(centerAudit.map((a) => [a.subject_id, JSON.parse(a.details).reason])).toEqual([
      [`${VILLAGE}/${YEAR}`, 'Thiếu minh chứng CS03 của hai người'],
    ]);
    // The same return read again (a feed page fetched twice) changes nothing.
    const feed = await center.db.selectFrom('feed_record').selectAll().where('kind', '=', 'list-return').execute();
    expect(feed).toHaveLength(1);

    // Closed again: the hub may decide, and the list may no longer be returned once someone on it is decided.
    await closeLists(center, centerStaff.appraiser, YEAR, [{ village: VILLAGE }]);
    await sync();
    expect((await centerList()).returned).toBeNull();
    const [again] = await closed();
    expect(again).toMatchObject({ listId: list!.listId, revision: list!.revision + 1 });
    expect((await decide([lan.personId])).status).toBe(200);
    const decidedBefore = await hub.counts();
    expect((await giveBack(again!)).body.code).toBe('list-return.decided');
    expect(await hub.counts()).toEqual(decidedBefore);
  }, 60_000);

  it('a malformed or stale return in the feed changes nothing at the center', async () => {
    await appraised('Nguyễn Thị Lan');
    await closeLists(center, centerStaff.appraiser, YEAR, [{ village: VILLAGE }]);
    const list = await center.db.selectFrom('proposal_list').selectAll().executeTakeFirstOrThrow();
    const good = {
      type: 'ProposalListReturnedV1',
      id: list.id!,
      revision: list.revision,
      title: 'cdht',
      village: VILLAGE,
      year: YEAR,
      reason: 'Thiếu minh chứng',
      returnedAt: '2026-11-25T03:00:00.000Z',
      by: 'Chị Hoa',
    };
    for (const message of [
      { ...good, reason: '' },
      { ...good, title: 'cddht' },
      { ...good, returnedAt: 'hôm qua' },
      { ...good, revision: list.revision + 1 },
      { ...good, id: build.id() },
    ]) {
      const before = await center.counts();
      await center.db.transaction().execute((trx) => applyListReturn(trx, message, '2026-11-25T04:00:00.000Z'));
      expect(await center.counts(), JSON.stringify(message)).toEqual(before);
      expect((await centerList()).finalizedAt).not.toBeNull();
      expect(await center.db.selectFrom('list_return').selectAll().execute()).toEqual([]);
    }
    // The well-formed one, through the feed, reopens it; read a second time, it changes nothing more.
    for (const seq of [1, 2])
      await center.db
        .transaction()
        .execute((trx) =>
          applyFeedItem(trx, { seq, kind: 'list-return', message: good }, '2026-11-25T04:00:00.000Z', 'center'),
        );
    expect(await centerList()).toMatchObject({
      finalizedAt: null,
      returned: { reason: 'Thiếu minh chứng', by: 'Chị Hoa' },
    });
    expect(await center.db.selectFrom('list_return').selectAll().execute()).toHaveLength(1);
  });
});
