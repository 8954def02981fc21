import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyFeedItem } from '../../server/src/federation/feed.apply.ts';
import type { RecognitionDecisionV1, RecognitionDecisionV2 } from '../../shared/sync/feed-messages.ts';
import { build } from '../fixtures/people.ts';
import { staffSessions } from '../fixtures/staff.ts';
import { startHarness, type Harness, registerAdult, type RegisteredAdult } from './harness.ts';

/**
 * The commune's decisions on the four other titles come down the feed (RecognitionDecisionV2) and
 * set the recognitions of the households, clans, villages and units held here: the household sees
 * it, its appraisal is locked, and its clan's and village's computed items count it for as long as
 * it stands. A later revision that no longer names it takes all that back; CDHT decisions (V1)
 * work as before.
 */

let h: Harness;
let staff: Awaited<ReturnType<typeof staffSessions>>;
const VILLAGE = 'Thôn Khe Ngang';

type Registered = RegisteredAdult;
const register = (name: string, birthYear: number) => registerAdult(h, name, birthYear);

const declared = { 'G1.2': 10, 'G1.3': 8, 'G2.2': 9, 'G2.3': 5, 'G3.1': 8, 'G3.2': 7, 'G4.1': 9, 'G4.2': 8 };
const answers = Object.entries(declared).map(([itemId, value]) => ({ itemId, value }));

/** A household of the village with its submitted self-assessment, appraised by the branch. */
async function appraisedHousehold(head: Registered): Promise<{ id: string; assessmentId: string }> {
  const id = build.id();
  expect(
    (
      await h.json('PUT', `/api/households/${id}`, {
        village: VILLAGE,
        headCode: head.code,
        headBirthYear: head.birthYear,
      })
    ).status,
  ).toBe(200);
  await h.json('PUT', `/api/households/${id}/facts/2026`, { schoolAgeChildren: 0, allChildrenInSchool: null });
  const assessmentId = build.id();
  const body = {
    title: 'gdht',
    subjectId: id,
    criteriaSetId: 'gdht-2025',
    criteriaSetVersion: '2025.1',
    status: 'submitted',
    answers,
  };
  expect((await h.json('PUT', `/api/model-assessments/${assessmentId}`, body)).status).toBe(200);
  expect(
    (await h.json('PUT', `/api/staff/model-appraisals/${assessmentId}`, { answers }, staff.appraiser)).status,
  ).toBe(200);
  return { id, assessmentId };
}

let pao: Registered, chu: Registered;
let a: { id: string; assessmentId: string }, b: { id: string; assessmentId: string };
let clanId: string;
beforeEach(async () => {
  h = await startHarness();
  staff = await staffSessions(h);
  pao = await register('Hoàng Văn Páo', 1970);
  chu = await register('Vàng A Chứ', 1965);
  a = await appraisedHousehold(pao);
  b = await appraisedHousehold(chu);
  // Páo's household is in the Hoàng clan; Chứ's in none.
  clanId = build.id();
  await h.json(
    'POST',
    '/api/staff/clans',
    { id: clanId, name: 'Họ Hoàng', representative: 'Hoàng Văn Páo' },
    staff.facilitator,
  );
  expect(
    (await h.json('POST', `/api/staff/clans/${clanId}/households`, { headCode: pao.code }, staff.facilitator)).status,
  ).toBe(200);
});
afterEach(async () => {
  await h.close();
});

let seq = 0;
async function apply(message: RecognitionDecisionV1 | RecognitionDecisionV2): Promise<void> {
  await h.db
    .transaction()
    .execute((trx) =>
      applyFeedItem(
        trx,
        { seq: ++seq, kind: 'decision', message },
        '2026-11-24T00:00:00.000Z',
        'center',
        h.config.center.villages,
      ),
    );
}
const familyDecision = (over: Partial<RecognitionDecisionV2> = {}): RecognitionDecisionV2 => ({
  type: 'RecognitionDecisionV2',
  id: 'dec-gdht-15',
  revision: 1,
  title: 'gdht',
  year: 2026,
  number: '15/QĐ-UBND',
  signedOn: '2026-11-20',
  signer: 'Nguyễn Văn Hùng, Chủ tịch UBND xã',
  subjects: [{ kind: 'household', id: a.id }],
  revokedReason: null,
  ...over,
});

