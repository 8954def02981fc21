import { v7 as uuidv7 } from 'uuid';
import type { DigitalResponse } from '../../../../shared/domain/digital-skills.ts';
import type { PersonView } from '../../../../shared/schemas/person.ts';
import type {
  DigitalAttemptView,
  PutDigitalAttempt,
  PutDigitalDraft,
} from '../../../../shared/schemas/digital-attempt.ts';
import type { DigitalBank } from '../../../../shared/schemas/digital-bank.ts';
import type { DigitalDraft, Session } from '../../db/db.ts';
import { tabletDb } from '../../db/tablet.ts';
import { api, ApiError, boxNow } from '../api.ts';
import type { OutboxItemInput } from '../sync/outbox.ts';
import type { SessionCore, SessionPart } from './session.svelte.ts';

/** The box's answer, or null when it cannot be reached; an expired session still ends (unlessExpired). */
const unlessRefusedToken = (e: unknown): null => {
  if (e instanceof ApiError && e.code === 'villager.token-required') throw e;
  return null;
};

/**
 * The digital-skills self-check at the tablet: started (or taken up again) from her slip, one item
 * per screen, paused to the box or finished and scored here by the same rules the box uses. What
 * she does lives in the session (`session.digital`) while she is at it.
 */
export class DigitalCheck implements SessionPart {
  /** Why a new self-check cannot start yet (the box's retake policy), or null. */
  refused = $state<{ nextDate: string } | null>(null);
  /** Earlier self-checks of the villager, newest first, as the box knows them. */
  history = $state<DigitalAttemptView[]>([]);
  /**
   * Her self-check paused part-way, kept at the box (or still in this tablet's outbox, paused while
   * the box was away), for the slip to offer "Làm tiếp, còn N câu": the person it was seen for and
   * how many items are still blank, else null.
   */
  private pausedFor = $state<{ personId: string; blank: number } | null>(null);

  constructor(private readonly core: SessionCore) {}

  get bank(): DigitalBank | null {
    return this.core.info?.digitalBank ?? null;
  }

  get paused(): boolean {
    return this.pausedFor !== null && this.pausedFor.personId === this.core.session.person?.id;
  }

  /** How many items of the check she paused are still blank (for "còn N câu"); 0 when none is paused. */
  get pausedBlank(): number {
    return this.paused ? this.pausedFor!.blank : 0;
  }

  /**
   * Items of the bank with no answer (none given, or skipped): the box counts them as 0 points, and
   * a check with no answer at all is refused (digital.no-answers).
   */
  blanks(responses: DigitalDraft['responses']): number {
    return (this.bank?.items ?? []).filter((i) => {
      const r = responses[i.id];
      return r === undefined || r.kind === 'skipped';
    }).length;
  }

  /** Found by code: whether a self-check she paused waits (in this tablet's outbox or at the box), for her slip to offer. */
  async found(person: PersonView, token: string): Promise<void> {
    await this.lookForPaused(person.id, token);
  }

  /** After a reload on her slip: the offer to continue is looked for again (it was held in memory only). */
  async restore(session: Session): Promise<void> {
    if (session.person && session.screen === 'result') await this.lookForPaused(session.person.id, session.token);
  }

  private async lookForPaused(personId: string, token: string | undefined): Promise<void> {
    if (!this.bank) return;
    const paused = await this.pausedCheck(personId, token).catch(() => null);
    this.pausedFor = paused ? { personId, blank: this.blanks(paused.responses) } : null;
  }

  /**
   * Starts (or continues) the self-check: takes up the check she paused (from this tablet's outbox
   * if it has not reached the box yet, else from the box), or asks the box whether a retake is
   * allowed (without the box she may start: it decides when the attempt arrives) and begins a new
   * one, dated by the box's clock.
   */
  start(): Promise<void> {
    const person = this.core.session.person;
    if (!person || !this.bank) return Promise.resolve();
    this.refused = null;
    return this.core.attempt(async () => {
      const paused = await this.pausedCheck(person.id, this.core.session.token);
      if (!paused) {
        // Without the box she may start (it decides when the attempt arrives); an expired session may not.
        const known = await api.digitalHistory(person.id, this.core.session.token).catch(unlessRefusedToken);
        this.history = known?.attempts ?? [];
        if (known && !known.retake.allowed) {
          this.refused = { nextDate: known.retake.nextDate };
          return;
        }
      }
      const draft: DigitalDraft = paused ?? {
        personId: person.id,
        attemptId: uuidv7(),
        startedAt: boxNow().toISOString(),
        index: 0,
        responses: {},
      };
      this.pausedFor = null;
      await this.core.save({ screen: 'digital', digital: draft });
    });
  }

  /**
   * The check she paused: the newest one still waiting in this tablet's outbox (unless a finished
   * one follows it there), else the box's; null when there is none, it is on another bank, or the
   * box cannot be reached and nothing waits here.
   */
  private async pausedCheck(personId: string, token: string | undefined): Promise<DigitalDraft | null> {
    const bank = this.bank!;
    const db = await tabletDb();
    const queued = (await db.outbox.where('personId').equals(personId).toArray())
      .filter((i) => i.state === 'pending' && (i.kind === 'digital-draft' || i.kind === 'digital-attempt'))
      .at(-1);
    let paused: PutDigitalDraft | null = null;
    if (queued?.kind === 'digital-draft') paused = queued.body;
    else if (!queued) {
      paused = (await api.digitalDraft(personId, token).catch(unlessRefusedToken))?.draft ?? null;
    }
    if (!paused || paused.bankId !== bank.id || paused.bankVersion !== bank.version) return null;
    return {
      personId,
      attemptId: paused.attemptId,
      startedAt: paused.startedAt,
      index: Math.min(paused.index, bank.items.length - 1),
      responses: paused.responses,
    };
  }

