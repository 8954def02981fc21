import { randomPersonCode } from '../../../../shared/domain/person-code.ts';
import type { PersonView, RegisterPerson } from '../../../../shared/schemas/person.ts';
import type { RegistrationDraft } from '../../db/db.ts';
import { tabletDb } from '../../db/tablet.ts';
import { newVillagerToken } from '../../platform/villager-token.ts';
import { api } from '../api.ts';
import { newSession, SessionCore } from './session.svelte.ts';

/**
 * Who is at the tablet: a villager registering (her slip code made here), one finding herself by
 * her code and birth year, or one a facilitator sits with (assisted mode). Each begins the
 * session's token, which the box binds to her.
 */
export class SignedIn extends SessionCore {
  /** Found by code, waiting for "is this you?". */
  found = $state<PersonView | null>(null);
  /** The token the look-up that found her was made with (the box bound it to her). */
  private foundToken: string | null = null;

  /** Keeps the registration form as it is typed. */
  saveRegistration(draft: RegistrationDraft): Promise<void> {
    // The form's last events can fire as it leaves the screen: nothing of it is kept then (save() drops it too).
    if (this.session.screen !== 'register') return Promise.resolve();
    // Held in memory at once, not only once IndexedDB has it: a form that is drawn again meanwhile
    // (the screen re-rendered under her fingers) starts from what she has typed, not from less.
    this.session = { ...this.session, registration: draft };
    return this.save({ registration: draft });
  }

  /** Registers on the tablet at once (the slip code is made here) and queues it for the box. */
  async register(input: RegisterPerson): Promise<void> {
    const code = randomPersonCode();
    const at = new Date().toISOString();
    const person: PersonView = {
      id: this.session.personId,
      code,
      name: input.name,
      birthYear: input.birthYear,
      village: input.village,
      phone: input.phone ?? null,
      revision: 1,
      consents: (['assessment', 'publicList', 'statistics'] as const).map((purpose) => ({
        purpose,
        granted: input.consents[purpose],
        at,
      })),
      // A child's guardian consented beside the facilitator (the input then names the facilitator too).
      guardian: input.guardian ? { name: input.guardian.name, relation: input.guardian.relation, at } : null,
    };
    // Her session begins here: the registration binds this token to her when it reaches the box.
    const token = newVillagerToken();
    this.sync.markPending(person.id);
    await this.save(
      { person, token, screen: 'group', registration: undefined },
      this.queue(() => [{ kind: 'person', personId: person.id, recordId: person.id, body: { ...input, code } }], token),
    );
    void this.sync.kick();
  }

  /**
   * Finds a returning villager by slip code and birth year; needs the box. Each look-up is made with
   * a new token, which the box binds to the person it finds: "is this you? no" leaves no one bound.
   */
  findByCode(code: string, birthYear: number): Promise<void> {
    return this.attempt(async () => {
      const token = newVillagerToken();
      this.found = await api.personByCode(code.trim().toUpperCase(), birthYear, token);
      this.foundToken = token;
    });
  }

  /** Continues as the person found: resumes this year's assessment from the box if there is one. */
  confirmFound(assistedBy?: { id: string; name: string }): Promise<void> {
    const person = this.found;
    if (!person) return Promise.resolve();
    return this.attempt(async () => {
      let token = this.foundToken;
      if (!token) {
        // Found by the facilitator (assisted mode, by her staff session): a look-up with her own code
        // and year binds a token to her too, so what is queued here is accepted after the
        // facilitator signs out. Without it the staff session still serves while it lasts.
        token = newVillagerToken();
        await api
          .personByCode(person.code, person.birthYear, token)
          .catch((e: unknown) => console.warn('villager token not bound', e));
      }
      // The classes she attended this year come along, to show at CS03 (even before she begins).
      const { assessment, attendance: attended, learningPlan: plan } = await api.currentAssessment(person.id, token);
      const attendance = attended ?? undefined;
      const learningPlan = plan ?? undefined;
      // What else the box keeps for her (a self-check she paused, which her slip offers to continue).
      await this.foundPerson(person, token);
      this.found = null;
      this.foundToken = null;
      if (!assessment) {
        await this.save({ personId: person.id, person, token, screen: 'group', assistedBy, attendance, learningPlan });
        return;
      }
      const answers = Object.fromEntries(
        assessment.answers.map((a) => [
          a.indicatorId,
          { score: a.score, note: a.note ?? undefined, confirmed: a.confirmed || undefined },
        ]),
      );
      const remotePhotos: Record<string, number> = {};
      for (const e of assessment.evidence) remotePhotos[e.indicatorId] = (remotePhotos[e.indicatorId] ?? 0) + 1;
      // Returned for more evidence: open again for changes, with the appraiser's message.
      const submitted = assessment.status === 'submitted' && !assessment.returned;
      // A draft opens where she stopped: the first indicator not scored yet, or the review once all are.
      const ids = this.info?.criteriaSet.indicators.map((i) => i.id) ?? [];
      const firstOpen = ids.findIndex((id) => answers[id]?.score === undefined);
      const resumeAt = submitted
        ? ({ screen: 'result', indicatorIndex: 0 } as const)
        : firstOpen === -1
          ? ({ screen: 'review', indicatorIndex: 0 } as const)
          : ({ screen: 'indicator', indicatorIndex: firstOpen } as const);
      await this.save({
        personId: person.id,
        person,
        token,
        assessmentId: assessment.id,
        group: assessment.group,
        answers,
        remotePhotos,
        submitted,
        ...resumeAt,
        assistedBy,
        returnedMessage: assessment.returned?.message,
        attendance,
        learningPlan,
      });
    });
  }

  /** Assisted mode from the facilitator's screens: a new villager registers with the facilitator beside her. */
  async startAssistedRegistration(assistedBy: { id: string; name: string }): Promise<void> {
    await this.serial(async () => {
      const next = { ...newSession(), screen: 'register' as const, assistedBy };
      const db = await tabletDb();
      await db.transaction('rw', db.session, db.photos, async () => {
        await db.photos.clear();
        await db.session.clear();
        await db.session.put(next);
      });
      this.session = next;
      this.forget();
    });
  }

  protected override forget(): void {
    super.forget();
    this.found = null;
    this.foundToken = null;
  }
}
