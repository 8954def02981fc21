/**
 * The schemas of the box's answers about a person (web/src/lib/api.ts), loaded with the first such
 * call: the welcome screen asks the box only for the kiosk's info, so its download does without them.
 */
export { DigitalDraftAnswerSchema, DigitalHistorySchema } from '../../../shared/schemas/digital-attempt.ts';
export { AssessmentViewSchema, EvidenceViewSchema } from '../../../shared/schemas/assessment.ts';
export { PersonViewSchema } from '../../../shared/schemas/person.ts';
export { ModelStartSchema } from '../../../shared/schemas/responses/model-assessment.ts';
export { CurrentAssessmentSchema, HouseholdOfSchema } from '../../../shared/schemas/responses/people.ts';