  /** Keeps what she did on one item, in the session while she is at the check. */
  answer(itemId: string, response: DigitalResponse): Promise<void> {
    if (this.core.error === 'digital.no-answers') this.core.error = null;
    return this.change((d) => ({ ...d, responses: { ...d.responses, [itemId]: response } }));
  }

  go(index: number): Promise<void> {
    return this.change((d) => ({ ...d, index }));
  }

  private change(change: (d: DigitalDraft) => DigitalDraft): Promise<void> {
    return this.core.save((current) => (current.digital ? { digital: change(current.digital) } : {}));
  }

  /**
   * "Tạm dừng": her answers so far go to the box, which keeps them for `digital.draftDays` (through
   * the outbox under her token: with the box away they wait there, and only there), and the tablet
   * forgets them; back to her slip, which offers to continue. She takes it up again here or on any
   * tablet after her code and birth year. With nothing answered there is nothing to keep.
   * "Để người khác dùng máy" and the idle timeout hand the check over the same way (handOver).
   */
  async pause(): Promise<void> {
    let items: OutboxItemInput[] = [];
    let blank = 0;
    // Read in turn with the saves before it: an answer tapped just before "Tạm dừng" goes too.
    await this.core.save(
      (current) => {
        items = this.handOver(current);
        blank = this.blanks(current.digital?.responses ?? {});
        return { screen: current.submitted ? 'result' : 'welcome', digital: undefined };
      },
      this.core.queue(() => items),
    );
    const person = items[0]?.personId;
    if (person === undefined) return;
    this.core.sync.markPending(person);
    this.pausedFor = { personId: person, blank };
    void this.core.sync.kick();
  }

  /**
   * The check under way as outbox items for the box to keep: none when it is finished or nothing
   * is answered yet. Queued by pause, and at the session's end.
   */
  handOver(session: Session): OutboxItemInput[] {
    const d = session.digital;
    const person = session.person;
    const bank = this.bank;
    if (!d || d.result || !person || !bank || !Object.values(d.responses).some((r) => r.kind !== 'skipped')) return [];
    const body: PutDigitalDraft = {
      attemptId: d.attemptId,
      bankId: bank.id,
      bankVersion: bank.version,
      startedAt: d.startedAt,
      index: Math.min(d.index, bank.items.length - 1),
      responses: $state.snapshot(d.responses) as PutDigitalDraft['responses'],
    };
    return [{ kind: 'digital-draft', personId: person.id, recordId: d.attemptId, body }];
  }

  /**
   * Hands the finished check to the outbox (the box scores it) and shows the result at once, scored
   * here by the same shared rules; the box's own answer replaces it when it arrives. With nothing
   * answered it stays open, saying so: the box would refuse it (digital.no-answers).
   */
  async finish(): Promise<void> {
    const bank = this.bank;
    const session = this.core.session;
    const person = session.person;
    const draft = session.digital;
    if (!bank || !person || !draft) return;
    if (!Object.values(draft.responses).some((r) => r.kind !== 'skipped')) {
      this.core.error = 'digital.no-answers';
      return;
    }
    this.core.error = null;
    // The scoring rules load with the self-check's screens, not with the first screen.
    const { scoreAttempt } = await import('../../../../shared/domain/digital-skills.ts');
    const scored = scoreAttempt(bank, draft.responses);
    const result: DigitalAttemptView = {
      id: draft.attemptId,
      personId: person.id,
      year: this.core.info?.year ?? new Date().getFullYear(),
      bankId: bank.id,
      bankVersion: bank.version,
      startedAt: draft.startedAt,
      finishedAt: boxNow().toISOString(),
      overall: scored.overall,
      domains: scored.domains,
      practicalShare: scored.practicalShare,
      hasDigitalSkills: scored.hasDigitalSkills,
      proficient: scored.proficient,
      toLearn: scored.toLearn,
      assisted: this.core.session.assistedBy !== undefined,
    };
    const body: PutDigitalAttempt = {
      personId: person.id,
      bankId: bank.id,
      bankVersion: bank.version,
      startedAt: draft.startedAt,
      responses: $state.snapshot(draft.responses) as PutDigitalAttempt['responses'],
      ...(this.core.session.assistedBy ? { assistedBy: this.core.session.assistedBy.id } : {}),
    };
    await this.core.send(person.id, { screen: 'digital-result', digital: { ...draft, result } }, () => [
      { kind: 'digital-attempt', personId: person.id, recordId: draft.attemptId, body },
    ]);
  }

  /** Back from the self-check's result to her assessment result (or the start). */
  leave(): Promise<void> {
    return this.core.save({ screen: this.core.session.submitted ? 'result' : 'welcome', digital: undefined });
  }

  forget(): void {
    this.history = [];
    this.refused = null;
    this.pausedFor = null;
  }
}
