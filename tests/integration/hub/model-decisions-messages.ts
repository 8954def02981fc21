import type {
  AppraisalUpsertV1,
  AssessmentUpsertV1,
  HouseholdUpsertV1,
  PersonUpsertV1,
  UnitUpsertV1,
} from '../../../shared/sync/messages.ts';
import { indicatorIds } from '../../fixtures/people.ts';

/**
 * The change messages of the commune's decisions on the four other titles (model-decisions.test.ts),
 * written by hand from the contract in shared/sync/messages.ts, and the answers they carry.
 */

export const YEAR = 2026;
export const AT = '2026-11-20T03:00:00.000Z';
export const DONG_CHAM = 'Thôn Đồng Chằm';
export const GO_CHE = 'Thôn Gò Chè';

export const person = (id: string, name: string, village: string): PersonUpsertV1 => ({
  type: 'PersonUpsertV1',
  id,
  revision: 1,
  code: `C${id.slice(-6)}`,
  name,
  birthYear: 1970,
  village,
  consents: [{ purpose: 'assessment', granted: true, at: AT }],
});
export const cdhtAssessment = (id: string, personId: string): AssessmentUpsertV1 => ({
  type: 'AssessmentUpsertV1',
  id,
  revision: 1,
  subjectKind: 'person',
  subjectId: personId,
  title: 'cdht',
  year: YEAR,
  criteriaSetId: 'cdht-2022',
  criteriaSetVersion: '2022.1',
  group: 'nhom-1',
  status: 'submitted',
  answers: indicatorIds.map((indicatorId) => ({ indicatorId, score: 9, note: null, confirmed: false })),
  submittedAt: AT,
  assistedBy: null,
});
export const cdhtAppraisal = (assessmentId: string): AppraisalUpsertV1 => ({
  type: 'AppraisalUpsertV1',
  id: assessmentId,
  revision: 1,
  status: 'appraised',
  message: null,
  locked: false,
  scores: indicatorIds.map((indicatorId) => ({ indicatorId, score: 9, reason: null })),
});
export const household = (
  id: string,
  revision: number,
  village: string,
  members: string[],
  schoolAgeChildren = 0,
): HouseholdUpsertV1 => ({
  type: 'HouseholdUpsertV1',
  id,
  revision,
  village,
  headPersonId: members[0]!,
  memberPersonIds: members,
  facts: [{ year: YEAR, schoolAgeChildren, allChildrenInSchool: schoolAgeChildren > 0 ? true : null }],
  registeredAt: AT,
});
export const unit = (id: string, members: string[], count: number): UnitUpsertV1 => ({
  type: 'UnitUpsertV1',
  id,
  revision: 1,
  name: 'Hợp tác xã chè Đồng Chằm',
  kind: 'cooperative',
  village: DONG_CHAM,
  staffCounts: [{ year: YEAR, count }],
  memberPersonIds: members,
  registeredAt: AT,
});
export type Answers = Record<string, number | boolean>;
const score = (v: number | boolean) => (typeof v === 'boolean' ? (v ? 1 : 0) : v);
export const modelAssessment = (
  id: string,
  subjectKind: string,
  subjectId: string,
  title: string,
  set: string,
  answers: Answers,
): AssessmentUpsertV1 => ({
  type: 'AssessmentUpsertV1',
  id,
  revision: 1,
  subjectKind,
  subjectId,
  title,
  year: YEAR,
  criteriaSetId: set,
  criteriaSetVersion: '2025.1',
  group: '',
  status: 'submitted',
  answers: Object.entries(answers).map(([indicatorId, v]) => ({
    indicatorId,
    score: score(v),
    note: null,
    confirmed: false,
  })),
  submittedAt: AT,
  assistedBy: null,
});
export const branchAppraisal = (
  assessmentId: string,
  answers: Answers,
  reasons: Record<string, string> = {},
): AppraisalUpsertV1 => ({
  type: 'AppraisalUpsertV1',
  id: assessmentId,
  revision: 1,
  status: 'appraised',
  message: null,
  locked: false,
  scores: Object.entries(answers).map(([indicatorId, v]) => ({
    indicatorId,
    score: score(v),
    reason: reasons[indicatorId] ?? null,
  })),
});

/** A household's declared items at full points (G1.1 and G2.1 are computed). */
export const fullHousehold: Answers = {
  'G1.2': 10,
  'G1.3': 10,
  'G2.2': 10,
  'G2.3': 5,
  'G3.1': 10,
  'G3.2': 10,
  'G4.1': 10,
  'G4.2': 10,
};
/** As the branch scored the first household: criterion 2 holds 5 points and needs 15 until its adults are CDHT (G2.1, 15 points). */
export const lowOnAdults: Answers = { ...fullHousehold, 'G2.2': 5, 'G2.3': 0 };
export const village: Answers = {
  'C1.1': true,
  'C1.2': true,
  'C4.1': true,
  'C4.2': true,
  'C5.1': true,
  'C5.2': true,
  'C5.3': true,
};
export const unitAnswers: Answers = { 'U1.3': true, 'U2.1': true, 'U2.2': true, 'U3.1': true, 'U3.2': true };
