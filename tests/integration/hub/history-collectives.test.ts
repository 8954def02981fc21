import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { ModelSets } from '../../../server/src/criteria/model-sets.ts';
import { cdhtYears, decidedRecognitions, recognizedYearsOf } from '../../../server/src/hub/ingest/model-facts.ts';
import type { ClanUpsertV1, HouseholdUpsertV1, UnitUpsertV1 } from '../../../shared/sync/messages.ts';
import { build } from '../../fixtures/people.ts';
import { staffSessions } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';
import { AT, nodeOf, person, upload, workbook } from './history-setup.ts';

/**
 * Issue 24: households (by their head), clans, villages and units recognized on paper come in too,
 * are named in decisions of their own titles that go down as RecognitionDecisionV2, and count where
 * the hub's decisions count: a household's and a village's recognized years, and the CDHT years of
 * the adults that the family and clan rules read. A household registered later is matched when it
 * arrives. On SQLite and PostgreSQL.
 */

const pgUrl = inject('pgUrl');
const storages = pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);
const DONG_CHAM = 'Thôn Đồng Chằm';

const household = (headPersonId: string, village = DONG_CHAM): HouseholdUpsertV1 => ({
  type: 'HouseholdUpsertV1',
  id: build.id(),
  revision: 1,
  village,
  headPersonId,
  memberPersonIds: [headPersonId],
  facts: [],
  registeredAt: AT,
});
const clan = (name: string, householdIds: string[]): ClanUpsertV1 => ({
  type: 'ClanUpsertV1',
  id: build.id(),
  revision: 1,
  name,
  representative: 'Nguyễn Văn Cả',
  householdIds,
  registeredAt: AT,
});
const unit = (name: string): UnitUpsertV1 => ({
  type: 'UnitUpsertV1',
  id: build.id(),
  revision: 1,
  name,
  kind: 'school',
  village: DONG_CHAM,
  staffCounts: [],
  memberPersonIds: [],
  registeredAt: AT,
});
const line = (kind: string, name: string, birthYear: number | '', village: string, number: string) => [
  kind,
  name,
  birthYear,
  village,
  2024,
  number,
  '20/12/2024',
  'UBND xã Tân Lập',
];

describe.each(storages)('households, clans, villages and units imported on %s', (storage) => {
  let hub: Harness;
  let officer: string;

  beforeEach(async () => {
    hub = await startHarness(new Date(AT), { KIOSK_ROLE: 'hub' }, undefined, storage === 'postgres' ? pgUrl : null);
    officer = (await staffSessions(hub)).admin;
  });
  afterEach(async () => {
    await hub.close();
  });

  it('are named in decisions of their titles, fed down, and counted; a household registered later matches on arrival', async () => {
    const center = await nodeOf(hub, 'TTHTCĐ Tân Lập');
    const minh = person('Trần Văn Minh', 1958, DONG_CHAM);
    const home = household(minh.id);
    const tran = clan('Họ Trần', [home.id]);
    const school = unit('Trường Tiểu học Tân Lập');
    await center.push([minh, home, tran, school]);
    const res = await upload(
      hub,
      officer,
      await workbook([
        line('Cá nhân', 'Trần Văn Minh', 1958, DONG_CHAM, '30/QĐ-UBND'),
        line('Hộ gia đình', 'Trần Văn Minh', 1958, DONG_CHAM, '31/QĐ-UBND'),
        line('Dòng họ', 'Họ Trần', '', '', '32/QĐ-UBND'),
        line('Thôn', DONG_CHAM, '', '', '33/QĐ-UBND'),
        line('Đơn vị', 'Trường Tiểu học Tân Lập', '', DONG_CHAM, '34/QĐ-UBND'),
        line('Hộ gia đình', 'Lê Thị Mận', 1970, DONG_CHAM, '31/QĐ-UBND'),
      ]),
    );
    expect(res).toMatchObject({ status: 200, body: { added: 6, matched: 5, pending: 1 } });
    const named = await hub.db
      .selectFrom('hub_decision_subject')
      .innerJoin('hub_decision', 'hub_decision.id', 'hub_decision_subject.decision_id')
      .select(['subject_kind', 'subject_id', 'title', 'number'])
      .orderBy('number')
      .execute();
    expect(named).toEqual([
      { subject_kind: 'person', subject_id: minh.id, title: 'cdht', number: '30/QĐ-UBND' },
      { subject_kind: 'household', subject_id: home.id, title: 'gdht', number: '31/QĐ-UBND' },
      { subject_kind: 'clan', subject_id: tran.id, title: 'dhht', number: '32/QĐ-UBND' },
      { subject_kind: 'community', subject_id: DONG_CHAM, title: 'cddht', number: '33/QĐ-UBND' },
      { subject_kind: 'unit', subject_id: school.id, title: 'dvht', number: '34/QĐ-UBND' },
    ]);
    const v2 = (await hub.db.selectFrom('hub_feed').select('payload').where('kind', '=', 'decision').execute())
      .map((f) => JSON.parse(f.payload))
      .filter((m) => m.type === 'RecognitionDecisionV2');
    expect(v2.flatMap((m) => m.subjects.map((s: { kind: string }) => s.kind)).sort()).toEqual([
      'clan',
      'community',
      'household',
      'unit',
    ]);

    // What the family and clan rules read at the hub: the adults' CDHT years, the households' recognized years.
    expect((await cdhtYears(hub.db, [minh.id])).get(minh.id)).toEqual([2024]);
    const decided = await decidedRecognitions(hub.db, ModelSets.of(hub.config));
    expect(recognizedYearsOf(decided, 'household', home.id)).toContain(2024);
    expect(recognizedYearsOf(decided, 'clan', tran.id)).toContain(2024);

    // Bà Mận's household registers later: its record arriving matches the row that waited.
    const man = person('Lê Thị Mận', 1970, DONG_CHAM);
    const hers = household(man.id);
    await center.push([man, hers]);
    const later = await hub.db
      .selectFrom('hub_decision_subject')
      .select('decision_id')
      .where('subject_id', '=', hers.id)
      .execute();
    expect(later).toHaveLength(1);
    expect(
      (await hub.db.selectFrom('hub_history_row').select('status').execute()).every((r) => r.status === 'matched'),
    ).toBe(true);
  });
});
