import * as v from 'valibot';
import { cleanText } from './text.ts';

const Id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, ".", "_" or "-"'));
const KebabId = v.pipe(v.string(), v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9 and single "-")'));
const Text = v.pipe(v.string(), v.trim(), cleanText(true), v.minLength(1, 'must not be empty'));
/** A picture the web app draws (web/src/components/pictograms.ts); names are camelCase there. */
const PictureName = v.pipe(v.string(), v.regex(/^[a-z][A-Za-z0-9]*$/, 'must be a pictogram name (camelCase)'));
const Share = v.pipe(v.number(), v.minValue(0, 'must be from 0 to 1'), v.maxValue(1, 'must be from 0 to 1'));

/** The six domains of Circular 02/2025/TT-BGDĐT (Khung năng lực số), in the circular's order. */
export const digitalDomainIds = ['data', 'communication', 'content', 'safety', 'problem-solving', 'ai'] as const;
export type DigitalDomainId = (typeof digitalDomainIds)[number];

/** The five basic skills every household needs one proficient person for. */
export const householdSkillIds = [
  'public-services',
  'shopping',
  'payment',
  'self-protection',
  'local-platforms',
] as const;
export type HouseholdSkillId = (typeof householdSkillIds)[number];

/** Result levels, lowest first. */
export const digitalLevels = ['chua-dat', 'co-ban', 'thanh-thao'] as const;
export type DigitalLevel = (typeof digitalLevels)[number];
export const digitalLevelLabels: Readonly<Record<DigitalLevel, string>> = {
  'chua-dat': 'Chưa đạt',
  'co-ban': 'Cơ bản',
  'thanh-thao': 'Thành thạo',
};

/** The kinds of practical task, each scored from what the person did on the tablet. */
export const practicalTaskTypes = ['tap-icon', 'type-phone', 'pick-scam', 'find-amount', 'fill-form'] as const;
export type PracticalTaskType = (typeof practicalTaskTypes)[number];

const isDomainId = (x: unknown): x is DigitalDomainId => (digitalDomainIds as readonly unknown[]).includes(x);
const isSkillId = (x: unknown): x is HouseholdSkillId => (householdSkillIds as readonly unknown[]).includes(x);

export const DigitalDomainSchema = v.strictObject({
  id: v.picklist(digitalDomainIds),
  title: Text,
  /** One plain-language line: what this domain means in village life. */
  description: Text,
});
export type DigitalDomain = v.InferOutput<typeof DigitalDomainSchema>;

export const HouseholdSkillSchema = v.strictObject({
  id: v.picklist(householdSkillIds),
  title: Text,
  description: Text,
});
export type HouseholdSkill = v.InferOutput<typeof HouseholdSkillSchema>;

/** Fields every item has. Domain and skill ids are checked per item (see itemProblems) so the message names the item. */
const itemEntries = {
  /** Stable id, e.g. "DS01": responses and results are keyed by it. */
  id: Id,
  domain: v.custom<DigitalDomainId>((x) => typeof x === 'string', 'must be a domain id'),
  /** Household skills this item counts for; may be empty. */
  skills: v.array(v.custom<HouseholdSkillId>((x) => typeof x === 'string', 'must be a household skill id')),
  /** The question as read aloud: plain, short, one thing at a time. */
  prompt: v.pipe(Text, v.maxLength(240, 'keep it short enough to read aloud (at most 240 characters)')),
  picture: v.optional(PictureName),
  /** Weight in the means of its domain, its skills and overall. */
  weight: v.optional(v.pipe(v.number(), v.gtValue(0, 'must be positive')), 1),
};

/** The person rates themselves on the bank's five ratingSteps. */
export const SelfRatingItemSchema = v.strictObject({ ...itemEntries, kind: v.literal('self-rating') });

export const ChoiceOptionSchema = v.strictObject({ id: Id, text: Text, picture: v.optional(PictureName) });

/** A knowledge question with 2–4 options and one right answer. */
export const ChoiceItemSchema = v.strictObject({
  ...itemEntries,
  kind: v.literal('choice'),
  options: v.array(ChoiceOptionSchema),
  correct: Id,
});

/** Tap the right picture among 3–6 (the tablet shows the pictures; `label` is for the facilitator and the result). */
export const TapIconTaskSchema = v.strictObject({
  type: v.literal('tap-icon'),
  icons: v.array(v.strictObject({ id: Id, label: Text, picture: PictureName })),
  correct: Id,
});

/** Type a Vietnamese mobile number (shown in the prompt or instruction) into a field. */
export const TypePhoneTaskSchema = v.strictObject({
  type: v.literal('type-phone'),
  /** Ten digits, starting 03, 05, 07, 08 or 09, no spaces. */
  expected: v.pipe(
    v.string(),
    v.regex(/^0[35789]\d{8}$/, 'must be a Vietnamese mobile number: 10 digits starting 03, 05, 07, 08 or 09'),
  ),
  /** The line shown by the field. */
  instruction: Text,
});

/** Pick the scam among exactly three messages. */
export const PickScamTaskSchema = v.strictObject({
  type: v.literal('pick-scam'),
  messages: v.array(v.strictObject({ id: Id, from: Text, text: Text })),
  scam: Id,
});

