import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Dashboard } from '../../../shared/schemas/dashboard.ts';
import type { ChangeMessage } from '../../../shared/sync/messages.ts';
import { build, indicatorIds } from '../../fixtures/people.ts';
import { staffSessions } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';
import { AT, fiveYears, nodeOf, person, upload, workbook, type Line } from './history-setup.ts';

/**
 * Issue 24: recognitions imported from the 2021–2025 papers count in the commune's dashboard
 * ("recognized" per year, village and center, and the trend), once per person even where a
 * recognized assessment of the same year counts her already; and a person erased at her center
 * leaves her name nowhere among the imported rows (the year's count keeps her, anonymously, as the
 * centers' tally does), and the same file imported again adds nothing. The count is one SQL query
 * that differs by storage: on SQLite and PostgreSQL.
 */

const pgUrl = inject('pgUrl');
const storages = pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);
const DONG_CHAM = 'Thôn Đồng Chằm';
const GO_CHE = 'Thôn Gò Chè';
const row = (name: string, birthYear: number, village: string, year: number): Line => [
  'Cá nhân',
  name,
  birthYear,
  village,
  year,
  `${year - 2000}/QĐ-UBND`,
  `15/12/${year}`,
  'UBND xã Tân Lập',
];

/** A Learning Citizen self-assessment of `year`, submitted and appraised passing. */
function assessed(personId: string, year: number): ChangeMessage[] {
  const id = build.id();
  return [
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
  ];
}

describe.each(storages)('imported recognitions in the counts and in an erasure, on %s', (storage) => {
  let hub: Harness;
  let officer: string;

  beforeEach(async () => {
    hub = await startHarness(new Date(AT), { KIOSK_ROLE: 'hub' }, undefined, storage === 'postgres' ? pgUrl : null);
    officer = (await staffSessions(hub)).admin;
  }, 60_000);
  afterEach(async () => {
    await hub.close();
  });

  const board = async (year: number) => {
    const res = await hub.json('GET', `/api/staff/hub/dashboard?year=${year}`, undefined, officer);
    expect(res.status).toBe(200);
    return res.body as Dashboard;
  };
  const recognized = (d: Dashboard) => ({
    total: d.total.counts.recognized,
    places: Object.fromEntries(d.byPlace.map((r) => [r.name, r.counts.recognized])),
    centers: Object.fromEntries(d.byCenter.map((r) => [r.name, r.counts.recognized])),
  });

  it(
    'counts each person recognized on paper once a year, and keeps the count but not her name when she is erased',
    { timeout: 90_000 },
    async () => {
      const center = await nodeOf(hub, 'TTHTCĐ Tân Lập');
      const lan = person('Nguyễn Thị Lan', 1962, DONG_CHAM);
      const hai = person('Đỗ Văn Hải', 1960, GO_CHE);
      // Ông Hải did his 2025 self-assessment at the center too: the paper decision recognizes that assessment.
      await center.push([lan, hai, ...assessed(hai.id, 2025)]);
      const file = await workbook([
        ...fiveYears('Nguyễn Thị Lan', 1962, DONG_CHAM),
        row('Đỗ Văn Hải', 1960, GO_CHE, 2025),
        // Not registered anywhere yet: counted in her village, at no center.
        row('Vũ Thị Mới', 1958, DONG_CHAM, 2024),
        // A close name of bà Lan's, waiting for the officer's review.
        row('Nguyễn Thị Lam', 1962, DONG_CHAM, 2023),
      ]);
      expect(await upload(hub, officer, file)).toMatchObject({
        status: 200,
        body: { added: 8, matched: 6, review: 1, pending: 1 },
      });

      expect(recognized(await board(2024))).toEqual({
        total: 2,
        places: { [DONG_CHAM]: 2 },
        centers: { 'TTHTCĐ Tân Lập': 1 },
      });
      // Ông Hải: the paper decision and his assessment of 2025 are one recognition, not two.
      const y2025 = await board(2025);
      expect(recognized(y2025)).toEqual({
        total: 2,
        places: { [DONG_CHAM]: 1, [GO_CHE]: 1 },
        centers: { 'TTHTCĐ Tân Lập': 2 },
      });
      expect(y2025.byGroup.reduce((s, r) => s + r.counts.recognized, 0)).toBe(1);
      expect(recognized(await board(2023)).total).toBe(2);
      const trend = (await board(2026)).trend.map((t) => [t.year, t.row.counts.recognized]);
      expect(trend).toEqual([
        [2021, 1],
        [2022, 1],
        [2023, 2],
        [2024, 2],
        [2025, 2],
        [2026, 0],
      ]);

      // Bà Lan asks her center to erase her data: the erasure reaches the hub.
      await center.push([{ type: 'PersonErasedV1', id: lan.id, revision: 2 }]);
      const rows = await hub.db.selectFrom('hub_history_row').selectAll().orderBy('year').execute();
      expect(
        rows.filter((r) => r.name === 'Nguyễn Thị Lan' || r.subject_id === lan.id || r.candidate_id === lan.id),
      ).toEqual([]);
      expect(JSON.stringify(rows)).not.toContain(lan.id);
      const hers = rows.filter((r) => r.name === '');
      expect(hers.map((r) => [r.year, r.village, r.birth_year, r.status])).toEqual(
        [2021, 2022, 2023, 2024, 2025].map((y) => [y, DONG_CHAM, null, 'matched']),
      );
      expect(rows.find((r) => r.name === 'Nguyễn Thị Lam')).toMatchObject({ status: 'pending', candidate_id: null });
      const shown = (await hub.json('GET', '/api/staff/hub/history', undefined, officer)).body as { name: string }[];
      expect(shown.map((r) => r.name)).not.toContain('Nguyễn Thị Lan');
      // The years' counts keep her, with no name (the centers' anonymous tally does the same).
      expect(recognized(await board(2024))).toEqual({ total: 2, places: { [DONG_CHAM]: 2 }, centers: {} });
      // The same file again: every row is held, nothing is added or matched anew.
      const before = await hub.counts();
      expect(await upload(hub, officer, file)).toMatchObject({ status: 200, body: { added: 0 } });
      expect(await hub.counts()).toEqual(before);
      expect(
        await hub.db.selectFrom('hub_history_row').select('name').where('name', '=', 'Nguyễn Thị Lan').execute(),
      ).toEqual([]);
    },
  );
});
