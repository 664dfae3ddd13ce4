import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { splitArgs, parsePromptLine, INVALID_ARGUMENTS, INVALID_REPEAT } from '../../src/repl/split-args.js';

describe('splitArgs — sdssplitargs as redis-cli 7.0 uses it', () => {
  it('whitespace separates arguments; runs of blanks count once', () => {
    expect(splitArgs('set  k\tv')).toEqual(['set', 'k', 'v']);
    expect(splitArgs('   ping   ')).toEqual(['ping']);
  });

  it('a blank or empty line gives no arguments', () => {
    expect(splitArgs('')).toEqual([]);
    expect(splitArgs('   \t  ')).toEqual([]);
    expect(splitArgs('\v\f')).toEqual([]);
  });

  it('double quotes keep spaces and support \\n \\r \\t \\b \\a and \\<other>', () => {
    expect(splitArgs('set k "a b"')).toEqual(['set', 'k', 'a b']);
    expect(splitArgs('"\\n\\r\\t\\b\\a\\q\\\\\\""')).toEqual(['\n\r\t\b\x07q\\"']);
  });

  it('\\xHH inside double quotes is one byte (either hex case); an incomplete \\x is a literal x', () => {
    expect(splitArgs('"\\xe2\\x82\\xAC"')).toEqual(['\xe2\x82\xac']);
    expect(splitArgs('"\\x4"')).toEqual(['x4']);
    expect(splitArgs('"\\xzz"')).toEqual(['xzz']);
  });

  it('single quotes are literal except \\\'', () => {
    expect(splitArgs("'a \\n b'")).toEqual(['a \\n b']);
    expect(splitArgs("'it\\'s'")).toEqual(["it's"]);
  });

  it('escapes outside quotes are literal', () => {
    expect(splitArgs('a\\nb')).toEqual(['a\\nb']);
  });

  it('quotes may start mid-token', () => {
    expect(splitArgs('a"b c"')).toEqual(['ab c']);
    expect(splitArgs("x'y z'")).toEqual(['xy z']);
  });

  it('an empty quoted string is an argument', () => {
    expect(splitArgs('set k ""')).toEqual(['set', 'k', '']);
  });

  it('a closing quote followed by a non-space fails the whole line', () => {
    expect(splitArgs('set k "a"b')).toBeNull();
    expect(splitArgs("set k 'a'b")).toBeNull();
    expect(splitArgs('"a""b"')).toBeNull();
  });

  it('a closing quote followed by any C whitespace is fine', () => {
    expect(splitArgs('"a"\tb')).toEqual(['a', 'b']);
    expect(splitArgs('"a"\vb')).toEqual(['a', 'b']);
  });

  it('an unterminated quote fails the whole line', () => {
    expect(splitArgs('set k "abc')).toBeNull();
    expect(splitArgs("set k 'abc")).toBeNull();
    expect(splitArgs('set k "abc\\"')).toBeNull();
    expect(splitArgs('"\\')).toBeNull();
  });

  it('\\v and \\f are skipped between arguments but do not end a token', () => {
    expect(splitArgs('a\vb')).toEqual(['a\vb']);
  });

  it('control characters outside quotes are kept as bytes', () => {
    expect(splitArgs('set k a\x01\x1bb')).toEqual(['set', 'k', 'a\x01\x1bb']);
  });

  it('a NUL ends the line, as in a C string', () => {
    expect(splitArgs('get a\x00 b')).toEqual(['get', 'a']);
  });

  it('Unicode text is UTF-8 encoded into byte strings', () => {
    expect(splitArgs('set 键 "€ ok"')).toEqual(['set', '\xe9\x94\xae', '\xe2\x82\xac ok']);
    expect(splitArgs('set k 😀')).toEqual(['set', 'k', '\xf0\x9f\x98\x80']);
  });

  it('a 1 MB argument survives intact', () => {
    const big = 'x'.repeat(1024 * 1024);
    const argv = splitArgs(`set k ${big}`)!;
    expect(argv[2].length).toBe(1024 * 1024);
    expect(splitArgs(`set k "${big}"`)![2]).toBe(big);
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const r = splitArgs(s);
        expect(r === null || Array.isArray(r)).toBe(true);
      }),
    );
  });

  it('quoting any argument list with \\xHH escapes splits back to the same bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 6 }), (args) => {
        const bytes = args.map((a) => Buffer.from(a, 'utf8').toString('latin1'));
        const quoted = bytes
          .map((b) => '"' + [...b].map((ch) => '\\x' + ch.charCodeAt(0).toString(16).padStart(2, '0')).join('') + '"')
          .join(' ');
        expect(splitArgs(quoted)).toEqual(bytes);
      }),
    );
  });
});

describe('parsePromptLine — redis-cli repl()', () => {
  it('a blank line does nothing', () => {
    expect(parsePromptLine('  ')).toEqual({ kind: 'blank' });
  });

  it('an unsplittable line says Invalid argument(s)', () => {
    expect(parsePromptLine('set a "b')).toEqual({ kind: 'invalid', message: INVALID_ARGUMENTS });
  });

  it('a leading positive integer with more arguments repeats the command', () => {
    expect(parsePromptLine('3 ping')).toEqual({ kind: 'command', words: ['3', 'ping'], argv: ['ping'], repeat: 3 });
    expect(parsePromptLine('+2 ping')).toEqual({ kind: 'command', words: ['+2', 'ping'], argv: ['ping'], repeat: 2 });
  });

  it('a lone integer is a command, not a repeat', () => {
    expect(parsePromptLine('3')).toEqual({ kind: 'command', words: ['3'], argv: ['3'], repeat: 1 });
  });

  it('zero, negative, empty and overflowing repeat counts are refused', () => {
    for (const l of ['0 ping', '-2 ping', '"" ping', '99999999999999999999 ping']) {
      expect(parsePromptLine(l)).toEqual({ kind: 'invalid', message: INVALID_REPEAT });
    }
  });

  it('a number with trailing text is an ordinary argument', () => {
    expect(parsePromptLine('3x ping')).toEqual({ kind: 'command', words: ['3x', 'ping'], argv: ['3x', 'ping'], repeat: 1 });
  });
});
