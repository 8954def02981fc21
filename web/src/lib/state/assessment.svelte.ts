import { v7 as uuidv7 } from 'uuid';
import { verdict, type Verdict } from '../../../../shared/domain/recognition.ts';
import type { PutAssessment } from '../../../../shared/schemas/assessment.ts';
import type { CriteriaSet } from '../../../../shared/schemas/criteria-set.ts';
import type { Session, StoredPhoto } from '../../db/db.ts';
import { openedDb, tabletDb } from '../../db/tablet.ts';
import type { OutboxItemInput } from '../sync/outbox.ts';
import { preparePhoto } from './photos.ts';
import type { SessionCore, SessionPart } from './session.svelte.ts';

/**
 * Her self-assessment: the group she chose, a score (a note, in assisted mode her confirmation) per
 * indicator, photos as evidence, and sending it. The answers live in the session; the photos in the
 * photos table until they are handed to the outbox.
 */
export class Assessment implements SessionPart {
  photos = $state<StoredPhoto[]>([]);

  constructor(private readonly core: SessionCore) {}

  get set(): CriteriaSet | null {
    return this.core.info?.criteriaSet ?? null;
  }

  get indicators() {
    return this.set?.indicators ?? [];
  }

  get verdict(): Verdict | null {
    const set = this.set;
    if (!set) return null;
    const scores = Object.fromEntries(Object.entries(this.core.session.answers).map(([id, a]) => [id, a.score]));
    return verdict(
      set.indicators.map((i) => i.id),
      scores,
      set.scoring,
    );
  }

  async restore(session: Session): Promise<void> {
    const db = await tabletDb();
    this.photos = await db.photos.where('assessmentId').equals(session.assessmentId).toArray();
  }

  chooseGroup(group: string): Promise<void> {
    return this.core.save({ group, screen: 'indicator', indicatorIndex: 0 });
  }

  /** A new score needs a new confirmation in assisted mode. */
  setScore(indicatorId: string, score: number): Promise<void> {
    return this.answer(indicatorId, { score, confirmed: undefined });
  }

  setNote(indicatorId: string, note: string): Promise<void> {
    return this.answer(indicatorId, { note });
  }

  /** The villager confirms an answer read back to her (assisted mode). */
  confirmAnswer(indicatorId: string, confirmed: boolean): Promise<void> {
    return this.answer(indicatorId, { confirmed });
  }

  /**
   * "Tiếp" on indicator `index`: once every tap before it is saved (a cheap tablet's storage can lag a
   * quick hand), goes to the next indicator or the review; else says what she has not given yet: a
   * score, or in assisted mode her confirmation. Judged on the answers as saved, never on a tap still
   * on its way, so a score or a tick just given is never reported missing.
   */
  async goOn(index: number): Promise<'score' | 'confirm' | null> {
    await this.core.serial(async () => {});
    const answer = this.core.session.answers[this.indicators[index]?.id ?? ''];
    if (answer?.score === undefined) return 'score';
    if (this.core.session.assistedBy !== undefined && !answer.confirmed) return 'confirm';
    await (index >= this.indicators.length - 1 ? this.core.go('review') : this.core.go('indicator', index + 1));
    return null;
  }

  /** Changes one answer on top of the answers as saved, however quickly taps follow each other. */
  private answer(indicatorId: string, change: Partial<Session['answers'][string]>): Promise<void> {
    return this.core.save((current) => ({
      answers: { ...current.answers, [indicatorId]: { ...current.answers[indicatorId], ...change } },
    }));
  }

  /** Resizes and keeps a photo of one of her indicators. */
  async addPhoto(indicatorId: string, file: File): Promise<void> {
    const blob = await preparePhoto(file, this.core.info);
    const assessmentId = this.core.session.assessmentId;
    await this.core.serial(async () => {
      // The session may have ended while the photo was being resized: it is not kept then.
      if (this.core.session.assessmentId !== assessmentId) return;
      const photo: StoredPhoto = { id: uuidv7(), assessmentId, indicatorId, blob };
      await (await tabletDb()).photos.put(photo);
      this.photos = [...this.photos, photo];
    });
  }

  removePhoto(id: string): Promise<void> {
    return this.core.serial(async () => {
      await (await tabletDb()).photos.delete(id);
      this.photos = this.photos.filter((p) => p.id !== id);
    });
  }

  photoCount(indicatorId: string): number {
    return this.photosOf(indicatorId).length + (this.core.session.remotePhotos?.[indicatorId] ?? 0);
  }

  photosOf(indicatorId: string): StoredPhoto[] {
    return this.photos.filter((p) => p.indicatorId === indicatorId);
  }

  /** Submits: queued on the tablet at once, sent whenever the box answers. */
  async submit(): Promise<void> {
    // Read when written, after the saves before it: an answer tapped just before goes too.
    await this.core.send(
      this.core.session.personId,
      { submitted: true, screen: 'result' },
      () => this.outboxItems(this.core.session, 'submitted'),
      async () => {
        await openedDb().photos.where('assessmentId').equals(this.core.session.assessmentId).delete();
      },
    );
    this.photos = [];
  }

  /** At the session's end: a draft she began and did not submit goes to the box with its photos. */
  handOver(session: Session): OutboxItemInput[] {
    const started =
      session.person !== null &&
      !session.submitted &&
      session.group !== null &&
      (Object.keys(session.answers).length > 0 || this.photos.length > 0);
    return started ? this.outboxItems(session, 'draft') : [];
  }

  forget(): void {
    this.photos = [];
  }

  private body(session: Session, status: PutAssessment['status']): PutAssessment {
    const set = this.set!;
    const assistedBy = session.assistedBy?.id;
    return {
      personId: session.personId,
      criteriaSetId: set.id,
      criteriaSetVersion: set.version,
      group: session.group!,
      status,
      ...(assistedBy ? { assistedBy } : {}),
      answers: set.indicators.flatMap((i) => {
        const a = session.answers[i.id];
        if (a?.score === undefined) return [];
        const note = a.note?.trim();
        return [
          {
            indicatorId: i.id,
            score: a.score,
            ...(note ? { note } : {}),
            ...(assistedBy ? { confirmed: a.confirmed === true } : {}),
          },
        ];
      }),
    };
  }

  /** The assessment and its photos as outbox items: the draft first, since photos need it at the box. */
  private outboxItems(session: Session, status: PutAssessment['status']): OutboxItemInput[] {
    const { personId, assessmentId } = session;
    const photos: OutboxItemInput[] = this.photos.map((p) => ({
      kind: 'photo',
      personId,
      recordId: p.id,
      assessmentId,
      indicatorId: p.indicatorId,
      blob: p.blob,
    }));
    const items: OutboxItemInput[] = [];
    if (photos.length > 0 || status === 'draft') {
      items.push({ kind: 'assessment', personId, recordId: assessmentId, body: this.body(session, 'draft') });
    }
    items.push(...photos);
    if (status === 'submitted') {
      items.push({ kind: 'assessment', personId, recordId: assessmentId, body: this.body(session, 'submitted') });
    }
    return items;
  }
}
