import type { ConsentPurpose, PersonView } from '../../../../shared/schemas/person.ts';
import { fill } from '../../../../shared/i18n/vi.ts';
import { viStaff as t } from '../../lib/i18n/vi-staff.ts';
import { errorCode } from '../../lib/api.ts';
import { staffApi, type PersonHit } from '../api.ts';

/**
 * A person's data on the staff screens (People.svelte): the person as the box holds them, their
 * assessments, consent changes, and erasure with what it took away.
 */
export class PeopleState {
  person = $state<PersonView | null>(null);
  assessments = $state<{ year: number; status: string }[]>([]);
  error = $state<string | null>(null);
  done = $state<string | null>(null);

  private async attempt(work: () => Promise<void>): Promise<void> {
    this.error = null;
    try {
      await work();
    } catch (e) {
      this.error = errorCode(e);
    }
  }

  /** The person found, as the box holds them. */
  open(hit: PersonHit): Promise<void> {
    return this.attempt(async () => {
      this.done = null;
      const data = await staffApi.personData(hit.id);
      this.person = data.person;
      this.assessments = data.assessments;
    });
  }

  /** Grants or withdraws a consent; the person shown is the box's answer. */
  consent(purpose: ConsentPurpose, granted: boolean): Promise<void> {
    return this.attempt(async () => {
      this.person = await staffApi.changeConsent(this.person!.id, purpose, granted);
    });
  }

  /** Erases the person shown once `confirmed(name)` says so, then says what went. */
  erase(confirmed: (name: string) => boolean): Promise<void> {
    return this.attempt(async () => {
      if (!this.person || !confirmed(this.person.name)) return;
      const r = await staffApi.erase(this.person.id);
      this.person = null;
      this.done = fill(t.people.erased, { a: r.assessments, p: r.photos });
    });
  }
}
