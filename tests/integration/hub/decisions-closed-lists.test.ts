import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubNodeRow } from '../../../server/src/db/schema.ts';
import type { HubDeps } from '../../../server/src/hub/context/hub.context.ts';
import { applyPush } from '../../../server/src/hub/ingest/hub.service.ts';
import type { ChangeMessage } from '../../../shared/sync/messages.ts';
import { build, indicatorIds } from '../../fixtures/people.ts';
import { staffSessions } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';
import { listClosedMessage } from './close-lists.ts';
import { body as pushBody, hubDeps, nodeIn } from './hub-db-setup.ts';
import { AT, DONG_CHAM, GO_CHE, person, YEAR } from './model-decisions-messages.ts';

/**
 * Issue 24: village lists close before the commune decides. A decision naming a person, household
 * or clan whose list the village branch has not closed (chốt) at that subject's center for the
 * year is refused with `decision.list-not-closed`, naming the lists, and writes nothing; a list
 * of another village, another center or another title does not count. Villages and units have no
 * list (the commune appraises them itself): those decisions need none. The centers here push the
 * messages a center sends (shared/sync/messages.ts), as in model-decisions.test.ts.
 */

const assessment = (
  id: string,
  subjectKind: string,
  subjectId: string,
  title: string,
  set: [string, string],
  answers: Record<string, number>,
  group = '',
): ChangeMessage => ({
  type: 'AssessmentUpsertV1',
  id,
  revision: 1,
  subjectKind,
  subjectId,
  title,
  year: YEAR,
  criteriaSetId: set[0],
  criteriaSetVersion: set[1],
  group,
  status: 'submitted',
  answers: Object.entries(answers).map(([indicatorId, score]) => ({
    indicatorId,
    score,
    note: null,
    confirmed: false,
  })),
  submittedAt: AT,
  assistedBy: null,
});
const appraisal = (id: string, answers: Record<string, number>): ChangeMessage => ({
  type: 'AppraisalUpsertV1',
  id,
  revision: 1,
  status: 'appraised',
  message: null,
  locked: false,
  scores: Object.entries(answers).map(([indicatorId, score]) => ({ indicatorId, score, reason: null })),
});
const cdhtScores = Object.fromEntries(indicatorIds.map((i) => [i, 9]));
const household: Record<string, number> = {
  'G1.2': 10,
  'G1.3': 10,
  'G2.2': 10,
  'G2.3': 5,
  'G3.1': 10,
  'G3.2': 10,
  'G4.1': 10,
  'G4.2': 10,
};
const clan: Record<string, number> = { 'D1.2': 10, 'D2.1': 15, 'D2.2': 15, 'D3.1': 15, 'D3.2': 15 };

