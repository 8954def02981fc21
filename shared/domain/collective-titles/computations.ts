import type { Computation, ComputationName } from '../../schemas/model-criteria-set.ts';
import type { HouseholdSubjectFacts, SubjectFacts } from './subject-facts.ts';

/**
 * Computed items of the four other titles: pure functions from what the registry knows to a value,
 * met or not, and one Vietnamese sentence saying how it was counted and from which year's
 * decisions, for the villager at the tablet and the officer on the hub.
 */

/** The result of one computed item. */
export interface ComputedResult {
  compute: ComputationName;
  /** The share (0..1), or 1 / 0 for a yes-or-no fact; null when it cannot be computed. */
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** The share needed, for share computations. */
  atLeast: number | null;
  met: boolean;
  /** The year whose recognition decisions were counted; null when none are. */
  decisionsYear: number | null;
  /** How it was computed, in plain Vietnamese. */
  explanation: string;
}

/** A share as a Vietnamese percentage: 0.5 → "50 %", 0.675 → "67,5 %". */
export function percent(share: number): string {
  const rounded = Math.round(share * 1000) / 10;
  return `${String(rounded).replace('.', ',')} %`;
}

// n/d is correctly rounded, as is the literal atLeast, so an exact share equals its threshold; the
// epsilon only absorbs thresholds written with more digits than a double holds.
const reaches = (value: number, atLeast: number) => value >= atLeast - 1e-12;

const verdictWord = (met: boolean) => (met ? 'đạt' : 'chưa đạt');

/** The year whose decisions an item counts, for an assessment of `year`. */
export function decisionsYearOf(rule: Computation, year: number): number | null {
  if (!('decisionsOf' in rule)) return null;
  return rule.decisionsOf === 'previous-year' ? year - 1 : year;
}

/** Share of `numerator` over `denominator` against `atLeast`, with the sentence built by `say`. */
function share(
  rule: Computation & { atLeast: number },
  numerator: number,
  denominator: number,
  decisionsYear: number,
  say: (n: number, d: number) => string,
): ComputedResult {
  const value = numerator / denominator;
  const met = reaches(value, rule.atLeast);
  return {
    compute: rule.compute,
    value,
    numerator,
    denominator,
    atLeast: rule.atLeast,
    met,
    decisionsYear,
    explanation: `${say(numerator, denominator)} (theo quyết định năm ${decisionsYear}); cần ít nhất ${percent(rule.atLeast)}: ${verdictWord(met)}.`,
  };
}

/** A result that cannot be computed: not met, with the reason. */
function unknown(
  rule: Computation,
  decisionsYear: number | null,
  explanation: string,
  figures: { numerator?: number; denominator?: number } = {},
): ComputedResult {
  return {
    compute: rule.compute,
    value: null,
    numerator: figures.numerator ?? null,
    denominator: figures.denominator ?? null,
    atLeast: 'atLeast' in rule ? rule.atLeast : null,
    met: false,
    decisionsYear,
    explanation,
  };
}

const recognizedIn = (years: readonly number[], year: number) => years.includes(year);

/** Children of the household: with none of school age there is nothing to ask, and that holds. */
function childrenInSchool(rule: Computation, h: HouseholdSubjectFacts): ComputedResult {
  const base = { compute: rule.compute, numerator: null, denominator: null, atLeast: null, decisionsYear: null };
  if (h.schoolAgeChildren === 0) {
    return {
      ...base,
      value: 1,
      met: true,
      explanation: 'Gia đình không có cháu nào trong độ tuổi đi học: không phải xét, coi như đạt.',
    };
  }
  if (h.allChildrenInSchool === null) {
    return {
      ...base,
      value: null,
      met: false,
      explanation: `Gia đình có ${h.schoolAgeChildren} cháu trong độ tuổi đi học nhưng chưa khai các cháu có đi học đủ không: chưa đạt.`,
    };
  }
  return h.allChildrenInSchool
    ? {
        ...base,
        value: 1,
        met: true,
        explanation: `Cả ${h.schoolAgeChildren} cháu trong độ tuổi đi học của gia đình đều đang đi học: đạt.`,
      }
    : {
        ...base,
        value: 0,
        met: false,
        explanation: `Gia đình có ${h.schoolAgeChildren} cháu trong độ tuổi đi học nhưng chưa phải cháu nào cũng đi học: chưa đạt.`,
      };
}

function expect<K extends SubjectFacts['kind']>(
  facts: SubjectFacts,
  kind: K,
  rule: Computation,
): Extract<SubjectFacts, { kind: K }> {
  if (facts.kind !== kind) throw new Error(`${rule.compute} reads a ${kind}'s facts, got a ${facts.kind}'s`);
  return facts as Extract<SubjectFacts, { kind: K }>;
}

/**
 * One computed item for an assessment of `year`. Shares with nothing to count over (no adult
 * linked, a staff count of 0 or not entered) cannot be computed and are not met: the explanation
 * says what is missing. Yes-or-no facts with nothing to ask (no school-age child) are met.
 */
