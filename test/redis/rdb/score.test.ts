import { describe, expect, it } from 'vitest';
import { d2string, strtod } from '../../../src/redis/rdb/score.js';

describe('zset scores as text (d2string, %.17g)', () => {
  it('prints integral scores within ±2^52 as integers, keeping the sign of -0', () => {
    expect(d2string(1)).toBe('1');
    expect(d2string(-3)).toBe('-3');
    expect(d2string(0)).toBe('0');
    expect(d2string(-0)).toBe('-0');
    expect(d2string(4503599627370495)).toBe('4503599627370495');
  });

  it('prints everything else like printf("%.17g") (values checked against C)', () => {
    expect(d2string(2.5)).toBe('2.5');
    expect(d2string(0.1)).toBe('0.10000000000000001');
    expect(d2string(-3.14159)).toBe('-3.1415899999999999');
    expect(d2string(1 / 3)).toBe('0.33333333333333331');
    expect(d2string(1.5e-7)).toBe('1.4999999999999999e-07');
    expect(d2string(1e-5)).toBe('1.0000000000000001e-05');
    expect(d2string(0.0001)).toBe('0.0001');
    expect(d2string(1e16)).toBe('10000000000000000');
    expect(d2string(1e17)).toBe('1e+17');
    expect(d2string(1e20)).toBe('1e+20');
    expect(d2string(4503599627370496)).toBe('4503599627370496');
    expect(d2string(4503599627370495.5)).toBe('4503599627370495.5');
    expect(d2string(5e-324)).toBe('4.9406564584124654e-324');
    expect(d2string(1.7976931348623157e308)).toBe('1.7976931348623157e+308');
  });

  it('prints infinities as inf and -inf', () => {
    expect(d2string(Infinity)).toBe('inf');
    expect(d2string(-Infinity)).toBe('-inf');
  });

  it('reads back every printed form exactly (strtod)', () => {
    for (const x of [2.5, 0.1, -0, 1e20, 1.5e-7, 5e-324, Infinity, -Infinity, 1 / 3, 4503599627370496]) {
      expect(Object.is(strtod(d2string(x)), x)).toBe(true);
    }
    expect(strtod('+inf')).toBe(Infinity);
    expect(strtod('-Infinity')).toBe(-Infinity);
    expect(strtod('nan')).toBeNaN();
  });
});
