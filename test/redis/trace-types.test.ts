// The trace table: every trace type has a row with its words in every language, and the
// reasons and reply summaries the engine writes read in Chinese too.
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/language.js';
import { isHeartbeat, TRACE_TYPES, TRACE_TYPES_TABLE, traceLine, zhReason } from '../../src/redis/trace-types.js';
import { ReplSession } from '../../src/repl/session.js';

describe('the trace table', () => {
  it('has a row for every trace type with a line, a phrase and any sentence in every language', () => {
    expect(TRACE_TYPES.length).toBeGreaterThan(30);
    for (const type of TRACE_TYPES) {
      const row = TRACE_TYPES_TABLE[type];
      for (const lang of LANGUAGES) {
        expect(typeof row.line[lang], `${type} line ${lang}`).toBe('function');
        expect(row.phrase[lang].trim(), `${type} phrase ${lang}`).not.toBe('');
        if (row.sentence) expect(row.sentence[lang].trim(), `${type} sentence ${lang}`).not.toBe('');
      }
      expect(row.phrase.zh, type).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('a sentence names the same fields in both languages', () => {
    const fields = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const type of TRACE_TYPES) {
      const s = TRACE_TYPES_TABLE[type].sentence;
      if (s) expect(fields(s.zh), type).toEqual(fields(s.en));
    }
  });

  it('marks PING, REPLCONF ACK and GETACK as heartbeats and nothing else', () => {
    expect(TRACE_TYPES.filter(isHeartbeat).sort()).toEqual(['ack.recv', 'ack.send', 'getack.send', 'ping.send']);
    expect(isHeartbeat('no.such.type')).toBe(false);
  });

  it('shows a type it has no row for by its type and fields', () => {
    expect(traceLine({ type: 'future.thing', port: 1 } as never, 'zh')).toBe('future.thing {"port":1}');
  });
});

describe('the engine\'s words in Chinese', () => {
  it('every reason a busy world writes (crash, drop, shutdown, refused) has a Chinese reading', () => {
    const s = new ReplSession({ seed: 3, language: 'zh' });
    for (const line of [
      'redis-server --port 6380',
      'redis-server --port 6381',
      'redis-server --port 6382',
      'redis-cli -p 6381 replicaof 127.0.0.1 6380',
      'redis-cli -p 6382 replicaof 127.0.0.1 6380',
      ':drop 6380 6381',
      ':run 70s',
      ':heal',
      ':run 2s',
      ':kill 6380',
      ':run 3s',
      ':restart 6380',
      ':run 3s',
      'redis-cli -p 6382 replicaof no one',
      'redis-cli -p 6381 replicaof 127.0.0.1 6382',
      'redis-cli -p 6380 shutdown',
      ':run 3s',
      'redis-cli -p 6382 client kill type replica',
      ':run 3s',
    ]) s.submit(line);
    const reasons = new Set<string>();
    for (const e of s.world.trace.all()) {
      if ((e.type === 'link.down' || e.type === 'repl.state' || e.type === 'psync.fullresync') && e.reason) reasons.add(e.reason);
    }
    expect(reasons.size).toBeGreaterThan(4);
    for (const r of reasons) expect(zhReason(r), r).not.toBe(r);
  });

  it('the tutor\'s own reply shorthand reads in Chinese; redis-cli\'s words stay', () => {
    const cmd = (reply: string) => traceLine({ type: 'command', port: 6380, db: 0, argv: ['LRANGE', 'l', '0', '-1'], reply }, 'zh');
    expect(cmd('(array of 1)')).toBe('6380 > LRANGE l 0 -1  → （1 个元素的数组）');
    expect(cmd('(closed)')).toBe('6380 > LRANGE l 0 -1  → （连接已关闭）');
    expect(cmd('(empty array)')).toBe('6380 > LRANGE l 0 -1  → (empty array)');
    expect(cmd('(integer) 3')).toBe('6380 > LRANGE l 0 -1  → (integer) 3');
    expect(traceLine({ type: 'command', port: 6380, db: 0, argv: ['KEYS', '*'], reply: '(array of 2)' }, 'en')).toBe('6380 > KEYS *  → (array of 2)');
  });
});
