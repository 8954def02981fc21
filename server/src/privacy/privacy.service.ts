import { existsSync, unlinkSync } from 'node:fs';
import * as v from 'valibot';
import { verdict } from '../../../shared/domain/recognition.ts';
import { AppError } from '../../../shared/errors.ts';
import type { ConsentPurpose } from '../../../shared/schemas/person.ts';
import { EvidenceUpsertV1Schema } from '../../../shared/sync/messages.ts';
import { type AssessmentDeps } from '../assessments/assessments.service.ts';
import { history as digitalHistory } from '../digital/digital.service.ts';
import { draftForExport } from '../digital/digital-drafts.service.ts';
import { audit, type Actor } from '../audit/audit.ts';
import { scoresByAssessment } from '../appraisals/appraisals.repository.ts';
import { evidencePath } from '../evidence/evidence.store.ts';
import { appendChange, redactChanges } from '../outbox/outbox.repository.ts';
import { currentConsents, findPersonById } from '../people/people.repository.ts';
import { getPerson, personMessage } from '../people/people.service.ts';
import { appraisalCase } from '../appraisals/appraisals.service.ts';
import { attendedSessions } from '../attendance/attendance.service.ts';
import { plansOf } from '../plans/plans.service.ts';
import { forgetPerson, membershipsOf, type GonePhoto } from '../registry/households.privacy.ts';
import type { Db } from '../db/database.ts';
import * as repo from './privacy.repository.ts';

export interface PrivacyDeps extends AssessmentDeps {
  evidenceDir: string;
}

/** People of this center found by slip code, or by name (any case, accents as typed) with birth year and village. */
export async function findPeople(
  deps: AssessmentDeps,
  q: { code?: string; name?: string; birthYear?: number; village?: string },
) {
  if (!q.code && !q.name) return [];
  return repo.searchPeople(deps.db, q);
}

/** Everything held about a person: the answer to a request to see or export their data. */
export async function personData(deps: AssessmentDeps, personId: string) {
  const person = await getPerson(deps.db, personId);
  const consentLog = await repo.consentLog(deps.db, personId);
  const ids = await repo.assessmentIdsOf(deps.db, personId);
  const assessments = await Promise.all(
    ids.map(async (id) => {
      const { assessment, appraisal } = await appraisalCase(deps, id);
      return { ...assessment, appraisal };
    }),
  );
  return {
    exportedAt: deps.now().toISOString(),
    center: deps.config.center.name,
    person,
    consentLog: consentLog.map((c) => ({ purpose: c.purpose, granted: c.granted === 1, at: c.at })),
    assessments,
    digitalChecks: (await digitalHistory(deps, personId)).attempts,
    /** A self-check she paused, kept until it runs out (digital.draftDays after it began), or null. */
    pausedDigitalCheck: await draftForExport(deps, personId),
    /** Class sessions attended at the center, newest first. */
    attendance: await attendedSessions(deps.db, personId),
    /** Personal learning plans, newest first. */
    learningPlans: await plansOf(deps.db, personId),
    /** Households and units she belongs or belonged to (memberships are closed, not deleted). */
    memberships: await membershipsOf(deps.db, personId),
  };
}

/** Records a consent given or withdrawn (append-only), bumping the person's revision for the hub. */
export async function changeConsent(
  deps: AssessmentDeps,
  actor: Actor,
  personId: string,
  purpose: ConsentPurpose,
  granted: boolean,
) {
  const at = deps.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const person = await findPersonById(trx, personId);
    if (!person) throw new AppError('person.not-found');
    const revision = person.revision + 1;
    await repo.recordConsent(trx, personId, purpose, granted, revision, at);
    await appendChange(trx, personMessage(person, revision, await currentConsents(trx, personId)), at);
    await audit(
      trx,
      actor,
      { action: 'person.consent', subjectKind: 'person', subjectId: personId, details: { purpose, granted } },
      at,
    );
  });
  return getPerson(deps.db, personId);
}

/**
 * Erases a person at their request: their rows and evidence files go; what reports count of them
 * (registered, self-assessed, appraised, recognized per village and year) moves to an anonymous
 * tally; her households and units go up again without her; earlier outbox payloads naming her are
 * redacted and a PersonErasedV1 tells the hub to erase too.
 */
export async function erasePerson(
  deps: PrivacyDeps,
  actor: Actor,
  personId: string,
): Promise<{ assessments: number; photos: number }> {
  const person = await findPersonById(deps.db, personId);
  if (!person) throw new AppError('person.not-found');
  const at = deps.now().toISOString();
  const assessments = await repo.assessmentsToErase(deps.db, personId);
  const ids = assessments.map((a) => a.id);
  const evidence = await repo.evidenceOf(deps.db, ids);
  const appraised = await scoresByAssessment(deps.db, 'appraisal_item', ids);

  const tally = new Map<string, number>();
  const count = (year: number, metric: string) =>
    tally.set(`${year}\u0000${metric}`, (tally.get(`${year}\u0000${metric}`) ?? 0) + 1);
  count(Number(person.created_at.slice(0, 4)), 'registered');
  for (const a of assessments) {
    if (a.status === 'submitted') count(a.year, 'self-assessed');
    if (a.appraisal === 'appraised') {
      count(a.year, 'appraised');
      const set = deps.criteria.find(a.setId, a.setVersion);
      if (
        verdict(
          set.indicators.map((i) => i.id),
          appraised.get(a.id) ?? {},
          set.scoring,
        ).recognized
      )
        count(a.year, 'recognized');
    }
  }

  /** Every photo whose row goes: hers, and those of a household gone with her. */
  let photos: GonePhoto[] = evidence;
  await deps.db.transaction().execute(async (trx) => {
    for (const [key, n] of tally) {
      const [year, metric] = key.split('\u0000') as [string, string];
      await repo.addToTally(trx, person.village, Number(year), metric, n);
    }
    await repo.deleteRowsOf(trx, personId, ids);
    // Her households and units go up again without her (a household she alone made goes with her).
    const { gone, photos: theirs } = await forgetPerson(trx, personId, at);
    photos = [...evidence, ...theirs];
    await repo.deletePersonRow(trx, personId);
    // Earlier payloads go: her own records, those gone with her, and any other that names her (a
    // household's or unit's members, a digital-skills check). The revisions appended just above do not.
    await redactChanges(trx, [personId, ...ids, ...evidence.map((e) => e.id), ...gone], personId);
    await appendChange(trx, { type: 'PersonErasedV1', id: personId, revision: person.revision + 1 }, at);
    await audit(
      trx,
      actor,
      {
        action: 'person.erase',
        subjectKind: 'person',
        subjectId: personId,
        details: { village: person.village, assessments: ids.length, photos: evidence.length },
      },
      at,
    );
  });

  // Files after the rows: a file shared with someone else's evidence (same photo) stays.
  for (const e of photos) {
    const path = evidencePath(deps.evidenceDir, e.sha256);
    if (!(await repo.evidenceFileInUse(deps.db, e.sha256)) && existsSync(path)) unlinkSync(path);
  }
  return { assessments: ids.length, photos: evidence.length };
}

/**
 * The file of an evidence photo, by its id: a center's row, or on a hub the record a center sent
 * up (the commune appraises villages and units), read as the message it is.
 */
export async function evidenceFileOf(db: Db, role: 'center' | 'hub', id: string): Promise<string | undefined> {
  if (role !== 'hub') return repo.evidenceHash(db, id);
  const m = v.safeParse(EvidenceUpsertV1Schema, await repo.hubEvidenceRecord(db, id));
  return m.success ? m.output.sha256 : undefined;
}
