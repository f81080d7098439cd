import { describe, expect, it } from 'vitest';
import { chinaDate, chinaDateTime, chinaDay, chinaMidnight, chinaYear } from './china-time.js';

describe('Beijing time', () => {
  it('a UTC evening is already the next China day (and year)', () => {
    const d = new Date('2025-12-31T16:30:05Z'); // 2026-01-01 00:30:05 in Beijing
    expect(chinaDay(d)).toBe('2026-01-01');
    expect(chinaYear(d)).toBe(2026);
    expect(chinaDate(d)).toBe('2026/01/01');
    expect(chinaDateTime(d)).toBe('2026/01/01 00:30:05');
    expect(chinaMidnight(d).toISOString()).toBe('2025-12-31T16:00:00.000Z');
  });
  it('a UTC morning is the same China day', () => {
    const d = new Date('2026-03-10T02:00:00Z');
    expect(chinaDay(d)).toBe('2026-03-10');
    expect(chinaDateTime(d)).toBe('2026/03/10 10:00:00');
    expect(chinaMidnight(d).toISOString()).toBe('2026-03-09T16:00:00.000Z');
  });
});
