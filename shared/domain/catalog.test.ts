import { describe, expect, it } from 'vitest';
import {
  endOfMonth,
  matchesFilter,
  meetsThisWeek,
  suggestForPlan,
  topicsOf,
  upcomingSessions,
  weakestIndicators,
  type CatalogItem,
} from './catalog.ts';

const now = new Date('2026-11-23T03:00:00Z'); // Monday 23/11/2026, 10:00 in Vietnam
const item = (over: Partial<CatalogItem> & { id: string }): CatalogItem => ({
  kind: 'printed',
  title: over.id,
  topic: 'Nông nghiệp',
  indicators: [],
  domains: [],
  audiences: [],
  sessions: [],
  ...over,
});
const at = (iso: string) => ({ startsAt: iso });

describe('filters', () => {
  const computer = item({
    id: 'computer',
    kind: 'class',
    topic: 'Kỹ năng số',
    indicators: ['CS05'],
    sessions: [at('2026-11-25T01:00:00Z'), at('2026-12-09T01:00:00Z')],
  });
  const later = item({
    id: 'later',
    kind: 'class',
    topic: 'Kỹ năng số',
    indicators: ['CS05'],
    sessions: [at('2026-12-01T01:00:00Z')],
  });
  const rice = item({ id: 'rice', indicators: ['CS07', 'CS01'] });

  it.each<[string, Parameters<typeof matchesFilter>[1], string[]]>([
    ['nothing chosen keeps all', {}, ['computer', 'later', 'rice']],
    ['by kind', { kind: 'printed' }, ['rice']],
    ['by topic', { topic: 'Kỹ năng số' }, ['computer', 'later']],
    ['by indicator', { indicator: 'CS01' }, ['rice']],
    ['this week: a session within seven days', { thisWeek: true }, ['computer']],
    ['filters combine', { indicator: 'CS05', thisWeek: true }, ['computer']],
    ['an indicator nothing helps with', { indicator: 'CS10' }, []],
  ])('%s', (_name, filter, ids) => {
    expect([computer, later, rice].filter((r) => matchesFilter(r, filter, now)).map((r) => r.id)).toEqual(ids);
  });

  it('"this week" counts from now: a session earlier today or eight days on is out', () => {
    expect(meetsThisWeek(item({ id: 'a', kind: 'class', sessions: [at('2026-11-23T02:00:00Z')] }), now)).toBe(false);
    expect(meetsThisWeek(item({ id: 'b', kind: 'class', sessions: [at('2026-11-30T02:59:00Z')] }), now)).toBe(true);
    expect(meetsThisWeek(item({ id: 'c', kind: 'class', sessions: [at('2026-12-01T03:00:00Z')] }), now)).toBe(false);
    expect(meetsThisWeek(item({ id: 'd', kind: 'printed', sessions: [at('2026-11-24T02:00:00Z')] }), now)).toBe(false);
  });

  it('topics are distinct and in Vietnamese order', () => {
    expect(
      topicsOf([{ topic: 'Sức khỏe' }, { topic: 'Chăn nuôi' }, { topic: 'Sức khỏe' }, { topic: 'Dịch vụ công' }]),
    ).toEqual(['Chăn nuôi', 'Dịch vụ công', 'Sức khỏe']);
  });

  it('upcoming sessions are the ones still to come, earliest first', () => {
    expect(
      upcomingSessions(
        { sessions: [at('2026-12-09T01:00:00Z'), at('2026-11-20T01:00:00Z'), at('2026-11-25T01:00:00Z')] },
        now,
      ),
    ).toEqual(['2026-11-25T01:00:00Z', '2026-12-09T01:00:00Z']);
  });
});

describe('the learning plan', () => {
  it('weakest indicators: below the minimum first, then the lowest scores', () => {
    expect(weakestIndicators({ CS01: 9, CS02: 4, CS03: 6, CS04: 8, CS05: 3, CS06: undefined }, 5)).toEqual([
      'CS05',
      'CS02',
      'CS03',
    ]);
    expect(weakestIndicators({ CS01: 9, CS02: 7, CS03: 7 }, 5, 2)).toEqual(['CS02', 'CS03']);
    expect(weakestIndicators({}, 5)).toEqual([]);
  });

  it('suggests what helps the weakest needs first, then classes coming soonest; leaves out past classes and other groups', () => {
    const items = [
      item({ id: 'scam-video', kind: 'video', indicators: ['CS05'], domains: ['safety'] }),
      item({ id: 'computer-soon', kind: 'class', indicators: ['CS05'], sessions: [at('2026-11-25T01:00:00Z')] }),
      item({ id: 'computer-later', kind: 'class', indicators: ['CS05'], sessions: [at('2026-12-10T01:00:00Z')] }),
      item({ id: 'computer-past', kind: 'class', indicators: ['CS05'], sessions: [at('2026-11-01T01:00:00Z')] }),
      item({ id: 'health', indicators: ['CS08'] }),
      item({ id: 'library', indicators: ['CS03'] }),
      item({ id: 'for-students', indicators: ['CS05'], audiences: ['hoc-sinh'] }),
      item({ id: 'vneid-link', kind: 'link', indicators: ['CS05'] }),
    ];
    const plan = suggestForPlan(items, { indicators: ['CS05', 'CS03'], domains: ['safety'], group: 'nguoi-lon' }, now);
    expect(plan.map((s) => s.item.id)).toEqual([
      'scam-video',
      'computer-soon',
      'computer-later',
      'vneid-link',
      'library',
    ]);
    expect(plan[0]!.helps).toEqual(['CS05', 'safety']);
    expect(plan[1]!.upcoming).toEqual(['2026-11-25T01:00:00Z']);
  });

  it('nothing to suggest when nothing helps', () => {
    expect(
      suggestForPlan([item({ id: 'x', indicators: ['CS09'] })], { indicators: ['CS01'], domains: [] }, now),
    ).toEqual([]);
  });

  it('end of month, across a year end and for February', () => {
    expect(endOfMonth('2026-11-23', 0)).toBe('2026-11-30');
    expect(endOfMonth('2026-11-23', 1)).toBe('2026-12-31');
    expect(endOfMonth('2026-11-23', 3)).toBe('2027-02-28');
    expect(endOfMonth('2027-12-05', 2)).toBe('2028-02-29');
  });
});
