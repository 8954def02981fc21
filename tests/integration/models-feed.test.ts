import { describe, expect, it } from 'vitest';
import { build } from '../fixtures/people.ts';
import { staffSessions } from '../fixtures/staff.ts';
import { startHarness } from './harness.ts';
import {
  h,
  VILLAGE,
  pao,
  a,
  b,
  clanId,
  freshBoxEachTest,
  apply,
  familyDecision,
  recognitions,
  householdView,
  computed,
  saveAppraisal,
} from './models-feed-setup.ts';

freshBoxEachTest();

/**
 * The commune's decisions on the four other titles come down the feed (RecognitionDecisionV2) and
 * set the recognitions of the households, clans, villages and units held here: the household sees
 * it, its appraisal is locked, and its clan's and village's computed items count it for as long as
 * it stands. A later revision that no longer names it takes all that back; CDHT decisions (V1)
 * work as before.
 */

describe('a family decision (RecognitionDecisionV2)', () => {
  it('recognizes the household held here, locks its appraisal, shows on its view, and counts for its clan and village', async () => {
    expect((await computed('dhht', clanId, 'D1.1')).numerator).toBe(0);
    await apply(
      familyDecision({
        subjects: [
          { kind: 'household', id: a.id },
          { kind: 'household', id: build.id() },
          { kind: 'clan', id: clanId },
        ],
      }),
    );

    // The unknown household and the clan (not a family) are not recognized here.
    expect(await recognitions()).toEqual([
      { subject_kind: 'household', subject_id: a.id, title: 'gdht', year: 2026, decision_number: '15/QĐ-UBND' },
    ]);
    expect((await saveAppraisal(a.assessmentId)).body.code).toBe('appraisal.locked');
    expect((await saveAppraisal(b.assessmentId)).status).toBe(200);

    const shown = [
      { title: 'gdht', year: 2026, decisionNumber: '15/QĐ-UBND', signedOn: '2026-11-20', validThrough: '2027-11-19' },
    ];
    expect((await householdView(a.id)).recognitions).toEqual(shown);
    expect((await h.json('GET', `/api/people/${pao.id}/household`)).body.household.recognitions).toEqual(shown);
    expect((await householdView(b.id)).recognitions).toEqual([]);

    const clan = await computed('dhht', clanId, 'D1.1');
    expect(clan).toMatchObject({ numerator: 1, denominator: 1 });
    expect(clan.explanation).toContain('1 trong 1 gia đình của dòng họ được công nhận Gia đình học tập');
    // The village's households are the commune's figure (unknown here), but the recognized ones are counted.
    expect((await computed('cddht', VILLAGE, 'C2.1')).numerator).toBe(1);
  });

  it('a later revision that no longer names the household takes it all back; a withdrawal takes the rest; an older revision changes nothing', async () => {
    await apply(familyDecision());
    await apply(familyDecision({ revision: 2, subjects: [{ kind: 'household', id: b.id }] }));
    expect((await recognitions()).map((r) => r.subject_id)).toEqual([b.id]);
    expect((await householdView(a.id)).recognitions).toEqual([]);
    expect((await householdView(b.id)).recognitions).toHaveLength(1);
    expect((await computed('dhht', clanId, 'D1.1')).numerator).toBe(0);
    expect((await computed('cddht', VILLAGE, 'C2.1')).numerator).toBe(1);

    await apply(
      familyDecision({
        revision: 3,
        subjects: [{ kind: 'household', id: b.id }],
        revokedReason: 'Ghi nhầm số quyết định',
      }),
    );
    expect(await recognitions()).toEqual([]);
    expect((await householdView(b.id)).recognitions).toEqual([]);
    expect((await computed('cddht', VILLAGE, 'C2.1')).numerator).toBe(0);

    await apply(familyDecision({ revision: 1 }));
    expect(await recognitions()).toEqual([]);
  });

  it('a recognition of the year before does not count for this year, even while it stands (issue 24)', async () => {
    // Decided for 2025 on 1/3/2026: it stands through 28/2/2027, but a family's recognition counts
    // for the year it was decided for only; 2026 needs its own assessment.
    await apply(familyDecision({ year: 2025, signedOn: '2026-03-01' }));
    expect((await householdView(a.id)).recognitions).toEqual([
      { title: 'gdht', year: 2025, decisionNumber: '15/QĐ-UBND', signedOn: '2026-03-01', validThrough: '2027-02-28' },
    ]);
    expect((await computed('dhht', clanId, 'D1.1')).numerator).toBe(0);
    // Decided for 2025 on 20/11/2025: it ended on 19/11/2026, before this year's end.
    await apply(familyDecision({ revision: 2, year: 2025, signedOn: '2025-11-20' }));
    expect((await computed('dhht', clanId, 'D1.1')).numerator).toBe(0);
  });
});