/** Read an amount off a receipt (e.g. a bank transfer confirmation) and type it. */
export const FindAmountTaskSchema = v.strictObject({
  type: v.literal('find-amount'),
  receipt: v.strictObject({
    title: Text,
    lines: v.pipe(v.array(v.strictObject({ label: Text, value: Text })), v.minLength(1)),
  }),
  /** Whole đồng. */
  amount: v.pipe(v.number(), v.integer(), v.gtValue(0, 'must be positive')),
});

export const FormFieldSchema = v.strictObject({
  id: Id,
  label: Text,
  kind: v.picklist(['text', 'number', 'choice']),
  /** Only for kind "choice": what the person picks from. */
  options: v.optional(v.array(Text)),
});
export type FormField = v.InferOutput<typeof FormFieldSchema>;

/** Fill a simple public-service form from facts given in the prompt. */
export const FillFormTaskSchema = v.strictObject({
  type: v.literal('fill-form'),
  fields: v.pipe(v.array(FormFieldSchema), v.minLength(1)),
  /** Field id → the expected answer. */
  expected: v.record(Id, Text),
});

export const PracticalTaskSchema = v.variant('type', [
  TapIconTaskSchema,
  TypePhoneTaskSchema,
  PickScamTaskSchema,
  FindAmountTaskSchema,
  FillFormTaskSchema,
]);
export type PracticalTask = v.InferOutput<typeof PracticalTaskSchema>;

/** Something the person does on the tablet: scored from what was done, not from what they say. */
export const PracticalItemSchema = v.strictObject({
  ...itemEntries,
  kind: v.literal('practical'),
  task: PracticalTaskSchema,
});

const ItemShapeSchema = v.variant('kind', [SelfRatingItemSchema, ChoiceItemSchema, PracticalItemSchema]);

/** One item, with the checks that need several of its fields (see itemProblems). */
export const DigitalItemSchema = v.pipe(
  ItemShapeSchema,
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    for (const message of itemProblems(dataset.value)) addIssue({ message });
  }),
);
export type DigitalItem = v.InferOutput<typeof ItemShapeSchema>;
export type SelfRatingItem = Extract<DigitalItem, { kind: 'self-rating' }>;
export type ChoiceItem = Extract<DigitalItem, { kind: 'choice' }>;
export type PracticalItem = Extract<DigitalItem, { kind: 'practical' }>;

const LevelAtLeast = v.picklist(['co-ban', 'thanh-thao']);

const BankShapeSchema = v.strictObject({
  id: KebabId,
  version: Id,
  title: Text,
  /** A default bank is our own writing and must be replaced by the province's bank. */
  isDefault: v.boolean(),
  notice: v.optional(Text),
  /** Where the content comes from (frameworks, the province's decision). */
  source: Text,
  /** Exactly the six domains of Circular 02/2025/TT-BGDĐT, each once. */
  domains: v.array(DigitalDomainSchema),
  /** Exactly the five household skills, each once. */
  householdSkills: v.array(HouseholdSkillSchema),
  /** Labels of the five self-rating steps, from "can't yet" (0) to "can teach others" (4). */
  ratingSteps: v.array(Text),
  /** Shares (0..1) of the weighted score from which a domain or the whole is "co-ban" and "thanh-thao". */
  levels: v.strictObject({ basic: Share, proficient: Share }),
  /** The rule for the commune's counts. `ruleText` explains it to the villager and must say the same as the numbers. */
  flags: v.strictObject({
    hasDigitalSkills: v.strictObject({
      minOverall: LevelAtLeast,
      minDomainsAtBasic: v.pipe(
        v.number(),
        v.integer(),
        v.minValue(0, 'must be from 0 to 6'),
        v.maxValue(6, 'must be from 0 to 6'),
      ),
    }),
    proficient: v.strictObject({ minOverall: LevelAtLeast, minPracticalShare: Share }),
    ruleText: Text,
  }),
  /** A retake is allowed minDays days after the last attempt, or earlier after a lesson when orAfterLesson. */
  retake: v.strictObject({
    minDays: v.pipe(v.number(), v.integer(), v.minValue(0, 'must not be negative')),
    orAfterLesson: v.boolean(),
  }),
  items: v.pipe(v.array(DigitalItemSchema), v.minLength(40, 'a bank needs at least 40 items')),
});

/** A versioned digital-skills question bank (bộ câu hỏi kỹ năng số), with its cross-field checks (see bankProblems). */
export const DigitalBankSchema = v.pipe(
  BankShapeSchema,
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    for (const message of bankProblems(dataset.value)) addIssue({ message });
  }),
);
export type DigitalBankInput = v.InferInput<typeof DigitalBankSchema>;
export type DigitalBank = v.InferOutput<typeof BankShapeSchema>;

