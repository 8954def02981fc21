import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { HubDeps } from '../../server/src/hub/context/hub.context.ts';
import { applyPush } from '../../server/src/hub/ingest/hub.service.ts';
import type { ChangeMessage } from '../../shared/sync/messages.ts';
import { build, indicatorIds } from '../fixtures/people.ts';
import { staffSessions } from '../fixtures/staff.ts';
import { startHarness } from './harness.ts';
import { finalize, h, KHE_NGANG, staff, useListsBox, YEAR } from './model-lists-setup.ts';

/** The lists of the four other titles at the commune (the village's list of households: model-lists.test.ts). */
useListsBox();

describe('at the commune', () => {
  it("stores a households' list but counts only a CDHT list as the center's report; the households' list shows beside it", async () => {
    const hub = await startHarness(undefined, { KIOSK_ROLE: 'hub' });
    try {
      const officer = (await staffSessions(hub)).admin;
      const deps: HubDeps = {
        db: hub.db,
        now: () => new Date('2026-11-23T03:00:00Z'),
        hubName: 'Xã Tân Lập',
        enrolmentHours: 72,
        clockSkewSeconds: 300,
      };
      const nodeId = build.id();
      await hub.db
        .insertInto('hub_node')
        .values({
          id: nodeId,
          name: 'TTHTCĐ Tân Lập',
          public_key: 'x',
          status: 'active',
          enrolled_at: '2026-01-01T00:00:00.000Z',
          last_contact_at: null,
          last_seq: 0,
          backlog: 0,
        })
        .execute();
      let sent = 0;
      /** Pushes what the center's outbox holds beyond what was sent. */
      const push = async () => {
        const rows = await h.db
          .selectFrom('outbox')
          .select(['seq', 'payload'])
          .where('seq', '>', sent)
          .orderBy('seq')
          .execute();
        sent = rows.at(-1)?.seq ?? sent;
        const node = await hub.db.selectFrom('hub_node').selectAll().where('id', '=', nodeId).executeTakeFirstOrThrow();
        const body = gzipSync(
          Buffer.from(
            JSON.stringify({
              changes: rows.map((r) => ({ seq: r.seq, message: JSON.parse(r.payload) as ChangeMessage })),
              backlog: 0,
            }),
          ),
        );
        await applyPush(deps, node, body);
      };
      const reporting = async () =>
        (await hub.json('GET', `/api/staff/hub/dashboard?year=${YEAR}`, undefined, officer)).body.reporting.centers;

      expect((await finalize({ title: 'gdht', village: KHE_NGANG })).status).toBe(200);
      await push();
      expect(
        await hub.db
          .selectFrom('hub_record')
          .select(['record_kind', 'message_type'])
          .where('record_kind', '=', 'proposal-list')
          .execute(),
      ).toEqual([{ record_kind: 'proposal-list', message_type: 'ProposalListClosedV2' }]);
      expect(await reporting()).toEqual([
        {
          name: 'TTHTCĐ Tân Lập',
          reportedAt: null,
          onTime: null,
          yearsDue: 0,
          yearsOnTime: 0,
          onTimeRate: null,
          models: [{ title: 'gdht', reportedAt: '2026-11-23T03:00:00.000Z' }],
        },
      ]);

      // The village's CDHT list, closed two hours later, is the report.
      const lan = build.id();
      await h.json('PUT', `/api/people/${lan}`, {
        name: 'Nguyễn Thị Lan',
        birthYear: 1954,
        village: KHE_NGANG,
        consents: { assessment: true, publicList: true, statistics: false },
      });
      const cdht = build.id();
      await h.json('PUT', `/api/assessments/${cdht}`, build.assessment(lan));
      await h.json(
        'PUT',
        `/api/staff/appraisals/${cdht}`,
        { scores: indicatorIds.map((indicatorId) => ({ indicatorId, score: 8 })) },
        staff.appraiser,
      );
      h.setNow(new Date('2026-11-23T05:00:00Z'));
      expect((await finalize({ village: KHE_NGANG })).status).toBe(200);
      await push();
      expect(await reporting()).toEqual([
        {
          name: 'TTHTCĐ Tân Lập',
          reportedAt: '2026-11-23T05:00:00.000Z',
          onTime: true,
          yearsDue: 1,
          yearsOnTime: 1,
          onTimeRate: 1,
          models: [{ title: 'gdht', reportedAt: '2026-11-23T03:00:00.000Z' }],
        },
      ]);
    } finally {
      await hub.close();
    }
  });
});
