import { describe, expect, it } from 'vitest';
import { SlipGuard } from './slip-guard.ts';

const T0 = Date.parse('2026-11-23T03:00:00Z');

describe('SlipGuard', () => {
  it('lets a client fail 10 times, then makes it wait 2 s, doubling', () => {
    const guard = new SlipGuard();
    for (let i = 0; i < 11; i++) {
      expect(guard.begin('10.0.0.7', `CODE${i}`, T0)).toBe(0);
      guard.settle('10.0.0.7', `CODE${i}`, 'fail', T0);
    }
    expect(guard.begin('10.0.0.7', 'OTHER', T0)).toBe(2);
    expect(guard.begin('10.0.0.7', 'OTHER', T0 + 2_000)).toBe(0);
    guard.settle('10.0.0.7', 'OTHER', 'fail', T0 + 2_000);
    expect(guard.begin('10.0.0.7', 'NEXT', T0 + 2_000)).toBe(4);
  });

  it('holds a place for each attempt in flight, so a burst gets no more than the free guesses', () => {
    const guard = new SlipGuard();
    const went = Array.from({ length: 20 }, (_, i) => guard.begin(`10.0.1.${i}`, 'ABC234', T0)).filter((w) => w === 0);
    expect(went).toHaveLength(5);
  });

  it("a proven slip clears its code's failures but never the client's", () => {
    const guard = new SlipGuard();
    for (let i = 0; i < 5; i++) {
      guard.begin('10.0.0.9', 'ABC234', T0);
      guard.settle('10.0.0.9', 'ABC234', 'fail', T0);
    }
    guard.begin('10.0.0.8', 'ABC234', T0);
    guard.settle('10.0.0.8', 'ABC234', 'ok', T0);
    for (let i = 0; i < 5; i++) {
      expect(guard.begin('10.0.0.9', `X${i}`, T0)).toBe(0);
      guard.settle('10.0.0.9', `X${i}`, 'fail', T0);
    }
    // Ten failures from 10.0.0.9 now: one more goes, and sets the wait.
    expect(guard.begin('10.0.0.9', 'ABC234', T0)).toBe(0);
    guard.settle('10.0.0.9', 'ABC234', 'fail', T0);
    expect(guard.begin('10.0.0.9', 'ABC234', T0)).toBeGreaterThan(0);
  });
});
