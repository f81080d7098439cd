import { describe, it, expect } from 'vitest';
import { Decimal } from 'decimal.js';
import { money, decimals, isValidAmount, roundTo, toFixed, formatCny, sum, ZERO, Dec } from './money.js';

describe('money parsing', () => {
  it('accepts plain decimal strings and Decimal values', () => {
    expect(money('1000.00').toFixed(2)).toBe('1000.00');
    expect(money(' -12.5 ').toFixed()).toBe('-12.5');
    expect(money('0').isZero()).toBe(true);
    expect(money(new Decimal('3.14')).toFixed()).toBe('3.14');
    expect(money(new Dec('2.5')).toFixed()).toBe('2.5');
    expect(money(42).toFixed()).toBe('42');
  });

  it('refuses JS floats', () => {
    expect(() => money(0.1)).toThrow(RangeError);
    expect(() => money(1.5)).toThrow(RangeError);
    expect(() => money(Number.NaN)).toThrow(RangeError);
    expect(() => money(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => money(2 ** 60)).toThrow(RangeError); // beyond safe integers a number is already inexact
  });

  it.each(['', ' ', 'abc', '1e5', '1E-2', '0x10', '1.2.3', '1,000.00', '¥100', '+1', '.5', '5.', 'NaN', 'Infinity', '--1', '1 000'])(
    'refuses garbage %j',
    (s) => {
      expect(() => money(s)).toThrow(RangeError);
      expect(isValidAmount(s, 8)).toBe(false);
    },
  );

  it('refuses more than 18 integer digits', () => {
    expect(() => money('1234567890123456789')).toThrow(RangeError);
    expect(money('123456789012345678').toFixed()).toBe('123456789012345678');
  });

  it('refuses Decimal values that are not finite', () => {
    expect(() => money(new Decimal(NaN))).toThrow(RangeError);
    expect(() => money(new Decimal(Infinity))).toThrow(RangeError);
  });
});

describe('decimals', () => {
  it('counts significant decimal places', () => {
    expect(decimals(money('1'))).toBe(0);
    expect(decimals(money('1.5'))).toBe(1);
    expect(decimals(money('1.50'))).toBe(1); // trailing zeros are not precision
    expect(decimals(money('0.00000001'))).toBe(8);
  });

  it('validates the allowed scale without rounding', () => {
    expect(isValidAmount('1000.00', 2)).toBe(true);
    expect(isValidAmount('1000.001', 2)).toBe(false);
    expect(isValidAmount('1000.00100000', 2)).toBe(false);
    expect(isValidAmount('0.12345678', 8)).toBe(true);
    expect(isValidAmount('0.123456789', 8)).toBe(false);
  });
});

describe('rounding', () => {
  it('rounds half-up (away from zero on the half)', () => {
    expect(roundTo(money('2.345')).toFixed(2)).toBe('2.35');
    expect(roundTo(money('2.344999')).toFixed(2)).toBe('2.34');
    expect(roundTo(money('-2.345')).toFixed(2)).toBe('-2.35');
    expect(roundTo(money('0.125')).toFixed(2)).toBe('0.13'); // banker's rounding would give 0.12
    expect(roundTo(money('1.123456785'), 8).toFixed(8)).toBe('1.12345679');
  });

  it('toFixed pads and rounds half-up', () => {
    expect(toFixed(money('1000'))).toBe('1000.00');
    expect(toFixed(money('0.005'))).toBe('0.01');
    expect(toFixed(money('1.5'), 8)).toBe('1.50000000');
  });
});

describe('formatCny', () => {
  it('formats with the yuan sign, thousands separators and 2 decimals', () => {
    expect(formatCny('1000')).toBe('¥1,000.00');
    expect(formatCny(money('1234567.891'))).toBe('¥1,234,567.89');
    expect(formatCny('0')).toBe('¥0.00');
    expect(formatCny('999.995')).toBe('¥1,000.00');
    expect(formatCny('-1500.5')).toBe('-¥1,500.50');
  });

  it('never shows a negative zero', () => {
    expect(formatCny('-0.001')).toBe('¥0.00');
    expect(formatCny('-0')).toBe('¥0.00');
  });
});

describe('sum', () => {
  it('is exact where floats are not', () => {
    expect(0.1 + 0.2).not.toBe(0.3); // the reason this module exists
    expect(sum([money('0.1'), money('0.2')]).eq(money('0.3'))).toBe(true);
    expect(sum([money('0.1'), money('0.2')]).toFixed()).toBe('0.3');
  });

  it('adds many cents without drift', () => {
    const cents = Array.from({ length: 10_000 }, () => money('0.01'));
    expect(sum(cents).toFixed(2)).toBe('100.00');
  });

  it('of nothing is zero', () => {
    expect(sum([]).eq(ZERO)).toBe(true);
  });

  it('keeps 8-decimal incentive amounts exact at the numeric(24,8) range', () => {
    expect(sum([money('9999999999999999.99999999'), money('0.00000001')]).toFixed()).toBe('10000000000000000');
  });
});
