import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addLongDouble,
  formatDouble17g,
  formatLongDoubleHuman,
  parseDouble,
  parseLongDouble,
  parseLongLong,
} from '../../../src/redis/commands/numbers.js';
import { stringMatch } from '../../../src/redis/commands/glob.js';

describe('number parsing and printing', () => {
  it('parseLongLong — string2ll is strict about signs, zeros, spaces and range', () => {
    expect(parseLongLong('0')).toBe(0);
    expect(parseLongLong('-42')).toBe(-42);
    // LLONG_MAX as the nearest double, 2^63.
    expect(parseLongLong('9223372036854775807')).toBe(2 ** 63);
    for (const bad of ['', '-', '-0', '+1', '01', ' 1', '1 ', '1.0', '9223372036854775808', '1e3']) {
      expect(parseLongLong(bad), bad).toBeNull();
    }
  });

  it('parseDouble — string2d accepts inf and exponents, rejects spaces, nan and overflow', () => {
    expect(parseDouble('1.5')).toBe(1.5);
    expect(parseDouble('-inf')).toBe(-Infinity);
    expect(parseDouble('+Infinity')).toBe(Infinity);
    expect(parseDouble('1e3')).toBe(1000);
    expect(parseDouble('.5')).toBe(0.5);
    expect(parseDouble('0x10')).toBe(16);
    for (const bad of ['', ' 1', '1 ', 'nan', '1e400', '1e-400', 'abc', '1e']) expect(parseDouble(bad), bad).toBeNull();
  });

  it('formatDouble17g — matches printf("%.17g") on known values', () => {
    expect(formatDouble17g(0.1)).toBe('0.10000000000000001');
    expect(formatDouble17g(1.5)).toBe('1.5');
    expect(formatDouble17g(3)).toBe('3');
    expect(formatDouble17g(-0)).toBe('-0');
    expect(formatDouble17g(1e20)).toBe('1e+20');
    expect(formatDouble17g(1e-5)).toBe('1.0000000000000001e-05');
    expect(formatDouble17g(0.0001)).toBe('0.0001');
    expect(formatDouble17g(2 ** 60)).toBe('1.152921504606847e+18');
    expect(formatDouble17g(Infinity)).toBe('inf');
  });

  it('formatDouble17g — always reads back as the same double (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Number(formatDouble17g(x))).toBe(x);
      }),
    );
  });

  it('long double — 80-bit arithmetic gives the results real Redis prints', () => {
    const add = (a: string, b: string) => {
      const r = addLongDouble(parseLongDouble(a)!, parseLongDouble(b)!);
      return r === 'nan' ? 'nan' : formatLongDoubleHuman(r);
    };
    expect(add('0', '0.1')).toBe('0.1');
    expect(add('0.1', '0.2')).toBe('0.3');
    expect(add('100.1', '0.2')).toBe('100.3');
    expect(add('10.5', '0.1')).toBe('10.6');
    expect(add('0', '1.23456789012345678')).toBe('1.23456789012345678');
    expect(add('0', '123456789.987654321')).toBe('123456789.98765432099753525');
    expect(add('5', '-5')).toBe('0');
    expect(add('inf', '-inf')).toBe('nan');
  });
});

describe('glob matching (stringmatchlen)', () => {
  it('supports *, ?, classes, ranges, negation and escapes', () => {
    expect(stringMatch('h?llo', 'hello')).toBe(true);
    expect(stringMatch('h*llo', 'heeeello')).toBe(true);
    expect(stringMatch('h[ae]llo', 'hallo')).toBe(true);
    expect(stringMatch('h[^e]llo', 'hello')).toBe(false);
    expect(stringMatch('h[a-b]llo', 'hbllo')).toBe(true);
    expect(stringMatch('a\\*b', 'a*b')).toBe(true);
    expect(stringMatch('a\\*b', 'axb')).toBe(false);
    expect(stringMatch('*[', 'x[')).toBe(false); // an unterminated class matches nothing
    expect(stringMatch('K*', 'key')).toBe(false);
    expect(stringMatch('K*', 'key', true)).toBe(true);
  });

  it('an escaped copy of any string matches exactly that string (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const escaped = a.replace(/[*?[\]\\]/g, (c) => '\\' + c);
        expect(stringMatch(escaped, a)).toBe(true);
        expect(stringMatch(escaped, b)).toBe(a === b);
        expect(stringMatch('*', b)).toBe(true);
      }),
    );
  });
});
