import { afterAll, afterEach, describe, expect, it } from 'vitest';
import React from 'react';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/ui/app.js';
import { defaultDeps } from '../../src/ui/default-deps.js';
import { KEY, frame, press, renderUi } from './helpers.js';

const lessonsDir = fileURLToPath(new URL('../../lessons/', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'repl-tutor-ui-'));
afterEach(() => cleanup());
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** Progress in `home` (shared by the tests that build on each other), or in a fresh folder. */
const deps = (dir = home) => defaultDeps({ lessonsDir, env: { REPL_TUTOR_HOME: dir } });
const freshDeps = () => deps(mkdtempSync(join(home, 'fresh-')));
const eventsRun = (f: string) => Number(/#(\d+)/.exec(f.split('\n')[0])![1]);

async function type(r: Awaited<ReturnType<typeof renderUi>>, ...lines: string[]) {
  for (const l of lines) await press(r, l + '\r');
}

describe('the app over the real engine, REPL and lessons', () => {
  it('a full sync: writes typed during BGSAVE wait in the replica’s output buffer, then the RDB bar advances', async () => {
    const r = await renderUi(<App deps={deps()} colours={false} lessonId="full-sync" />);
    // T0–T3: three writes on the master before the sync.
    await type(r, 'redis-cli -p 6380', 'set k1 v1', 'set k2 v2', 'set k3 v3');
    await press(r, KEY.enter);
    await type(r, 'exit', 'redis-cli -p 6381', 'slaveof 127.0.0.1 6380');
    for (let i = 0; i < 12 && !frame(r).includes('wait_bgsave'); i++) await press(r, ' ');
    expect(frame(r)).toContain('▸ 6381 wait_bgsave');
    expect(frame(r)).toMatch(/BGSAVE {2}[█░]+ 1003 keys/);
    expect(frame(r)).toContain('✓ 6380 answered 6381 with +FULLRESYNC');
    // Next step: write on the master while the BGSAVE runs.
    await press(r, KEY.enter);
    expect(frame(r)).toContain('Step 3/5');
    await type(r, 'exit', 'redis-cli -p 6380', 'set k4 v4', 'set k5 v5');
    expect(frame(r)).toMatch(/buffer 3 \(81B\): SELECT 0 · set k4 v4 · set k5 v5|buffer 3 \(81B\): SELECT 0 · SET k4 v4/);
    // Progress is saved once the step completes.
    const saved = JSON.parse(readFileSync(join(home, 'progress.json'), 'utf8'));
    expect(saved.lessons['full-sync'].completed).toEqual(['before-sync', 'sync-and-bgsave', 'buffered-writes']);
    // Step on until the RDB is on its way: the bar shows bytes sent of the total.
    await press(r, KEY.enter);
    for (let i = 0; i < 200 && !/RDB out [█░]+ \d+\/\d+B/.test(frame(r)); i++) await press(r, ' ');
    expect(frame(r)).toMatch(/RDB out [█░]+ \d+\/\d+B/);
  });

  it('a lesson kept open speaks the language chosen in the menu since: its text and goals, not only the chrome', async () => {
    const r = await renderUi(<App deps={freshDeps()} colours={false} />);
    await press(r, KEY.enter);
    expect(frame(r)).toContain('Start three servers');
    await press(r, KEY.escape);
    // The menu's language item is the second to last (above Quit).
    await press(r, KEY.up, KEY.up, KEY.enter);
    expect(frame(r)).toContain('语言：中文');
    // Back down to the first lesson (the cursor wraps past Quit), kept open, world and all.
    await press(r, KEY.down, KEY.down);
    expect(frame(r)).toMatch(/› .*手工搭建主从复制/);
    
    await press(r, KEY.enter);
    expect(frame(r)).toContain('步骤 1/6');
    expect(frame(r)).toContain('启动三个实例');
    expect(frame(r)).not.toContain('Start three servers');
  });

  it('Space with only periodic timers pending says which timer fired and that nothing changed', async () => {
    const r = await renderUi(<App deps={freshDeps()} colours={false} sandbox />);
    await press(r, KEY.ctrl('t'));
    await press(r, ' ');
    expect(frame(r)).toMatch(/stepped \d+ serverCron: only periodic timers pending/);
    expect(frame(r)).not.toContain('next: nothing pending');
  });

  it('^P with only periodic timers pending says there is nothing to play and how to let time pass', async () => {
    const r = await renderUi(<App deps={freshDeps()} colours={false} sandbox />);
    await press(r, KEY.ctrl('p'));
    expect(frame(r)).toContain('nothing to play: only periodic timers pending · type a command, or :run 10s');
    await press(r, KEY.ctrl('p'));
    // With work pending, ^P plays it and says nothing.
    await type(r, 'redis-cli -p 6380 set k v');
    await press(r, KEY.ctrl('p'));
    expect(frame(r).split('\n')[0]).toContain('▶ 1×');
    expect(frame(r)).not.toContain('nothing to play');
  });

  it('rewinds one event and back to the start of the step deterministically', async () => {
    const r = await renderUi(<App deps={freshDeps()} colours={false} lessonId="full-sync" />);
    const start = frame(r).split('\n')[0];
    await type(r, 'redis-cli -p 6381', 'slaveof 127.0.0.1 6380');
    await press(r, ' ', ' ', ' ');
    const stepped = frame(r);
    const n = eventsRun(stepped);
    expect(n).toBeGreaterThan(eventsRun(start));
    await press(r, KEY.ctrl('z'));
    expect(eventsRun(frame(r))).toBe(n - 1);
    expect(frame(r)).toContain('rewound one event');
    await press(r, KEY.ctrl('g'));
    expect(frame(r).split('\n')[0]).toBe(start);
    expect(frame(r)).toContain('back to the start of the step');
  });

  it('the inspector prints the engine’s INFO replication for a node', async () => {
    const r = await renderUi(<App deps={freshDeps()} colours={false} lessonId="full-sync" />);
    await press(r, KEY.ctrl('o'));
    expect(frame(r)).toContain('INFO replication on 6380');
    expect(frame(r)).toContain('role:master');
    expect(frame(r)).toContain('connected_slaves:0');
  });

  it('the menu marks a started lesson with ◐', async () => {
    const r = await renderUi(<App deps={deps()} colours={false} />);
    expect(frame(r)).toContain('◐ A full sync, step by step');
  });
});