describe('through the real feed pull', () => {
  it("a family decision in the commune hub's feed reaches the center and recognizes its household", async () => {
    const hub = await startHarness(undefined, { KIOSK_ROLE: 'hub' });
    try {
      const hubStaff = await staffSessions(hub);
      const centerWith = await startHarness(undefined, {}, async (input, init) => {
        const url = new URL(String(input));
        return hub.app.request(url.pathname + url.search, init);
      });
      try {
        const centerStaff = await staffSessions(centerWith);
        const enrolment = (
          await hub.json('POST', '/api/staff/hub/enrolments', { name: 'TTHTCĐ xã Tân Lập' }, hubStaff.admin)
        ).body;
        expect(
          (
            await centerWith.json(
              'POST',
              '/api/staff/federation/enrol',
              { hubUrl: 'http://hub.test', code: enrolment.code },
              centerStaff.admin,
            )
          ).status,
        ).toBe(200);
        const head = {
          name: 'Hoàng Văn Páo',
          birthYear: 1970,
          village: VILLAGE,
          consents: { assessment: true, publicList: true, statistics: true },
        };
        const personId = build.id();
        const code = (await centerWith.json('PUT', `/api/people/${personId}`, head)).body.code;
        const householdId = build.id();
        expect(
          (
            await centerWith.json('PUT', `/api/households/${householdId}`, {
              village: VILLAGE,
              headCode: code,
              headBirthYear: 1970,
            })
          ).status,
        ).toBe(200);

        const [node] = await hub.db.selectFrom('hub_node').select('id').execute();
        const message = familyDecision({
          id: 'dec-pulled',
          subjects: [
            { kind: 'household', id: householdId },
            { kind: 'community', id: VILLAGE },
          ],
        });
        const cddht = familyDecision({
          id: 'dec-pulled-village',
          title: 'cddht',
          subjects: [{ kind: 'community', id: VILLAGE }],
        });
        for (const m of [message, cddht]) {
          await hub.db
            .insertInto('hub_feed')
            .values({
              kind: 'decision',
              record_id: m.id,
              revision: 1,
              node_id: node!.id,
              payload: JSON.stringify(m),
              created_at: '2026-11-23T03:00:00.000Z',
            })
            .execute();
        }
        expect(
          (await centerWith.json('POST', '/api/staff/federation/run', undefined, centerStaff.admin)).body.lastError,
        ).toBeNull();
        expect((await centerWith.json('GET', `/api/households/${householdId}`)).body.recognitions).toEqual([
          {
            title: 'gdht',
            year: 2026,
            decisionNumber: '15/QĐ-UBND',
            signedOn: '2026-11-20',
            validThrough: '2027-11-19',
          },
        ]);
        // The village is one this center serves (its configuration), so the community decision is held too.
        expect(
          await centerWith.db
            .selectFrom('recognition')
            .select(['subject_kind', 'subject_id'])
            .where('title', '=', 'cddht')
            .execute(),
        ).toEqual([{ subject_kind: 'community', subject_id: VILLAGE }]);
      } finally {
        await centerWith.close();
      }
    } finally {
      await hub.close();
    }
  });
});
