// grep's matcher: GNU grep's answers for basic and extended patterns, in linear time.
import { describe, expect, it } from 'vitest';
import { compileGrepPattern, GrepPatternError } from '../../src/repl/grep-match.js';

const LINES = ['port 6380', '( +)+x', 'abbbc', 'ab+c', 'ac', 'abc', '*a', 'PORT'];

/** How many of LINES match, or GNU grep's error message. */
function count(pattern: string, extended: boolean, ignoreCase = false): number | string {
  try {
    const m = compileGrepPattern(pattern, { extended, ignoreCase });
    return LINES.filter(m).length;
  } catch (e) {
    if (e instanceof GrepPatternError) return e.message;
    throw e;
  }
}

describe('grep patterns — the counts GNU grep 3.x gives (grep -c / grep -cE)', () => {
  // [pattern, basic, extended], recorded from GNU grep on the same lines.
  const cases: Array<[string, number | string, number | string]> = [
    ['( +)+x', 1, 0],
    ['a\\(b\\)*c', 3, 0],
    ['ab\\+c', 2, 1],
    ['ab+c', 1, 2],
    ['^por', 1, 1],
    ['t$', 0, 0],
    ['[[:digit:]]\\{4\\}', 1, 0],
    ['x\\|port', 2, 0],
    ['\\(', 'Unmatched ( or \\(', 1],
    ['[', 'Invalid regular expression', 'Invalid regular expression'],
    ['a\\{2,1\\}', 'Invalid content of \\{\\}', 0],
    ['*a', 1, 5],
    ['p.r', 1, 1],
    ['[^a-z ]', 5, 5],
  ];
  for (const [pattern, basic, extended] of cases) {
    it(`${pattern} → ${basic} (basic), ${extended} (extended)`, () => {
      expect(count(pattern, false)).toBe(basic);
      expect(count(pattern, true)).toBe(extended);
    });
  }

  it('-i folds case in literals and ranges', () => {
    expect(count('port', false, true)).toBe(2);
    expect(count('^[p-p]ORT$', false, true)).toBe(1);
  });
});

describe('grep patterns — no catastrophic backtracking', () => {
  it('( +)+x (-E) over a line of 100,000 spaces answers no match, in one pass', () => {
    const m = compileGrepPattern('( +)+x', { extended: true, ignoreCase: false });
    expect(m(' '.repeat(100_000))).toBe(false);
    expect(m(' '.repeat(100_000) + 'x')).toBe(true);
  });

  it('(a|aa)*b and (a*)*b over 50,000 a’s answer no match', () => {
    for (const p of ['(a|aa)*b', '(a*)*b', '(a?){30}a{30}b']) {
      expect(compileGrepPattern(p, { extended: true, ignoreCase: false })('a'.repeat(50_000)), p).toBe(false);
    }
  });

  it('a pattern whose automaton would be huge is refused at once (GNU grep spends more than 20 s building it)', () => {
    expect(() => compileGrepPattern('(a{1000}){1000}', { extended: true, ignoreCase: false })).toThrow('Regular expression too big');
  });
});