/** Problems inside one item, each naming it, e.g. "item DS17: correct must be one of its options". */
export function itemProblems(item: DigitalItem): string[] {
  const problems: string[] = [];
  const say = (text: string) => problems.push(`item ${item.id}: ${text}`);
  if (!isDomainId(item.domain)) say(`domain "${String(item.domain)}" must be one of ${digitalDomainIds.join(', ')}`);
  for (const skill of item.skills) {
    if (!isSkillId(skill)) say(`skill "${String(skill)}" must be one of ${householdSkillIds.join(', ')}`);
  }
  if (!unique(item.skills)) say('skills must not repeat');

  if (item.kind === 'choice') {
    if (item.options.length < 2 || item.options.length > 4) say(`needs 2 to 4 options, has ${item.options.length}`);
    if (!unique(item.options.map((o) => o.id))) say('option ids must be unique');
    if (!item.options.some((o) => o.id === item.correct)) say('correct must be one of its options');
  }
  if (item.kind !== 'practical') return problems;

  const task = item.task;
  switch (task.type) {
    case 'tap-icon':
      if (task.icons.length < 3 || task.icons.length > 6) say(`tap-icon needs 3 to 6 icons, has ${task.icons.length}`);
      if (!unique(task.icons.map((i) => i.id))) say('icon ids must be unique');
      if (!task.icons.some((i) => i.id === task.correct)) say('correct must be one of its icons');
      break;
    case 'type-phone': {
      const shown = `${item.prompt} ${task.instruction}`.replace(/[\s.-]/g, '');
      if (!shown.includes(task.expected)) say(`the number ${task.expected} must be shown in the prompt or instruction`);
      break;
    }
    case 'pick-scam':
      if (task.messages.length !== 3) say(`pick-scam needs exactly 3 messages, has ${task.messages.length}`);
      if (!unique(task.messages.map((m) => m.id))) say('message ids must be unique');
      if (!task.messages.some((m) => m.id === task.scam)) say('scam must be one of its messages');
      break;
    case 'find-amount':
      if (!task.receipt.lines.some((l) => l.value.replace(/\D/g, '') === String(task.amount))) {
        say(`amount ${task.amount} must be shown on a line of the receipt`);
      }
      break;
    case 'fill-form': {
      const ids = task.fields.map((f) => f.id);
      if (!unique(ids)) say('field ids must be unique');
      for (const field of task.fields) {
        const expected = task.expected[field.id];
        if (expected === undefined) say(`field ${field.id} needs an expected answer`);
        if (field.kind === 'choice') {
          if (field.options === undefined || field.options.length < 2)
            say(`choice field ${field.id} needs at least 2 options`);
          else if (expected !== undefined && !field.options.includes(expected))
            say(`expected answer of field ${field.id} must be one of its options`);
        } else if (field.options !== undefined) {
          say(`field ${field.id} has options but is not a choice field`);
        }
        if (field.kind === 'number' && expected !== undefined && !/^\d+$/.test(expected))
          say(`expected answer of number field ${field.id} must be digits only`);
      }
      for (const key of Object.keys(task.expected)) {
        if (!ids.includes(key)) say(`expected names field ${key}, which the form does not have`);
      }
      break;
    }
  }
  return problems;
}

/** Problems across the bank; item-level problems are checked by DigitalItemSchema. */
export function bankProblems(bank: DigitalBank): string[] {
  const problems: string[] = [];
  if (bank.isDefault && bank.notice === undefined)
    problems.push("notice: a default bank must say it is to be replaced by the province's bank");

  const domainIds = bank.domains.map((d) => d.id);
  if (domainIds.length !== digitalDomainIds.length || !unique(domainIds)) {
    problems.push(`domains must be exactly ${digitalDomainIds.join(', ')}, each once`);
  }
  const skillIds = bank.householdSkills.map((s) => s.id);
  if (skillIds.length !== householdSkillIds.length || !unique(skillIds)) {
    problems.push(`householdSkills must be exactly ${householdSkillIds.join(', ')}, each once`);
  }
  if (bank.ratingSteps.length !== 5)
    problems.push(`ratingSteps must have exactly 5 steps, has ${bank.ratingSteps.length}`);
  if (bank.levels.basic >= bank.levels.proficient) {
    problems.push(`levels: basic (${bank.levels.basic}) must be below proficient (${bank.levels.proficient})`);
  }

  const seen = new Set<string>();
  for (const item of bank.items) {
    if (seen.has(item.id)) problems.push(`item ${item.id}: id is used by more than one item`);
    seen.add(item.id);
  }
  for (const id of digitalDomainIds) {
    const count = bank.items.filter((i) => i.domain === id).length;
    if (count < 4) problems.push(`domain ${id} has ${count} items: needs at least 4`);
  }
  for (const id of householdSkillIds) {
    const count = bank.items.filter((i) => i.skills.includes(id)).length;
    if (count < 2) problems.push(`household skill ${id} is on ${count} items: needs at least 2`);
  }
  const practical = bank.items.filter((i): i is PracticalItem => i.kind === 'practical');
  if (practical.length < 12) problems.push(`items: ${practical.length} practical items: needs at least 12`);
  for (const type of practicalTaskTypes) {
    if (!practical.some((i) => i.task.type === type)) problems.push(`items: no practical item of type ${type}`);
  }
  return problems;
}

function unique(ids: readonly string[]): boolean {
  return new Set(ids).size === ids.length;
}