const recognitions = () =>
  h.db
    .selectFrom('recognition')
    .select(['subject_kind', 'subject_id', 'title', 'year', 'decision_number'])
    .orderBy('subject_id')
    .execute();
const householdView = async (id: string) => (await h.json('GET', `/api/households/${id}`)).body;
/** A computed item of a subject's current assessment, as the box works it out now. */
async function computed(title: string, subjectId: string, itemId: string) {
  const start = (
    await h.json(
      'GET',
      `/api/model-assessments/current/${title}/${encodeURIComponent(subjectId)}`,
      undefined,
      staff.facilitator,
    )
  ).body;
  return start.verdict.items.find((i: { itemId: string }) => i.itemId === itemId).computed as {
    numerator: number | null;
    denominator: number | null;
    explanation: string;
  };
}
const saveAppraisal = (assessmentId: string) =>
  h.json('PUT', `/api/staff/model-appraisals/${assessmentId}`, { answers }, staff.appraiser);

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

describe('decisions on a village, a clan and a unit', () => {
  it('set the subjects held here and ignore a village this center does not serve', async () => {
    const unitId = build.id();
    await h.json(
      'POST',
      '/api/staff/units',
      { id: unitId, name: 'Trường mầm non Khe Ngang', kind: 'school', village: VILLAGE },
      staff.admin,
    );
    const decision = (id: string, title: string, subjects: RecognitionDecisionV2['subjects']) =>
      familyDecision({ id, title, subjects });
    await apply(
      decision('dec-cddht', 'cddht', [
        { kind: 'community', id: VILLAGE },
        { kind: 'community', id: 'Thôn Xa Lạ' },
      ]),
    );
    await apply(decision('dec-dhht', 'dhht', [{ kind: 'clan', id: clanId }]));
    await apply(
      decision('dec-dvht', 'dvht', [
        { kind: 'unit', id: unitId },
        { kind: 'unit', id: build.id() },
      ]),
    );
    expect((await recognitions()).map((r) => [r.subject_kind, r.subject_id, r.title]).sort()).toEqual(
      [
        ['clan', clanId, 'dhht'],
        ['community', VILLAGE, 'cddht'],
        ['unit', unitId, 'dvht'],
      ].sort(),
    );
    // The village counts its clans recognized as learning clans.
    expect((await computed('cddht', VILLAGE, 'C2.3')).numerator).toBe(1);
  });
});

describe('a CDHT decision (RecognitionDecisionV1)', () => {
  it('still recognizes the people here, as before, and their household counts them', async () => {
    const decision: RecognitionDecisionV1 = {
      type: 'RecognitionDecisionV1',
      id: 'dec-cdht-125',
      revision: 1,
      title: 'cdht',
      year: 2026,
      number: '125/QĐ-UBND',
      signedOn: '2026-11-20',
      signer: 'Nguyễn Văn Hùng, Chủ tịch UBND xã',
      personIds: [pao.id, build.id()],
      revokedReason: null,
    };
    await apply(decision);
    expect(await recognitions()).toEqual([
      { subject_kind: 'person', subject_id: pao.id, title: 'cdht', year: 2026, decision_number: '125/QĐ-UBND' },
    ]);
    expect((await h.json('GET', `/api/people/${pao.id}`)).body.recognitions).toEqual([
      { title: 'cdht', year: 2026, decisionNumber: '125/QĐ-UBND', signedOn: '2026-11-20' },
    ]);
    expect((await computed('gdht', a.id, 'G2.1')).explanation).toContain('1 trong 1 người lớn');
    // A household's own assessment is not a person's: the CDHT decision locks nothing of it.
    expect((await saveAppraisal(a.assessmentId)).status).toBe(200);
    await apply({ ...decision, revision: 2, revokedReason: 'Ghi nhầm' });
    expect(await recognitions()).toEqual([]);
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