export function computeItem(rule: Computation, facts: SubjectFacts, year: number): ComputedResult {
  const dy = decisionsYearOf(rule, year);
  switch (rule.compute) {
    case 'household-adults-cdht-share': {
      const h = expect(facts, 'household', rule);
      const n = h.adults.filter((a) => recognizedIn(a.recognizedCdhtYears, dy!)).length;
      if (h.adults.length === 0)
        return unknown(rule, dy, 'Gia đình chưa liên kết người lớn nào: chưa tính được, chưa đạt.', {
          numerator: 0,
          denominator: 0,
        });
      return share(
        rule,
        n,
        h.adults.length,
        dy!,
        (a, b) => `${a} trong ${b} người lớn của gia đình đã là Công dân học tập`,
      );
    }
    case 'household-children-in-school':
      return childrenInSchool(rule, expect(facts, 'household', rule));
    case 'clan-households-family-share': {
      const c = expect(facts, 'clan', rule);
      if (c.households.length === 0)
        return unknown(rule, dy, 'Dòng họ chưa có gia đình nào đăng ký: chưa tính được, chưa đạt.', {
          numerator: 0,
          denominator: 0,
        });
      const n = c.households.filter((h) => recognizedIn(h.familyYears, dy!)).length;
      return share(
        rule,
        n,
        c.households.length,
        dy!,
        (a, b) => `${a} trong ${b} gia đình của dòng họ được công nhận Gia đình học tập`,
      );
    }
    case 'clan-children-in-school': {
      const c = expect(facts, 'clan', rule);
      const withChildren = c.households.filter((h) => h.schoolAgeChildren > 0);
      const base = { compute: rule.compute, atLeast: null, decisionsYear: null, denominator: withChildren.length };
      const out = withChildren.filter((h) => h.allChildrenInSchool === false).length;
      const unanswered = withChildren.filter((h) => h.allChildrenInSchool === null).length;
      if (withChildren.length === 0) {
        return {
          ...base,
          value: 1,
          numerator: 0,
          met: true,
          explanation: 'Không gia đình nào trong dòng họ có cháu trong độ tuổi đi học: không phải xét, coi như đạt.',
        };
      }
      if (out > 0) {
        return {
          ...base,
          value: 0,
          numerator: withChildren.length - out - unanswered,
          met: false,
          explanation: `${out} trong ${withChildren.length} gia đình có cháu trong độ tuổi đi học chưa cho các cháu đi học đủ: chưa đạt.`,
        };
      }
      if (unanswered > 0) {
        return {
          ...base,
          value: null,
          numerator: withChildren.length - unanswered,
          met: false,
          explanation: `${unanswered} trong ${withChildren.length} gia đình có cháu trong độ tuổi đi học chưa khai việc đi học của các cháu: chưa đạt.`,
        };
      }
      return {
        ...base,
        value: 1,
        numerator: withChildren.length,
        met: true,
        explanation: `Cả ${withChildren.length} gia đình có cháu trong độ tuổi đi học đều cho các cháu đi học đủ: đạt.`,
      };
    }
    case 'village-households-family-share': {
      const c = expect(facts, 'community', rule);
      const n = c.registeredHouseholds.filter((h) => recognizedIn(h.familyYears, dy!)).length;
      if (!c.households)
        return unknown(rule, dy, `Xã chưa nhập số hộ của ${c.village} năm ${year}: chưa tính được, chưa đạt.`, {
          numerator: n,
        });
      return share(
        rule,
        n,
        c.households,
        dy!,
        (a, b) => `${a} trong ${b} hộ của ${c.village} được công nhận Gia đình học tập`,
      );
    }
    case 'village-clans-share': {
      const c = expect(facts, 'community', rule);
      // Where no clan is registered (common in the South) there is nothing to count: the village is not held back by it.
      if (c.clans.length === 0) {
        return {
          compute: rule.compute,
          value: null,
          numerator: 0,
          denominator: 0,
          atLeast: rule.atLeast,
          met: true,
          decisionsYear: dy,
          explanation: `${c.village} không có dòng họ nào đăng ký: không phải xét, coi như đạt.`,
        };
      }
      const n = c.clans.filter((k) => recognizedIn(k.clanYears, dy!)).length;
      return share(
        rule,
        n,
        c.clans.length,
        dy!,
        (a, b) => `${a} trong ${b} dòng họ có gia đình ở ${c.village} được công nhận Dòng họ học tập`,
      );
    }
    case 'village-adults-cdht-share': {
      const c = expect(facts, 'community', rule);
      const n = c.cdhtRecognizedByYear[String(dy)] ?? 0;
      if (!c.adults)
        return unknown(rule, dy, `Xã chưa nhập số người lớn của ${c.village} năm ${year}: chưa tính được, chưa đạt.`, {
          numerator: n,
        });
      return share(
        rule,
        n,
        c.adults,
        dy!,
        (a, b) => `${a} trong ${b} người lớn của ${c.village} đã là Công dân học tập`,
      );
    }
    case 'unit-members-cdht-share': {
      const u = expect(facts, 'unit', rule);
      const n = u.members.filter((m) => recognizedIn(m.recognizedCdhtYears, dy!)).length;
      if (u.staffCount === null)
        return unknown(rule, dy, `Đơn vị chưa nhập số người năm ${year}: chưa tính được, chưa đạt.`, { numerator: n });
      if (u.staffCount === 0)
        return unknown(rule, dy, `Đơn vị ghi 0 người năm ${year}: chưa tính được, chưa đạt.`, {
          numerator: n,
          denominator: 0,
        });
      // The registry refuses such a count; should one come from elsewhere, it is not counted as a pass.
      if (u.staffCount < u.members.length) {
        return unknown(
          rule,
          dy,
          `Đơn vị ghi ${u.staffCount} người nhưng đã liên kết ${u.members.length} người: cần sửa số người, chưa đạt.`,
          { numerator: n, denominator: u.staffCount },
        );
      }
      return share(rule, n, u.staffCount, dy!, (a, b) => `${a} trong ${b} người của đơn vị đã là Công dân học tập`);
    }
  }
}
