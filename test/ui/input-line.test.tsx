import { afterAll, afterEach, describe, expect, it } from 'vitest';
import React from 'react';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDeps } from '../../src/ui/default-deps.js';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/ui/app.js';
import stringWidth from '../../src/ui/string-width.js';
import { fixture } from './fixtures.js';
import { KEY, frame, press, renderUi, typeText } from './helpers.js';

afterEach(() => cleanup());
const home = mkdtempSync(join(tmpdir(), 'repl-tutor-inputline-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const PROMPT = '127.0.0.1:6380> ';
const LEFT = '\x1b[D';
const RIGHT = '\x1b[C';
const DELETE = '\x1b[3~';
/** The input line: the frame's row that starts with the prompt. */
const inputRow = (f: string) => f.split('\n').find((l) => l.startsWith(PROMPT)) ?? '';

async function lesson() {
  const fx = fixture();
  const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
  return { fx, r };
}

describe('the input line in the app', () => {
  it('a read holding 3 Backspaces + 2 arrows + text applies every key, in order', async () => {
    const { r } = await lesson();
    await typeText(r, 'set abcdef');
    await press(r, '\x7f\x7f\x7f' + LEFT + LEFT + 'XY');
    expect(inputRow(frame(r)).trimEnd()).toBe(PROMPT + 'set aXYbc');
  });

  it('several ^W and Backspaces in one read (tmux send-keys BSpace BSpace BSpace)', async () => {
    const { fx, r } = await lesson();
    await typeText(r, 'get one two three');
    await press(r, '\x17\x17\x7f\x7f\x7f');
    await press(r, KEY.enter);
    expect(fx.session.history).toEqual(['get o']);
  });

  it('Delete deletes forward, ^D too on a non-empty line, Backspace backward', async () => {
    const { fx, r } = await lesson();
    await typeText(r, 'get kxyz');
    await press(r, LEFT + LEFT + LEFT + DELETE + '\x04');
    expect(inputRow(frame(r)).trimEnd()).toBe(PROMPT + 'get kz');
    await press(r, '\x7f', KEY.enter);
    expect(fx.session.history).toEqual(['get z']);
  });

  it('a paste of 20 lines in one read submits each line, in order', async () => {
    const { fx, r } = await lesson();
    const lines = Array.from({ length: 20 }, (_, n) => `set k${n} v${n}`);
    await press(r, lines.join('\r') + '\r');
    expect(fx.session.history).toEqual(lines);
  });

  it('a bracketed paste with a tab inserts a space, not a completion', async () => {
    const { fx, r } = await lesson();
    await press(r, '\x1b[200~get\tk\r\x1b[201~');
    expect(fx.session.history).toEqual(['get k']);
  });

  it('a line wider than the pane keeps the prompt whole and shows the cursor end with ‹', async () => {
    const { r } = await lesson();
    const long = 'echo ' + '0123456789'.repeat(20);
    await press(r, long);
    let row = inputRow(frame(r));
    expect(row.startsWith(PROMPT + '‹')).toBe(true);
    expect(row.trimEnd().endsWith('0123456789')).toBe(true);
    expect(stringWidth(row)).toBeLessThanOrEqual(100);
    await press(r, '\x01'); // ^A: Home
    row = inputRow(frame(r));
    expect(row.startsWith(PROMPT + 'echo 0123456789')).toBe(true);
    expect(row.trimEnd().endsWith('›')).toBe(true);
  });

  it('moving ← → over double-width text keeps every character on screen', async () => {
    const { r } = await lesson();
    const text = 'set 名字 张三李四王五六';
    await press(r, text);
    for (let i = 0; i < 6; i++) {
      await press(r, LEFT);
      expect(inputRow(frame(r)).trimEnd()).toBe(PROMPT + text);
    }
    await press(r, RIGHT + RIGHT + 'x');
    expect(inputRow(frame(r)).trimEnd()).toBe(PROMPT + 'set 名字 张三李x四王五六');
  });
});

describe('the input line over the real REPL', () => {
  const deps = () => defaultDeps({ lessonsDir: fileURLToPath(new URL('../../lessons/', import.meta.url)), env: { REPL_TUTOR_HOME: home } });

  it('Tab completes INFO sections and lists CONFIG parameters by their names; the hint has no double space', async () => {
    const r = await renderUi(<App deps={deps()} colours={false} sandbox />);
    await press(r, 'redis-cli -p 6381\r', 'info rep', KEY.tab);
    expect(frame(r)).toContain('127.0.0.1:6381> info replication');
    await press(r, '\r', 'config get repl-ti', KEY.tab);
    expect(frame(r)).toContain('127.0.0.1:6381> config get repl-timeout');
    await press(r, '\r', 'config get repl-b', KEY.tab);
    expect(frame(r)).toMatch(/repl-backlog-size {2}repl-backlog-ttl/);
    await press(r, '\x17\x17\x17', 'set k');
    expect(frame(r)).toContain('127.0.0.1:6381> set k value [NX|XX]');
  });
});
