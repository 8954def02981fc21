import { v7 as uuidv7 } from 'uuid';
import * as v from 'valibot';
import type { ModelVerdict } from '../../../../shared/domain/collective-titles/verdict.ts';
import type { PutModelAssessment } from '../../../../shared/schemas/model-assessment.ts';
import type { ModelCriteriaSet } from '../../../../shared/schemas/model-criteria-set.ts';
import type { HouseholdView } from '../../../../shared/schemas/registry.ts';
import type { HouseholdDraft, Screen, StoredPhoto } from '../../db/db.ts';
import { openedDb, tabletDb, tabletDbModule } from '../../db/tablet.ts';
import { api, ApiError } from '../api.ts';
import { enqueue, type OutboxItemInput } from '../sync/outbox.ts';
import { attempt } from './attempt.ts';
import { assessmentBody, assessmentOutboxItems, TITLE, type HouseholdItem } from './household-assessment-outbox.ts';
import { preparePhoto } from './photos.ts';
import type { SessionCore, SessionPart } from './session.svelte.ts';

export const blank = (): HouseholdDraft => ({
  view: null,
  assessmentId: uuidv7(),
  answers: {},
  index: 0,
  submitted: false,
});

/**
 * The self-assessment "Gia đình học tập" of the household of the villager identified here, one item
 * per screen, with photos as evidence on its declared items as on a person's indicators; and what
 * the household's screens share (HouseholdFlow in household.svelte.ts adds the household itself).
 * Everything is kept in the session and the photos table (so it leaves the tablet with them) and
 * sent through the outbox; the box is needed only to look the household up and to work out the
 * computed items.
 */
export class HouseholdAssessment implements SessionPart {
  busy = $state(false);
  /** An error code from the box, or 'network'. */
  error = $state<string | null>(null);
  /** The title's criteria set (from the box, else the copy kept on the tablet). */
  set = $state.raw<ModelCriteriaSet | null>(null);
  /** Photos taken here for the self-assessment under way (the photos table, by its assessment id). */
  photos = $state<StoredPhoto[]>([]);

