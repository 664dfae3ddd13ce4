import { describe, expect, it } from 'vitest';
import { backlogLines, bar, clusterLines, commandText, linkFaults, linkLabel, writeItems } from '../../src/ui/cluster-model.js';
import { lineText } from '../../src/ui/lines.js';
import type { LinkView, ReplicaView, StreamWrite } from '../../src/redis/api.js';
import { node } from './fixtures.js';
import { strings } from '../../src/ui/strings.js';
import { textWidth } from '../../src/ui/text-width.js';

const none = { dropped: new Set<string>(), latencyMs: new Map<string, number>() };
/** A link as WorldApi.links() lists it: 6380–6381 with default settings unless overridden. */
const link = (over: Partial<LinkView>): LinkView => ({ a: 6380, b: 6381, dropped: false, latencyMs: 1, bandwidthBytesPerSec: 10 * 1024 * 1024, ...over });
const text = (rows: ReturnType<typeof clusterLines>) => rows.map(lineText).join('\n');

const master = (over = {}) =>
  node({ port: 6380, masterReplOffset: 1543, backlog: { active: true, sizeBytes: 1048576, firstByteOffset: 1, histlen: 1543 }, totalKeys: 3, ...over });
const replica = (port: number, over = {}) =>
  node({ port, role: 'replica', master: { host: '127.0.0.1', port: 6380, linkState: 'connected', linkUp: true }, replicaOffset: 1543, totalKeys: 3, ...over });

describe('cluster picture', () => {
  it('names each node by port and role with offset, key count and the first 6 chars of its replid', () => {
    const rows = text(clusterLines({ nowMs: 0, nodes: [master(), replica(6381)], faults: none }, 60));
    expect(rows).toContain('● 6380 master   off 1543  keys 3  a1b2c3');
    expect(rows).toContain('● 6381 replica  off 1543  keys 3  a1b2c3');
    expect(rows).toContain('◀══ online ══ 6380');
  });

  it('during a full sync shows BGSAVE, the RDB bar (bytes sent / total) and the buffered writes', () => {
    const m = master({
      bgsave: null,
      replicas: [
        {
          port: 6381,
          state: 'send_bulk',
          ackOffset: 0,
          lastAckMs: null,
          outputBuffer: [
            { argv: ['SET', 'k4', 'v4'], bytes: 31 },
            { argv: ['SET', 'k5', 'v5'], bytes: 31 },
          ],
          rdbTransfer: { sentBytes: 64, totalBytes: 128 },
          legacySync: false,
        },
      ],
    });
    const r = replica(6381, {
      master: { host: '127.0.0.1', port: 6380, linkState: 'sync', linkUp: false },
      replicaOffset: 0,
      totalKeys: 0,
      syncTransfer: { readBytes: 32, totalBytes: 128 },
    });
    const rows = text(clusterLines({ nowMs: 500, nodes: [m, r], faults: none }, 60));
    expect(rows).toContain('▸ 6381 send_bulk');
    expect(rows).toMatch(/RDB out █+░+ 64\/128B/);
    expect(rows).toContain('buffer 2 (62B): SET k4 v4 · SET k5 v5');
    expect(rows).toContain('◀━━ sync ━━ 6380');
    expect(rows).toMatch(/RDB in {2}█+░+ 32\/128B/);
  });

  it('shows the master forking BGSAVE while the replica waits, with an empty buffer that then fills', () => {
    const waiting = { port: 6381, state: 'wait_bgsave' as const, ackOffset: 0, lastAckMs: null, outputBuffer: [], rdbTransfer: null, legacySync: false };
    const m = master({ bgsave: { forReplication: true, startedMs: 0, endsMs: 1000, keys: 3 }, replicas: [waiting] });
    const before = text(clusterLines({ nowMs: 500, nodes: [m], faults: none }, 60));
    expect(before).toMatch(/BGSAVE {2}█+░+ 3 keys/);
    expect(before).toContain('buffer 0 (0B): (empty)');
    const m2 = master({ bgsave: m.bgsave, replicas: [{ ...waiting, outputBuffer: [{ argv: ['SET', 'k4', 'v4'], bytes: 31 }] }] });
    expect(text(clusterLines({ nowMs: 600, nodes: [m2], faults: none }, 60))).toContain('buffer 1 (31B): SET k4 v4');
  });

  it('shows a replica loading the RDB', () => {
    const r = replica(6381, { loading: true, master: { host: '127.0.0.1', port: 6380, linkState: 'sync', linkUp: false } });
    expect(text(clusterLines({ nowMs: 0, nodes: [master(), r], faults: none }, 60))).toContain('loading the RDB into memory…');
  });

  it('draws dead and paused nodes as such, and a dropped link as partitioned', () => {
    const faults = linkFaults([link({ a: 6380, b: 6381, dropped: true })]);
    const rows = text(
      clusterLines({ nowMs: 0, nodes: [master({ status: 'paused' }), replica(6381), replica(6382, { status: 'crashed' })], faults }, 60),
    );
    expect(rows).toContain('‖ 6380 master  PAUSED');
    expect(rows).toContain('◀╌╌ partitioned ╌╌ 6380');
    expect(rows).toContain('✖ 6382 replica DEAD');
    expect(rows).not.toContain('6382 replica DEAD  off');
  });

  it('reads link faults from the network: a healed link is not dropped, a default latency is no fault', () => {
    expect(linkFaults([link({ dropped: false })]).dropped.size).toBe(0);
    expect(linkFaults([link({})]).latencyMs.size).toBe(0);
    expect(linkFaults([link({ a: 6380, b: 6382, latencyMs: 200 })]).latencyMs.get('6380-6382')).toBe(200);
  });

  it('labels link states from the replica side: handshake, sync, online, and down when the master is dead', () => {
    const m = master();
    const withState = (linkState: 'handshake' | 'sync' | 'connected' | 'connect') =>
      replica(6381, { master: { host: '127.0.0.1', port: 6380, linkState, linkUp: linkState === 'connected' } });
    expect(linkLabel(withState('handshake'), m, none)).toBe('handshake');
    expect(linkLabel(withState('sync'), m, none)).toBe('sync');
    expect(linkLabel(withState('connected'), m, none)).toBe('online');
    expect(linkLabel(withState('connect'), m, none)).toBe('down');
    expect(linkLabel(withState('connected'), master({ status: 'crashed' }), none)).toBe('down');
  });
});

