import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { enqueue, OutboxSender, type OutboxItemInput } from '../../../web/src/lib/sync/outbox.ts';
import { fetchTransport } from '../../../web/src/lib/sync/transport.ts';
import { newVillagerToken } from '../../../web/src/platform/villager-token.ts';
import { build } from '../../fixtures/people.ts';
import { h, db, failNext, boxFetch, freshBoxAndTabletEachTest, assessment } from './outbox-setup.ts';

freshBoxAndTabletEachTest();

describe('a household through the tablet outbox', () => {
  /**
   * What tablets queue when three adults register (each in her own session, with its own token), then
   * the head registers her household, links the two others, answers the facts and her self-assessment.
   */
  function household(): { token: string; items: OutboxItemInput[] }[] {
    const adult = (name: string, birthYear: number, code: string) => ({
      id: build.id(),
      body: {
        name,
        birthYear,
        village: 'Thôn Khe Ngang',
        code,
        consents: { assessment: true, publicList: true, statistics: true },
      },
    });
    const [head, wife, son] = [
      adult('Hoàng Văn Páo', 1970, 'HPAX72'),
      adult('Lò Thị Sợi', 1973, 'SQXT73'),
      adult('Hoàng Văn Sình', 1996, 'HSNV96'),
    ];
    const householdId = build.id();
    const assessmentId = build.id();
    const declared = { 'G1.2': 10, 'G1.3': 8, 'G2.2': 9, 'G2.3': 5, 'G3.1': 8, 'G3.2': 7, 'G4.1': 9, 'G4.2': 8 };
    const assessment = (status: 'draft' | 'submitted', answers: Record<string, number>) => ({
      title: 'gdht' as const,
      subjectId: householdId,
      criteriaSetId: 'gdht-2025',
      criteriaSetVersion: '2025.1',
      status,
      answers: Object.entries(answers).map(([itemId, value]) => ({ itemId, value })),
    });
    const registration = (p: typeof head): OutboxItemInput => ({
      kind: 'person',
      personId: p.id,
      recordId: p.id,
      body: p.body,
    });
    return [
      { token: newVillagerToken(), items: [registration(wife)] },
      { token: newVillagerToken(), items: [registration(son)] },
      {
        token: newVillagerToken(),
        items: [
          registration(head),
          {
            kind: 'household',
            personId: head.id,
            recordId: householdId,
            body: { village: 'Thôn Khe Ngang', headCode: 'HPAX72', headBirthYear: 1970 },
          },
          {
            kind: 'household-member',
            personId: head.id,
            recordId: build.id(),
            householdId,
            body: { code: 'SQXT73', birthYear: 1973 },
          },
          {
            kind: 'household-member',
            personId: head.id,
            recordId: build.id(),
            householdId,
            body: { code: 'HSNV96', birthYear: 1996 },
          },
          {
            kind: 'household-facts',
            personId: head.id,
            recordId: householdId,
            year: 2026,
            body: { schoolAgeChildren: 2, allChildrenInSchool: true },
          },
          {
            kind: 'model-assessment',
            personId: head.id,
            recordId: assessmentId,
            body: assessment('draft', { 'G1.2': 10 }),
          },
          {
            kind: 'model-assessment',
            personId: head.id,
            recordId: assessmentId,
            body: assessment('submitted', declared),
          },
        ],
      },
    ];
  }

  const enqueueAll = async (sessions: { token: string; items: OutboxItemInput[] }[]) => {
    for (const { token, items } of sessions) await enqueue(db, items, token);
  };

  it('reaches the box exactly once in order, though answers are lost and the box is down between sends', async () => {
    await enqueueAll(household());
    const sender = new OutboxSender(db, fetchTransport(boxFetch()));
    failNext([
      'ok',
      'lost-answer',
      'down',
      'ok',
      'lost-answer',
      'ok',
      'lost-answer',
      'lost-answer',
      'ok',
      'down',
      'lost-answer',
    ]);
    while ((await sender.flush()) === 'unreachable');
    expect(await db.outbox.count()).toBe(0);
    const counts = await h.counts();
    expect(counts).toMatchObject({
      person: 3,
      household: 1,
      household_member: 3,
      household_facts: 1,
      assessment: 1,
      assessment_item: 8,
    });
    const members = await h.db
      .selectFrom('household_member')
      .innerJoin('person', 'person.id', 'household_member.person_id')
      .select(['person.name', 'household_member.role', 'household_member.left_at'])
      .orderBy('household_member.id')
      .execute();
    expect(members).toEqual([
      { name: 'Hoàng Văn Páo', role: 'head', left_at: null },
      { name: 'Lò Thị Sợi', role: 'member', left_at: null },
      { name: 'Hoàng Văn Sình', role: 'member', left_at: null },
    ]);
    expect(await h.db.selectFrom('assessment').select(['subject_kind', 'title', 'status']).execute()).toEqual([
      { subject_kind: 'household', title: 'gdht', status: 'submitted' },
    ]);
  });

  it('a link the box refuses (a code nobody has) is set aside with its reason and the rest still goes', async () => {
    const sessions = household();
    const link = sessions[2]!.items.find((i) => i.kind === 'household-member')!;
    (link as { body: { code: string } }).body.code = 'ZZZZZZ';
    await enqueueAll(sessions);
    const sender = new OutboxSender(db, fetchTransport(boxFetch()));
    expect(await sender.flush()).toBe('done');
    const refused = await db.outbox.where('state').equals('refused').toArray();
    expect(refused.map((r) => [r.kind, r.refusal?.code])).toEqual([['household-member', 'person.not-found']]);
    expect(await h.counts()).toMatchObject({ household: 1, household_member: 2, assessment: 1 });
  });
});
