import { describe, expect, it } from 'vitest';
import { digitalDomainIds, householdSkillIds, practicalTaskTypes } from './digital-bank.ts';
import { shipped } from './digital-bank.test-setup.ts';

describe('the shipped default bank (kiosk-config/digital/digital-2025.json)', () => {
  it('parses and says it is a default to be replaced', () => {
    expect(shipped.id).toBe('digital-2025');
    expect(shipped.isDefault).toBe(true);
    expect(shipped.notice).toContain('thay bằng bộ của tỉnh');
  });

  it('has at least 40 items with ids in sequence', () => {
    expect(shipped.items.length).toBeGreaterThanOrEqual(40);
    expect(shipped.items.map((i) => i.id)).toEqual(shipped.items.map((_, n) => `DS${String(n + 1).padStart(2, '0')}`));
  });

  it('covers all six domains and all five household skills', () => {
    expect(shipped.domains.map((d) => d.id)).toEqual([...digitalDomainIds]);
    expect(shipped.householdSkills.map((s) => s.id)).toEqual([...householdSkillIds]);
    for (const id of digitalDomainIds)
      expect(shipped.items.filter((i) => i.domain === id).length, id).toBeGreaterThanOrEqual(4);
    for (const id of householdSkillIds)
      expect(shipped.items.filter((i) => i.skills.includes(id)).length, id).toBeGreaterThanOrEqual(2);
  });

  it('has every practical type at least twice', () => {
    for (const type of practicalTaskTypes) {
      expect(
        shipped.items.filter((i) => i.kind === 'practical' && i.task.type === type).length,
        type,
      ).toBeGreaterThanOrEqual(2);
    }
  });

  it('mixes self-ratings, knowledge questions and practical tasks', () => {
    const count = (kind: string) => shipped.items.filter((i) => i.kind === kind).length;
    expect(count('self-rating')).toBeGreaterThanOrEqual(15);
    expect(count('choice')).toBeGreaterThanOrEqual(10);
    expect(count('practical')).toBeGreaterThanOrEqual(13);
  });

  it('has the five rating steps, the level thresholds and the flag rule', () => {
    expect(shipped.ratingSteps).toEqual([
      'Chưa làm được',
      'Làm được khi có người giúp',
      'Tự làm được',
      'Làm thành thạo',
      'Hướng dẫn được người khác',
    ]);
    expect(shipped.levels).toEqual({ basic: 0.5, proficient: 0.8 });
    expect(shipped.flags.hasDigitalSkills).toEqual({ minOverall: 'co-ban', minDomainsAtBasic: 4 });
    expect(shipped.flags.proficient).toEqual({ minOverall: 'thanh-thao', minPracticalShare: 0.75 });
    expect(shipped.retake).toEqual({ minDays: 30, orAfterLesson: true });
  });

  it('gives every item the default weight 1', () => {
    expect(shipped.items.every((i) => i.weight === 1)).toBe(true);
  });
});
