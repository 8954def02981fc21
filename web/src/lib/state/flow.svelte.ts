import { v7 as uuidv7 } from 'uuid';
import * as v from 'valibot';
import { randomPersonCode } from '../../../../shared/domain/person-code.ts';
import { verdict, type Verdict } from '../../../../shared/domain/recognition.ts';
import type { PutAssessment } from '../../../../shared/schemas/assessment.ts';
import type { CriteriaSet } from '../../../../shared/schemas/criteria-set.ts';
import type { KioskInfo } from '../../../../shared/schemas/kiosk-info.ts';
import { PersonViewSchema, type PersonView, type RegisterPerson } from '../../../../shared/schemas/person.ts';
import { weakestIndicators } from '../../../../shared/domain/catalog.ts';
import type { PlanItem, PutLearningPlan } from '../../../../shared/schemas/learning-plan.ts';
import { db, SessionSchema, type PlanDraft, type DigitalDraft, type OutboxItem, type RegistrationDraft, type Screen, type Session, type StoredPhoto } from '../../db/db.ts';
import type { DigitalResponse } from '../../../../shared/domain/digital-skills.ts';
import { DigitalAttemptViewSchema, type DigitalAttemptView, type PutDigitalAttempt, type PutDigitalDraft } from '../../../../shared/schemas/digital-attempt.ts';
import type { DigitalBank } from '../../../../shared/schemas/digital-bank.ts';
import { roomFor, storageInfo } from '../../platform/storage.ts';
import { attempt } from './attempt.ts';
import { api, ApiError, boxNow } from '../api.ts';
import { newVillagerToken } from '../../platform/villager-token.ts';
import { resizePhoto } from '../image.ts';
import { enqueue, type OutboxItemInput } from '../sync/outbox.ts';
import { SyncState } from './sync.svelte.ts';
import { HouseholdFlow } from './household.svelte.ts';

function newSession(): Session {
  return {
    key: 'current', screen: 'welcome', indicatorIndex: 0, personId: uuidv7(), person: null,
    assessmentId: uuidv7(), group: null, answers: {}, submitted: false,
  };
}

/** Thrown when a new photo would bring the tablet too close to its storage quota. */
export class StorageFullError extends Error {}

/**
 * The villager's way through the self-assessment. Every change is written to IndexedDB before the
 * screen moves on, so a reload, a closed tab or a flat battery resumes exactly here. Whatever goes
 * to the box goes through the outbox, so it works the same with the box switched off.
 */
export class Flow {
  info = $state<KioskInfo | null>(null);
  session = $state<Session>(newSession());
  photos = $state<StoredPhoto[]>([]);
  busy = $state(false);
  /** An error code from the box, or 'network'. */
  error = $state<string | null>(null);
  /** Found by code, waiting for "is this you?". */
  found = $state<PersonView | null>(null);
  /** The token the look-up that found her was made with (the box bound it to her). */
  private foundToken: string | null = null;
  readonly sync = new SyncState(undefined, (item, response) => this.confirmed(item, response));
  /** "Gia đình tôi": her household and its self-assessment. */
  readonly household = new HouseholdFlow(this);

  get set(): CriteriaSet | null {
    return this.info?.criteriaSet ?? null;
  }

  get indicators() {
    return this.set?.indicators ?? [];
  }

  get verdict(): Verdict | null {
    const set = this.set;
    if (!set) return null;
    const scores = Object.fromEntries(Object.entries(this.session.answers).map(([id, a]) => [id, a.score]));
    return verdict(set.indicators.map((i) => i.id), scores, set.scoring);
  }

  /** True while this villager has something the box does not hold yet. */
  get savedOnTabletOnly(): boolean {
    return this.sync.pendingPeople.includes(this.session.personId);
  }

  /** Loads the kiosk info (from the box, else the copy on the tablet), the saved session, and starts sending. */
  async start(): Promise<void> {
    try {
      const info = await api.kiosk();
      await db.kiosk.put({ key: 'info', info, fetchedAt: new Date().toISOString() });
      this.info = info;
    } catch {
      this.info = (await db.kiosk.get('info'))?.info ?? null;
    }
    const saved = v.safeParse(SessionSchema, await db.session.get('current'));
    if (saved.success) {
      this.session = saved.output;
      this.photos = await db.photos.where('assessmentId').equals(saved.output.assessmentId).toArray();
      await this.household.restore();
    }
    this.sync.start();
  }

