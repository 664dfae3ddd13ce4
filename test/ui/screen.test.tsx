import { afterEach, describe, expect, it } from 'vitest';
import React from 'react';
import { act } from 'react';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/ui/app.js';
import { formatTrace } from '../../src/repl/trace-format.js';
import type { EventLabel } from '../../src/sim/scheduler.js';
import { fixture, node } from './fixtures.js';
import { KEY, frame, press, renderUi } from './helpers.js';

afterEach(() => cleanup());

function resize(r: Awaited<ReturnType<typeof renderUi>>, cols: number, rows: number) {
  Object.defineProperty(r.stdout, 'columns', { value: cols, configurable: true });
  Object.defineProperty(r.stdout, 'rows', { value: rows, configurable: true });
  return act(async () => {
    r.stdout.emit('resize');
  });
}

describe('terminal size', () => {
  it('shows "terminal too small" below 80×24 and recovers when the terminal grows', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await resize(r, 70, 20);
    expect(frame(r)).toContain('terminal too small (80×24 needed, now 70×20)');
    await resize(r, 80, 24);
    expect(frame(r)).not.toContain('too small');
    expect(frame(r)).toContain('Step 1/2');
  });

  it('while too small, time stops and typed keys wait; they run, in order, when the window grows', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await resize(r, 70, 20);
    await press(r, 'set k1 v1', KEY.enter, KEY.ctrl('p'));
    expect(fx.session.history).toEqual([]);
    expect(frame(r)).toContain('time is stopped until the window is larger');
    expect(frame(r)).toMatch(/\d+ keys waiting/);
    await resize(r, 80, 24);
    expect(fx.session.history).toEqual(['set k1 v1']);
    expect(frame(r)).toContain('▶ 1×');
  });

  it('draws every row of the lesson screen within 80 columns and 23 rows at 80×24', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await resize(r, 80, 24);
    const rows = frame(r).split('\n');
    expect(rows.length).toBeLessThanOrEqual(23);
    for (const row of rows) expect([...row].length).toBeLessThanOrEqual(80);
    expect(frame(r)).toContain('● 6380 master');
    expect(frame(r)).toContain('127.0.0.1:6380>');
  });

  it('puts the timeline beside the REPL at 160×48', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await resize(r, 160, 48);
    const rows = frame(r).split('\n');
    expect(rows.length).toBeLessThanOrEqual(47);
    const inputRow = rows.find((l) => l.includes('127.0.0.1:6380>'))!;
    expect(inputRow).toContain('│');
  });
});

describe('time: step mode, play and rewind', () => {
  it('in step mode a line leaves its events pending; Space fires them one by one, with a "next:" line', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await press(r, KEY.ctrl('t'));
    expect(frame(r)).toContain('step mode');
    await press(r, 'SET k3 v3\r');
    expect(frame(r)).toContain('next: propagate SET k3');
    expect(frame(r)).not.toContain('6380 propagates SET k3 v3');
    await press(r, ' ');
    expect(frame(r)).toContain('6380 propagates SET k3 v3');
    expect(frame(r)).toContain('next: nothing pending');
  });

  it('Space presses merged into one chunk step once each, and type nothing', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await press(r, KEY.ctrl('t'), 'SET a 1\r', 'SET b 2\r', '  ');
    expect(frame(r)).toContain('6380 propagates SET b 2');
    expect(frame(r)).toContain('next: nothing pending');
    await press(r, 'x');
    expect(frame(r)).toContain('127.0.0.1:6380> x');
  });

  it('Ctrl+N steps even with text on the line, without typing an n', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await press(r, KEY.ctrl('t'), 'SET k3 v3\r', 'GE', KEY.ctrl('n'));
    expect(frame(r)).toContain('6380 propagates SET k3 v3');
    expect(frame(r)).toContain('127.0.0.1:6380> GE');
    expect(frame(r)).not.toContain('127.0.0.1:6380> GEn');
  });

  it('Ctrl+Z rewinds one event and Ctrl+G goes back to the start of the step', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await press(r, KEY.ctrl('z'));
    expect(frame(r)).toContain('rewound one event');
    await press(r, KEY.ctrl('g'));
    expect(frame(r)).toContain('back to the start of the step');
    expect(fx.session.rewinds).toEqual(['event', 'mark']);
  });

  it('in step mode the first Space steps, in the frame drawn right after the key, even with trace lines not yet shown', async () => {
    const fx = fixture();
    fx.session.timeMode = 'manual';
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    // The world logged a line and queued an event without a key of ours (as a lesson's setup does):
    // the timeline has not shown that line yet. Step mode does not animate, so Space must step now,
    // not first spend itself on revealing, nor wait for the reveal timer.
    fx.world.trace.push(fx.world.now, { type: 'command', port: 6380, db: 0, argv: ['SET', 'k9', 'v9'], reply: 'OK' });
    fx.world.queue.push({ label: { kind: 'propagate', command: 'SET k9' } as EventLabel, body: { type: 'propagate', master: 6380, argv: ['SET', 'k9', 'v9'], bytes: 31, offset: 31, replicas: [6381] } });
    await press(r, ' ');
    expect(fx.world.queue).toHaveLength(0);
    expect(frame(r)).toContain('6380 SET k9 v9 → OK');
    expect(frame(r)).toContain('6380 propagates SET k9 v9');
  });

  it('leaving settled mode for play shows the lines still being animated at once', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await press(r, 'SET k2 v2\r');
    expect(frame(r)).not.toContain('6380 propagates SET k2 v2');
    await press(r, KEY.ctrl('p'));
    expect(frame(r)).toContain('6380 propagates SET k2 v2');
  });

  it('play steps pending events by itself until nothing is pending', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await press(r, KEY.ctrl('t'), 'SET a 1\r', 'SET b 2\r');
    await press(r, KEY.ctrl('f'), KEY.ctrl('f'), KEY.ctrl('f'), KEY.ctrl('p'));
    expect(frame(r)).toContain('▶ 8×');
    const { waitForFrame } = await import('./helpers.js');
    await waitForFrame(r, (f) => f.includes('6380 propagates SET b 2') && !f.includes('▶'));
  });
});

