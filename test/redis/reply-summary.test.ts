/** The reply text of a trace `command` event: what the log, the UI and goals show of an answer. */
import { describe, expect, it } from 'vitest';
import { replySummary } from '../../src/redis/server.js';
import { bulk, integer, NIL, OK } from '../../src/redis/reply.js';

describe('replySummary', () => {
  it('a bulk reply is quoted, its first line only, cut at 60 bytes — the same answer however often it repeats', () => {
    const long = 'v'.repeat(70);
    const cases: Array<[string, string]> = [
      ['xxx', '"xxx"'],
      ['xxx', '"xxx"'],
      ['two\r\nlines', '"two"'],
      ['', '""'],
      ['\r\nafter', '""'],
      ['say "hi"\n', '"say \\"hi\\"\\n"'],
      ['xxx', '"xxx"'],
      // Cut at 60 bytes, then the UTF-8 bytes of '…'.
      [long, JSON.stringify('v'.repeat(60) + '\xe2\x80\xa6')],
      [long, JSON.stringify('v'.repeat(60) + '\xe2\x80\xa6')],
    ];
    for (const [value, want] of cases) expect(replySummary(bulk(value))).toBe(want);
    // A value seen before, then a different string object with the same bytes.
    expect(replySummary(bulk(['x', 'x', 'x'].join('')))).toBe('"xxx"');
    expect(replySummary(NIL)).toBe('(nil)');
    expect(replySummary(OK)).toBe('OK');
    expect(replySummary(integer(3))).toBe('(integer) 3');
  });
});
