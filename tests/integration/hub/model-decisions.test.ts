import { describe, expect, it } from 'vitest';
import type { RecognitionDecisionV2 } from '../../../shared/sync/feed-messages.ts';
import type { HouseholdUpsertV1, UnitUpsertV1 } from '../../../shared/sync/messages.ts';
import { build } from '../../fixtures/people.ts';
import { AT, DONG_CHAM, unitAnswers, village, YEAR } from './model-decisions-messages.ts';
import {
  appraisalCase,
  appraisalsHeld,
  appraise,
  auditOf,
  decide,
  decisionsHubEachTest,
  feedOf,
  heldOf,
  historyOf,
  hub,
  officer,
  proposalsOf,
  push,
  revoke,
  storages,
  twoCentersPushed,
} from './model-decisions-setup.ts';

/**
 * The commune's decisions on the four other titles, on the hub: two centers push their registry,
 * their households' self-assessments and the branch's appraisals (messages written by hand from
 * the contract in shared/sync/messages.ts), the commune appraises a village and a unit itself,
 * and decides. The verdicts are worked out on the hub's facts, so a CDHT decision on a household's
 * adults changes the household's verdict at once. On SQLite and PostgreSQL.
 */

describe.each(storages)('decisions on households, villages and units on a %s hub', (storage) => {
  decisionsHubEachTest(storage);

  it('proposes what the branch or the commune appraised as passing, decides it once, sends each center its own, and forgets an erased adult', async () => {
    const { tanLap, xuanSon, lan, tuan, mai, hoa, h1, h2, h3, u1, aH1, aH2, aVillage, aUnit } =
      await twoCentersPushed();

    // The households' proposals: the self verdict and the branch's, on the hub's facts.
    let table = await proposalsOf('gdht');
    expect(table.map((p) => p.subject.label).sort()).toEqual([
      'Gia đình ông/bà Hà Văn Sơn',
      'Gia đình ông/bà Lò Văn Hòa',
      'Gia đình ông/bà Nguyễn Thị Lan',
    ]);
    const first = () => table.find((p) => p.subject.id === h1)!;
    expect(first()).toMatchObject({
      center: 'TTHTCĐ Tân Lập',
      appraisedAt: 'center',
      subject: { kind: 'household', village: DONG_CHAM },
      proposed: false,
      decision: null,
      self: { kind: 'points', total: 85, band: 'Tốt', passed: true },
      appraised: { total: 75, passed: false },
    });
    expect(table.find((p) => p.subject.id === h2)).toMatchObject({
      proposed: true,
      appraised: { total: 85, band: 'Tốt', passed: true },
    });
    expect(table.find((p) => p.subject.id === h3)).toMatchObject({ proposed: true, center: 'TTHTCĐ Xuân Sơn' });

    // Not proposed (the branch's scores fall short, a subject of another kind, one never sent): refused, nothing changes.
    const before = await hub.counts();
    for (const subjects of [
      [{ kind: 'household', id: h1 }],
      [{ kind: 'unit', id: u1 }],
      [{ kind: 'household', id: build.id() }],
    ]) {
      const refused = await decide({ title: 'gdht', number: '19/QĐ-UBND', subjects });
      expect(refused.body).toMatchObject({ code: 'decision.not-proposed', details: { subjects } });
    }
    expect(await hub.counts()).toEqual(before);

    // Two of the household's three adults recognized as CDHT: its adults' share (G2.1) is met, and it passes.
    const cdht = await decide({ number: '18/QĐ-UBND', personIds: [lan, tuan] });
    expect(cdht.status).toBe(200);
    table = await proposalsOf('gdht');
    expect(first()).toMatchObject({ proposed: true, appraised: { total: 90, band: 'Tốt', passed: true } });

    // A decision on it goes down to its own center only, as RecognitionDecisionV2.
    const made = await decide({ title: 'gdht', number: '20/QĐ-UBND', subjects: [{ kind: 'household', id: h1 }] });
    expect(made.status).toBe(200);
    expect(await feedOf(made.body.id)).toEqual([
      {
        nodeId: tanLap.id,
        revision: 1,
        message: {
          type: 'RecognitionDecisionV2',
          id: made.body.id,
          revision: 1,
          title: 'gdht',
          year: YEAR,
          number: '20/QĐ-UBND',
          signedOn: '2026-12-05',
          signer: 'Nguyễn Văn Hùng, Chủ tịch UBND xã',
          subjects: [{ kind: 'household', id: h1 }],
          revokedReason: null,
        },
      },
    ]);
    table = await proposalsOf('gdht');
    expect(first().decision).toEqual({ id: made.body.id, number: '20/QĐ-UBND', signedOn: '2026-12-05' });
    const again = await hub.counts();
    expect(
      (await decide({ title: 'gdht', number: '21/QĐ-UBND', subjects: [{ kind: 'household', id: h1 }] })).body,
    ).toMatchObject({ code: 'decision.already-recognized', details: { subjects: [{ kind: 'household', id: h1 }] } });
    expect(await hub.counts()).toEqual(again);

    // One decision over two centers: each center's row carries only its own household.
    const both = await decide({
      title: 'gdht',
      number: '22/QĐ-UBND',
      subjects: [
        { kind: 'household', id: h2 },
        { kind: 'household', id: h3 },
      ],
    });
    const rows = await feedOf(both.body.id);
    expect(rows.map((r) => [r.nodeId, (r.message as RecognitionDecisionV2).subjects]).sort()).toEqual(
      [
        [tanLap.id, [{ kind: 'household', id: h2 }]],
        [xuanSon.id, [{ kind: 'household', id: h3 }]],
      ].sort(),
    );
    // A withdrawal goes down as the next revision, to both.
    expect((await revoke(both.body.id, 'Ghi nhầm số quyết định')).status).toBe(200);
    const revoked = (await feedOf(both.body.id)).filter((r) => r.revision === 2);
    expect(revoked.map((r) => r.nodeId).sort()).toEqual([tanLap.id, xuanSon.id].sort());
    expect(revoked.every((r) => r.message.revokedReason === 'Ghi nhầm số quyết định')).toBe(true);
    expect((await proposalsOf('gdht')).find((p) => p.subject.id === h2)!.decision).toBeNull();

    // The CDHT decision is as it always was: V1 with the people, on the CDHT table.
    expect(await feedOf(cdht.body.id)).toEqual([
      {
        nodeId: tanLap.id,
        revision: 1,
        message: expect.objectContaining({
          type: 'RecognitionDecisionV1',
          title: 'cdht',
          personIds: expect.arrayContaining([lan, tuan]),
        }),
      },
    ]);
    const people = (await hub.json('GET', `/api/staff/hub/proposals?year=${YEAR}`, undefined, officer)).body as {
      personId: string;
      decision: { number: string } | null;
    }[];
    expect(people.map((p) => [p.personId, p.decision?.number]).sort()).toEqual(
      [
        [lan, '18/QĐ-UBND'],
        [tuan, '18/QĐ-UBND'],
      ].sort(),
    );
    const list = (await hub.json('GET', `/api/staff/hub/decisions?year=${YEAR}&title=gdht`, undefined, officer))
      .body as { number: string; title: string }[];
    expect(list.map((d) => d.number).sort()).toEqual(['20/QĐ-UBND', '22/QĐ-UBND']);

    // The commune appraises the village and the unit itself; households stay the branch's.
    await hub.db
      .insertInto('hub_population')
      .values({ kind: 'households', name: DONG_CHAM, year: YEAR, count: 2, entered_by: 'Cán bộ xã', entered_at: AT })
      .execute();
    expect(
      (
        await hub.json(
          'PUT',
          '/api/staff/hub/population',
          { kind: 'village', name: DONG_CHAM, year: YEAR, count: 5 },
          officer,
        )
      ).status,
    ).toBe(200);
    const queue = (await hub.json('GET', `/api/staff/hub/model-appraisals?year=${YEAR}`, undefined, officer)).body as {
      assessmentId: string;
      appraised: unknown;
      selfPassed: boolean;
    }[];
    expect(queue.map((q) => q.assessmentId).sort()).toEqual([aVillage, aUnit].sort());
    expect(queue.every((q) => q.appraised === null)).toBe(true);
    expect((await appraisalCase(aH1)).code).toBe('appraisal.not-here');
    expect((await appraise(aH1, [])).code).toBe('appraisal.not-here');
    const villageCase = await appraisalCase(aVillage);
    expect(villageCase).toMatchObject({
      assessment: { subject: { kind: 'community', id: DONG_CHAM, label: DONG_CHAM }, answers: village },
      set: { id: 'cddht-2025' },
      appraisal: null,
    });
    // The village's computed items as the hub counts them: its household recognized over the households entered, its CDHT adults over the adults entered.
    const explained = (
      villageCase.assessment.verdict.items as { itemId: string; computed: { explanation: string } | null }[]
    ).find((i) => i.itemId === 'C2.1')!.computed!.explanation;
    expect(explained).toContain('1 trong 2 hộ của Thôn Đồng Chằm');
    const changed = Object.entries({ ...village, 'C4.2': false }).map(([itemId, value]) => ({ itemId, value }));
    expect(await appraise(aVillage, changed)).toMatchObject({
      code: 'appraisal.reason-required',
      details: { indicatorId: 'C4.2' },
    });
    const withReason = changed.map((a) => (a.itemId === 'C4.2' ? { ...a, reason: 'Chưa có biên bản' } : a));
    expect((await appraise(aVillage, withReason)).appraisal).toMatchObject({
      appraiser: 'Phạm Thị Hoa',
      locked: false,
      reasons: { 'C4.2': 'Chưa có biên bản' },
      verdict: { kind: 'targets', level: 1, passed: true },
    });
    const unitDone = await appraise(
      aUnit,
      Object.entries(unitAnswers).map(([itemId, value]) => ({ itemId, value })),
    );
    expect(unitDone.appraisal.verdict).toMatchObject({ level: 2, passed: true });
    expect(await appraisalsHeld()).toEqual(
      [
        { assessment_id: aVillage, revision: 1 },
        { assessment_id: aUnit, revision: 1 },
      ].sort((a, b) => a.assessment_id.localeCompare(b.assessment_id)),
    );
    expect((await proposalsOf('cddht'))[0]).toMatchObject({
      subject: { kind: 'community', id: DONG_CHAM },
      appraisedAt: 'commune',
      proposed: true,
      appraised: { level: 1, levelLabel: 'Mức độ 1 (khá)' },
    });

    // Then decided; the village's appraisal is locked while the decision stands, and opens again when the commune reopens it.
    const villageDecision = await decide({
      title: 'cddht',
      number: '23/QĐ-UBND',
      subjects: [{ kind: 'community', id: DONG_CHAM }],
    });
    const unitDecision = await decide({ title: 'dvht', number: '24/QĐ-UBND', subjects: [{ kind: 'unit', id: u1 }] });
    expect([villageDecision.status, unitDecision.status]).toEqual([200, 200]);
    expect(
      (await feedOf(unitDecision.body.id)).map((r) => [r.nodeId, (r.message as RecognitionDecisionV2).subjects]),
    ).toEqual([[tanLap.id, [{ kind: 'unit', id: u1 }]]]);
    expect(await appraise(aVillage, withReason)).toMatchObject({
      code: 'appraisal.decided',
      details: { decisionNumber: '23/QĐ-UBND' },
    });
    expect((await appraisalCase(aVillage)).appraisal.locked).toBe(true);
    const reopened = await hub.json(
      'POST',
      `/api/staff/hub/decisions/${villageDecision.body.id}/reopen`,
      { subject: { kind: 'community', id: DONG_CHAM }, reason: 'Chấm lại C4.2' },
      officer,
    );
    expect(reopened.status).toBe(200);
    expect((await feedOf(villageDecision.body.id)).at(-1)).toMatchObject({
      nodeId: tanLap.id,
      revision: 2,
      message: { subjects: [] },
    });
    expect((await appraise(aVillage, withReason)).appraisal).toMatchObject({ locked: false });
    expect((await appraisalsHeld()).find((a) => a.assessment_id === aVillage)?.revision).toBe(2);
    const audit = await auditOf(['hub.decision', 'hub.decision-reopen', 'appraisal.save']);
    expect(audit.filter((a) => a.action === 'hub.decision').map((a) => JSON.parse(a.details))).toContainEqual({
      number: '23/QĐ-UBND',
      year: YEAR,
      title: 'cddht',
      subjects: 1,
    });
    expect(audit.filter((a) => a.action === 'appraisal.save')).toHaveLength(3);
    expect(audit.filter((a) => a.action === 'hub.decision-reopen').map((a) => JSON.parse(a.details))).toEqual([
      { number: '23/QĐ-UBND', subject: { kind: 'community', id: DONG_CHAM }, reason: 'Chấm lại C4.2' },
    ]);

    // Erasure: anh Tuấn leaves bà Lan's household and the unit in every stored payload; ông Hòa was his household's only adult, so it goes.
    await push(tanLap, [
      { type: 'PersonErasedV1', id: tuan, revision: 2 },
      { type: 'PersonErasedV1', id: hoa, revision: 2 },
    ]);
    for (const table of ['hub_record', 'hub_record_history'] as const) {
      const held = await hub.db
        .selectFrom(table)
        .select(['record_kind', 'record_id', 'payload'])
        .where('record_kind', 'in', ['household', 'unit'])
        .execute();
      expect(held.filter((r) => r.payload.includes(tuan) || r.payload.includes(hoa))).toEqual([]);
      expect(held.filter((r) => r.record_id === h2)).toEqual([]);
    }
    const kept = await historyOf<HouseholdUpsertV1>(h1);
    expect(kept.map((h) => h.memberPersonIds)).toEqual([[lan], [lan, mai]]);
    expect((await heldOf<UnitUpsertV1>(u1)).memberPersonIds).toEqual([lan]);
    expect(await hub.db.selectFrom('hub_record').select('record_id').where('record_id', '=', aH2).execute()).toEqual(
      [],
    );
    expect(await hub.db.selectFrom('hub_model_subject').select('id').where('id', '=', h2).execute()).toEqual([]);
    expect(
      await hub.db
        .selectFrom('hub_model_assessment')
        .select('assessment_id')
        .where('assessment_id', '=', aH2)
        .execute(),
    ).toEqual([]);
    table = await proposalsOf('gdht');
    expect(table.map((p) => p.subject.id).sort()).toEqual([h1, h3].sort());
  }, 20_000);
});
