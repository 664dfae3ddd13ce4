// One-field forms (ink-text-input) and the keys that must never lose work: the fault menu's value,
// the inspector's key filter, :save's name; Esc and ^D in the sandbox; ^D at a node prompt.
import { afterEach, describe, expect, it } from 'vitest';
import React, { act } from 'react';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/ui/app.js';
import { fixture } from './fixtures.js';
import { KEY, frame, press, renderUi, typeText } from './helpers.js';

afterEach(() => cleanup());

function resize(r: Awaited<ReturnType<typeof renderUi>>, cols: number, rows: number) {
  Object.defineProperty(r.stdout, 'columns', { value: cols, configurable: true });
  Object.defineProperty(r.stdout, 'rows', { value: rows, configurable: true });
  return act(async () => {
    r.stdout.emit('resize');
  });
}

/** The app has exited: typing draws nothing any more. */
async function expectExited(r: Awaited<ReturnType<typeof renderUi>>) {
  const frames = r.frames.length;
  await typeText(r, 'get k1');
  expect(r.frames.length).toBe(frames);
}

describe('one-field forms', () => {
  it('the fault menu asks a latency in a form: the default is there, the learner types another', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await press(r, KEY.ctrl('k'), 'l', '1', '2');
    expect(frame(r)).toContain('latency 6380 ↔ 6381:');
    expect(frame(r)).toContain('500');
    await press(r, '\x7f', '\x7f', '\x7f');
    await typeText(r, '250');
    await press(r, KEY.enter);
    expect(fx.session.history).toEqual([':latency 6380 6381 250']);
  });

  it('a form keeps what was typed across a too-small window, and keys typed while it was too small reach it in order', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await press(r, KEY.ctrl('k'), 'l', '1', '2', '\x7f', '\x7f', '\x7f');
    await typeText(r, '2');
    await resize(r, 70, 20);
    expect(frame(r)).toContain('terminal too small');
    await typeText(r, '50');
    await press(r, KEY.enter);
    await resize(r, 80, 24);
    expect(fx.session.history).toEqual([':latency 6380 6381 250']);
  });

  it('Esc cancels the form and applies nothing', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await press(r, KEY.ctrl('k'), 'l', '1', '2', KEY.escape);
    expect(fx.session.history).toEqual([]);
    expect(frame(r)).toContain('127.0.0.1:6380>');
  });

  it('the inspector filters a node\'s keys with a MATCH pattern typed in a form, and pages them', async () => {
    const fx = fixture();
    fx.world.keyData.set(6380, [
      ...Array.from({ length: 30 }, (_, i) => ({ key: `user:${i}`, type: 'string', value: `u${i}`, expiresAtMs: null })),
      { key: 'k1', type: 'string', value: 'v1', expiresAtMs: null },
    ]);
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await press(r, KEY.ctrl('o'), 'k');
    expect(frame(r)).toMatch(/keys 1–\d+ of 31/);
    await press(r, '/');
    expect(frame(r)).toContain('keys on 6380 matching');
    await typeText(r, 'k*');
    await press(r, KEY.enter);
    expect(frame(r)).toContain('keys 1–1 of 1 matching k*');
    expect(frame(r)).toMatch(/k1 string "v1"/);
    expect(frame(r)).not.toContain('user:0');
  });
});

describe('nothing lost without a question', () => {
  it('Esc leaves the sandbox and keeps its world; opening it again returns to it; r asks before a new one', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} sandbox />);
    await typeText(r, 'set k1 v1');
    await press(r, KEY.enter, KEY.escape);
    expect(frame(r)).toContain('back to your world');
    // The sandbox is the item after the two lessons.
    await press(r, KEY.down, KEY.down, KEY.enter);
    expect(fx.opened).toEqual(['sandbox']);
    expect(frame(r)).toContain('set k1 v1');
    await press(r, KEY.escape, 'r');
    expect(frame(r)).toContain('Start a new sandbox?');
    await press(r, 'n');
    expect(fx.opened).toEqual(['sandbox']);
    await press(r, 'r', 'y');
    expect(fx.opened).toEqual(['sandbox', 'sandbox']);
  });

  it('^D at a node prompt leaves redis-cli (exit), as redis-cli does; it does not quit', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await press(r, KEY.ctrl('d'));
    expect(fx.session.history).toEqual(['exit']);
  });

  it('^C in the sandbox (nothing to interrupt) asks before quitting, as ^D does; n keeps it, ^C again quits', async () => {
    const fx = fixture();
    fx.session.prompt = '$ ';
    const r = await renderUi(<App deps={fx.deps} colours={false} sandbox />);
    await press(r, KEY.ctrl('c'));
    expect(frame(r)).toContain('Quit? This sandbox world is lost');
    await press(r, 'n');
    expect(frame(r)).not.toContain('Quit?');
    await press(r, KEY.ctrl('c'));
    expect(frame(r)).toContain('Quit? This sandbox world is lost');
    await press(r, KEY.ctrl('c'));
    await expectExited(r);
  });

  it('^C in a lesson quits at once: its progress is saved', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await press(r, KEY.ctrl('c'));
    await expectExited(r);
  });

  it('^D at $ in the sandbox asks before quitting; n keeps it', async () => {
    const fx = fixture();
    fx.session.prompt = '$ ';
    const r = await renderUi(<App deps={fx.deps} colours={false} sandbox />);
    await press(r, KEY.ctrl('d'));
    expect(frame(r)).toContain('Quit? This sandbox world is lost');
    await press(r, 'n');
    expect(frame(r)).toContain('$');
    expect(frame(r)).not.toContain('Quit?');
  });
});

describe('views and the key sheet', () => {
  it('F1 lists every key by where it works; Esc closes it', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await press(r, '\x1bOP');
    expect(frame(r)).toContain('Keys — Esc closes');
    expect(frame(r)).toContain('Input line');
    await press(r, KEY.escape);
    expect(frame(r)).toContain('Step 1/2');
  });

  it('F3 shows the output as a pager: PgUp pages back and a marker says how much is below', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    for (let i = 0; i < 60; i++) {
      await typeText(r, `get k${i}`);
      await press(r, KEY.enter);
    }
    await press(r, '\x1bOR');
    expect(frame(r)).toContain('Output (F3)');
    expect(frame(r)).toMatch(/↑ \d+ more — PgUp/);
    await press(r, '\x1b[5~');
    expect(frame(r)).toMatch(/↓ \d+ — PgDn/);
  });

  it('^S searches the output: the newest match above scrolls into view, ^S again finds the one before', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    for (let i = 0; i < 40; i++) {
      await typeText(r, i % 10 === 7 ? `set k${i} v${i}` : `get k${i}`);
      await press(r, KEY.enter);
    }
    await press(r, KEY.ctrl('s'));
    expect(frame(r)).toContain('search the output');
    await typeText(r, 'set k');
    await press(r, KEY.enter);
    expect(frame(r)).toContain('set k37 v37');
    expect(frame(r)).toMatch(/found "set k" \d+ rows up/);
    await press(r, KEY.ctrl('s'), KEY.enter);
    expect(frame(r)).toContain('set k27 v27');
  });
});
