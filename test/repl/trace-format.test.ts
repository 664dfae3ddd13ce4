import { describe, it, expect } from 'vitest';
import { formatTrace, formatTraceLine } from '../../src/repl/trace-format.js';
import { printableArg } from '../../src/redis/trace-types.js';
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

/** One body of every trace variant, for checks that must hold for each. */
const everyVariant: TraceBody[] = [
  { type: 'server.start', port: 6380, loadedKeys: 2, fromRdb: true },
  { type: 'server.shutdown', port: 6380, saved: true },
  { type: 'server.crash', port: 6380 },
  { type: 'server.pause', port: 6380 },
  { type: 'server.resume', port: 6380 },
  { type: 'link.fault', a: 6380, b: 6381, fault: 'drop' },
  { type: 'link.fault', a: 0, b: 0, fault: 'heal' },
  { type: 'link.fault', a: 6380, b: 6381, fault: 'latency', value: 500 },
  { type: 'link.fault', a: 6380, b: 6381, fault: 'bandwidth', value: 4096 },
  { type: 'repl.state', port: 6381, masterPort: 6380, state: 'connecting', reason: 'connection closed' },
  { type: 'link.down', replica: 6381, master: 6380, reason: 'connection closed' },
  { type: 'psync.fullresync', master: 6380, replica: 6381, replid: 'x'.repeat(40), offset: 0, reason: 'no backlog' },
  { type: 'psync.continue', master: 6380, replica: 6381, replid: 'x'.repeat(40), fromOffset: 195, bytes: 14 },
  { type: 'sync.legacy', master: 6380, replica: 6381 },
  { type: 'replica.state', master: 6380, replica: 6381, state: 'send_bulk' },
  { type: 'bgsave.start', port: 6380, forReplication: true, keys: 3, durationMs: 100 },
  { type: 'bgsave.end', port: 6380, keys: 3, bytes: 120 },
  { type: 'rdb.transfer.start', master: 6380, replica: 6381, total: 120, diskless: false },
  { type: 'rdb.chunk.sent', master: 6380, replica: 6381, offset: 0, size: 60, total: 120 },
  { type: 'rdb.chunk.received', master: 6380, replica: 6381, offset: 0, size: 60, total: 120 },
  { type: 'replica.flush', port: 6381, keys: 0 },
  { type: 'replica.load.start', port: 6381, bytes: 120, durationMs: 10 },
  { type: 'replica.load.end', port: 6381, keys: 3 },
  { type: 'buffer.append', master: 6380, replica: 6381, argv: ['SET', 'k4', 'v4'], bytes: 29, pending: 2 },
  { type: 'buffer.send', master: 6380, replica: 6381, argv: ['SET', 'k4', 'v4'], bytes: 29 },
  { type: 'buffer.apply', replica: 6381, argv: ['SET', 'k4', 'v4'], offset: 29 },
  { type: 'propagate', master: 6380, argv: ['set', 'a', '10'], bytes: 28, offset: 65, replicas: [6381, 6382] },
  { type: 'propagate', master: 6380, argv: ['set', 'a', '10'], bytes: 28, offset: 65, replicas: [] },
  { type: 'stream.apply', replica: 6381, master: 6380, argv: ['set', 'a', '10'], offset: 65 },
  { type: 'backlog.create', port: 6380, replid: 'x'.repeat(40), firstByteOffset: 1 },
  { type: 'backlog.trim', port: 6380, firstByteOffset: 100, histlen: 1024 },
  { type: 'replid.change', port: 6380, replid: 'y'.repeat(40), replid2: 'x'.repeat(40), secondReplOffset: 65 },
  { type: 'ping.send', master: 6380, offset: 65 },
  { type: 'ack.recv', master: 6380, replica: 6381, offset: 51 },
  { type: 'getack.send', master: 6380, offset: 65 },
  { type: 'wait.block', port: 6380, numreplicas: 2, offset: 65, timeoutMs: 1000 },
  { type: 'wait.done', port: 6380, acked: 1, timedOut: true },
  { type: 'write.refused', port: 6380, argv: ['set', 'a', '1'], error: '-NOREPLICAS Not enough good replicas to write.' },
];

describe('trace lines in Chinese', () => {
  it('English stays the default, so batch --trace does not change', () => {
    for (const b of everyVariant) expect(formatTrace(ev(b))).toBe(formatTrace(ev(b), 'en'));
    expect(formatTraceLine(ev(everyVariant[0]), 'zh')).toMatch(/^\[ {3}1\.203s\] 6380 已启动/);
  });

  it('every event that is not wire text reads in Chinese', () => {
    for (const b of everyVariant) {
      const line = formatTrace(ev(b), 'zh');
      expect(line, b.type).toMatch(/[\u4e00-\u9fff]/);
      expect(line, b.type).not.toMatch(/^[a-z]+\.[a-z.]+ \{/);
    }
  });

  it('uses the seed\'s terms and keeps wire text, commands and numbers verbatim', () => {
    const zh = (b: TraceBody) => formatTrace(ev(b), 'zh');
    expect(zh({ type: 'psync.fullresync', master: 6380, replica: 6381, replid: '3f2a9c0e1b2d', offset: 0, reason: 'replica asked for a full resync (PSYNC ? -1)' })).toBe(
      '6380 对从库 6381 执行全量同步：+FULLRESYNC 3f2a9c… 0（从库请求全量同步（PSYNC ? -1））',
    );
    expect(zh({ type: 'psync.continue', master: 6380, replica: 6381, replid: 'x'.repeat(40), fromOffset: 195, bytes: 14 })).toBe(
      '6380 对从库 6381 执行部分重同步：+CONTINUE，从偏移量 195 开始，补发复制积压缓冲区中的 14 字节',
    );
    expect(zh({ type: 'propagate', master: 6380, argv: ['SET', 'k4', 'v4'], bytes: 31, offset: 65, replicas: [6381] })).toBe('6380 命令传播 SET k4 v4 → 6381（+31 B，偏移量 65）');
    expect(zh({ type: 'buffer.append', master: 6380, replica: 6381, argv: ['SET', 'k4', 'v4'], bytes: 29, pending: 2 })).toBe('6380 为从库 6381 缓冲写命令：SET k4 v4（待发送 2 条）');
    expect(zh({ type: 'link.down', replica: 6381, master: 6380, reason: 'connection closed' })).toBe('6381 与主库 6380 的连接断开（连接已关闭）');
    // Wire text is the same in both languages.
    const ack: TraceBody = { type: 'ack.send', replica: 6381, master: 6380, offset: 51 };
    expect(zh(ack)).toBe('6381 → 6380  REPLCONF ACK 51');
    const reply: TraceBody = { type: 'handshake.reply', from: 6380, to: 6381, line: '+FULLRESYNC 3f2a9c0e1b2d3f4a 0' };
    expect(zh(reply)).toBe(formatTrace(ev(reply)));
    const send: TraceBody = { type: 'handshake.send', from: 6381, to: 6380, argv: ['PSYNC', '?', '-1'] };
    expect(zh(send)).toBe('6381 → 6380  PSYNC ? -1');
  });

  it('shows a reason it has no translation for as the engine wrote it', () => {
    expect(formatTrace(ev({ type: 'link.down', replica: 6381, master: 6380, reason: 'something new' }), 'zh')).toBe('6381 与主库 6380 的连接断开（something new）');
  });
});
