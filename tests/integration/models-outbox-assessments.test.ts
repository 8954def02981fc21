import { describe, expect, it } from 'vitest';
import { build } from '../fixtures/people.ts';
import {
  answersOf,
  appended,
  chu,
  declared,
  facts,
  gdht,
  h,
  household,
  link,
  pao,
  refused,
  REGISTERED_AT,
  sinh,
  soi,
  staff,
  useOutboxBox,
} from './models-outbox-setup.ts';

/**
 * The self-assessments and appraisals of the other titles go to the outbox as whole records at their
 * next revision; an erased person leaves no payload naming her, and a child is only ever one of the
 * household's two facts. (Households, clans and units: models-outbox.test.ts.)
 */

useOutboxBox();

describe('self-assessments and appraisals of the other titles go up', () => {
  it("a household's draft and submission as AssessmentUpsertV1 at the assessment's revision; a resend sends nothing", async () => {
    const id = await household(pao, soi);
    const assessmentId = build.id();
    const put = (body: unknown) => h.json('PUT', `/api/model-assessments/${assessmentId}`, body);
    const draft = await appended(() => put(gdht(id, { 'G1.2': 10, 'G2.2': 9 })));
    expect(draft).toEqual([
      {
        kind: 'assessment',
        id: assessmentId,
        revision: 1,
        type: 'AssessmentUpsertV1',
        message: {
          type: 'AssessmentUpsertV1',
          id: assessmentId,
          revision: 1,
          subjectKind: 'household',
          subjectId: id,
          title: 'gdht',
          year: 2026,
          criteriaSetId: 'gdht-2025',
          criteriaSetVersion: '2025.1',
          group: '',
          status: 'draft',
          answers: answersOf({ 'G1.2': 10, 'G2.2': 9 }),
          submittedAt: null,
          assistedBy: null,
        },
      },
    ]);
    expect(await appended(() => put(gdht(id, { 'G1.2': 10, 'G2.2': 9 })))).toEqual([]);
    expect(await refused(() => put(gdht(id, { ...declared, 'G1.2': 11 })), 'assessment.score-out-of-range')).toEqual(
      [],
    );

    const submitted = await appended(() => put(gdht(id, declared, 'submitted')));
    expect(submitted.map((r) => [r.revision, r.message.status, r.message.submittedAt, r.message.answers])).toEqual([
      [2, 'submitted', REGISTERED_AT, answersOf(declared)],
    ]);
    // The tablet's resend after a lost answer is answered with what is stored, and sends nothing.
    const resend = await appended(() => put(gdht(id, declared, 'submitted')));
    expect(resend).toEqual([]);
    expect(await refused(() => put(gdht(id, declared, 'draft')), 'assessment.already-submitted')).toEqual([]);
  });

  it("a unit's met / not met answers travel as 1 / 0, with the facilitator who assisted", async () => {
    const unitId = build.id();
    await h.json(
      'POST',
      '/api/staff/units',
      { id: unitId, name: 'Trường mầm non Khe Ngang', kind: 'school', village: 'Thôn Khe Ngang' },
      staff.admin,
    );
    const assessmentId = build.id();
    const answers = { 'U1.3': true, 'U2.1': false, 'U2.2': true };
    const body = {
      title: 'dvht',
      subjectId: unitId,
      criteriaSetId: 'dvht-2025',
      criteriaSetVersion: '2025.1',
      status: 'draft',
      assistedBy: staff.ids.facilitator,
      answers: Object.entries(answers).map(([itemId, value]) => ({ itemId, value })),
    };
    const sent = await appended(() => h.json('PUT', `/api/model-assessments/${assessmentId}`, body, staff.facilitator));
    expect(sent.map((r) => r.message)).toEqual([
      expect.objectContaining({
        subjectKind: 'unit',
        subjectId: unitId,
        title: 'dvht',
        group: '',
        assistedBy: staff.ids.facilitator,
        answers: answersOf({ 'U1.3': 1, 'U2.1': 0, 'U2.2': 1 }),
      }),
    ]);
  });

  it("the branch's appraisal of a household as AppraisalUpsertV1; the same appraisal again sends nothing", async () => {
    const id = await household(pao, soi);
    const assessmentId = build.id();
    await h.json('PUT', `/api/model-assessments/${assessmentId}`, gdht(id, declared, 'submitted'));
    const answers = Object.entries(declared).map(([itemId, value]) => ({ itemId, value }));
    const put = (body: unknown) => h.json('PUT', `/api/staff/model-appraisals/${assessmentId}`, body, staff.appraiser);
    const save = (body: unknown) => appended(() => put(body));
    const scores = (changes: Record<string, [number, string]> = {}) =>
      Object.entries(declared)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([indicatorId, score]) => ({
          indicatorId,
          score: changes[indicatorId]?.[0] ?? score,
          reason: changes[indicatorId]?.[1] ?? null,
        }));

    expect(await save({ answers })).toEqual([
      {
        kind: 'appraisal',
        id: assessmentId,
        revision: 1,
        type: 'AppraisalUpsertV1',
        message: {
          type: 'AppraisalUpsertV1',
          id: assessmentId,
          revision: 1,
          status: 'appraised',
          message: null,
          locked: false,
          scores: scores(),
        },
      },
    ]);
    expect(await save({ answers })).toEqual([]);
    const lowered = answers.map((a) => (a.itemId === 'G3.1' ? { ...a, value: 2 } : a));
    expect(await refused(() => put({ answers: lowered }), 'appraisal.reason-required')).toEqual([]);
    const reason = 'Chưa có góc học tập riêng cho các cháu';
    const changed = await save({ answers: lowered.map((a) => (a.itemId === 'G3.1' ? { ...a, reason } : a)) });
    expect(changed.map((r) => [r.revision, r.message.scores])).toEqual([[2, scores({ 'G3.1': [2, reason] })]]);
  });
});

