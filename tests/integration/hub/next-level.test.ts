import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubNodeRow } from '../../../server/src/db/schema.ts';
import type { HubDeps } from '../../../server/src/hub/context/hub.context.ts';
import { applyPush } from '../../../server/src/hub/ingest/hub.service.ts';
import type { ChangeMessage } from '../../../shared/sync/messages.ts';
import { build, indicatorIds } from '../../fixtures/people.ts';
import { staffSessions } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';
import { body, hubDeps, nodeIn } from './hub-db-setup.ts';
import { listClosedMessage } from './close-lists.ts';

/**
 * Issue 24: level 2 only 12 months after level 1 (circular 24/2023 and 25/2023; the unit set
 * dvht-2025 has nextLevelAfterMonths 12, as the learning community's). A unit recognized at level 1
 * for 2025 by a decision of 20/12/2025 and appraised at level 2 for 2026 is refused level 2 by a
 * decision signed before 20/12/2026, with that date, nothing written; on that day it is taken.
 */
const AT = '2026-11-20T03:00:00.000Z';
const VILLAGE = 'Thôn Đồng Chằm';

describe('a higher level only after the wait', () => {
  let hub: Harness;
  let officer: string;
  let deps: HubDeps;

  beforeEach(async () => {
    hub = await startHarness(undefined, { KIOSK_ROLE: 'hub' });
    officer = (await staffSessions(hub)).admin;
    deps = hubDeps(hub.db);
  });
  afterEach(async () => {
    await hub.close();
  });

  const node = (): Promise<HubNodeRow> => nodeIn(hub.db, 'TTHTCĐ Tân Lập');
  const decide = (body: Record<string, unknown>) =>
    hub.json('POST', '/api/staff/hub/decisions', { signer: 'Nguyễn Văn Hùng, Chủ tịch UBND xã', ...body }, officer);
  const appraise = (assessmentId: string, answers: Record<string, boolean>) =>
    hub.json(
      'PUT',
      `/api/staff/hub/model-appraisals/${assessmentId}`,
      { answers: Object.entries(answers).map(([itemId, value]) => ({ itemId, value })) },
      officer,
    );

  it('refuses level 2 before 12 months after level 1, with the date it becomes possible', async () => {
    const center = await node();
    const [lan, tuan, unitId] = [build.id(), build.id(), build.id()];
    const changes: ChangeMessage[] = [];
    for (const [id, name] of [
      [lan, 'Lò Thị Lan'],
      [tuan, 'Hà Văn Tuấn'],
    ] as const) {
      changes.push({
        type: 'PersonUpsertV1',
        id,
        revision: 1,
        code: `C${id.slice(-6)}`,
        name,
        birthYear: 1975,
        village: VILLAGE,
        consents: [{ purpose: 'assessment', granted: true, at: '2025-02-01T03:00:00.000Z' }],
      });
    }
    const cdhtOf: Record<number, string[]> = {};
    for (const year of [2025, 2026]) {
      for (const personId of [lan, tuan]) {
        const id = build.id();
        (cdhtOf[year] ??= []).push(personId);
        changes.push(
          {
            type: 'AssessmentUpsertV1',
            id,
            revision: 1,
            subjectKind: 'person',
            subjectId: personId,
            title: 'cdht',
            year,
            criteriaSetId: 'cdht-2022',
            criteriaSetVersion: '2022.1',
            group: 'nhom-1',
            status: 'submitted',
            answers: indicatorIds.map((indicatorId) => ({ indicatorId, score: 9, note: null, confirmed: false })),
            submittedAt: AT,
            assistedBy: null,
          },
          {
            type: 'AppraisalUpsertV1',
            id,
            revision: 1,
            status: 'appraised',
            message: null,
            locked: false,
            scores: indicatorIds.map((indicatorId) => ({ indicatorId, score: 9, reason: null })),
          },
        );
      }
    }
    changes.push({
      type: 'UnitUpsertV1',
      id: unitId,
      revision: 1,
      name: 'Hợp tác xã chè Đồng Chằm',
      kind: 'cooperative',
      village: VILLAGE,
      staffCounts: [
        { year: 2025, count: 2 },
        { year: 2026, count: 2 },
      ],
      memberPersonIds: [lan, tuan],
      registeredAt: '2025-02-01T03:00:00.000Z',
    });
    const level1 = { 'U1.3': true, 'U2.1': true, 'U2.2': false, 'U3.1': true, 'U3.2': false };
    const level2 = { 'U1.3': true, 'U2.1': true, 'U2.2': true, 'U3.1': true, 'U3.2': true };
    const unitAssessment: Record<number, string> = { 2025: build.id(), 2026: build.id() };
    for (const [year, answers] of [
      [2025, level1],
      [2026, level2],
    ] as const) {
      changes.push({
        type: 'AssessmentUpsertV1',
        id: unitAssessment[year]!,
        revision: 1,
        subjectKind: 'unit',
        subjectId: unitId,
        title: 'dvht',
        year,
        criteriaSetId: 'dvht-2025',
        criteriaSetVersion: '2025.1',
        group: '',
        status: 'submitted',
        answers: Object.entries(answers).map(([indicatorId, v]) => ({
          indicatorId,
          score: v ? 1 : 0,
          note: null,
          confirmed: false,
        })),
        submittedAt: AT,
        assistedBy: null,
      });
    }
    // The branch closed its CDHT lists (issue 24: the commune decides only from closed lists).
    changes.push(listClosedMessage(2025, { village: VILLAGE }), listClosedMessage(2026, { village: VILLAGE }));
    expect(JSON.stringify(await applyPush(deps, center, body(changes, 1)))).not.toMatch(/"code"/);

    // Its staff are CDHT both years; the commune appraises the unit: level 1 for 2025, level 2 for 2026.
    for (const [year, signedOn] of [
      [2025, '2025-12-10'],
      [2026, '2026-12-01'],
    ] as const) {
      const made = await decide({ year, number: `${year}/QĐ-CDHT`, signedOn, personIds: cdhtOf[year] });
      expect(made.status, JSON.stringify(made.body)).toBe(200);
    }
    expect((await appraise(unitAssessment[2025]!, level1)).body.appraisal.verdict).toMatchObject({ level: 1 });
    expect((await appraise(unitAssessment[2026]!, level2)).body.appraisal.verdict).toMatchObject({ level: 2 });

    const subjects = [{ kind: 'unit', id: unitId }];
    const first = await decide({ title: 'dvht', year: 2025, number: '30/QĐ-UBND', signedOn: '2025-12-20', subjects });
    expect(first.status, JSON.stringify(first.body)).toBe(200);

    const before = await hub.counts();
    const tooSoon = await decide({ title: 'dvht', year: 2026, number: '31/QĐ-UBND', signedOn: '2026-12-19', subjects });
    expect(tooSoon).toMatchObject({
      status: 422,
      body: {
        code: 'decision.next-level-too-soon',
        details: { subjects: [{ kind: 'unit', id: unitId, from: '2026-12-20' }] },
      },
    });
    expect(await hub.counts()).toEqual(before);

    const onTheDay = await decide({
      title: 'dvht',
      year: 2026,
      number: '31/QĐ-UBND',
      signedOn: '2026-12-20',
      subjects,
    });
    expect(onTheDay.status, JSON.stringify(onTheDay.body)).toBe(200);
  });
});