  private saving: Promise<void> = Promise.resolve();

  /**
   * Runs each change to the tablet's storage after the last one has finished: a late form save
   * can never overwrite the screen change that followed it, nor bring back a session that ended.
   * The household's flow (household.svelte.ts) writes its photos through it too.
   */
  serial(work: () => Promise<void>): Promise<void> {
    const run = this.saving.then(work);
    this.saving = run.catch(() => {});
    return run;
  }

  /**
   * Saves a change to the session, with `alongside` (outbox, photos) written in the same
   * IndexedDB transaction, so the two are kept together or not at all.
   */
  save(patch: Partial<Session> | ((current: Session) => Partial<Session>), alongside?: () => Promise<void>): Promise<void> {
    return this.serial(async () => {
      // A snapshot: IndexedDB cannot store Svelte's reactive proxies.
      // (A patch may hold reactive state too, such as the person found.)
      const current = $state.snapshot(this.session) as Session;
      const next = $state.snapshot({ ...current, ...(typeof patch === 'function' ? patch(current) : patch) }) as Session;
      // A registration form's draft lives only while the form is open: leaving it, by whatever way,
      // takes what was typed off the tablet, so the next person finds an empty form.
      if (next.screen !== 'register') delete next.registration;
      if (alongside) {
        await db.transaction('rw', db.session, db.outbox, db.photos, async () => {
          await alongside();
          await db.session.put(next);
        });
      } else {
        await db.session.put(next);
      }
      this.session = next;
    });
  }

  go(screen: Screen, indicatorIndex = this.session.indicatorIndex): Promise<void> {
    this.error = null;
    return this.save({ screen, indicatorIndex });
  }

  private attempt(work: () => Promise<void>): Promise<void> {
    return attempt(this, () => this.unlessExpired(work));
  }