describe('erasure', () => {
  it('a member erased: her household and unit go up without her, and no payload left names her', async () => {
    // She lived with Chứ first, then was moved to Páo's household: Chứ's earlier revision named her.
    const before = await household(chu, soi);
    const id = await household(pao, sinh);
    expect((await link(id, soi, staff.facilitator, true)).status).toBe(200);
    const unitId = build.id();
    await h.json(
      'POST',
      '/api/staff/units',
      { id: unitId, name: 'Hợp tác xã chè Khe Ngang', kind: 'cooperative', village: 'Thôn Khe Ngang' },
      staff.admin,
    );
    await h.json(
      'POST',
      `/api/staff/units/${unitId}/members`,
      { code: soi.code, birthYear: soi.birthYear },
      staff.admin,
    );

    const erased = await appended(() => h.json('DELETE', `/api/staff/people/${soi.id}`, undefined, staff.admin));
    expect(erased.map((r) => [r.type, r.id, r.revision])).toEqual([
      ['HouseholdUpsertV1', id, 4],
      ['UnitUpsertV1', unitId, 3],
    ]);
    expect(erased[0]!.message.memberPersonIds).toEqual([pao.id, sinh.id]);
    expect(erased[1]!.message.memberPersonIds).toEqual([]);
    const all = await h.db.selectFrom('outbox').select(['record_id', 'revision', 'payload']).orderBy('seq').execute();
    expect(all.filter((r) => r.payload.includes(soi.id) && !r.payload.includes('PersonErasedV1'))).toEqual([]);
    // What did not name her stays as it was: Chứ's household after she left, Páo's before she came.
    const kept = all
      .filter((r) => [before, id].includes(r.record_id) && r.payload !== '{"redacted":true}')
      .map((r) => [r.record_id, r.revision]);
    expect(kept).toEqual([
      [before, 1],
      [id, 1],
      [id, 2],
      [before, 3],
      [id, 4],
    ]);
  });

  it("the household's only adult erased: it goes with its assessments, appraisal and recognition; its clan goes up without it; nothing names her", async () => {
    const id = await household(chu);
    await facts(id, 1, true);
    const clanId = build.id();
    await h.json(
      'POST',
      '/api/staff/clans',
      { id: clanId, name: 'Họ Vàng', representative: 'Vàng A Chứ' },
      staff.facilitator,
    );
    await h.json('POST', `/api/staff/clans/${clanId}/households`, { headCode: chu.code }, staff.facilitator);
    const other = await household(pao);
    await h.json('POST', `/api/staff/clans/${clanId}/households`, { headCode: pao.code }, staff.facilitator);
    const assessmentId = build.id();
    await h.json('PUT', `/api/model-assessments/${assessmentId}`, gdht(id, declared, 'submitted'));
    const answers = Object.entries(declared).map(([itemId, value]) => ({ itemId, value }));
    expect(
      (await h.json('PUT', `/api/staff/model-appraisals/${assessmentId}`, { answers }, staff.appraiser)).status,
    ).toBe(200);
    await h.db
      .insertInto('recognition')
      .values({
        subject_kind: 'household',
        subject_id: id,
        title: 'gdht',
        year: 2025,
        decision_id: build.id(),
        decision_number: '9/QĐ-UBND',
        signed_on: '2025-11-20',
        signer: 'Chủ tịch UBND xã',
        received_at: REGISTERED_AT,
      })
      .execute();

    const erased = await appended(() => h.json('DELETE', `/api/staff/people/${chu.id}`, undefined, staff.admin));
    expect(erased.map((r) => [r.type, r.id])).toEqual([['ClanUpsertV1', clanId]]);
    expect(erased[0]!.message).toMatchObject({ revision: 4, householdIds: [other] });
    expect(
      await h.db.selectFrom('appraisal').select('assessment_id').where('assessment_id', '=', assessmentId).execute(),
    ).toEqual([]);
    expect(await h.db.selectFrom('recognition').select('subject_id').where('subject_id', '=', id).execute()).toEqual(
      [],
    );
    const left = await h.db
      .selectFrom('outbox')
      .select(['record_id', 'payload'])
      .where('record_id', 'in', [id, assessmentId])
      .execute();
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((r) => r.payload === '{"redacted":true}')).toBe(true);
    const all = await h.db.selectFrom('outbox').select(['payload']).execute();
    expect(all.filter((r) => r.payload.includes(chu.id) && !r.payload.includes('PersonErasedV1'))).toEqual([]);
  });
});

