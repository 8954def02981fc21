import { v7 as uuidv7 } from 'uuid';
import { previewVerdict, type ModelVerdict } from '../../../../shared/domain/collective-titles/verdict.ts';
import { fill } from '../../../../shared/i18n/vi.ts';
import type { EvidenceView } from '../../../../shared/schemas/assessment.ts';
import type { ModelCriteriaSet, ModelTitle } from '../../../../shared/schemas/model-criteria-set.ts';
import { viStaff as t } from '../../lib/i18n/vi-staff.ts';
import { api, errorCode } from '../../lib/api.ts';
import { resizePhoto } from '../../lib/image.ts';
import { staffApi } from '../api.ts';

/** The size the tablets resize photos to (the box's setting). */
const photoLongSide = () =>
  api.kiosk().then(
    (info) => info.photo.longSide,
    () => 1280,
  );

/**
 * A household's, clan's, village's or unit's self-assessment on the staff screens
 * (ModelAssessment.svelte): the set, the answers as given, the box's verdict after each save, and
 * the photos of declared items.
 */
export class ModelAssessmentState {
  set = $state<ModelCriteriaSet | null>(null);
  heading = $state('');
  year = $state(0);
  id = $state(uuidv7());
  status = $state<'draft' | 'submitted'>('draft');
  submittedAt = $state<string | null>(null);
  answers = $state<Record<string, number | boolean>>({});
  verdict = $state<ModelVerdict | null>(null);
  error = $state<string | null>(null);
  saved = $state(false);
  evidence = $state<EvidenceView[]>([]);
  /** The box holds this assessment (a photo needs it there). */
  stored = $state(false);
  /** The item whose photo is being resized and sent. */
  sending = $state<string | null>(null);
  /** The file chosen last could not be read as an image. */
  unreadable = $state(false);

  constructor(
    private readonly title: ModelTitle,
    private readonly subjectId: string,
  ) {}

  /** This year's assessment of the subject (a new one when there is none yet) and the verdict so far. */
  load(): Promise<void> {
    return staffApi.modelAssessment(this.title, this.subjectId).then(
      (start) => {
        this.set = start.set;
        this.year = start.year;
        const subject = start.subject.label;
        this.heading = fill(t.model.heading, { title: t.model.titles[this.title], subject, year: start.year });
        this.verdict = start.verdict;
        if (start.assessment) {
          this.id = start.assessment.id;
          this.status = start.assessment.status;
          this.submittedAt = start.assessment.submittedAt;
          this.answers = { ...start.assessment.answers };
          this.evidence = start.assessment.evidence;
          this.stored = true;
        }
      },
      (e: unknown) => {
        this.error = errorCode(e);
      },
    );
  }

  /** The verdict of the answers as they stand (not yet saved), the computed items as the box last worked them out. */
  get preview(): ModelVerdict | null {
    return this.set ? previewVerdict(this.set, this.answers, this.verdict?.items) : null;
  }

  result(itemId: string): ModelVerdict['items'][number] | undefined {
    return this.verdict?.items.find((i) => i.itemId === itemId);
  }

  async save(next: 'draft' | 'submitted'): Promise<boolean> {
    const set = this.set;
    if (!set) return false;
    this.error = null;
    this.saved = false;
    try {
      const view = await staffApi.putModelAssessment(this.id, {
        title: this.title,
        subjectId: this.subjectId,
        criteriaSetId: set.id,
        criteriaSetVersion: set.version,
        status: next,
        answers: Object.entries(this.answers).map(([itemId, value]) => ({ itemId, value })),
      });
      this.verdict = view.verdict;
      this.status = view.status;
      this.submittedAt = view.submittedAt;
      this.evidence = view.evidence;
      this.stored = true;
      this.saved = true;
      return true;
    } catch (e) {
      this.error = errorCode(e);
      return false;
    }
  }

  /** A photo of a declared item: resized as at the tablet, sent on the draft (saved first if the box lacks it). */
  async addPhoto(itemId: string, file: File): Promise<void> {
    this.error = null;
    this.unreadable = false;
    this.sending = itemId;
    try {
      if (!this.stored && !(await this.save('draft'))) return;
      let blob: Blob;
      try {
        blob = await resizePhoto(file, await photoLongSide());
      } catch {
        this.unreadable = true;
        return;
      }
      this.evidence = [...this.evidence, await api.putPhoto(this.id, uuidv7(), itemId, blob)];
    } catch (e) {
      this.error = errorCode(e);
    } finally {
      this.sending = null;
    }
  }
}
