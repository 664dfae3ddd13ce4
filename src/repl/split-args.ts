/**
 * Argument splitting exactly like redis-cli 7.0's interactive prompt (sds.c:sdssplitargs()), plus
 * the `N command` repeat prefix (redis-cli.c:repl()). Typed text is UTF-8 encoded into byte strings.
 */

import { utf8ToBytes } from '../redis/bytes.js';

/** C's isspace() in the "C" locale: space, \t, \n, \v, \f, \r. */
function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
}

function isHexDigit(c: string | undefined): boolean {
  return c !== undefined && /^[0-9a-fA-F]$/.test(c);
}

/**
 * Split one typed line into argv byte strings, or null when sdssplitargs fails (an unterminated
 * quote, or a closing quote followed by something other than a space): redis-cli then prints
 * `Invalid argument(s)`. A blank line gives []. Examples:
 *   `set k "a b"`      → ['set', 'k', 'a b']
 *   `set k a"b c"d`    → null (closing quote followed by `d`)
 *   `set k "\xe2\x82\xac"` → ['set', 'k', '\xe2\x82\xac'] (the bytes of "€")
 */
export function splitArgs(line: string): string[] | null {
  // The line is a C string: a NUL byte ends it.
  let bytes = utf8ToBytes(line);
  const nul = bytes.indexOf('\0');
  if (nul >= 0) bytes = bytes.slice(0, nul);
  return splitArgBytes(bytes);
}

/**
 * sdssplitargs() over a byte string (one char per byte, see src/redis/bytes.ts): what a server does
 * with an inline command. Same results and the same null as splitArgs.
 */
export function splitArgBytes(bytes: string): string[] | null {
  const argv: string[] = [];
  let p = 0;
  const at = (i: number): string | undefined => (i < bytes.length ? bytes[i] : undefined);
  for (;;) {
    while (p < bytes.length && isSpace(bytes[p])) p++;
    if (p >= bytes.length) return argv;

    let inDoubleQuotes = false;
    let inSingleQuotes = false;
    let done = false;
    let current = '';
    while (!done) {
      const c = at(p);
      if (inDoubleQuotes) {
        if (c === '\\' && at(p + 1) === 'x' && isHexDigit(at(p + 2)) && isHexDigit(at(p + 3))) {
          current += String.fromCharCode(parseInt(bytes.slice(p + 2, p + 4), 16));
          p += 3;
        } else if (c === '\\' && at(p + 1) !== undefined) {
          p++;
          const e = bytes[p];
          current += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e === 'b' ? '\b' : e === 'a' ? '\x07' : e;
        } else if (c === '"') {
          // The closing quote must be followed by a space or nothing at all.
          if (at(p + 1) !== undefined && !isSpace(at(p + 1))) return null;
          done = true;
        } else if (c === undefined) {
          return null; // unterminated quotes
        } else {
          current += c;
        }
      } else if (inSingleQuotes) {
        if (c === '\\' && at(p + 1) === "'") {
          p++;
          current += "'";
        } else if (c === "'") {
          if (at(p + 1) !== undefined && !isSpace(at(p + 1))) return null;
          done = true;
        } else if (c === undefined) {
          return null;
        } else {
          current += c;
        }
      } else {
        // Outside quotes only these four end a token (not \v or \f, unlike the blank skipping).
        if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === undefined) done = true;
        else if (c === '"') inDoubleQuotes = true;
        else if (c === "'") inSingleQuotes = true;
        else current += c;
      }
      if (p < bytes.length) p++;
    }
    argv.push(current);
  }
}

/** The error redis-cli prints for a line sdssplitargs rejects. */
export const INVALID_ARGUMENTS = 'Invalid argument(s)';
/** The error redis-cli prints for a repeat prefix of 0, a negative number or an overflow. */
export const INVALID_REPEAT = 'Invalid redis-cli repeat command option value.';

const LONG_MAX = 9223372036854775807n;
const LONG_MIN = -9223372036854775808n;

/**
 * C's strtol(s, &end, 10) as redis-cli uses it: returns the value, whether the whole string was
 * consumed (`*endptr == '\0'`), and whether it overflowed (ERANGE).
 */
function strtol(s: string): { value: bigint; whole: boolean; overflow: boolean } {
  const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)/.exec(s);
  // No digits: endptr = s, so "whole" only when s is empty (strtol("") → 0, *endptr == '\0').
  if (!m) return { value: 0n, whole: s.length === 0, overflow: false };
  let value = BigInt(m[2]);
  if (m[1] === '-') value = -value;
  const overflow = value > LONG_MAX || value < LONG_MIN;
  return { value, whole: m[0].length === s.length, overflow };
}

/** What a redis-cli prompt line means after splitting. */
export type PromptLine =
  | { kind: 'blank' }
  | { kind: 'invalid'; message: string }
  /**
   * `words`: every argument as split (what redis-cli checks for quit/exit/connect/clear);
   * `argv`: the command to send, without the repeat count when there was one.
   */
  | { kind: 'command'; words: string[]; argv: string[]; repeat: number };

/**
 * Parse a line typed at a node prompt the way redis-cli.c:repl() does: split it, then treat a
 * leading integer followed by more arguments as a repeat count (`3 PING` sends PING three times).
 */
export function parsePromptLine(line: string): PromptLine {
  const argv = splitArgs(line);
  if (argv === null) return { kind: 'invalid', message: INVALID_ARGUMENTS };
  if (argv.length === 0) return { kind: 'blank' };
  if (argv.length > 1) {
    const r = strtol(argv[0]);
    if (r.whole) {
      if (r.overflow || r.value <= 0n) return { kind: 'invalid', message: INVALID_REPEAT };
      return { kind: 'command', words: argv, argv: argv.slice(1), repeat: Number(r.value) };
    }
  }
  return { kind: 'command', words: argv, argv, repeat: 1 };
}
