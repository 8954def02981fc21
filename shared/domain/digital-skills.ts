import {
  digitalLevels,
  type DigitalBank,
  type DigitalDomainId,
  type DigitalItem,
  type DigitalLevel,
  type FormField,
  type HouseholdSkillId,
} from '../schemas/digital-bank.ts';

/** What the person did on one item. A practical item takes the response of its task type. */
export type DigitalResponse =
  | { kind: 'self-rating'; step: 0 | 1 | 2 | 3 | 4 }
  | { kind: 'choice'; optionId: string }
  | { kind: 'tap-icon'; iconId: string }
  | { kind: 'type-phone'; typed: string }
  | { kind: 'pick-scam'; messageId: string }
  | { kind: 'find-amount'; typed: string }
  | { kind: 'fill-form'; values: Readonly<Record<string, string>> }
  | { kind: 'skipped' };

/** Responses by item id; an item without one counts as skipped. */
export type DigitalResponses = Readonly<Record<string, DigitalResponse | undefined>>;

export interface DigitalResult {
  /** Per domain, in the bank's order: weighted mean score of its items (unanswered = 0). */
  domains: { id: DigitalDomainId; share: number; level: DigitalLevel }[];
  overall: { share: number; level: DigitalLevel };
  /** Weighted mean score of the practical items (a partly right form counts in part). */
  practicalShare: number;
  /** Per household skill, in the bank's order: weighted mean score of the items tagged with it. */
  skills: { id: HouseholdSkillId; share: number }[];
  hasDigitalSkills: boolean;
  /** Always implies hasDigitalSkills. */
  proficient: boolean;
  /** Up to three domains below proficient, weakest first; ties keep the bank's domain order. */
  toLearn: DigitalDomainId[];
}

/** What scoreAttempt needs of a bank. */
export type ScoringRules = Pick<DigitalBank, 'domains' | 'householdSkills' | 'levels' | 'flags' | 'items'>;

/** Shares this close to a threshold count as reaching it (weighted means are not exact in binary). */
const EPSILON = 1e-9;

/**
 * The score of one item, 0..1. A response of another kind than the item (or task) expects, a missing
 * response and `skipped` all score 0.
 * - self-rating: step / 4 (a step outside the whole numbers 0..4 scores 0);
 * - choice, tap-icon, pick-scam: 1 when the right option, icon or message was picked;
 * - type-phone: 1 when the typed number equals the expected one (see normalizePhone);
 * - find-amount: 1 when the typed amount equals the receipt's amount (see parseAmount);
 * - fill-form: the share of fields answered right (see fieldMatches).
 */
export function scoreItem(item: DigitalItem, response: DigitalResponse | undefined): number {
  if (response === undefined || response.kind === 'skipped') return 0;
  switch (item.kind) {
    case 'self-rating': {
      if (response.kind !== 'self-rating') return 0;
      const step: number = response.step;
      return Number.isInteger(step) && step >= 0 && step <= 4 ? step / 4 : 0;
    }
    case 'choice':
      return response.kind === 'choice' && response.optionId === item.correct ? 1 : 0;
    case 'practical': {
      const task = item.task;
      switch (task.type) {
        case 'tap-icon':
          return response.kind === 'tap-icon' && response.iconId === task.correct ? 1 : 0;
        case 'pick-scam':
          return response.kind === 'pick-scam' && response.messageId === task.scam ? 1 : 0;
        case 'type-phone':
          return response.kind === 'type-phone' && normalizePhone(response.typed) === task.expected ? 1 : 0;
        case 'find-amount':
          return response.kind === 'find-amount' && parseAmount(response.typed) === task.amount ? 1 : 0;
        case 'fill-form': {
          if (response.kind !== 'fill-form' || task.fields.length === 0) return 0;
          const right = task.fields.filter((f) => fieldMatches(f, response.values[f.id], task.expected[f.id])).length;
          return right / task.fields.length;
        }
      }
    }
  }
}