describe('children', () => {
  it("no message carries anything about a child beyond the household's count and yes/no", async () => {
    const id = await household(pao, soi);
    await facts(id, 3, false);
    await facts(id, 3, true);
    await h.json('PUT', `/api/model-assessments/${build.id()}`, gdht(id, declared, 'submitted'));
    const keys = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          keys.add(k);
          walk(x);
        }
    };
    const rows = await h.db.selectFrom('outbox').select('payload').execute();
    rows.forEach((r) => walk(JSON.parse(r.payload)));
    expect([...keys].filter((k) => /child|kid|pupil|student|school|grade|birth/i.test(k)).sort()).toEqual([
      'allChildrenInSchool',
      'birthYear',
      'schoolAgeChildren',
    ]);
    // birthYear is an adult's, on her own person record; a household's facts are these three fields and no more.
    const households = rows.map((r) => JSON.parse(r.payload)).filter((m) => m.type === 'HouseholdUpsertV1');
    expect(
      households.every((m) =>
        m.facts.every((f: object) => Object.keys(f).sort().join() === 'allChildrenInSchool,schoolAgeChildren,year'),
      ),
    ).toBe(true);
    expect(
      households.every(
        (m) =>
          Object.keys(m).sort().join() === 'facts,headPersonId,id,memberPersonIds,registeredAt,revision,type,village',
      ),
    ).toBe(true);
  });
});
