import { v7 as uuidv7 } from 'uuid';
import type { HouseholdFacts, HouseholdView } from '../../../../shared/schemas/registry.ts';
import { tabletDb } from '../../db/tablet.ts';
import { api, ApiError } from '../api.ts';
import { HouseholdAssessment } from './household-assessment.svelte.ts';

export type { HouseholdItem } from './household-assessment-outbox.ts';

/**
 * "Gia đình tôi" at the tablet: the household of the villager identified here, registered with her
 * as head, adults linked by the codes on their slips, the year's children facts (counts only) and the
 * self-assessment "Gia đình học tập" one item per screen, with photos as evidence on its declared
 * items as on a person's indicators. Everything is kept in the session and the photos table (so it
 * leaves the tablet with them) and sent through the outbox; the box is needed only to look the
 * household up and to work out the computed items.
 */
export class HouseholdFlow extends HouseholdAssessment {
  /**
   * Opens "Gia đình tôi": the household she is in, as the box knows it. A household registered on
   * this tablet that the box has not got yet is shown as it was registered.
   */
  open(): Promise<void> {
    const person = this.flow.session.person;
    if (!person) return Promise.resolve();
    return this.attempt(async () => {
      const d = this.flow.session.household;
      if (d?.registeredHere && d.view) {
        await this.flow.sync.kick();
        await this.change({}, 'household');
        return;
      }
      // Her registration may still be on its way to the box: send it first.
      await this.flow.sync.kick();
      let household: HouseholdView | null;
      try {
        household = (await api.householdOf(person.id, this.token)).household;
      } catch (e) {
        // Registered on this tablet and not at the box yet (nor her token bound): she has no household there.
        if (
          e instanceof ApiError &&
          (e.code === 'person.not-found' || e.code === 'villager.token-required') &&
          this.flow.savedOnTabletOnly
        )
          household = null;
        else if (d?.view) household = d.view;
        else throw e;
      }
      await this.change({ view: household, link: undefined }, 'household');
    });
  }

  /** Registers a household with her as head, in the village chosen (hers unless she changes it). */
  register(village: string): Promise<void> {
    const person = this.flow.session.person;
    if (!person || this.view) return Promise.resolve();
    const id = uuidv7();
    const view: HouseholdView = {
      id,
      village,
      headPersonId: person.id,
      facts: {},
      clanId: null,
      revision: 0,
      recognitions: [],
      members: [
        { personId: person.id, code: person.code, name: person.name, role: 'head', since: new Date().toISOString() },
      ],
    };
    this.flow.sync.markPending(person.id);
    return this.attempt(async () => {
      await this.change(
        { view, registeredHere: true },
        'household',
        this.flow.queue(() => [
          {
            kind: 'household',
            personId: person.id,
            recordId: id,
            body: { village, headCode: person.code, headBirthYear: person.birthYear },
          },
        ]),
      );
      await this.flow.sync.kick();
    });
  }

  /**
   * Links an adult by the code on her slip and her birth year. Sent through the outbox at once; a
   * refusal (unknown code, already in another household) is shown here and taken back, so it changes
   * nothing and never waits for a facilitator. With the box away the link waits in the outbox.
   */
  link(code: string, birthYear: number): Promise<void> {
    const person = this.flow.session.person;
    const view = this.view;
    if (!person || !view) return Promise.resolve();
    const linkId = uuidv7();
    const normalized = code.trim().toUpperCase();
    return this.attempt(async () => {
      await this.change(
        { link: undefined },
        undefined,
        this.flow.queue(() => [
          {
            kind: 'household-member',
            personId: person.id,
            recordId: linkId,
            householdId: view.id,
            body: { code: normalized, birthYear },
          },
        ]),
      );
      await this.flow.sync.kick();
      const db = await tabletDb();
      const left = await db.outbox
        .where('personId')
        .equals(person.id)
        .filter((i) => i.recordId === linkId)
        .first();
      if (left?.state === 'refused') {
        await db.outbox.delete(left.seq!);
        await this.flow.sync.refresh();
        await this.change({ link: { outcome: 'refused', code: normalized } });
        this.error = left.refusal?.code ?? 'internal';
        return;
      }
      if (left) {
        await this.change({ link: { outcome: 'queued', code: normalized } });
        return;
      }
      // The box shows her household's members by name (their codes and ids may be left out): the one
      // linked is the member with that code, else the one who was not there before.
      const members = this.view?.members ?? [];
      const same = (a: HouseholdView['members'][number], b: HouseholdView['members'][number]) =>
        a.personId && b.personId ? a.personId === b.personId : a.name === b.name;
      const linked =
        members.find((m) => m.code === normalized) ?? members.find((m) => !view.members.some((o) => same(o, m)));
      await this.change({ link: { outcome: 'linked', code: normalized, ...(linked ? { name: linked.name } : {}) } });
    });
  }

  /** The facts of the year, one question per screen: how many school-age children, then whether all go to school. */
  openFacts(): Promise<void> {
    const known = this.view?.facts[String(this.year)];
    return this.change({ factsStep: 'count', facts: known ? { ...known } : {} }, 'household-facts');
  }

  /** Shows the buttons from 6 up (the first screen has 0 to 5 and "6 or more"). */
  showMoreChildren(more: boolean): Promise<void> {
    return this.change((d) => ({ facts: { ...d.facts, more } }));
  }

  chooseChildren(n: number): Promise<void> {
    if (n === 0) return this.saveFacts({ schoolAgeChildren: 0, allChildrenInSchool: null });
    return this.change((d) => ({ facts: { ...d.facts, schoolAgeChildren: n }, factsStep: 'school' }));
  }

  chooseInSchool(all: boolean): Promise<void> {
    const n = this.draft?.facts?.schoolAgeChildren;
    if (n === undefined) return this.go('household-facts');
    return this.saveFacts({ schoolAgeChildren: n, allChildrenInSchool: all });
  }

  /** Queues the facts and goes on to the self-assessment, which reads them. */
  private async saveFacts(facts: HouseholdFacts): Promise<void> {
    const person = this.flow.session.person;
    const view = this.view;
    if (!person || !view) return;
    const year = this.year;
    await this.change(
      (d) => ({
        facts: { ...facts },
        factsStep: undefined,
        view: d.view ? { ...d.view, facts: { ...d.view.facts, [String(year)]: facts } } : d.view,
      }),
      'household',
      this.flow.queue(() => [{ kind: 'household-facts', personId: person.id, recordId: view.id, year, body: facts }]),
    );
    await this.startAssessment();
  }
}