/**
 * Why a response cannot stand as an answer to the bank:
 * - `item-unknown`: the bank has no item with that id;
 * - `wrong-kind`: answered as another kind than the item (or its practical task) takes;
 * - `option-unknown`, `icon-unknown`, `message-unknown`: the option, picture or message picked is not one of the item's;
 * - `field-unknown`: a form value for a field the form does not have;
 * - `field-option-unknown`: a choice field answered with something that is not one of its options.
 * `skipped` fits every item. Typed text (a number, an amount, a text field) is scored, not checked here.
 */
export type ResponseProblem =
  | 'item-unknown'
  | 'wrong-kind'
  | 'option-unknown'
  | 'icon-unknown'
  | 'message-unknown'
  | 'field-unknown'
  | 'field-option-unknown';

/** Every response that does not fit the bank's items, with why, in the order given; empty when all fit. */
export function responseProblems(
  items: readonly DigitalItem[],
  responses: DigitalResponses,
): { itemId: string; problem: ResponseProblem }[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const problems: { itemId: string; problem: ResponseProblem }[] = [];
  for (const [itemId, response] of Object.entries(responses)) {
    if (response === undefined) continue;
    const item = byId.get(itemId);
    const problem = !item ? 'item-unknown' : response.kind === 'skipped' ? null : fitProblem(item, response);
    if (problem) problems.push({ itemId, problem });
  }
  return problems;
}

function fitProblem(
  item: DigitalItem,
  response: Exclude<DigitalResponse, { kind: 'skipped' }>,
): ResponseProblem | null {
  const expected = item.kind === 'practical' ? item.task.type : item.kind;
  if (response.kind !== expected) return 'wrong-kind';
  if (item.kind === 'choice' && response.kind === 'choice')
    return item.options.some((o) => o.id === response.optionId) ? null : 'option-unknown';
  if (item.kind !== 'practical') return null;
  const task = item.task;
  if (task.type === 'tap-icon' && response.kind === 'tap-icon')
    return task.icons.some((i) => i.id === response.iconId) ? null : 'icon-unknown';
  if (task.type === 'pick-scam' && response.kind === 'pick-scam')
    return task.messages.some((m) => m.id === response.messageId) ? null : 'message-unknown';
  if (task.type === 'fill-form' && response.kind === 'fill-form') {
    for (const [fieldId, value] of Object.entries(response.values)) {
      const field = task.fields.find((f) => f.id === fieldId);
      if (!field) return 'field-unknown';
      if (field.kind === 'choice' && !(field.options ?? []).includes(value)) return 'field-option-unknown';
    }
  }
  return null;
}

/** How many items were answered: a `skipped` response, like none, is not an answer. */
export function answeredCount(responses: DigitalResponses): number {
  return Object.values(responses).filter((r) => r !== undefined && r.kind !== 'skipped').length;
}

/**
 * Whether a check's start, by the tablet's clock, can be true by the box's `now`: not later than
 * `futureSeconds` ahead (two clocks never agree exactly), not more than `pastDays` back (a check is
 * finished within its draft's life and delivered within the token's). `startedAt` is an ISO timestamp.
 */
export function startedAtProblem(
  startedAt: string,
  now: Date,
  window: { futureSeconds: number; pastDays: number },
): 'future' | 'too-old' | null {
  const at = Date.parse(startedAt);
  if (Number.isNaN(at) || at > now.getTime() + window.futureSeconds * 1000) return 'future';
  if (at < now.getTime() - window.pastDays * 86_400_000) return 'too-old';
  return null;
}

/**
 * A typed phone number as ten digits: spaces, dots and dashes are dropped and a leading "+84" stands
 * for the leading 0 ("+84 912 345 678" → "0912345678"). Anything else (letters, "84…" without "+",
 * "+84 0…") is returned as cleaned, so it will not match.
 */
export function normalizePhone(typed: string): string {
  const cleaned = typed.normalize('NFC').replace(/[\s.\-]/g, '');
  return cleaned.startsWith('+84') ? `0${cleaned.slice(3)}` : cleaned;
}

/**
 * A typed amount of money in whole đồng, or null when it is not one. Accepted: plain digits ("150000"),
 * digits grouped by threes with dots, commas or spaces ("150.000", "150,000", "150 000"), each
 * optionally followed by a currency mark: "đ", "₫", "đồng", "d", "vnd" or "vnđ" (any case, with or
 * without a space). Not accepted: shorthand ("150k", "150 nghìn"), decimals ("150.5", "150.000,00"),
 * signs, or mixed separators ("1.500,000").
 */
