import { digitalDomainIds, householdSkillIds, type DigitalItem } from '../schemas/digital-bank.ts';
import type { DigitalResponse, DigitalResponses, ScoringRules } from './digital-skills.ts';

// Each domain has a self-rating and a 4-field form, so a domain's share is (step + fields right) / 8,
// the overall share is their sum / 48 and the practical share is the fields right / 24.
export const fields = ['f1', 'f2', 'f3', 'f4'];
export const tags: Partial<Record<string, DigitalItem['skills']>> = {
  'data-self': ['public-services'],
  'data-do': ['public-services', 'payment'],
  'safety-self': ['self-protection'],
};
export const rules: ScoringRules = {
  domains: digitalDomainIds.map((id) => ({ id, title: id, description: id })),
  householdSkills: householdSkillIds.map((id) => ({ id, title: id, description: id })),
  levels: { basic: 0.5, proficient: 0.75 },
  flags: {
    hasDigitalSkills: { minOverall: 'co-ban', minDomainsAtBasic: 4 },
    proficient: { minOverall: 'thanh-thao', minPracticalShare: 0.75 },
    ruleText: 'Quy tắc',
  },
  items: digitalDomainIds.flatMap((domain): DigitalItem[] => [
    {
      id: `${domain}-self`,
      domain,
      skills: tags[`${domain}-self`] ?? [],
      prompt: 'Tự đánh giá',
      weight: 1,
      kind: 'self-rating',
    },
    {
      id: `${domain}-do`,
      domain,
      skills: tags[`${domain}-do`] ?? [],
      prompt: 'Điền phiếu',
      weight: 1,
      kind: 'practical',
      task: {
        type: 'fill-form',
        fields: fields.map((id) => ({ id, label: id, kind: 'text' as const })),
        expected: Object.fromEntries(fields.map((id) => [id, 'đúng'])),
      },
    },
  ]),
};
export type Spec = ([step: 0 | 1 | 2 | 3 | 4, fieldsRight: number] | null)[];
/** Responses from [self-rating step, form fields right] per domain, in domain order; null or missing domains are unanswered. */
export function answers(spec: Spec): DigitalResponses {
  const responses: Record<string, DigitalResponse> = {};
  spec.forEach((answer, i) => {
    const domain = digitalDomainIds[i]!;
    if (answer === null) return;
    const [step, right] = answer;
    responses[`${domain}-self`] = { kind: 'self-rating', step };
    responses[`${domain}-do`] = {
      kind: 'fill-form',
      values: Object.fromEntries(fields.map((id, n) => [id, n < right ? 'đúng' : 'sai'])),
    };
  });
  return responses;
}
export const same = (step: 0 | 1 | 2 | 3 | 4, right: number, n = 6): Spec =>
  Array.from({ length: n }, () => [step, right] as const);
