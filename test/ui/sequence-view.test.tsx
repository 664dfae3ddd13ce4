import { afterEach, describe, expect, it } from 'vitest';
import React, { act } from 'react';
import { cleanup } from 'ink-testing-library';
import type { TraceEvent } from '../../src/redis/trace.js';
import { ReplSession } from '../../src/repl/session.js';
import { sequenceModel } from '../../src/ui/sequence-model.js';
import { SequenceView } from '../../src/ui/sequence-view.js';
import { frame, renderUi } from './helpers.js';

/** Unmount inside act(), so React sees the last update. */
const unmount = () => act(async () => cleanup());
afterEach(unmount);

/** Lesson 2's full sync: 1000 keys, a 4 KB/s link, SLAVEOF, two writes during the BGSAVE, then time. */
function fullSync(runAfter = ':run 8s'): { s: ReplSession; events: TraceEvent[] } {
  const s = new ReplSession({ seed: 1 });
  s.setup(['redis-server /data/6380/redis.conf', 'redis-server /data/6381/redis.conf', 'redis-cli -p 6380 debug populate 1000', ':bandwidth 6380 6381 4kb']);
  const since = s.world.trace.total;
  s.timeMode = 'manual';
  for (const l of ['redis-cli -p 6381 slaveof 127.0.0.1 6380', ':step 11', 'redis-cli -p 6380 set k4 v4', 'redis-cli -p 6380 set k5 v5', runAfter]) s.submit(l);
  return { s, events: s.world.trace.since(since) };
}

const ROLES = new Map<number, 'master' | 'replica'>([
  [6380, 'master'],
  [6381, 'replica'],
]);

async function view(events: readonly TraceEvent[], nowMs: number, width: number, height: number, lang: 'en' | 'zh' = 'en', scroll = 0) {
  const r = await renderUi(<SequenceView events={events} nowMs={nowMs} width={width} height={height} lang={lang} roles={ROLES} scroll={scroll} />);
  const f = frame(r);
  const rows = f.split('\n');
  expect(rows.length).toBeLessThanOrEqual(height);
  for (const row of rows) expect([...row].length, row).toBeLessThanOrEqual(width);
  return f;
}

describe('sequence view — a full sync as lanes and arrows', () => {
  it('at 160×48 the whole full sync fits: handshake → BGSAVE → chunks → load → buffered writes', async () => {
    const { s, events } = fullSync();
    expect(sequenceModel({ events, nowMs: s.world.now, width: 160, height: 48, lang: 'en' }).first).toBe(0);
    const f = await view(events, s.world.now, 160, 48);
    const order = ['6380 master', 'PING', '+PONG', 'REPLCONF listening-port 6381', 'PSYNC', 'BGSAVE started (1000 keys)', '+FULLRESYNC', 'buffered set k4 v4 for 6381', 'BGSAVE done', 'RDB ×47 18958/18958 B', 'SELECT 0 +23 B → offset 23', 'set k5 v5 +29 B → offset 81', 'buffer for 6381 drained', 'flush old data', 'loading RDB', 'RDB loaded: 1000 keys'];
    let at = -1;
    for (const text of order) {
      const i = f.indexOf(text, at + 1);
      expect(i, `${text} after ${order[order.indexOf(text) - 1]}`).toBeGreaterThan(at);
      at = i;
    }
    expect(f).toMatch(/│◀─+ PING ─+│/);
    expect(f).toMatch(/│━ RDB ×47 18958\/18958 B ━+▶│/);
  });

  it('at 80×24 it follows the newest rows and scrolls back to the handshake', async () => {
    const { s, events } = fullSync();
    const newest = await view(events, s.world.now, 80, 24);
    expect(newest).toContain('RDB loaded: 1000 keys');
    expect(newest).not.toContain('+PONG');
    const m = sequenceModel({ events, nowMs: s.world.now, width: 80, height: 24, lang: 'en' });
    await unmount();
    const top = await view(events, s.world.now, 80, 24, 'en', m.total);
    expect(top).toContain('+PONG');
    expect(top).toContain('PSYNC 278cdc… 1');
  });

  it('in step mode the RDB row shows the chunk still on the wire, half-way, in flight', async () => {
    const { s, events } = fullSync(':run 2s');
    const f = await view(events, s.world.now, 80, 24);
    expect(f).toMatch(/━ RDB ×\d+ \d+\/18958 B \(in flight\) ━*…/);
    expect(f).not.toContain('RDB loaded');
  });

  it('speaks Chinese at 80×24 and 160×48: the header, the marks, the folds', async () => {
    const { s, events } = fullSync();
    const f = await view(events, s.world.now, 80, 24, 'zh');
    expect(f).toContain('时间');
    expect(f).toContain('6380 主');
    expect(f).toContain('RDB 载入完成：1000 个键');
    expect(f).toContain('♥ 心跳: ACK');
    await unmount();
    const whole = await view(events, s.world.now, 160, 48, 'zh');
    expect(whole).toContain('为 6381 缓冲 set k4 v4');
    expect(whole).toContain('BGSAVE 开始（1000 个键）');
    expect(whole).toMatch(/PING/);
  });
});

describe('sequence view — PSYNC +CONTINUE and a lost write', () => {
  it('after its connection is reset, the replica PSYNCs and the master answers +CONTINUE (80 and 160 columns)', async () => {
    const s = new ReplSession({ seed: 1 });
    s.setup(['redis-server --port 6380', 'redis-server --port 6381', 'redis-cli -p 6381 replicaof 127.0.0.1 6380', 'redis-cli -p 6380 set k1 v1']);
    const since = s.world.trace.total;
    s.timeMode = 'manual';
    for (const l of [':reset 6380 6381', 'redis-cli -p 6380 set k2 v2', ':run 2s']) s.submit(l);
    const events = s.world.trace.since(since);
    for (const width of [80, 160]) {
      const f = await view(events, s.world.now, width, 24);
      expect(f).toMatch(/PSYNC [0-9a-f]{6}… 53/);
      expect(f).toMatch(/\+CONTINUE [0-9a-f]{6}…/);
      expect(f).toContain('set k2 v2');
      expect(f).toContain('connections to 6381 reset');
      await unmount();
    }
  });

  it('a write in flight when the connection is reset ends in ✗ (lost); the backlog sends it again later', async () => {
    const s = new ReplSession({ seed: 1 });
    s.setup(['redis-server --port 6380', 'redis-server --port 6381', 'redis-cli -p 6381 replicaof 127.0.0.1 6380']);
    const since = s.world.trace.total;
    s.timeMode = 'manual';
    for (const l of ['redis-cli -p 6380 set gone 1', ':reset 6380 6381']) s.submit(l);
    let events = s.world.trace.since(since);
    for (const width of [80, 160]) {
      const f = await view(events, s.world.now, width, 24);
      expect(f).toMatch(/─ set gone 1 \+\d+ B → offset \d+ \(lost\) ─*✗/);
      await unmount();
    }
    for (const l of [':run 2s']) s.submit(l);
    events = s.world.trace.since(since);
    const after = await view(events, s.world.now, 80, 24);
    expect(after).toContain('✗');
    expect(after).toMatch(/set gone 1 → offset \d+ ─*▶│/);
  });
});
