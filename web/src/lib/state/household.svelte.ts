import { v7 as uuidv7 } from 'uuid';
import * as v from 'valibot';
import type { ModelVerdict } from '../../../../shared/domain/models/verdict.ts';
import type { PutModelAssessment } from '../../../../shared/schemas/model-assessment.ts';
import type { ModelCriteriaSet, ModelItem } from '../../../../shared/schemas/model-criteria-set.ts';
import { HouseholdViewSchema, type HouseholdFacts, type HouseholdView } from '../../../../shared/schemas/registry.ts';
import type { KioskInfo } from '../../../../shared/schemas/kiosk-info.ts';
import { db, StoredModelSetSchema, type HouseholdDraft, type OutboxItem, type Screen, type Session, type StoredPhoto } from '../../db/db.ts';
import { attempt } from './attempt.ts';
import { ModelAssessmentViewSchema } from '../../../../shared/schemas/responses/model-assessment.ts';
import { api, ApiError } from '../api.ts';
import { enqueue, type OutboxItemInput } from '../sync/outbox.ts';
import type { SyncState } from './sync.svelte.ts';

/**
 * What the household's flow uses of the villager's flow (Flow in flow.svelte.ts, which creates it and
 * passes itself in). Written here rather than imported so the two files do not import each other.
 */
export interface FlowCore {
  readonly session: Session;
  readonly info: KioskInfo | null;
  readonly sync: SyncState;
  readonly savedOnTabletOnly: boolean;
  serial(work: () => Promise<void>): Promise<void>;
  save(patch: Partial<Session> | ((current: Session) => Partial<Session>), alongside?: () => Promise<void>): Promise<void>;
  go(screen: Screen, indicatorIndex?: number): Promise<void>;
  unlessExpired(work: () => Promise<void>): Promise<void>;
  preparePhoto(file: File): Promise<Blob>;
}

/** The title a household is assessed for: Gia đình học tập. */
const TITLE = 'gdht';

/** One item of the set with the criterion it belongs to, in the order the set lists them. */
export interface HouseholdItem {
  item: ModelItem;
  criterionId: string;
  criterionTitle: string;
}

const blank = (): HouseholdDraft => ({ view: null, assessmentId: uuidv7(), answers: {}, index: 0, submitted: false });

/**
 * "Gia đình tôi" at the tablet: the household of the villager identified here, registered with her
 * as head, adults linked by the codes on their slips, the year's children facts (counts only) and the
 * self-assessment "Gia đình học tập" one item per screen, with photos as evidence on its declared
 * items as on a person's indicators. Everything is kept in the session and the photos table (so it
 * leaves the tablet with them) and sent through the outbox; the box is needed only to look the
 * household up and to work out the computed items.
 */
export class HouseholdFlow {
  busy = $state(false);
  /** An error code from the box, or 'network'. */
  error = $state<string | null>(null);
  /** The title's criteria set (from the box, else the copy kept on the tablet). */
  set = $state.raw<ModelCriteriaSet | null>(null);
  /** Photos taken here for the self-assessment under way (the photos table, by its assessment id). */
  photos = $state<StoredPhoto[]>([]);

  constructor(private readonly flow: FlowCore) {}

  get draft(): HouseholdDraft | null {
    return this.flow.session.household ?? null;
  }

  get view(): HouseholdView | null {
    return this.draft?.view ?? null;
  }

  /** True when the person at the tablet is the head (only the head links members and answers for the household). */
  get isHead(): boolean {
    const view = this.view;
    // A villager's view names the head only when she is the head.
    return view?.headPersonId !== undefined && view.headPersonId === this.flow.session.person?.id;
  }

  get items(): HouseholdItem[] {
    return (this.set?.criteria ?? []).flatMap((c) => c.items.map((item) => ({ item, criterionId: c.id, criterionTitle: c.title })));
  }

  /** The box's result for an item when the assessment was opened (computed items' explanations). */
  boxItem(itemId: string): ModelVerdict['items'][number] | null {
    return this.draft?.start?.verdict?.items.find((i) => i.itemId === itemId) ?? null;
  }