describe('faults and inspect', () => {
  it('the fault menu types a : line for the picked node', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await press(r, KEY.ctrl('k'));
    expect(frame(r)).toContain(':kill PORT');
    await press(r, 'k');
    expect(frame(r)).toContain('Pick a node');
    await press(r, '2');
    expect(fx.session.history).toEqual([':kill 6381']);
    expect(frame(r)).toContain('killed 6381');
  });

  it('the fault menu lists every row of the fault table; a pair fault takes two nodes, a value fault its menu value', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await press(r, KEY.ctrl('k'));
    for (const row of [':crash PORT', ':drop A B', ':reset A B', ':latency A B 500', ':bandwidth A B 10kb']) expect(frame(r)).toContain(row);
    // The same node twice is not a pair: the second pick waits for another node.
    await press(r, 'x', '1', '1', '2');
    // A value fault asks for its value in a one-field form, its menu value filled in: Enter takes it.
    await press(r, KEY.ctrl('k'), 'l', '2', '1');
    expect(frame(r)).toContain('latency 6381 ↔ 6380:');
    await press(r, KEY.enter);
    expect(fx.session.history).toEqual([':reset 6380 6381', ':latency 6381 6380 500']);
  });

  it('the inspector shows INFO replication and the keys of a picked node', async () => {
    const fx = fixture();
    fx.world.keyData.set(6381, [{ key: 'k1', type: 'string', value: 'v1', expiresAtMs: null }]);
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await press(r, KEY.ctrl('o'));
    expect(frame(r)).toContain('INFO replication on 6380');
    expect(frame(r)).toContain('role:master');
    await press(r, '2', 'k');
    expect(frame(r)).toContain('keys 1–1 of 1');
    expect(frame(r)).toMatch(/k1 string "v1"/);
    await press(r, KEY.escape);
    expect(frame(r)).toContain('● 6380 master');
  });

  it('draws a crashed node as dead', async () => {
    const fx = fixture();
    fx.world.nodes[0] = node({ port: 6380, status: 'crashed' });
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    expect(frame(r)).toContain('✖ 6380 master  DEAD');
    expect(frame(r)).toContain('◀╌╌ down ╌╌ 6380');
  });
});

describe('Chinese all the way', () => {
  it('with lang zh the footer, title, timeline, "next:" line, overlays and messages are Chinese', async () => {
    const fx = fixture();
    // The real trace formatter, so the timeline shows what the app would.
    const deps = { ...fx.deps, formatTrace };
    const r = await renderUi(<App deps={deps} colours={false} lessonId="build-it" lang="zh" />);
    let f = frame(r);
    expect(f).toContain('Space/^N 单步');
    expect(f).toContain('^Z 撤销');
    expect(f).toContain('Esc 菜单');
    expect(f).not.toMatch(/\b(step|undo|faults|inspect|menu)\b/);
    await press(r, KEY.ctrl('t'), 'SET k2 v2\r');
    f = frame(r);
    expect(f).toContain('单步模式');
    expect(f).toContain('^T 自动稳定');
    expect(f).toMatch(/下一个： ?propagate SET k2/); // app.tsx puts a space after the label
    await press(r, ' ');
    f = frame(r);
    expect(f).toContain('6380 命令传播 SET k2 v2 → 6381（+31 B，偏移量 31）');
    expect(f).toContain('下一个：无待处理事件');
    await press(r, KEY.ctrl('k'));
    expect(frame(r)).toContain('故障 — 选择一项（Esc 关闭）');
    await press(r, KEY.escape, KEY.ctrl('o'));
    expect(frame(r)).toContain('查看 — 1–9 节点');
    expect(frame(r)).toContain('6380 的 INFO replication');
    await press(r, KEY.escape, KEY.ctrl('z'));
    expect(frame(r)).toContain('已回退一个事件');
  });

  it('the cluster pane follows the language chosen in the menu', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} />);
    await press(r, KEY.down, KEY.down, KEY.down, KEY.enter, KEY.up, KEY.up, KEY.up, KEY.enter);
    const f = frame(r);
    expect(f).toContain('集群');
    expect(f).toContain('偏移量 100');
    expect(f).toContain('单步');
  });
});