  constructor(protected readonly flow: SessionCore) {}

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
    return (this.set?.criteria ?? []).flatMap((c) =>
      c.items.map((item) => ({ item, criterionId: c.id, criterionTitle: c.title })),
    );
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
    return this.items.reduce(
      (sum, { item }) =>
        sum + (item.source === 'declared' ? (draft.answers[item.id] ?? 0) : (this.boxItem(item.id)?.points ?? 0)),
      0,
    );
  }

  get unanswered(): string[] {
    const answers = this.draft?.answers ?? {};
    return this.items
      .filter(({ item }) => item.source === 'declared' && answers[item.id] === undefined)
      .map(({ item }) => item.id);
  }

  /** After a reload: the set kept on the tablet and the photos taken, for the screens under way. */
  async restore(): Promise<void> {
    const d = this.flow.session.household;
    if (!d) return;
    await this.loadStoredSet();
    this.photos = await (await tabletDb()).photos.where('assessmentId').equals(d.assessmentId).toArray();
  }

  private async loadStoredSet(): Promise<void> {
    const { db, StoredModelSetSchema } = await tabletDbModule();
    const stored = v.safeParse(StoredModelSetSchema, await db.modelSets.get(TITLE));
    if (stored.success) this.set = stored.output.set;
  }

  protected attempt(work: () => Promise<void>): Promise<void> {
    return attempt(this, () => this.flow.unlessExpired(work));
  }

  /** The session's token, sent with every request about her household. */
  protected get token(): string | undefined {
    return this.flow.session.token;
  }

  /** Saves a change to the draft, with `alongside` (outbox, photos) written in the same IndexedDB transaction. */
  protected change(
    patch: Partial<HouseholdDraft> | ((d: HouseholdDraft) => Partial<HouseholdDraft>),
    screen?: Screen,
    alongside?: () => Promise<void>,
  ): Promise<void> {
    return this.flow.save((current) => {
      const d = current.household ?? blank();
      return {
        household: { ...d, ...(typeof patch === 'function' ? patch(d) : patch) },
        ...(screen ? { screen } : {}),
      };
    }, alongside);
  }

  go(screen: Screen, index?: number): Promise<void> {
    this.error = null;
    return index === undefined ? this.flow.go(screen) : this.change({ index }, screen);
  }

  /** The year the household's facts and self-assessment count for. */
  protected get year(): number {
    return this.draft?.start?.year ?? this.flow.info?.year ?? new Date().getFullYear();
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
      await (await tabletDb()).modelSets.put({ title: TITLE, set: start.set, fetchedAt: new Date().toISOString() });
      this.set = start.set;
      const held = start.assessment;
      const startInfo = {
        setId: start.set.id,
        setVersion: start.set.version,
        year: start.year,
        verdict: start.verdict,
      };
      if (held) {
        const answers = Object.fromEntries(
          Object.entries(held.answers).filter((e): e is [string, number] => typeof e[1] === 'number'),
        );
        const submitted = held.status === 'submitted';
        const remotePhotos: Record<string, number> = {};
        for (const e of held.evidence) remotePhotos[e.indicatorId] = (remotePhotos[e.indicatorId] ?? 0) + 1;
        // Photos taken here while the box was away belong to the assessment the box holds.
        const taken = this.draft?.assessmentId;
        await this.change(
          (d) => ({
            assessmentId: held.id,
            start: startInfo,
            unreachable: false,
            submitted,
            remotePhotos,
            // Answers given here and not yet at the box win over the box's older draft.
            answers: { ...answers, ...(d.assessmentId === held.id ? d.answers : {}) },
            ...(submitted ? { result: held.verdict } : {}),
            index: 0,
          }),
          submitted ? 'household-result' : 'household-item',
          taken && taken !== held.id
            ? async () => {
                await openedDb().photos.where('assessmentId').equals(taken).modify({ assessmentId: held.id });
                this.photos = this.photos.map((p) => ({ ...p, assessmentId: held.id }));
              }
            : undefined,
        );
        return;
      }
      await this.change(
        { start: startInfo, unreachable: false, index: 0 },
        this.draft?.submitted ? 'household-result' : 'household-item',
      );
    });
  }

  /** A score for a declared item, saved as it is given. */
  score(itemId: string, points: number): Promise<void> {
    return this.change((d) => ({ answers: { ...d.answers, [itemId]: points } }));
  }

  /** Resizes and keeps a photo of a declared item, as for one of her own indicators (Assessment.addPhoto). */
  async addPhoto(itemId: string, file: File): Promise<void> {
    const blob = await preparePhoto(file, this.flow.info);
    const assessmentId = this.draft?.assessmentId;
    if (!assessmentId) return;
    await this.flow.serial(async () => {
      // The session may have ended, or the assessment been sent, while the photo was being resized: it is not kept then.
      const d = this.flow.session.household;
      if (d?.assessmentId !== assessmentId || d.submitted) return;
      const photo: StoredPhoto = { id: uuidv7(), assessmentId, indicatorId: itemId, blob };
      await (await tabletDb()).photos.put(photo);
      this.photos = [...this.photos, photo];
    });
  }

  removePhoto(id: string): Promise<void> {
    return this.flow.serial(async () => {
      await (await tabletDb()).photos.delete(id);
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
    return assessmentBody(this.draft, this.set, this.items, this.flow.session.assistedBy?.id, status);
  }

  /** The self-assessment and its photos as outbox items (household-assessment-outbox.ts). */
  private outboxItems(status: PutModelAssessment['status']): OutboxItemInput[] {
    const { person } = this.flow.session;
    return assessmentOutboxItems(person, this.draft, this.body('draft'), this.body('submitted'), this.photos, status);
  }

  /** Submits: queued at once with its photos; the result shows the box's verdict as soon as the box has worked it out. */
  async submit(): Promise<void> {
    const person = this.flow.session.person;
    const d = this.draft;
    if (!person || !d || !this.body('submitted') || this.unanswered.length > 0) return;
    this.flow.sync.markPending(person.id);
    await this.change({ submitted: true }, 'household-result', async () => {
      const db = openedDb();
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
        const start = await api.modelStart(TITLE, view.id, this.token).catch((e: unknown) => {
          if (e instanceof ApiError && e.code === 'villager.token-required') throw e;
          return null;
        });
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

  /** Forgets what is in memory (the session's end; the core clears the photos table). */
  forget(): void {
    this.busy = false;
    this.error = null;
    this.photos = [];
  }
}