  /**
   * The total so far: declared answers plus the computed items as the box worked them out. Exact for
   * a points set (computed items do not depend on the answers); null while the box's part is unknown.
   */
  get totalSoFar(): number | null {
    const draft = this.draft;
    if (!draft?.start?.verdict) return null;
    return this.items.reduce((sum, { item }) => sum + (item.source === 'declared'
      ? (draft.answers[item.id] ?? 0)
      : (this.boxItem(item.id)?.points ?? 0)), 0);
  }

  get unanswered(): string[] {
    const answers = this.draft?.answers ?? {};
    return this.items.filter(({ item }) => item.source === 'declared' && answers[item.id] === undefined).map(({ item }) => item.id);
  }

  /** After a reload: the set kept on the tablet and the photos taken, for the screens under way. */
  async restore(): Promise<void> {
    const d = this.flow.session.household;
    if (!d) return;
    await this.loadStoredSet();
    this.photos = await db.photos.where('assessmentId').equals(d.assessmentId).toArray();
  }

  private async loadStoredSet(): Promise<void> {
    const stored = v.safeParse(StoredModelSetSchema, await db.modelSets.get(TITLE));
    if (stored.success) this.set = stored.output.set;
  }

  private attempt(work: () => Promise<void>): Promise<void> {
    return attempt(this, () => this.flow.unlessExpired(work));
  }

  /** The session's token, sent with every request about her household. */
  private get token(): string | undefined {
    return this.flow.session.token;
  }

  /** Writes outbox items alongside a change (in its IndexedDB transaction), each with the session's token. */
  private queue(items: () => OutboxItemInput[]): () => Promise<void> {
    return async () => { await enqueue(db, items(), this.token); };
  }

  /** Saves a change to the draft, with `alongside` (outbox, photos) written in the same IndexedDB transaction. */
  private change(patch: Partial<HouseholdDraft> | ((d: HouseholdDraft) => Partial<HouseholdDraft>), screen?: Screen, alongside?: () => Promise<void>): Promise<void> {
    return this.flow.save((current) => {
      const d = current.household ?? blank();
      return { household: { ...d, ...(typeof patch === 'function' ? patch(d) : patch) }, ...(screen ? { screen } : {}) };
    }, alongside);
  }