describe('backlog window', () => {
  it('marks each replica offset inside [first byte … master_repl_offset]', () => {
    const m = master({ backlog: { active: true, sizeBytes: 1000, firstByteOffset: 1001, histlen: 1000 }, masterReplOffset: 2000 });
    const rows = backlogLines(m, [replica(6381, { replicaOffset: 2000 }), replica(6382, { replicaOffset: 1500 })], 40).map(lineText);
    expect(rows[0]).toContain('backlog 1000B [1001…2000]');
    expect(rows[1]).toMatch(/^ {2}\[─*2─*1\]$/);
  });

  it('flags a replica that fell out of the backlog (its next byte was overwritten)', () => {
    const m = master({ backlog: { active: true, sizeBytes: 1000, firstByteOffset: 1001, histlen: 1000 }, masterReplOffset: 2000 });
    const rows = backlogLines(m, [replica(6381, { replicaOffset: 900 })], 40).map(lineText);
    expect(rows[1]).toContain('6381@900 out of backlog');
  });

  it('keeps a replica whose next byte is the window’s first byte inside it', () => {
    const m = master({ backlog: { active: true, sizeBytes: 1000, firstByteOffset: 1001, histlen: 1000 }, masterReplOffset: 2000 });
    const rows = backlogLines(m, [replica(6381, { replicaOffset: 1000 })], 40).map(lineText);
    expect(rows[1]).not.toContain('out of backlog');
    expect(rows[1]).toMatch(/^ {2}\[1─*\]$/);
  });

  it('shows the backlog of a master whose replica is disconnected (the moment it may fall out)', () => {
    const r = replica(6381, { master: { host: '127.0.0.1', port: 6380, linkState: 'connect', linkUp: false }, replicaOffset: 10 });
    const m = master({ backlog: { active: true, sizeBytes: 100, firstByteOffset: 1444, histlen: 100 }, replicas: [] });
    expect(text(clusterLines({ nowMs: 0, nodes: [m, r], faults: none }, 60))).toContain('6381@10 out of backlog');
  });
});

describe('helpers', () => {
  it('bar fills in proportion and never overflows', () => {
    expect(bar(1, 4, 8)).toBe('██░░░░░░');
    expect(bar(9, 4, 4)).toBe('████');
    expect(bar(0, 0, 3)).toBe('░░░');
  });

  it('commandText shows a command the way it is typed, quoting args with spaces', () => {
    expect(commandText(['set', 'k4', 'v4'])).toBe('SET k4 v4');
    expect(commandText(['SET', 'a b', ''])).toBe('SET "a b" ""');
  });
});

describe('link faults from the world', () => {
  it('follow the network: a drop, a latency, then a heal (no trace replay)', async () => {
    const { World } = await import('../../src/redis/world.js');
    const w = new World(1);
    w.apply({ kind: 'drop', a: 6381, b: 6380 });
    expect([...linkFaults(w.links()).dropped]).toEqual(['6380-6381']);
    w.apply({ kind: 'latency', a: 6380, b: 6382, ms: 200 });
    expect(linkFaults(w.links()).latencyMs.get('6380-6382')).toBe(200);
    w.apply({ kind: 'heal' });
    expect(linkFaults(w.links()).dropped.size).toBe(0);
  });
});

