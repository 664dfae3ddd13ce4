/**
 * A real master's bytes as the replica side reads them: handshake replies, `\n` keepalives, the
 * RDB in both forms (chunks passed on as they arrive, the EOF mark found even when split across
 * reads), and the stream with each command's exact size — what moves the replica's offset.
 */

import { describe, expect, it } from 'vitest';
import type { WireMessage } from '../../src/redis/wire.js';
import { MasterStreamParser } from '../../src/serve/master-stream.js';

function feedAll(chunks: string[]): WireMessage[] {
  const p = new MasterStreamParser();
  const out: WireMessage[] = [];
  for (const c of chunks) expect(p.feed(Buffer.from(c, 'latin1'), (m) => out.push(m))).toBe(true);
  return out;
}

const summary = (msgs: WireMessage[]) =>
  msgs.map((m) =>
    m.k === 'reply' ? `reply ${'text' in m.reply ? m.reply.text : ''}` : m.k === 'bulk' ? `bulk ${m.total} ${m.eofMark ?? ''}` : m.k === 'chunk' ? `chunk ${Buffer.from(m.data).toString('latin1')}${m.last ? ' last' : ''}` : m.k === 'cmd' ? `cmd ${m.argv.join(' ')} ${m.bytes}` : 'newline',
  );

describe('master stream — what a real master writes, as the replica reads it', () => {
  it('handshake replies, keepalives, a $len RDB split across reads, then commands with their sizes', () => {
    const msgs = feedAll(['+PONG\r\n+OK\r\n+OK\r\n+FULLRESYNC abc 0\r\n\n\n$', '9\r\nRDBRD', 'BRDB*1\r\n$4\r\nPING\r\n*3\r\n$3\r\nSET\r\n$1\r\na', '\r\n$1\r\n1\r\n']);
    expect(summary(msgs)).toEqual([
      'reply PONG', 'reply OK', 'reply OK', 'reply FULLRESYNC abc 0', 'newline', 'newline',
      'bulk 9 ', 'chunk RDBRD', 'chunk BRDB last', 'cmd PING 14', 'cmd SET a 1 27',
    ]);
  });

  it('a diskless RDB ends at its 40-byte mark, even when the mark is split across reads', () => {
    const mark = 'm'.repeat(20) + 'n'.repeat(20);
    const msgs = feedAll([`+FULLRESYNC abc 0\r\n$EOF:${mark}\r\n`, 'RDB-BYTES-' + mark.slice(0, 25), mark.slice(25) + '*1\r\n$4\r\nPING\r\n']);
    const data = msgs.filter((m) => m.k === 'chunk').map((m) => (m.k === 'chunk' ? Buffer.from(m.data).toString('latin1') : '')).join('');
    expect(data).toBe('RDB-BYTES-');
    expect(summary(msgs).slice(-2)).toEqual([expect.stringMatching(/ last$/), 'cmd PING 14']);
  });

  it('+CONTINUE goes straight to the stream', () => {
    expect(summary(feedAll(['+CONTINUE abc\r\n*1\r\n$4\r\nPING\r\n']))).toEqual(['reply CONTINUE abc', 'cmd PING 14']);
  });

  it('bytes no master sends close the link', () => {
    const p = new MasterStreamParser();
    expect(p.feed(Buffer.from('+CONTINUE\r\nhello\r\n'), () => {})).toBe(false);
  });
});
