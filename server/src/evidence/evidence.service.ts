import { AppError } from '../../../shared/errors.ts';
import type { EvidenceView } from '../../../shared/schemas/assessment.ts';
import type { DB } from '../db/database.ts';
import type { KioskConfig } from '../config/load.ts';
import { findAssessment } from '../assessments/assessments.repository.ts';
import type { CriteriaSets } from '../criteria/criteria-sets.ts';
import { appendChange } from '../outbox/outbox.repository.ts';
import { sha256Hex, sniffImageType, storeEvidenceFile } from './evidence.store.ts';
import { checkRoomForFiles } from '../health/disk.ts';

export interface EvidenceDeps {
  db: DB;
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
}

/**
 * Stores an evidence photo for one indicator of a draft assessment. The same id with the same
 * photo again is a no-op; the file is written before the row, so a row never points at nothing.
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
  const set = deps.criteria.find(assessment.criteria_set_id, assessment.criteria_set_version);
  if (!set.indicators.some((i) => i.id === upload.indicatorId)) throw new AppError('assessment.indicator-unknown', { indicatorId: upload.indicatorId });

  const view: EvidenceView = { id: upload.evidenceId, indicatorId: upload.indicatorId, kind: 'photo', sha256, bytes: upload.bytes.length };
  const existing = await deps.db.selectFrom('evidence').selectAll().where('id', '=', upload.evidenceId).executeTakeFirst();
  if (existing) {
    if (existing.sha256 !== sha256 || existing.assessment_id !== upload.assessmentId || existing.indicator_id !== upload.indicatorId) {
      throw new AppError('evidence.id-conflict');
    }
    return view;
  }
  if (assessment.status === 'submitted') throw new AppError('assessment.already-submitted');
  // A nearly full card takes no more photos, so that records still fit.
  checkRoomForFiles(deps.config, deps.evidenceDir, upload.bytes.length);

  storeEvidenceFile(deps.evidenceDir, sha256, upload.bytes);
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('evidence').values({
      id: upload.evidenceId, assessment_id: upload.assessmentId, indicator_id: upload.indicatorId,
      kind: 'photo', sha256, mime, bytes: upload.bytes.length, revision: 1, created_at: at,
    }).execute();
    await appendChange(trx, {
      type: 'EvidenceUpsertV1', id: upload.evidenceId, revision: 1, assessmentId: upload.assessmentId,
      indicatorId: upload.indicatorId, kind: 'photo', sha256, mime, bytes: upload.bytes.length,
    }, at);
  });
  return view;
}