export function parseAmount(typed: string): number | null {
  const text = typed
    .normalize('NFC')
    .trim()
    .toLowerCase()
    .replace(/\s*(đồng|vnđ|vnd|đ|₫|d)$/u, '')
    .trim();
  if (/^\d+$/.test(text)) return Number(text);
  const grouped = /^\d{1,3}([., \u00a0])\d{3}(?:\1\d{3})*$/u.exec(text);
  if (grouped === null) return null;
  return Number(text.replace(/\D/g, ''));
}

/**
 * Whether a form answer is right. Text and choice fields: compared after trimming, collapsing inner
 * whitespace and ignoring case, but the Vietnamese accents must match ("le van ba" is not "Lê Văn Ba";
 * precomposed and combining accents are the same). Number fields: compared as digits, ignoring
 * spaces, dots, commas and dashes ("0978 246 135" = "0978246135"; leading zeros count).
 */
export function fieldMatches(
  field: Pick<FormField, 'kind'>,
  typed: string | undefined,
  expected: string | undefined,
): boolean {
  if (typed === undefined || expected === undefined) return false;
  if (field.kind === 'number') {
    const digits = (s: string) => s.replace(/[\s.,\-]/g, '');
    const t = digits(typed);
    return /^\d+$/.test(t) && t === digits(expected);
  }
  const text = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
  return text(typed) === text(expected);
}

/** The level a share reaches under the bank's thresholds (a share at a threshold reaches it). */
export function levelOf(share: number, levels: DigitalBank['levels']): DigitalLevel {
  if (share + EPSILON >= levels.proficient) return 'thanh-thao';
  if (share + EPSILON >= levels.basic) return 'co-ban';
  return 'chua-dat';
}

/** Whether `level` is `min` or higher. */
export function levelAtLeast(level: DigitalLevel, min: DigitalLevel): boolean {
  return digitalLevels.indexOf(level) >= digitalLevels.indexOf(min);
}

/**
 * The result of one attempt: shares per domain, overall and per household skill, the commune's two
 * flags and what to learn next. Every item of the bank counts; an item without a response scores 0.
 * A domain or skill without items has share 0; so has practicalShare in a bank without practical items.
 */
export function scoreAttempt(bank: ScoringRules, responses: DigitalResponses): DigitalResult {
  const scored = bank.items.map((item) => ({ item, score: scoreItem(item, responses[item.id]) }));
  const mean = (pick: (item: DigitalItem) => boolean): number => {
    let weight = 0;
    let total = 0;
    for (const { item, score } of scored) {
      if (!pick(item)) continue;
      weight += item.weight;
      total += item.weight * score;
    }
    return weight === 0 ? 0 : total / weight;
  };

  const domains = bank.domains.map((d) => {
    const share = mean((i) => i.domain === d.id);
    return { id: d.id, share, level: levelOf(share, bank.levels) };
  });
  const overallShare = mean(() => true);
  const overall = { share: overallShare, level: levelOf(overallShare, bank.levels) };
  const practicalShare = mean((i) => i.kind === 'practical');
  const skills = bank.householdSkills.map((s) => ({ id: s.id, share: mean((i) => i.skills.includes(s.id)) }));

  const { hasDigitalSkills: has, proficient: pro } = bank.flags;
  const domainsAtBasic = domains.filter((d) => levelAtLeast(d.level, 'co-ban')).length;
  const hasDigitalSkills = levelAtLeast(overall.level, has.minOverall) && domainsAtBasic >= has.minDomainsAtBasic;
  const proficient =
    hasDigitalSkills &&
    levelAtLeast(overall.level, pro.minOverall) &&
    practicalShare + EPSILON >= pro.minPracticalShare;

  const toLearn = domains
    .map((d, order) => ({ ...d, order }))
    .filter((d) => d.level !== 'thanh-thao')
    .sort((a, b) => a.share - b.share || a.order - b.order)
    .slice(0, 3)
    .map((d) => d.id);

  return { domains, overall, practicalShare, skills, hasDigitalSkills, proficient, toLearn };
}
