import { describe, it, expect } from 'vitest';
import { formatTrace, formatTraceLine, printableArg } from '../../src/repl/trace-format.js';
import type { TraceBody, TraceEvent } from '../../src/redis/trace.js';

const ev = (body: TraceBody, t = 1203): TraceEvent => ({ ...body, t, seq: 0 }) as TraceEvent;

describe('trace lines', () => {
  it('handshake replies shorten the replication id', () => {
    const e = ev({ type: 'handshake.reply', from: 6380, to: 6381, line: '+FULLRESYNC 3f2a9c0e1b2d3f4a5b6c7d8e9f0a1b2c3d4e5f60 0' });
    expect(formatTraceLine(e)).toBe('[   1.203s] 6380 → 6381  +FULLRESYNC 3f2a9c… 0');
  });

  it('BGSAVE, buffered writes and RDB chunks read like the seed figure', () => {
    expect(formatTrace(ev({ type: 'bgsave.start', port: 6380, forReplication: true, keys: 3, durationMs: 100 }))).toBe(
      '6380 BGSAVE started (3 keys, for replication)',
    );
    expect(formatTrace(ev({ type: 'buffer.append', master: 6380, replica: 6381, argv: ['SET', 'k4', 'v4'], bytes: 29, pending: 2 }))).toBe(
      '6380 buffered for 6381: SET k4 v4 (pending 2)',
    );
    expect(formatTrace(ev({ type: 'rdb.chunk.sent', master: 6380, replica: 6381, offset: 0, size: 16384, total: 49152 }))).toBe(
      'RDB chunk 6380→6381 16384/49152 bytes sent',
    );
  });

  it('every trace variant has a line of its own', () => {
    const bodies: TraceBody[] = [
      { type: 'server.start', port: 1, loadedKeys: 2, fromRdb: true },
      { type: 'server.shutdown', port: 1, saved: true },
      { type: 'server.crash', port: 1 },
      { type: 'link.fault', a: 1, b: 2, fault: 'latency', value: 5 },
      { type: 'command', port: 1, db: 1, argv: ['set', 'a', '10'], reply: 'OK' },
      { type: 'repl.state', port: 2, masterPort: 1, state: 'connected' },
      { type: 'psync.continue', master: 1, replica: 2, replid: 'x'.repeat(40), fromOffset: 195, bytes: 14 },
      { type: 'propagate', master: 1, argv: ['set', 'a', '10'], bytes: 28, offset: 65, replicas: [2, 3] },
      { type: 'wait.done', port: 1, acked: 1, timedOut: true },
    ];
    for (const b of bodies) expect(formatTrace(ev(b))).not.toMatch(/^[a-z]+\.[a-z.]+ \{/);
    expect(formatTrace(ev(bodies[4]))).toBe('1[1] > set a 10  → OK');
  });

  it('arguments are shown as UTF-8 and quoted when they need it', () => {
    expect(printableArg('\xe2\x82\xac')).toBe('€');
    expect(printableArg('a b')).toBe('"a b"');
    expect(printableArg('')).toBe('""');
    expect(printableArg('\x01')).toBe('"\\x01"');
  });
});