describe('cluster picture in Chinese', () => {
  it('labels the picture in Chinese and keeps Redis\'s own words (master, send_bulk, sync, BGSAVE)', () => {
    const m = master({
      bgsave: { forReplication: true, startedMs: 0, endsMs: 1000, keys: 3 },
      replicas: [{ port: 6381, state: 'send_bulk', ackOffset: 0, lastAckMs: null, outputBuffer: [{ argv: ['SET', 'k4', 'v4'], bytes: 31 }], rdbTransfer: { sentBytes: 64, totalBytes: 128 }, legacySync: false }],
    });
    const r = replica(6381, { master: { host: '127.0.0.1', port: 6380, linkState: 'sync', linkUp: false }, replicaOffset: 0, totalKeys: 0, syncTransfer: { readBytes: 32, totalBytes: 128 } });
    const dead = replica(6382, { status: 'crashed' });
    const rows = text(clusterLines({ nowMs: 500, nodes: [m, r, dead], faults: none }, 60, strings('zh')));
    expect(rows).toContain('● 6380 master   偏移量 1543  键 3  a1b2c3');
    expect(rows).toMatch(/BGSAVE {2}█+░+ 3 个键/);
    expect(rows).toMatch(/RDB 发送 █+░+ 64\/128B/);
    expect(rows).toMatch(/RDB 接收 █+░+ 32\/128B/);
    expect(rows).toContain('缓冲区 1 条（31B）：SET k4 v4');
    expect(rows).toContain('复制积压缓冲区 1024kB [1…1543]');
    expect(rows).toContain('6382 replica 已崩溃');
    expect(rows).not.toMatch(/\b(off|keys|buffer|backlog|dead|RDB in|RDB out)\b/);
  });
});

