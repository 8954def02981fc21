import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { db } from '../../../web/src/db/db.ts';
import { Flow } from '../../../web/src/lib/state/flow.svelte.ts';
import { build, people } from '../../fixtures/people.ts';
import { registerAdult } from '../harness.ts';
import { tabletAgainstBox } from './tablet-box.ts';

/**
 * The villager's flow on the tablet, with its real IndexedDB code (fake-indexeddb) and the real
 * box behind fetch. Taps follow each other faster than IndexedDB writes: nothing may be lost.
 */
const box = tabletAgainstBox();

async function started(): Promise<Flow> {
  const flow = new Flow();
  await flow.start();
  await flow.go('register');
  return flow;
}

const draft = {
  name: people.baLan.name,
  birthYear: '1954',
  village: people.baLan.village,
  phone: '',
  consents: { assessment: true, publicList: true, statistics: false },
};

describe('the villager flow on the tablet', () => {
  it('a registration sent while the form is still being saved moves on and is queued', async () => {
    const flow = await started();
    void flow.saveRegistration(draft);
    await flow.register(people.baLan);
    expect(flow.session.screen).toBe('group');
    expect(flow.session.registration).toBeUndefined();
    const stored = await db.session.get('current');
    expect(stored?.screen).toBe('group');
    expect(stored?.person?.name).toBe(people.baLan.name);
    await flow.sync.kick();
    // Her registration bound the session's token to her: it reads her record, and nothing else does.
    expect(
      (
        await box().json('GET', `/api/people/${flow.session.personId}`, undefined, undefined, {
          token: flow.session.token,
        })
      ).status,
    ).toBe(200);
    expect(
      (await box().json('GET', `/api/people/${flow.session.personId}`, undefined, undefined, { token: null })).status,
    ).toBe(401);
  });

  it('a score and its confirmation tapped at once are both kept', async () => {
    const flow = await started();
    await flow.register(people.baLan);
    await flow.assessment.chooseGroup('cu-dan');
    void flow.assessment.setScore('CS01', 9);
    void flow.assessment.setNote('CS01', 'Đọc báo mỗi tối');
    await flow.assessment.confirmAnswer('CS01', true);
    expect(flow.session.answers.CS01).toEqual({ score: 9, note: 'Đọc báo mỗi tối', confirmed: true });
    expect((await db.session.get('current'))?.answers.CS01).toEqual({
      score: 9,
      note: 'Đọc báo mỗi tối',
      confirmed: true,
    });
    // A new score asks for a new confirmation.
    await flow.assessment.setScore('CS01', 8);
    expect(flow.session.answers.CS01?.confirmed).toBeUndefined();
  });

  it('a save still on its way when the session ends does not bring the villager back', async () => {
    const flow = await started();
    void flow.saveRegistration(draft);
    void flow.go('register');
    await flow.endSession();
    expect(flow.session.screen).toBe('welcome');
    expect(flow.session.registration).toBeUndefined();
    expect(await db.session.get('current')).toBeUndefined();
  });

  it('a returning villager found by code and birth year comes back to her result', async () => {
    const personId = build.id();
    const registered = await box().json('PUT', `/api/people/${personId}`, people.baLan);
    expect(registered.status).toBe(200);
    expect((await box().json('PUT', `/api/assessments/${build.id()}`, build.assessment(personId))).status).toBe(200);
    const flow = await started();
    await flow.go('find');
    await flow.findByCode(registered.body.code, 1954);
    expect(flow.found?.name).toBe(people.baLan.name);
    await flow.confirmFound();
    expect(flow.error).toBeNull();
    expect(flow.session.screen).toBe('result');
    expect((await db.session.get('current'))?.person?.code).toBe(registered.body.code);
  });

  it('a self-check paused part-way is kept at the box, not here, continues another day, and once finished is scored by the box as here', async () => {
    const personId = build.id();
    const registered = await box().json('PUT', `/api/people/${personId}`, people.baLan);
    expect((await box().json('PUT', `/api/assessments/${build.id()}`, build.assessment(personId))).status).toBe(200);
    const comeBack = async () => {
      const flow = await started();
      await flow.go('find');
      await flow.findByCode(registered.body.code, 1954);
      await flow.confirmFound();
      return flow;
    };
    const first = await comeBack();
    const bank = first.digital.bank!;
    await first.digital.start();
    expect(first.session.screen).toBe('digital');
    const [a, b] = bank.items;
    void first.digital.answer(a!.id, { kind: 'self-rating', step: 3 });
    await first.digital.go(1);
    // Tapped just before "Tạm dừng": it goes to the box with the rest.
    void first.digital.answer(b!.id, { kind: 'self-rating', step: 4 });
    await first.digital.pause();
    expect(first.session.screen).toBe('result');
    expect(first.session.digital).toBeUndefined();
    expect(first.digital.paused).toBe(true);
    await first.sync.kick();
    // At the box, under her token; nothing of it left on the tablet.
    expect(await box().db.selectFrom('digital_draft').select(['person_id', 'item_index']).execute()).toEqual([
      { person_id: personId, item_index: 1 },
    ]);
    expect(await db.outbox.count()).toBe(0);
    expect(JSON.stringify(await db.session.toArray())).not.toContain(a!.id);
    await first.endSession();

    const later = await comeBack();
    // Her slip offers to continue it.
    expect(later.digital.paused).toBe(true);
    await later.digital.start();
    expect(later.session.digital).toMatchObject({
      index: 1,
      responses: { [a!.id]: { kind: 'self-rating', step: 3 }, [b!.id]: { kind: 'self-rating', step: 4 } },
    });
    await later.digital.finish();
    expect(later.session.screen).toBe('digital-result');
    const here = later.session.digital!.result!;
    await later.sync.kick();
    // Finished: the box no longer keeps the paused one.
    expect(await box().db.selectFrom('digital_draft').selectAll().execute()).toEqual([]);
    const history = (await box().json('GET', `/api/people/${personId}/digital-attempts`)).body;
    expect(history.attempts).toHaveLength(1);
    expect(history.attempts[0]).toMatchObject({
      id: here.id,
      overall: here.overall,
      domains: here.domains,
      hasDigitalSkills: here.hasDigitalSkills,
    });
    // The box's own result replaced the one made here.
    expect(later.session.digital?.result?.finishedAt).toBe(history.attempts[0].finishedAt);
  });

  it("a self-check paused with the box away waits only in the outbox, is taken up again from it, and reaches the box later; one left open at the session's end goes there too", async () => {
    const personId = build.id();
    const registered = await box().json('PUT', `/api/people/${personId}`, people.baLan);
    expect((await box().json('PUT', `/api/assessments/${build.id()}`, build.assessment(personId))).status).toBe(200);
    const flow = await started();
    await flow.go('find');
    await flow.findByCode(registered.body.code, 1954);
    await flow.confirmFound();
    const [a, b] = flow.digital.bank!.items;
    await flow.digital.start();
    // Nothing answered: "Nộp bài" keeps the check open and says why (the box would refuse it).
    await flow.digital.finish();
    expect(flow.session.screen).toBe('digital');
    expect(flow.error).toBe('digital.no-answers');
    await flow.digital.answer(a!.id, { kind: 'self-rating', step: 2 });

    const boxFetch = globalThis.fetch;
    globalThis.fetch = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    await flow.digital.pause();
    expect(flow.session.digital).toBeUndefined();
    const queued = await db.outbox.toArray();
    expect(queued.map((i) => [i.kind, i.personId])).toEqual([['digital-draft', personId]]);
    expect(JSON.stringify(await db.session.toArray())).not.toContain(a!.id);
    // Taken up again on this tablet with the box still away: from the outbox, the only place it is.
    await flow.digital.start();
    expect(flow.session.digital?.responses).toEqual({ [a!.id]: { kind: 'self-rating', step: 2 } });
    await flow.digital.answer(b!.id, { kind: 'self-rating', step: 1 });
    // She walks away: the session's end hands the open check over too.
    await flow.endSession();
    expect((await db.outbox.toArray()).map((i) => i.kind)).toEqual(['digital-draft', 'digital-draft']);
    expect(await db.session.count()).toBe(0);

    globalThis.fetch = boxFetch;
    // The session's end started a round that the box's absence ended; the next one sends.
    await flow.sync.kick();
    await flow.sync.kick();
    expect(await db.outbox.count()).toBe(0);
    const kept = await box().db.selectFrom('digital_draft').select(['person_id', 'responses']).execute();
    expect(kept.map((r) => [r.person_id, Object.keys(JSON.parse(r.responses)).sort()])).toEqual([
      [personId, [a!.id, b!.id].sort()],
    ]);
  });

  it("her household goes through the box with her session's token: registered, a member linked by code, facts, the self-assessment and its result", async () => {
    const wife = await registerAdult(box(), 'Lò Thị Sợi', 1973, people.baLan.village);
    const flow = await started();
    await flow.register(people.baLan);
    await flow.household.open();
    expect(flow.session.screen).toBe('household');
    await flow.household.register(people.baLan.village);
    await flow.household.link(wife.code, wife.birthYear);
    expect(flow.household.error).toBeNull();
    // The box shows her the other members by name only: the one linked is found without a code.
    expect(flow.session.household?.link).toMatchObject({ outcome: 'linked', name: 'Lò Thị Sợi' });
    expect(flow.household.view?.members.map((m) => [m.name, m.code])).toEqual([
      [people.baLan.name, flow.session.person!.code],
      ['Lò Thị Sợi', undefined],
    ]);
    await flow.household.openFacts();
    await flow.household.chooseChildren(0);
    expect(flow.session.household?.unreachable).toBe(false);
    for (const { item } of flow.household.items)
      if (item.source === 'declared') await flow.household.score(item.id, item.points ?? 0);
    await flow.household.submit();
    expect(flow.session.screen).toBe('household-result');
    expect(flow.session.household?.result?.total).toBeGreaterThan(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('"Tiếp" tapped right after a score and a tick waits for them: nothing is reported missing, the next indicator opens', async () => {
    const flow = await started();
    await flow.startAssistedRegistration({ id: build.id(), name: 'Cô Mai' });
    await flow.register(people.baLan);
    await flow.assessment.chooseGroup('cu-dan');
    // A quick hand on a slow tablet: neither tap is saved yet when "Tiếp" is tapped.
    void flow.assessment.setScore('CS01', 9);
    void flow.assessment.confirmAnswer('CS01', true);
    expect(await flow.assessment.goOn(0)).toBeNull();
    expect(flow.session.indicatorIndex).toBe(1);
    // Without the tick (assisted), and without a score, it says which is missing and stays.
    void flow.assessment.setScore('CS02', 7);
    expect(await flow.assessment.goOn(1)).toBe('confirm');
    expect(await flow.assessment.goOn(1)).toBe('confirm');
    await flow.go('indicator', 2);
    expect(await flow.assessment.goOn(2)).toBe('score');
    expect(flow.session.indicatorIndex).toBe(2);
  });

  it('a read refused hours later (her token expired) brings her back to the code screen, and her draft still reaches the box', async () => {
    const flow = await started();
    await flow.register(people.baLan);
    await flow.assessment.chooseGroup('cu-dan');
    await flow.assessment.setScore('CS01', 9);
    const personId = flow.session.personId;
    box().setNow(new Date('2026-11-23T07:00:00Z'));
    await flow.household.open();
    expect(flow.session.screen).toBe('find');
    expect(flow.error).toBe('villager.token-required');
    expect(flow.session.person).toBeNull();
    expect((await db.session.get('current'))?.token).toBeUndefined();
    await flow.sync.kick();
    expect(await db.outbox.count()).toBe(0);
    const held = await box().db.selectFrom('assessment').select(['subject_id', 'status']).execute();
    expect(held).toEqual([{ subject_id: personId, status: 'draft' }]);
  });
});
