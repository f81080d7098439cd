import { afterEach, describe, expect, it } from 'vitest';
import { addDays, addMonths, clock, DAY_MS } from './clock.js';

afterEach(() => clock.reset());

describe('clock', () => {
  it('follows the system clock by default', () => {
    const before = Date.now();
    const now = clock.nowMs();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now - Date.now()).toBeLessThanOrEqual(0);
  });

  it('can be frozen, advanced and reset', () => {
    clock.set('2026-01-31T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-01-31T00:00:00.000Z');
    clock.advance(7 * DAY_MS);
    expect(clock.now().toISOString()).toBe('2026-02-07T00:00:00.000Z');
    clock.reset();
    expect(Math.abs(clock.nowMs() - Date.now())).toBeLessThan(1000);
  });

  it('advances a running clock by an offset', () => {
    clock.advance(DAY_MS);
    expect(clock.nowMs() - Date.now()).toBeGreaterThan(DAY_MS - 1000);
  });

  it('adds days and calendar months, clamping to the month end (3-month windows)', () => {
    expect(addDays(new Date('2026-02-27T10:00:00Z'), 2).toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(addMonths(new Date('2026-11-30T00:00:00Z'), 3).toISOString()).toBe('2027-02-28T00:00:00.000Z');
    expect(addMonths(new Date('2026-01-31T00:00:00Z'), 1).toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(addMonths(new Date('2028-01-31T00:00:00Z'), 1).toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(addMonths(new Date('2026-05-15T08:00:00Z'), -3).toISOString()).toBe('2026-02-15T08:00:00.000Z');
  });
});
