import { describe, expect, it } from 'vitest';
import { newKeyPair, signRequest } from '../../../server/src/sync/signing.ts';
import { CriteriaSets } from '../../../server/src/criteria/criteria-sets.ts';
import { build, people } from '../../fixtures/people.ts';
import { cookieOf, staff } from '../../fixtures/staff.ts';
import type { Harness } from '../harness.ts';
import { closeLists } from '../hub/close-lists.ts';
import {
  appraised,
  assessmentOf,
  center,
  centerStaff,
  decide,
  enrol,
  feedReads,
  hub,
  hubAndCenterEachTest,
  hubStaff,
  hubStorages,
  pass,
  recognitionsOf,
  restartHub,
  run,
  setFaults,
} from './federation-setup.ts';

/**
 * What comes down from the commune hub (federation-setup.ts): its decisions and withdrawals, its
 * refusals, declined proposals, outstanding Learning Citizens over five years, each center's own
 * people only, and the criteria sets decided above.
 */

describe.each(hubStorages)('commune hub on %s', (storage) => {
  hubAndCenterEachTest(storage);

  describe('downward feed', () => {
    it('a decision recorded at the hub reaches the center through faults, once, and its withdrawal too', async () => {
      await enrol();
      const year = (await center.json('GET', '/api/kiosk')).body.year as number;
      const [lan, tuan, short] = await appraised(['passes', 'passes', 'short']);
      const table = (await hub.json('GET', `/api/staff/hub/proposals?year=${year}`, undefined, hubStaff.admin))
        .body as { personId: string; proposed: boolean; center: string }[];
      expect(table).toHaveLength(3);
      expect(
        table
          .filter((p) => p.proposed)
          .map((p) => p.personId)
          .sort(),
      ).toEqual([lan, tuan].sort());
      expect(table[0]!.center).toBe('TTHTCĐ xã Tân Lập');

      const made = await decide(year, [lan!]);
      expect(made.status).toBe(200);
      setFaults(['ok', 'drop-response', 'ok', 'duplicate']);
      for (let i = 0; i < 10 && (await run()).body.lastError !== null; i++);
      expect(await recognitionsOf(lan!)).toEqual([
        { title: 'cdht', year, decisionNumber: '125/QĐ-UBND', signedOn: '2026-12-05' },
      ]);
      expect(await recognitionsOf(tuan!)).toEqual([]);
      setFaults([]);
      const reads = feedReads;
      await run();
      expect(feedReads).toBe(reads + 1);
      expect(await center.db.selectFrom('recognition').selectAll().execute()).toHaveLength(1);

      // Decided results are locked below: the appraisal cannot change, nor be reopened at the center.
      const lanAssessment = assessmentOf.get(lan!)!;
      expect(
        (await center.json('PUT', `/api/staff/appraisals/${lanAssessment}`, pass(lanAssessment), centerStaff.appraiser))
          .body.code,
      ).toBe('appraisal.locked');
      const reopen = () =>
        center.json(
          'POST',
          `/api/staff/appraisals/${lanAssessment}/reopen`,
          { reason: 'Chấm lại CS03' },
          centerStaff.admin,
        );
      expect((await reopen()).body).toMatchObject({
        code: 'appraisal.decided',
        details: { decisionNumber: '125/QĐ-UBND' },
      });
      // Tuan is on the closed list but not decided: the administrator may still reopen his appraisal.
      expect(
        (
          await center.json(
            'POST',
            `/api/staff/appraisals/${assessmentOf.get(tuan!)}/reopen`,
            { reason: 'Chấm lại CS03' },
            centerStaff.admin,
          )
        ).status,
      ).toBe(200);

      const revoked = await hub.json(
        'POST',
        `/api/staff/hub/decisions/${made.body.id}/revoke`,
        { reason: 'Ghi nhầm số quyết định' },
        hubStaff.admin,
      );
      expect(revoked.status).toBe(200);
      await run();
      expect(await recognitionsOf(lan!)).toEqual([]);
      // Withdrawn by the commune: the center's administrator may reopen it again.
      expect((await reopen()).status).toBe(200);
      const again = await hub.json(
        'POST',
        `/api/staff/hub/decisions/${made.body.id}/revoke`,
        { reason: 'Lần nữa' },
        hubStaff.admin,
      );
      expect(again.body.code).toBe('decision.already-revoked');
      void short;
    });

    it('refuses to recognize anyone not proposed, or twice in a year, and changes nothing', async () => {
      await enrol();
      const year = (await center.json('GET', '/api/kiosk')).body.year as number;
      const [lan, short] = await appraised(['passes', 'short']);
      expect((await decide(year, [lan!])).status).toBe(200);
      const before = await hub.counts();
      const feed = await hub.db.selectFrom('hub_feed').selectAll().execute();
      expect((await decide(year, [short!], '126/QĐ-UBND')).body).toMatchObject({
        code: 'decision.not-proposed',
        details: { personIds: [short] },
      });
      expect((await decide(year, [build.id()], '126/QĐ-UBND')).body.code).toBe('decision.not-proposed');
      expect((await decide(year, [lan!], '127/QĐ-UBND')).body).toMatchObject({
        code: 'decision.already-recognized',
        details: { personIds: [lan] },
      });
      expect((await decide(year + 1, [lan!], '128/QĐ-UBND')).body.code).toBe('decision.not-proposed');
      expect(await hub.counts()).toEqual(before);
      expect(await hub.db.selectFrom('hub_feed').selectAll().execute()).toEqual(feed);
    });

    it('lists as outstanding those recognized five years in a row, and not those with a gap', async () => {
      const signInAs = async (h: Harness, who: { name: string; pin: string }) =>
        cookieOf((await h.json('POST', '/api/staff/sign-in', { name: who.name, pin: who.pin })).headers);
      const lan = build.id();
      const hoa = build.id();
      for (const year of [2022, 2023, 2024, 2025, 2026]) {
        const at = new Date(`${year}-11-23T03:00:00Z`);
        hub.setNow(at);
        center.setNow(at);
        if (year === 2022) {
          // Sessions last hours, not years: everyone signs in again at each year's clock.
          hubStaff.admin = await signInAs(hub, staff.chiHoa);
          centerStaff.admin = await signInAs(center, staff.chiHoa);
          await enrol();
          await center.json('PUT', `/api/people/${lan}`, people.baLan);
          await center.json('PUT', `/api/people/${hoa}`, { ...people.baLan, name: 'Đỗ Thị Hòa' });
        }
        const appraiser = await signInAs(center, staff.coMai);
        const officer = await signInAs(hub, staff.chiHoa);
        const named = year === 2024 ? [lan] : [lan, hoa];
        for (const personId of named) {
          const id = build.id();
          expect((await center.json('PUT', `/api/assessments/${id}`, build.assessment(personId))).status).toBe(200);
          expect((await center.json('PUT', `/api/staff/appraisals/${id}`, pass(id), appraiser)).status).toBe(200);
        }
        centerStaff.admin = await signInAs(center, staff.chiHoa);
        await closeLists(center, appraiser, year, [{ village: people.baLan.village }]);
        expect((await run()).body.lastError).toBeNull();
        const decided = await hub.json(
          'POST',
          '/api/staff/hub/decisions',
          { year, number: `${year}/QĐ-UBND`, signedOn: `${year}-12-05`, signer: 'Chủ tịch UBND xã', personIds: named },
          officer,
        );
        expect(decided.status).toBe(200);
        const table = (await hub.json('GET', `/api/staff/hub/proposals?year=${year}`, undefined, officer)).body as {
          personId: string;
          streak: number;
          outstanding: boolean;
        }[];
        const of = (id: string) => table.find((p) => p.personId === id);
        expect(of(lan)).toMatchObject({ streak: year - 2021, outstanding: year === 2026 });
        if (year !== 2024)
          expect(of(hoa)).toMatchObject({
            streak: year === 2022 || year === 2023 ? year - 2021 : year - 2024,
            outstanding: false,
          });
        // The dashboard counts the same: Lan alone is outstanding, in 2026.
        const board = (await hub.json('GET', `/api/staff/hub/dashboard?year=${year}`, undefined, officer)).body;
        expect(board.total.counts).toMatchObject({ recognized: named.length, outstanding: year === 2026 ? 1 : 0 });
        expect(board.trend.map((t: { year: number }) => t.year)).toEqual(
          Array.from({ length: year - 2021 }, (_, i) => 2022 + i),
        );
        if (year === 2026) {
          const village = board.placeTrend.find((p: { name: string }) => p.name === people.baLan.village);
          expect(village.points.map((p: { year: number; numerator: number }) => [p.year, p.numerator])).toEqual([
            [2022, 2],
            [2023, 2],
            [2024, 1],
            [2025, 2],
            [2026, 2],
          ]);
        }
      }
    });

    it('a declined proposal reaches its center with the reason, and is taken back when the person is recognized after all', async () => {
      await enrol();
      const year = (await center.json('GET', '/api/kiosk')).body.year as number;
      const [lan] = await appraised(['passes']);
      expect(
        (
          await hub.json(
            'POST',
            '/api/staff/hub/declines',
            { personId: lan, year, reason: 'Minh chứng CS03 chưa rõ' },
            hubStaff.admin,
          )
        ).status,
      ).toBe(200);
      expect((await run()).body.lastError).toBeNull();
      const caseOf = async () =>
        (await center.json('GET', `/api/staff/appraisals/${assessmentOf.get(lan!)}`, undefined, centerStaff.appraiser))
          .body;
      expect((await caseOf()).declined).toMatchObject({
        reason: 'Minh chứng CS03 chưa rõ',
        on: '2026-11-23T03:00:00.000Z',
      });
      expect((await decide(year, [lan!])).status).toBe(200);
      expect((await run()).body.lastError).toBeNull();
      expect((await caseOf()).declined).toBeNull();
      expect(await recognitionsOf(lan!)).toHaveLength(1);
    });

    it('a center reads only its own people in the feed', async () => {
      await enrol();
      const year = (await center.json('GET', '/api/kiosk')).body.year as number;
      const [lan] = await appraised(['passes']);
      expect((await decide(year, [lan!])).status).toBe(200);
      const other = await hub.json('POST', '/api/staff/hub/enrolments', { name: 'TTHTCĐ thôn khác' }, hubStaff.admin);
      const keys = newKeyPair();
      const enrolled = await hub.json('POST', '/api/hub/enrol', {
        code: other.body.code,
        publicKey: keys.publicKey,
        name: 'Thôn khác',
      });
      const body = Buffer.from(JSON.stringify({ after: 0, limit: 100 }));
      const res = await hub.app.request('/api/hub/feed', {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          ...signRequest(
            enrolled.body.nodeId,
            keys.privateKey,
            'POST',
            '/api/hub/feed',
            body,
            new Date('2026-11-23T03:00:00Z'),
          ),
        },
      });
      const page = (await res.json()) as { items: { kind: string }[]; more: boolean };
      expect(page.items.map((i) => i.kind)).toEqual(['criteria-sets', 'evidence-policy', 'document-key']);
    });

    it('the criteria sets decided above reach the center, which then uses them, also after a restart', async () => {
      // The province keeps the 2022 set where the box's default is the 2023 one (from 2024 on).
      await restartHub({ KIOSK_CDHT_CRITERIA_SET: 'cdht-2022@2022.1', KIOSK_CDHT_CRITERIA_SET_BY_YEAR: '{}' });
      await enrol();
      expect((await center.json('GET', '/api/kiosk')).body.criteriaSet).toMatchObject({
        id: 'cdht-2023',
        version: '2023.1',
      });
      expect((await run()).body.lastError).toBeNull();
      expect((await center.json('GET', '/api/kiosk')).body.criteriaSet).toMatchObject({
        id: 'cdht-2022',
        version: '2022.1',
      });
      // An assessment begun on the earlier set is still accepted.
      const personId = build.id();
      await center.json('PUT', `/api/people/${personId}`, people.baLan);
      const begun = build.assessment(personId, {
        status: 'draft',
        criteriaSetId: 'cdht-2023',
        criteriaSetVersion: '2023.1',
        group: 'cu-dan',
      });
      expect((await center.json('PUT', `/api/assessments/${build.id()}`, begun)).status).toBe(200);
      // Read again from the database, as at the box's next start.
      const restarted = await CriteriaSets.load(center.db, center.config);
      expect(restarted.forYear(2026)).toMatchObject({ id: 'cdht-2022' });
      // Published once: a further sync brings no new revision.
      await run();
      expect(
        await hub.db.selectFrom('hub_feed').select('revision').where('kind', '=', 'criteria-sets').execute(),
      ).toEqual([{ revision: 1 }]);
    });
  });
});