  go(screen: Screen, index?: number): Promise<void> {
    this.error = null;
    return index === undefined ? this.flow.go(screen) : this.change({ index }, screen);
  }

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
        if (e instanceof ApiError && (e.code === 'person.not-found' || e.code === 'villager.token-required') && this.flow.savedOnTabletOnly) household = null;
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
      id, village, headPersonId: person.id, facts: {}, clanId: null, revision: 0, recognitions: [],
      members: [{ personId: person.id, code: person.code, name: person.name, role: 'head', since: new Date().toISOString() }],
    };
    this.flow.sync.markPending(person.id);
    return this.attempt(async () => {
      await this.change({ view, registeredHere: true }, 'household', this.queue(() => [
        { kind: 'household', personId: person.id, recordId: id, body: { village, headCode: person.code, headBirthYear: person.birthYear } },
      ]));
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
      await this.change({ link: undefined }, undefined, this.queue(() => [
        { kind: 'household-member', personId: person.id, recordId: linkId, householdId: view.id, body: { code: normalized, birthYear } },
      ]));
      await this.flow.sync.kick();
      const left = await db.outbox.where('personId').equals(person.id).filter((i) => i.recordId === linkId).first();
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
      const same = (a: HouseholdView['members'][number], b: HouseholdView['members'][number]) => (a.personId && b.personId ? a.personId === b.personId : a.name === b.name);
      const linked = members.find((m) => m.code === normalized) ?? members.find((m) => !view.members.some((o) => same(o, m)));
      await this.change({ link: { outcome: 'linked', code: normalized, ...(linked ? { name: linked.name } : {}) } });
    });
  }

  /** Called when the box confirms an item of the household's: keeps the box's view and verdict. */
  async confirmed(item: OutboxItem, response: unknown): Promise<void> {
    const d = this.flow.session.household;
    if (!d) return;
    if (item.kind === 'household' || item.kind === 'household-member' || item.kind === 'household-facts') {
      const view = v.safeParse(HouseholdViewSchema, response);
      if (!view.success || view.output.id !== d.view?.id) return;
      await this.flow.save((current) => (current.household ? {
        household: { ...current.household, view: view.output, ...(item.kind === 'household' ? { registeredHere: false } : {}) },
      } : {}));
    } else if (item.kind === 'model-assessment' && item.recordId === d.assessmentId && item.body.status === 'submitted') {
      const view = v.safeParse(ModelAssessmentViewSchema, response);
      if (!view.success) return;
      await this.flow.save((current) => (current.household?.assessmentId === item.recordId ? { household: { ...current.household, result: view.output.verdict } } : {}));
    }
  }

  /** The year the household's facts and self-assessment count for. */
  private get year(): number {
    return this.draft?.start?.year ?? this.flow.info?.year ?? new Date().getFullYear();
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
    await this.change((d) => ({
      facts: { ...facts }, factsStep: undefined,
      view: d.view ? { ...d.view, facts: { ...d.view.facts, [String(year)]: facts } } : d.view,
    }), 'household', this.queue(() => [{ kind: 'household-facts', personId: person.id, recordId: view.id, year, body: facts }]));
    await this.startAssessment();
  }

  /**
   * Opens the self-assessment: the box gives the set, the year and the computed items (after the
   * household's changes waiting on the tablet have reached it). Without the box, the set kept on the
   * tablet serves and the computed items wait; what she answers is kept all the same.
   */
  startAssessment(): Promise<void> {
    const view = this.view;
    if (!view) return Promise.resolve();
    return this.attempt(async () => {
      await this.flow.sync.kick();
      let start;
      try {
        start = await api.modelStart(TITLE, view.id, this.token);
      } catch (e) {
        if (!(e instanceof ApiError) || (e.code !== 'network' && e.code !== 'household.not-found')) throw e;
        start = null;
      }
      if (!start) {
        await this.loadStoredSet();
        if (!this.set) throw new ApiError('network', 'no criteria set on the tablet');
        await this.change({ unreachable: true }, this.draft?.submitted ? 'household-result' : 'household-item');
        return;
      }
      await db.modelSets.put({ title: TITLE, set: start.set, fetchedAt: new Date().toISOString() });
      this.set = start.set;
      const held = start.assessment;
      const startInfo = { setId: start.set.id, setVersion: start.set.version, year: start.year, verdict: start.verdict };
      if (held) {
        const answers = Object.fromEntries(Object.entries(held.answers).filter((e): e is [string, number] => typeof e[1] === 'number'));
        const submitted = held.status === 'submitted';
        const remotePhotos: Record<string, number> = {};
        for (const e of held.evidence) remotePhotos[e.indicatorId] = (remotePhotos[e.indicatorId] ?? 0) + 1;
        // Photos taken here while the box was away belong to the assessment the box holds.
        const taken = this.draft?.assessmentId;
        await this.change((d) => ({
          assessmentId: held.id, start: startInfo, unreachable: false, submitted, remotePhotos,
          // Answers given here and not yet at the box win over the box's older draft.
          answers: { ...answers, ...(d.assessmentId === held.id ? d.answers : {}) },
          ...(submitted ? { result: held.verdict } : {}), index: 0,
        }), submitted ? 'household-result' : 'household-item', taken && taken !== held.id ? async () => {
          await db.photos.where('assessmentId').equals(taken).modify({ assessmentId: held.id });
          this.photos = this.photos.map((p) => ({ ...p, assessmentId: held.id }));
        } : undefined);
        return;
      }
      await this.change({ start: startInfo, unreachable: false, index: 0 }, this.draft?.submitted ? 'household-result' : 'household-item');
    });
  }

  /** A score for a declared item, saved as it is given. */
  score(itemId: string, points: number): Promise<void> {
    return this.change((d) => ({ answers: { ...d.answers, [itemId]: points } }));
  }

  /** Resizes and keeps a photo of a declared item, as for one of her own indicators (Flow.addPhoto). */
  async addPhoto(itemId: string, file: File): Promise<void> {
    const blob = await this.flow.preparePhoto(file);
    const assessmentId = this.draft?.assessmentId;
    if (!assessmentId) return;
    await this.flow.serial(async () => {
      // The session may have ended, or the assessment been sent, while the photo was being resized: it is not kept then.
      const d = this.flow.session.household;
      if (d?.assessmentId !== assessmentId || d.submitted) return;
      const photo: StoredPhoto = { id: uuidv7(), assessmentId, indicatorId: itemId, blob };
      await db.photos.put(photo);
      this.photos = [...this.photos, photo];
    });
  }

  removePhoto(id: string): Promise<void> {
    return this.flow.serial(async () => {
      await db.photos.delete(id);
      this.photos = this.photos.filter((p) => p.id !== id);
    });
  }

  photosOf(itemId: string): StoredPhoto[] {
    return this.photos.filter((p) => p.indicatorId === itemId);
  }

  /** Photos of an item: taken here, and those the box already holds for a draft taken up from it. */
  photoCount(itemId: string): number {
    return this.photosOf(itemId).length + (this.draft?.remotePhotos?.[itemId] ?? 0);
  }

  private body(status: PutModelAssessment['status']): PutModelAssessment | null {
    const d = this.draft;
    const set = this.set;
    if (!d?.view || !set) return null;
    const assistedBy = this.flow.session.assistedBy?.id;
    return {
      title: TITLE, subjectId: d.view.id, criteriaSetId: set.id, criteriaSetVersion: set.version, status,
      answers: this.items.flatMap(({ item }) => (d.answers[item.id] === undefined ? [] : [{ itemId: item.id, value: d.answers[item.id]! }])),
      ...(assistedBy ? { assistedBy } : {}),
    };
  }

  /**
   * The self-assessment and its photos as outbox items: a draft first when there are photos, since
   * they need the assessment at the box (as Flow.handOver does for hers). Read when the items are
   * written, so a photo kept just before is among them.
   */
  private outboxItems(status: PutModelAssessment['status']): OutboxItemInput[] {
    const person = this.flow.session.person;
    const d = this.draft;
    const draft = this.body('draft');
    const submitted = this.body('submitted');
    if (!person || !d || !draft || !submitted) return [];
    const photos: OutboxItemInput[] = this.photos.map((p) => ({
      kind: 'photo', personId: person.id, recordId: p.id, assessmentId: d.assessmentId, indicatorId: p.indicatorId, blob: p.blob,
    }));
    const items: OutboxItemInput[] = [];
    if (photos.length > 0 || status === 'draft') items.push({ kind: 'model-assessment', personId: person.id, recordId: d.assessmentId, body: draft });
    items.push(...photos);
    if (status === 'submitted') items.push({ kind: 'model-assessment', personId: person.id, recordId: d.assessmentId, body: submitted });
    return items;
  }

  /** Submits: queued at once with its photos; the result shows the box's verdict as soon as the box has worked it out. */
  async submit(): Promise<void> {
    const person = this.flow.session.person;
    const d = this.draft;
    if (!person || !d || !this.body('submitted') || this.unanswered.length > 0) return;
    this.flow.sync.markPending(person.id);
    await this.change({ submitted: true }, 'household-result', async () => {
      await enqueue(db, this.outboxItems('submitted'), this.token);
      await db.photos.where('assessmentId').equals(d.assessmentId).delete();
    });
    this.photos = [];
    await this.flow.sync.kick();
  }

  /** Asks the box again (the result screen, while the box has not answered). */
  async retry(): Promise<void> {
    await this.flow.sync.kick();
    const view = this.view;
    if (this.draft?.submitted && !this.draft.result && view) {
      await this.flow.unlessExpired(async () => {
        const start = await api.modelStart(TITLE, view.id, this.token)
          .catch((e: unknown) => { if (e instanceof ApiError && e.code === 'villager.token-required') throw e; return null; });
        if (start?.assessment?.status === 'submitted') await this.change({ result: start.assessment.verdict });
      });
    }
  }

  /**
   * What the session's end hands to the outbox: a self-assessment begun and not submitted goes to
   * the box as a draft with its photos, so the household can finish it another day.
   */
  handOver(): OutboxItemInput[] {
    const d = this.draft;
    if (!d || d.submitted || (Object.keys(d.answers).length === 0 && this.photos.length === 0)) return [];
    return this.outboxItems('draft');
  }

  /** Forgets what is in memory (the session's end; the caller clears the photos table). */
  clear(): void {
    this.busy = false;
    this.error = null;
    this.photos = [];
  }
}