describe('the commune decides only from closed lists', () => {
  let hub: Harness;
  let officer: string;
  let deps: HubDeps;
  const seq = new Map<string, number>();

  beforeEach(async () => {
    hub = await startHarness(undefined, { KIOSK_ROLE: 'hub' });
    officer = (await staffSessions(hub)).admin;
    deps = hubDeps(hub.db);
  }, 60_000);
  afterEach(async () => {
    await hub.close();
  });

  const nodeNamed = (name: string): Promise<HubNodeRow> => nodeIn(hub.db, name);
  async function push(node: HubNodeRow, changes: ChangeMessage[]) {
    const first = (seq.get(node.id) ?? 0) + 1;
    seq.set(node.id, first + changes.length - 1);
    expect(JSON.stringify(await applyPush(deps, node, pushBody(changes, first)))).not.toMatch(/"code"/);
  }
  const decide = (body: Record<string, unknown>) =>
    hub.json(
      'POST',
      '/api/staff/hub/decisions',
      { year: YEAR, signedOn: '2026-12-05', signer: 'Nguyễn Văn Hùng, Chủ tịch UBND xã', ...body },
      officer,
    );
  /** A refused decision: the code, the lists it names, and nothing written. */
  async function refused(body: Record<string, unknown>, lists: string[]) {
    const before = await hub.counts();
    const res = await decide(body);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'decision.list-not-closed', details: { lists } });
    expect(await hub.counts()).toEqual(before);
  }

  it(
    'refuses a person, a household or a clan whose list is open, and decides once it is closed',
    { timeout: 60_000 },
    async () => {
      const tanLap = await nodeNamed('TTHTCĐ Tân Lập');
      const xuanSon = await nodeNamed('TTHTCĐ Xuân Sơn');
      const [lan, hoa, son] = [build.id(), build.id(), build.id()];
      const [aLan, aHoa, aSon, home, aHome, clanId, aClan] = [1, 2, 3, 4, 5, 6, 7].map(() => build.id()) as [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      await push(tanLap, [
        person(lan, 'Nguyễn Thị Lan', DONG_CHAM),
        person(hoa, 'Lò Văn Hòa', GO_CHE),
        assessment(aLan, 'person', lan, 'cdht', ['cdht-2022', '2022.1'], cdhtScores, 'nhom-1'),
        appraisal(aLan, cdhtScores),
        assessment(aHoa, 'person', hoa, 'cdht', ['cdht-2022', '2022.1'], cdhtScores, 'nhom-1'),
        appraisal(aHoa, cdhtScores),
        {
          type: 'HouseholdUpsertV1',
          id: home,
          revision: 1,
          village: GO_CHE,
          headPersonId: hoa,
          memberPersonIds: [hoa],
          facts: [{ year: YEAR, schoolAgeChildren: 0, allChildrenInSchool: null }],
          registeredAt: AT,
        },
        assessment(aHome, 'household', home, 'gdht', ['gdht-2025', '2025.1'], household),
        appraisal(aHome, household),
        {
          type: 'ClanUpsertV1',
          id: clanId,
          revision: 1,
          name: 'Họ Lò',
          representative: 'Lò Văn Hòa',
          householdIds: [home],
          registeredAt: AT,
        },
        assessment(aClan, 'clan', clanId, 'dhht', ['dhht-2025', '2025.1'], clan),
        appraisal(aClan, clan),
      ]);
      // The other center closed its own list of the same village: not Tân Lập's.
      await push(xuanSon, [
        person(son, 'Hà Văn Sơn', DONG_CHAM),
        assessment(aSon, 'person', son, 'cdht', ['cdht-2022', '2022.1'], cdhtScores, 'nhom-1'),
        appraisal(aSon, cdhtScores),
        listClosedMessage(YEAR, { village: DONG_CHAM }),
      ]);

      // CDHT: open at Tân Lập for both villages; the other village's list, another title's, another year's do not count.
      await refused({ number: '1/QĐ-UBND', personIds: [lan, hoa] }, [
        `${DONG_CHAM} (TTHTCĐ Tân Lập)`,
        `${GO_CHE} (TTHTCĐ Tân Lập)`,
      ]);
      await push(tanLap, [
        listClosedMessage(YEAR, { village: GO_CHE }),
        listClosedMessage(YEAR, { title: 'gdht', village: DONG_CHAM }),
        listClosedMessage(YEAR - 1, { village: DONG_CHAM }),
      ]);
      await refused({ number: '1/QĐ-UBND', personIds: [lan, hoa] }, [`${DONG_CHAM} (TTHTCĐ Tân Lập)`]);
      // Sơn's list (Xuân Sơn) is closed: he alone may be decided.
      expect((await decide({ number: '1/QĐ-UBND', personIds: [son] })).status).toBe(200);
      await push(tanLap, [listClosedMessage(YEAR, { village: DONG_CHAM })]);
      expect((await decide({ number: '2/QĐ-UBND', personIds: [lan, hoa] })).status).toBe(200);

      // A household: its village's "Gia đình học tập" list (the CDHT list of Gò Chè is closed, not this one).
      const home1 = { title: 'gdht', number: '3/QĐ-UBND', subjects: [{ kind: 'household', id: home }] };
      await refused(home1, [`${GO_CHE} (TTHTCĐ Tân Lập)`]);
      await push(tanLap, [listClosedMessage(YEAR, { title: 'gdht', village: GO_CHE })]);
      expect((await decide(home1)).status).toBe(200);

      // A clan: the center's clans' list, named by the center.
      const clan1 = { title: 'dhht', number: '4/QĐ-UBND', subjects: [{ kind: 'clan', id: clanId }] };
      await refused(clan1, ['TTHTCĐ Tân Lập']);
      await push(tanLap, [listClosedMessage(YEAR, { title: 'dhht' })]);
      expect((await decide(clan1)).status).toBe(200);
      expect(await hub.db.selectFrom('hub_decision').select('number').orderBy('number').execute()).toHaveLength(4);
    },
  );
});