  /**
   * Runs work that reads from the box about her; when the box says her session's token is no longer
   * good for reading (hours after she began), the session ends as at "Xong" (what she did still goes
   * to the box: writes stay accepted for weeks) and she is asked for her code and birth year again.
   */
  async unlessExpired(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (e) {
      if (!(e instanceof ApiError) || e.code !== 'villager.token-required' || this.session.person === null) throw e;
      await this.endSession();
      await this.go('find');
      this.error = e.code;
    }
  }

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
      id: this.session.personId, code, name: input.name, birthYear: input.birthYear, village: input.village,
      phone: input.phone ?? null, revision: 1,
      consents: (['assessment', 'publicList', 'statistics'] as const).map((purpose) => ({ purpose, granted: input.consents[purpose], at })),
      // A child's guardian consented beside the facilitator (the input then names the facilitator too).
      guardian: input.guardian ? { name: input.guardian.name, relation: input.guardian.relation, at } : null,
    };
    // Her session begins here: the registration binds this token to her when it reaches the box.
    const token = newVillagerToken();
    this.sync.markPending(person.id);
    await this.save({ person, token, screen: 'group', registration: undefined }, async () => {
      await enqueue(db, [{ kind: 'person', personId: person.id, recordId: person.id, body: { ...input, code } }], token);
    });
    void this.sync.kick();
  }

  /** Called when the box confirms an item: keeps the code the box settled on (it differs only on a clash). */
  private async confirmed(item: OutboxItem, response: unknown): Promise<void> {
    if (item.kind === 'digital-attempt') {
      // The box's own scoring of the attempt replaces the one made here (they use the same rules).
      const view = v.safeParse(DigitalAttemptViewSchema, response);
      if (view.success) await this.save((current) => (current.digital?.attemptId === item.recordId ? { digital: { ...current.digital, result: view.output } } : {}));
      return;
    }
    if (item.kind === 'household' || item.kind === 'household-member' || item.kind === 'household-facts' || item.kind === 'model-assessment') {
      await this.household.confirmed(item, response);
      return;
    }
    if (item.kind !== 'person' || this.session.person?.id !== item.recordId) return;
    const view = v.safeParse(PersonViewSchema, response);
    if (view.success && view.output.code !== this.session.person.code) {
      const code = view.output.code;
      // A household registered under the code made here waits behind her registration: it names her by the box's code.
      await db.outbox.where('personId').equals(item.recordId)
        .modify((queued) => { if (queued.kind === 'household' && queued.state === 'pending') queued.body = { ...queued.body, headCode: code }; });
      await this.save((current) => ({
        person: view.output,
        ...(current.household?.view ? { household: { ...current.household, view: { ...current.household.view, members: current.household.view.members.map((m) => (m.personId === item.recordId ? { ...m, code } : m)) } } } : {}),
      }));
    }
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
        await api.personByCode(person.code, person.birthYear, token).catch((e: unknown) => console.warn('villager token not bound', e));
      }
      // The classes she attended this year come along, to show at CS03 (even before she begins).
      const { assessment, attendance: attended, learningPlan: plan } = await api.currentAssessment(person.id, token);
      const attendance = attended ?? undefined;
      const learningPlan = plan ?? undefined;
      // A self-check she paused, kept at the box: her slip offers to continue it.
      if (this.digitalBank) this.digitalPausedFor = (await api.digitalDraft(person.id, token).catch(() => null))?.draft ? person.id : null;
      this.found = null;
      this.foundToken = null;
      if (!assessment) {
        await this.save({ personId: person.id, person, token, screen: 'group', assistedBy, attendance, learningPlan });
        return;
      }
      const answers = Object.fromEntries(assessment.answers.map((a) => [a.indicatorId, { score: a.score, note: a.note ?? undefined, confirmed: a.confirmed || undefined }]));
      const remotePhotos: Record<string, number> = {};
      for (const e of assessment.evidence) remotePhotos[e.indicatorId] = (remotePhotos[e.indicatorId] ?? 0) + 1;
      // Returned for more evidence: open again for changes, with the appraiser's message.
      const submitted = assessment.status === 'submitted' && !assessment.returned;
      await this.save({
        personId: person.id, person, token, assessmentId: assessment.id, group: assessment.group, answers, remotePhotos,
        submitted, screen: submitted ? 'result' : 'review', assistedBy, returnedMessage: assessment.returned?.message, attendance, learningPlan,
      });
    });
  }

  /** Assisted mode from the facilitator's screens: a new villager registers with the facilitator beside her. */
  async startAssistedRegistration(assistedBy: { id: string; name: string }): Promise<void> {
    await this.serial(async () => {
      const next = { ...newSession(), screen: 'register' as const, assistedBy };
      await db.transaction('rw', db.session, db.photos, async () => {
        await db.photos.clear();
        await db.session.clear();
        await db.session.put(next);
      });
      this.session = next;
      this.photos = [];
      this.household.clear();
    });
  }

  /** The villager confirms an answer read back to her (assisted mode). */
  confirmAnswer(indicatorId: string, confirmed: boolean): Promise<void> {
    return this.answer(indicatorId, { confirmed });
  }

  /** One step (±25 %) of text size, between 100 % and 200 %; quick taps add up. */
  private scaleTarget: number | null = null;
  changeTextScale(step: 1 | -1): Promise<void> {
    const from = this.scaleTarget ?? this.session.textScale ?? 1;
    this.scaleTarget = Math.min(2, Math.max(1, from + step * 0.25));
    return this.save({ textScale: this.scaleTarget });
  }

  /** A text size chosen outright (the welcome screen's pictures): 100 % to 200 %. */
  setTextScale(scale: number): Promise<void> {
    this.scaleTarget = Math.min(2, Math.max(1, scale));
    return this.save({ textScale: this.scaleTarget });
  }

  /**
   * Language, simple mode and always-read, for this session only: they live in the session, so
   * ending it (or the idle timeout) puts the tablet back to Vietnamese, 100 % and the usual screens
   * for the next person. Nothing about the person is kept by them.
   */
  setPreferences(prefs: Partial<Pick<Session, 'lang' | 'simple' | 'alwaysRead'>>): Promise<void> {
    return this.save(prefs);
  }

  /** True when the welcome screen's settings differ from a fresh session's. */
  get preferencesChanged(): boolean {
    const s = this.session;
    return (s.textScale ?? 1) !== 1 || (s.lang ?? 'vi') !== 'vi' || s.simple === true || s.alwaysRead === true;
  }

  /**
   * True while anything of a person is on the tablet: a screen past the welcome, a half-typed form,
   * her session (also when a screen sent her back to the welcome screen), a photo, someone found by
   * code, or a choice of hers. The idle timeout runs and "Để người khác dùng máy" shows while it is.
   */
  get occupied(): boolean {
    const s = this.session;
    return s.screen !== 'welcome' || s.registration !== undefined || s.person !== null || s.assistedBy !== undefined
      || s.group !== null || Object.keys(s.answers).length > 0 || s.digital !== undefined || s.plan !== undefined
      || s.household !== undefined || this.photos.length > 0 || this.found !== null || this.preferencesChanged;
  }

  chooseGroup(group: string): Promise<void> {
    return this.save({ group, screen: 'indicator', indicatorIndex: 0 });
  }

  /** A new score needs a new confirmation in assisted mode. */
  setScore(indicatorId: string, score: number): Promise<void> {
    return this.answer(indicatorId, { score, confirmed: undefined });
  }

  setNote(indicatorId: string, note: string): Promise<void> {
    return this.answer(indicatorId, { note });
  }

  /** Changes one answer on top of the answers as saved, however quickly taps follow each other. */
  private answer(indicatorId: string, change: Partial<Session['answers'][string]>): Promise<void> {
    return this.save((current) => ({ answers: { ...current.answers, [indicatorId]: { ...current.answers[indicatorId], ...change } } }));
  }

  /**
   * A camera photo made ready to keep as evidence: resized (and so without EXIF/GPS) to the box's
   * size; refused before the tablet's storage runs out, not half-way. A household's photos too.
   */
  async preparePhoto(file: File): Promise<Blob> {
    if (!roomFor(await storageInfo(), file.size * 2)) throw new StorageFullError();
    return resizePhoto(file, this.info?.photo.longSide ?? 1280);
  }

  /** Resizes and keeps a photo of one of her indicators. */
  async addPhoto(indicatorId: string, file: File): Promise<void> {
    const blob = await this.preparePhoto(file);
    const assessmentId = this.session.assessmentId;
    await this.serial(async () => {
      // The session may have ended while the photo was being resized: it is not kept then.
      if (this.session.assessmentId !== assessmentId) return;
      const photo: StoredPhoto = { id: uuidv7(), assessmentId, indicatorId, blob };
      await db.photos.put(photo);
      this.photos = [...this.photos, photo];
    });
  }

  removePhoto(id: string): Promise<void> {
    return this.serial(async () => {
      await db.photos.delete(id);
      this.photos = this.photos.filter((p) => p.id !== id);
    });
  }

  photoCount(indicatorId: string): number {
    return this.photos.filter((p) => p.indicatorId === indicatorId).length + (this.session.remotePhotos?.[indicatorId] ?? 0);
  }

  photosOf(indicatorId: string): StoredPhoto[] {
    return this.photos.filter((p) => p.indicatorId === indicatorId);
  }

  private body(status: PutAssessment['status']): PutAssessment {
    const set = this.set!;
    const assistedBy = this.session.assistedBy?.id;
    return {
      personId: this.session.personId, criteriaSetId: set.id, criteriaSetVersion: set.version,
      group: this.session.group!, status,
      ...(assistedBy ? { assistedBy } : {}),
      answers: set.indicators.flatMap((i) => {
        const a = this.session.answers[i.id];
        if (a?.score === undefined) return [];
        const note = a.note?.trim();
        return [{ indicatorId: i.id, score: a.score, ...(note ? { note } : {}), ...(assistedBy ? { confirmed: a.confirmed === true } : {}) }];
      }),
    };
  }

  /** The assessment and its photos as outbox items: the draft first, since photos need it at the box. */
  private handOver(status: PutAssessment['status']): OutboxItemInput[] {
    const personId = this.session.personId;
    const assessmentId = this.session.assessmentId;
    const photos: OutboxItemInput[] = this.photos.map((p) => ({
      kind: 'photo', personId, recordId: p.id, assessmentId, indicatorId: p.indicatorId, blob: p.blob,
    }));
    const items: OutboxItemInput[] = [];
    if (photos.length > 0 || status === 'draft') items.push({ kind: 'assessment', personId, recordId: assessmentId, body: this.body('draft') });
    items.push(...photos);
    if (status === 'submitted') items.push({ kind: 'assessment', personId, recordId: assessmentId, body: this.body('submitted') });
    return items;
  }

  /** Submits: queued on the tablet at once, sent whenever the box answers. */
  get digitalBank(): DigitalBank | null {
    return this.info?.digitalBank ?? null;
  }

  /** Why a new self-check cannot start yet (the box's retake policy), or null. */
  digitalRefused = $state<{ nextDate: string } | null>(null);
  /** Earlier self-checks of the villager, newest first, as the box knows them. */
  digitalHistory = $state<DigitalAttemptView[]>([]);

  /**
   * Her self-check paused part-way, kept at the box (or still in this tablet's outbox, paused while
   * the box was away), for the slip to offer "Làm tiếp": the person it was seen for, else null.
   */
  private digitalPausedFor = $state<string | null>(null);

  get digitalPaused(): boolean {
    return this.digitalPausedFor !== null && this.digitalPausedFor === this.session.person?.id;
  }

  /**
   * Starts (or continues) the digital-skills self-check: takes up the check she paused (from this
   * tablet's outbox if it has not reached the box yet, else from the box), or asks the box whether a
   * retake is allowed (without the box she may start: it decides when the attempt arrives) and
   * begins a new one, dated by the box's clock.
   */
  startDigital(): Promise<void> {
    const person = this.session.person;
    if (!person || !this.digitalBank) return Promise.resolve();
    this.digitalRefused = null;
    return this.attempt(async () => {
      const paused = await this.pausedDigital(person.id);
      if (!paused) {
        // Without the box she may start (it decides when the attempt arrives); an expired session may not.
        const known = await api.digitalHistory(person.id, this.session.token)
          .catch((e: unknown) => { if (e instanceof ApiError && e.code === 'villager.token-required') throw e; return null; });
        this.digitalHistory = known?.attempts ?? [];
        if (known && !known.retake.allowed) {
          this.digitalRefused = { nextDate: known.retake.nextDate };
          return;
        }
      }
      const draft: DigitalDraft = paused ?? { personId: person.id, attemptId: uuidv7(), startedAt: boxNow().toISOString(), index: 0, responses: {} };
      this.digitalPausedFor = null;
      await this.save({ screen: 'digital', digital: draft });
    });
  }

  /**
   * The check she paused: the newest one still waiting in this tablet's outbox (unless a finished
   * one follows it there), else the box's; null when there is none, it is on another bank, or the
   * box cannot be reached and nothing waits here.
   */
  private async pausedDigital(personId: string): Promise<DigitalDraft | null> {
    const bank = this.digitalBank!;
    const queued = (await db.outbox.where('personId').equals(personId).toArray())
      .filter((i) => i.state === 'pending' && (i.kind === 'digital-draft' || i.kind === 'digital-attempt')).at(-1);
    let paused: PutDigitalDraft | null = null;
    if (queued?.kind === 'digital-draft') paused = queued.body;
    else if (!queued) {
      paused = (await api.digitalDraft(personId, this.session.token)
        .catch((e: unknown) => { if (e instanceof ApiError && e.code === 'villager.token-required') throw e; return null; }))?.draft ?? null;
    }
    if (!paused || paused.bankId !== bank.id || paused.bankVersion !== bank.version) return null;
    return { personId, attemptId: paused.attemptId, startedAt: paused.startedAt, index: Math.min(paused.index, bank.items.length - 1), responses: paused.responses };
  }

  /** Keeps what she did on one item, in the session while she is at the check. */
  answerDigital(itemId: string, response: DigitalResponse): Promise<void> {
    if (this.error === 'digital.no-answers') this.error = null;
    return this.saveDigital((d) => ({ ...d, responses: { ...d.responses, [itemId]: response } }));
  }

  digitalGo(index: number): Promise<void> {
    return this.saveDigital((d) => ({ ...d, index }));
  }

  /**
   * "Tạm dừng": her answers so far go to the box, which keeps them for `digital.draftDays` (through
   * the outbox under her token: with the box away they wait there, and only there), and the tablet
   * forgets them; back to her slip, which offers to continue. She takes it up again here or on any
   * tablet after her code and birth year. With nothing answered there is nothing to keep.
   * "Để người khác dùng máy" and the idle timeout hand the check over the same way (endSession).
   */
  async pauseDigital(): Promise<void> {
    let items: OutboxItemInput[] = [];
    // Read in turn with the saves before it: an answer tapped just before "Tạm dừng" goes too.
    await this.save((current) => {
      items = this.digitalHandOver(current);
      return { screen: current.submitted ? 'result' : 'welcome', digital: undefined };
    }, async () => { if (items.length > 0) await enqueue(db, items, this.session.token); });
    const person = items[0]?.personId;
    if (person === undefined) return;
    this.sync.markPending(person);
    this.digitalPausedFor = person;
    void this.sync.kick();
  }

  /**
   * The check under way as outbox items for the box to keep: none when it is finished or nothing
   * is answered yet. Queued by pauseDigital, and by endSession in its own transaction.
   */
  digitalHandOver(session: Session = this.session): OutboxItemInput[] {
    const d = session.digital;
    const person = session.person;
    const bank = this.digitalBank;
    if (!d || d.result || !person || !bank || !Object.values(d.responses).some((r) => r.kind !== 'skipped')) return [];
    const body: PutDigitalDraft = {
      attemptId: d.attemptId, bankId: bank.id, bankVersion: bank.version, startedAt: d.startedAt,
      index: Math.min(d.index, bank.items.length - 1), responses: $state.snapshot(d.responses) as PutDigitalDraft['responses'],
    };
    return [{ kind: 'digital-draft', personId: person.id, recordId: d.attemptId, body }];
  }

  private saveDigital(change: (d: DigitalDraft) => DigitalDraft): Promise<void> {
    return this.save((current) => (current.digital ? { digital: change(current.digital) } : {}));
  }

  /**
   * Hands the finished check to the outbox (the box scores it) and shows the result at once, scored
   * here by the same shared rules; the box's own answer replaces it when it arrives. With nothing
   * answered it stays open, saying so: the box would refuse it (digital.no-answers).
   */
  async finishDigital(): Promise<void> {
    const bank = this.digitalBank;
    const person = this.session.person;
    const draft = this.session.digital;
    if (!bank || !person || !draft) return;
    if (!Object.values(draft.responses).some((r) => r.kind !== 'skipped')) {
      this.error = 'digital.no-answers';
      return;
    }
    this.error = null;
    // The scoring rules load with the self-check's screens, not with the first screen.
    const { scoreAttempt } = await import('../../../../shared/domain/digital-skills.ts');
    const scored = scoreAttempt(bank, draft.responses);
    const result: DigitalAttemptView = {
      id: draft.attemptId, personId: person.id, year: this.info?.year ?? new Date().getFullYear(), bankId: bank.id, bankVersion: bank.version,
      startedAt: draft.startedAt, finishedAt: boxNow().toISOString(), overall: scored.overall, domains: scored.domains,
      practicalShare: scored.practicalShare, hasDigitalSkills: scored.hasDigitalSkills, proficient: scored.proficient,
      toLearn: scored.toLearn, assisted: this.session.assistedBy !== undefined,
    };
    const body: PutDigitalAttempt = {
      personId: person.id, bankId: bank.id, bankVersion: bank.version, startedAt: draft.startedAt,
      responses: $state.snapshot(draft.responses) as PutDigitalAttempt['responses'],
      ...(this.session.assistedBy ? { assistedBy: this.session.assistedBy.id } : {}),
    };
    this.sync.markPending(person.id);
    await this.save({ screen: 'digital-result', digital: { ...draft, result } }, async () => {
      await enqueue(db, [{ kind: 'digital-attempt', personId: person.id, recordId: draft.attemptId, body }], this.session.token);
    });
    void this.sync.kick();
  }

  /** Back from the self-check's result to her assessment result (or the start). */
  leaveDigital(): Promise<void> {
    return this.save({ screen: this.session.submitted ? 'result' : 'welcome', digital: undefined });
  }

  /**
   * Opens her personal learning plan: for the weakest indicators of her self-assessment, or for the
   * domains her digital-skills check says to learn (and CS05, which it is evidence for). A plan she
   * began and has not saved is taken up again.
   */
  startPlan(source: 'assessment' | 'digital'): Promise<void> {
    const scores = Object.fromEntries(Object.entries(this.session.answers).map(([id, a]) => [id, a.score]));
    const needs = source === 'assessment'
      ? { indicators: weakestIndicators(scores, this.set?.scoring.minPerIndicator ?? 0), domains: [] }
      : { indicators: ['CS05'], domains: [...(this.session.digital?.result?.toLearn ?? [])] };
    const open = this.session.plan;
    const plan: PlanDraft = open && !open.saved && open.source === source ? open : { planId: uuidv7(), source, needs, picks: {} };
    return this.save({ screen: 'plan', plan });
  }

  /** Picks a resource for the plan (learn it within `months`: 0 this month, 1 next, 3 within three), or drops it (null). */
  pickForPlan(resourceId: string, months: 0 | 1 | 3 | null): Promise<void> {
    return this.save((current) => {
      if (!current.plan || current.plan.saved) return {};
      const picks = { ...current.plan.picks };
      if (months === null) delete picks[resourceId];
      else picks[resourceId] = months;
      return { plan: { ...current.plan, picks } };
    });
  }

  /** Saves the plan: to the outbox (the box keeps it as evidence for CS02), and shows it ready to print. */
  async savePlan(items: PlanItem[]): Promise<void> {
    const person = this.session.person;
    const plan = this.session.plan;
    if (!person || !plan || plan.saved || items.length === 0) return;
    const body: PutLearningPlan = {
      personId: person.id, source: plan.source, needs: $state.snapshot(plan.needs), items, madeAt: new Date().toISOString(),
      ...(this.session.assistedBy ? { assistedBy: this.session.assistedBy.id } : {}),
    };
    this.sync.markPending(person.id);
    await this.save({ plan: { ...plan, saved: body } }, async () => {
      await enqueue(db, [{ kind: 'learning-plan', personId: person.id, recordId: plan.planId, body }], this.session.token);
    });
    void this.sync.kick();
  }

  /** Back from the plan to the result it was made from. */
  leavePlan(): Promise<void> {
    const fromDigital = this.session.plan?.source === 'digital' && this.session.digital?.result;
    return this.save({ screen: fromDigital ? 'digital-result' : this.session.submitted ? 'result' : 'welcome' });
  }

  async submit(): Promise<void> {
    this.sync.markPending(this.session.personId);
    await this.save({ submitted: true, screen: 'result' }, async () => {
      await enqueue(db, this.handOver('submitted'), this.session.token);
      await db.photos.where('assessmentId').equals(this.session.assessmentId).delete();
    });
    this.photos = [];
    void this.sync.kick();
  }

  /**
   * Ends the session ("Xong", the idle timeout or "Để người khác dùng máy"): an unfinished draft
   * and its photos go to the outbox so the box keeps them for later; then everything about this
   * villager leaves the screens, memory and IndexedDB. The outbox keeps only what the box does not
   * hold yet, and drops each item once the box confirms it.
   */
  endSession(): Promise<void> {
    // An assisted session ends the facilitator's sign-in too: the next person at this tablet
    // must not find the staff screens open.
    if (this.session.assistedBy) void fetch('/api/staff/sign-out', { method: 'POST' }).catch(() => {});
    return this.serial(async () => {
      const started = this.session.person !== null && !this.session.submitted && this.session.group !== null
        && (Object.keys(this.session.answers).length > 0 || this.photos.length > 0);
      // A household self-assessment begun and not submitted goes to the box as a draft too.
      const household = this.household.handOver();
      // So does a digital-skills check under way (the box keeps it; the tablet does not).
      const digital = this.digitalHandOver();
      // The token goes on with what is handed over (the box takes her writes with it for weeks) and
      // leaves the session table with everything else.
      const token = this.session.token;
      await db.transaction('rw', db.session, db.photos, db.outbox, async () => {
        if (started) await enqueue(db, this.handOver('draft'), token);
        if (household.length > 0) await enqueue(db, household, token);
        if (digital.length > 0) await enqueue(db, digital, token);
        await db.session.clear();
        await db.photos.clear();
      });
      this.session = newSession();
      this.scaleTarget = null;
      this.photos = [];
      this.found = null;
      this.foundToken = null;
      this.error = null;
      this.digitalHistory = [];
      this.digitalRefused = null;
      this.digitalPausedFor = null;
      this.household.clear();
      void this.sync.kick();
    });
  }
}