describe('a write of the stream through its whole life', () => {
  const w = (cmd: string, bytes: number, offset: number): StreamWrite => ({ argv: cmd.split(' '), bytes, offset });
  const writes = [w('SELECT 0', 23, 23), w('SET k4 v4', 29, 52), w('SET k5 v5', 29, 81)];
  const online = (over: Partial<ReplicaView> = {}): ReplicaView => ({ port: 6381, state: 'online', ackOffset: 0, lastAckMs: 0, outputBuffer: [], rdbTransfer: null, legacySync: false, ...over });
  const m = (view: ReplicaView) => master({ masterReplOffset: 81, backlog: { active: true, sizeBytes: 1048576, firstByteOffset: 1, histlen: 81 }, replicas: [view] });
  const loading = (over = {}) =>
    replica(6381, { master: { host: '127.0.0.1', port: 6380, linkState: 'sync', linkUp: false }, replicaOffset: null, loading: true, totalKeys: 0, ...over });
  /** The picture at the pane's width at 80×24, continuation rows joined to the row they continue. */
  const at = (nowMs: number, nodes: Parameters<typeof clusterLines>[0]['nodes'], lang: 'en' | 'zh' = 'en') => {
    const rows = clusterLines({ nowMs, nodes, faults: none }, 41, strings(lang)).map(lineText);
    for (const r of rows.filter((x) => x.startsWith('    '))) expect(textWidth(r), r).toBeLessThanOrEqual(41);
    return rows.join('\n').replace(/(：)?\n {6}/g, (_, colon?: string) => colon ?? ' ');
  };

  it('sent after the RDB: in flight behind the RDB bytes still on the link', () => {
    const rows = at(100, [m(online({ inFlight: { rdbBytes: 574, count: 3, bytes: 81, writes } })), loading({ loading: false, syncTransfer: { readBytes: 18405, totalBytes: 18979 } })]);
    expect(rows).toContain('⇢ in flight 3 (81B) after RDB 574B: SELECT 0 · SET k4 v4 · SET k5 v5');
    expect(rows).not.toContain('buffer');
  });

  it('in flight: the RDB has arrived, the writes are still on the link', () => {
    expect(at(100, [m(online({ inFlight: { rdbBytes: 0, count: 3, bytes: 81, writes } })), loading()])).toContain('⇢ in flight 3 (81B): SELECT 0 · SET k4 v4 · SET k5 v5');
  });

  it('held by a replica still loading its RDB', () => {
    const rows = at(100, [m(online({ inFlight: { rdbBytes: 0, count: 2, bytes: 58, writes: writes.slice(1) } })), loading({ heldWrites: { count: 1, bytes: 23, writes: [writes[0]] } })]);
    expect(rows).toContain('loading the RDB into memory…\n    ⇥ held 1 (23B) until loaded: SELECT 0');
    expect(rows).toContain('⇢ in flight 2 (58B): SET k4 v4 · SET k5 v5');
  });

  it('applied: shown at the instant of the apply with the offset after it, then only the offset remains', () => {
    const r = replica(6381, { replicaOffset: 52, lastApplied: { atMs: 100, count: 1, bytes: 29, writes: [writes[1]] } });
    const now = at(100, [m(online({ inFlight: { rdbBytes: 0, count: 1, bytes: 29, writes: [writes[2]] } })), r]);
    expect(now).toContain('● 6381 replica  off 52');
    expect(now).toContain('✓ applied 1 (29B) → off 52: SET k4 v4');
    expect(now).toContain('29B behind');
    const later = at(1000, [m(online()), r]);
    expect(later).not.toContain('applied');
    expect(later).not.toContain('in flight');
  });

  it('+CONTINUE: the backlog range, how much of it is applied, and its bytes on the link', () => {
    const pings = Array.from({ length: 6 }, (_, i) => w('PING', 14, 104 + 14 * (i + 1)));
    const sent = [w('SELECT 0', 23, 23), w('SET x 1', 27, 50), w('SET y 2', 27, 77), w('SET z 3', 27, 104), ...pings];
    const view = online({ port: 6382, psyncContinue: { fromOffset: 1, toOffset: 188 }, inFlight: { rdbBytes: 0, count: 10, bytes: 188, writes: sent } });
    const r = replica(6382, { replicaOffset: 0 });
    const travelling = at(100, [master({ masterReplOffset: 188, replicas: [view] }), r]);
    expect(travelling).toMatch(/\+CONTINUE ░+ 0\/188B applied/);
    expect(travelling).toContain('⇢ in flight 10 (188B): SELECT 0 · SET x 1 · SET y 2 · SET z 3 · PING ×6');
    const done = replica(6382, { replicaOffset: 188, lastApplied: { atMs: 101, count: 10, bytes: 188, writes: sent } });
    const applied = at(101, [master({ masterReplOffset: 188, replicas: [{ ...view, inFlight: null }] }), done]);
    expect(applied).toMatch(/\+CONTINUE █+ 188\/188B applied/);
    expect(applied).toContain('✓ applied 10 (188B) → off 188: SELECT 0 · SET x 1 · SET y 2 · SET z 3 · PING ×6');
    expect(at(1000, [master({ masterReplOffset: 188, replicas: [{ ...view, inFlight: null }] }), done])).not.toContain('+CONTINUE');
    // A replica that was already up to date got +CONTINUE and nothing more: no row.
    expect(at(100, [master({ masterReplOffset: 188, replicas: [online({ port: 6382, psyncContinue: { fromOffset: 189, toOffset: 188 } })] }), done])).not.toContain('+CONTINUE');
  });

  it('counts the writes a snapshot did not keep, and folds runs of one command', () => {
    expect(writeItems([writes[0], writes[1]], 14, false)).toEqual(['SELECT 0', 'SET k4 v4', '+14 more']);
    expect(writeItems([w('PING', 14, 14), w('PING', 14, 28), writes[1]], 3, true, strings('zh'))).toEqual(['另 3 条', 'PING ×2', 'SET k4 v4']);
  });

  it('says each state in Chinese', () => {
    const zh = (nowMs: number, nodes: Parameters<typeof clusterLines>[0]['nodes']) => at(nowMs, nodes, 'zh');
    expect(zh(100, [m(online({ inFlight: { rdbBytes: 574, count: 3, bytes: 81, writes } })), loading({ loading: false })])).toContain(
      '⇢ 传输中 3 条（81B），排在 RDB 剩余 574B 之后：SELECT 0 · SET k4 v4 · SET k5 v5',
    );
    expect(zh(100, [m(online()), loading({ heldWrites: { count: 1, bytes: 23, writes: [writes[0]] } })])).toContain('⇥ 已收到 1 条（23B），载入后执行：SELECT 0');
    expect(zh(100, [m(online()), replica(6381, { replicaOffset: 52, lastApplied: { atMs: 100, count: 1, bytes: 29, writes: [writes[1]] } })])).toContain(
      '✓ 已执行 1 条（29B）→ 偏移量 52：SET k4 v4',
    );
    const view = online({ psyncContinue: { fromOffset: 1, toOffset: 81 } });
    expect(zh(100, [m(view), replica(6381, { replicaOffset: 23 })])).toMatch(/\+CONTINUE █+░+ 23\/81B 已执行/);
  });
});
