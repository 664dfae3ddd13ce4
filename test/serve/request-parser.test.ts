/** Requests from bytes: every command once, in order, with its exact size, however the reads split it. */
import { describe, expect, it } from 'vitest';
import { RequestParser, string2ll, type ParsedRequest } from '../../src/serve/request-parser.js';

const ctx = { protoMaxBulkLen: () => 512 * 1024 * 1024, queryBufferLimit: () => 1024 * 1024 * 1024, authRequired: () => false };
const cmd = (...argv: string[]) => `*${argv.length}\r\n` + argv.map((a) => `$${a.length}\r\n${a}\r\n`).join('');

function parse(chunks: string[]): ParsedRequest[] {
  const p = new RequestParser();
  const out: ParsedRequest[] = [];
  for (const c of chunks) p.feed(Buffer.from(c, 'latin1'), ctx, (r) => out.push(r));
  return out;
}

describe('request parser', () => {
  it('a pipeline split at every possible byte gives the same commands and sizes', () => {
    const text = cmd('SET', 'key', 'value') + 'PING\r\n' + cmd('GET', 'key') + 'ECHO "a b"\n';
    const whole = parse([text]);
    expect(whole).toEqual([
      { kind: 'command', argv: ['SET', 'key', 'value'], bytes: 33 },
      { kind: 'command', argv: ['PING'], bytes: 6 },
      { kind: 'command', argv: ['GET', 'key'], bytes: 22 },
      { kind: 'command', argv: ['ECHO', 'a b'], bytes: 11 },
    ]);
    for (let i = 1; i < text.length; i++) {
      for (const j of [i + 1, i + 7, text.length]) {
        if (j > text.length) continue;
        expect(parse([text.slice(0, i), text.slice(i, j), text.slice(j)].filter((c) => c !== ''))).toEqual(whole);
      }
    }
  });

  it('count lines follow string2ll byte for byte: the same counts accepted, the same refused', () => {
    const counts = ['', '-', '-0', '0', '00', '01', '+1', ' 1', '1 ', '1x', 'x1', '3', '-1', '-12', '10',
      '\xb3', '999999999999999', '2147483647', '2147483648', '9223372036854775807', '9223372036854775808', '-9223372036854775809'];
    for (const c of counts) {
      const ll = string2ll(c);
      // The multibulk count: refused when string2ll refuses it or it is over INT_MAX.
      const head = parse([`*${c}\r\n`]);
      expect(head.length === 1 && head[0].kind === 'protocol-error', `*${JSON.stringify(c)}`).toBe(ll === null || ll > 2147483647);
      // A bulk count: refused when string2ll refuses it, or it is negative or over proto-max-bulk-len.
      const bulk = parse([`*1\r\n$${c}\r\n`]);
      expect(bulk.length === 1 && bulk[0].kind === 'protocol-error', `$${JSON.stringify(c)}`).toBe(ll === null || ll < 0 || ll > 512 * 1024 * 1024);
    }
  });

  it("a NUL byte before a count line's \\r hides it (strchr on a C string), wherever it is in the line", () => {
    for (const pad of [0, 5, 22, 23, 24, 30, 100]) {
      // Nothing is parsed yet: the line has no visible end.
      expect(parse([`*1${'0'.repeat(pad)}\x00\r\n$1\r\na\r\n`])).toEqual([]);
      expect(parse([`*1\r\n$1${'0'.repeat(pad)}\x00\r\na\r\n`])).toEqual([]);
      // A count line too long without a visible end is refused as Redis refuses it.
      expect(parse([`*1${'0'.repeat(pad)}\x00` + 'x'.repeat(64 * 1024) + '\r\n'])).toEqual([{ kind: 'protocol-error', text: 'ERR Protocol error: too big mbulk count string' }]);
    }
    // A long count line with no NUL is read to its \r (and thirty zeros are no number).
    expect(parse([`*1\r\n$${'0'.repeat(30)}\r\n`])).toEqual([{ kind: 'protocol-error', text: 'ERR Protocol error: invalid bulk length' }]);
  });

  it('arguments of every length and every byte value come back as the same byte strings', () => {
    const args: string[] = [];
    for (let len = 0; len <= 40; len++) {
      let a = '';
      for (let i = 0; i < len; i++) a += String.fromCharCode((len * 37 + i * 101) % 256);
      args.push(a);
    }
    args.push(Array.from({ length: 256 }, (_, b) => String.fromCharCode(b)).join(''));
    const text = args.map((a) => cmd(a, a, 'x' + a)).join('');
    const got = parse([text]).map((r) => (r.kind === 'command' ? r.argv : r));
    expect(got).toEqual(args.map((a) => [a, a, 'x' + a]));
  });

  it('the command name is read again for every command, even when a pipeline repeats it', () => {
    const text = cmd('SET', 'k', '1') + cmd('SET', 'k', '2') + cmd('SEX', 'k') + cmd('SET', 'k') + cmd('set', 'k', '\xe9');
    expect(parse([text]).map((r) => (r.kind === 'command' ? r.argv : r))).toEqual([['SET', 'k', '1'], ['SET', 'k', '2'], ['SEX', 'k'], ['SET', 'k'], ['set', 'k', '\xe9']]);
  });

  it('string2ll accepts what Redis accepts and nothing else', () => {
    expect(['0', '12', '-5', '9223372036854775807'].map(string2ll)).toEqual([0, 12, -5, Number(9223372036854775807n)]);
    expect(['', '-', '-0', '01', '+1', ' 1', '1 ', '1x', '9223372036854775808'].map(string2ll)).toEqual(Array(9).fill(null));
  });
});
