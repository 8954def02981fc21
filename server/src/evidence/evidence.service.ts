import { AppError } from '../../../shared/errors.ts';
import type { EvidenceView } from '../../../shared/schemas/assessment.ts';
import type { Db } from '../db/database.ts';
import type { KioskConfig } from '../config/load.ts';
import { findAssessment } from '../assessments/assessments.repository.ts';
import type { CriteriaSets } from '../criteria/criteria-sets.ts';
import { ModelSets } from '../criteria/model-sets.ts';
import type { AssessmentRow } from '../db/schema.ts';
import { appendChange } from '../outbox/outbox.repository.ts';
import { sha256Hex, sniffImageType, writeEvidenceFile } from './evidence.store.ts';
import { checkRoomForFiles } from '../system/disk.ts';
import { cdhtPhotosGoUp, STAYS_AT_CENTER } from './evidence.policy.ts';
import { findEvidence, insertEvidence } from './evidence.repository.ts';

export interface EvidenceDeps {
  db: Db;
  config: KioskConfig;
  criteria: CriteriaSets;
  evidenceDir: string;
  now: () => Date;
}

export interface PhotoUpload {
  assessmentId: string;
  evidenceId: string;
  indicatorId: string;
  bytes: Uint8Array;
  /** A staff member is signed in (a clan's, village's or unit's photos are added only then). */
  byStaff?: boolean;
}

/**
 * Stores an evidence photo for one indicator of a draft assessment (a person's CDHT indicator, or a
 * declared item of a household's, clan's, village's or unit's self-assessment: the same rows, files,
 * limits and EvidenceUpsertV1, which a CDHT photo gets only when the commune asked for them). The
 * same id with the same photo again is a no-op; the file is written before the row, so a row never
 * points at nothing.
 */
export async function addPhoto(deps: EvidenceDeps, upload: PhotoUpload): Promise<EvidenceView> {
  const limitBytes = deps.config.settings['evidence.maxPhotoBytes'];
  if (upload.bytes.length > limitBytes) throw new AppError('evidence.too-large', { limitBytes });
  const mime = sniffImageType(upload.bytes);
  if (!mime) throw new AppError('evidence.not-an-image');
  const sha256 = sha256Hex(upload.bytes);
  const at = deps.now().toISOString();

  const assessment = await findAssessment(deps.db, upload.assessmentId);
  if (!assessment) throw new AppError('assessment.not-found');
  // As with their answers (model-assessments.routes.ts): a household's head at the tablet, a clan, a
  // village or a unit only with staff signed in beside them.
  if (assessment.subject_kind !== 'person' && assessment.subject_kind !== 'household' && !upload.byStaff)
    throw new AppError('auth.required');
  if (!takesEvidence(deps, assessment, upload.indicatorId))
    throw new AppError('assessment.indicator-unknown', { indicatorId: upload.indicatorId });

  const view: EvidenceView = {
    id: upload.evidenceId,
    indicatorId: upload.indicatorId,
    kind: 'photo',
    sha256,
    bytes: upload.bytes.length,
  };
  const existing = await findEvidence(deps.db, upload.evidenceId);
  if (existing) {
    if (
      existing.sha256 !== sha256 ||
      existing.assessment_id !== upload.assessmentId ||
      existing.indicator_id !== upload.indicatorId
    ) {
      throw new AppError('evidence.id-conflict');
    }
    return view;
  }
  if (assessment.status === 'submitted') throw new AppError('assessment.already-submitted');
  // A nearly full card takes no more photos, so that records still fit.
  checkRoomForFiles(deps.config, deps.evidenceDir, upload.bytes.length);

  // A villager's photo stays at the center, where she is appraised, unless the commune asked for it;
  // the other titles' photos go up (evidence.policy.ts).
  const goesUp = assessment.subject_kind !== 'person' || (await cdhtPhotosGoUp(deps.db, deps.config));
  await writeEvidenceFile(deps.evidenceDir, sha256, upload.bytes);
  await deps.db.transaction().execute(async (trx) => {
    await insertEvidence(trx, {
      id: upload.evidenceId,
      assessment_id: upload.assessmentId,
      indicator_id: upload.indicatorId,
      kind: 'photo',
      sha256,
      mime,
      bytes: upload.bytes.length,
      revision: 1,
      created_at: at,
      ...(goesUp ? {} : { sent_to_hub: STAYS_AT_CENTER }),
    });
    if (goesUp)
      await appendChange(
        trx,
        {
          type: 'EvidenceUpsertV1',
          id: upload.evidenceId,
          revision: 1,
          assessmentId: upload.assessmentId,
          indicatorId: upload.indicatorId,
          kind: 'photo',
          sha256,
          mime,
          bytes: upload.bytes.length,
        },
        at,
      );
  });
  return view;
}

/**
 * Whether the indicator or item takes a photo: any indicator of a person's CDHT set; only a declared
 * item of the other titles' sets, since a computed item is worked out from the registry and has
 * nothing to show.
 */
function takesEvidence(deps: EvidenceDeps, assessment: AssessmentRow, indicatorId: string): boolean {
  if (assessment.subject_kind === 'person') {
    return deps.criteria
      .find(assessment.criteria_set_id, assessment.criteria_set_version)
      .indicators.some((i) => i.id === indicatorId);
  }
  const set = ModelSets.of(deps.config).find(assessment.criteria_set_id, assessment.criteria_set_version);
  return set.criteria.some((c) => c.items.some((i) => i.id === indicatorId && i.source === 'declared'));
}
