import { afterEach, describe, expect, it } from 'vitest';
import React from 'react';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/ui/app.js';
import { fixture } from './fixtures.js';
import { KEY, frame, press, renderUi, typeText, waitForFrame } from './helpers.js';

afterEach(() => cleanup());

describe('start menu', () => {
  it('lists the lessons with progress marks, the sandbox, the language and quit', async () => {
    const fx = fixture('done');
    const r = await renderUi(<App deps={fx.deps} colours={false} />);
    const f = frame(r);
    expect(f).toContain('✓ Build it');
    expect(f).toContain('A full sync, step by step');
    expect(f).toContain('Sandbox');
    expect(f).toContain('Language: English');
    expect(f).toContain('Quit');
  });

  it('switches to Chinese and back from the language item', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} />);
    await press(r, KEY.down, KEY.down, KEY.down, KEY.enter);
    expect(frame(r)).toContain('搭建主从');
    expect(frame(r)).toContain('语言：中文');
  });

  it('opens the lesson under the cursor with Enter', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} />);
    await press(r, KEY.enter);
    expect(fx.opened).toEqual(['build-it']);
    expect(frame(r)).toContain('Step 1/2');
    expect(frame(r)).toContain('127.0.0.1:6380>');
  });

  it('shows an unknown --lesson as a message on the menu instead of crashing', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="nope" />);
    expect(frame(r)).toContain('no lesson "nope"');
    expect(frame(r)).toContain('Build it');
  });
});

describe('lesson screen', () => {
  it('goes straight to a lesson given by lessonId and renders its step text with markdown', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    const f = frame(r);
    expect(f).toContain('Type SET k1 v1 at the 6380');
    expect(f).toContain('• a list item');
    expect(f).toContain('○ k1 is set on 6380');
  });

  it('ticks the goal and shows the why once the learner types the line', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await typeText(r, 'SET k1 v1');
    await press(r, KEY.enter);
    const f = frame(r);
    expect(f).toContain('✓ k1 is set on 6380');
    expect(f).toContain('Why: SET writes to the master first.');
    expect(f).toContain('127.0.0.1:6380> SET k1 v1');
    expect(f).toContain('OK');
    // Enter on an empty line moves on to step 2.
    await press(r, KEY.enter);
    expect(frame(r)).toContain('Step 2/2');
    expect(fx.session.marks).toBe(2);
  });

  it('submits a pasted chunk ending in CR (text\\r) as a line', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await press(r, 'GET k1\r');
    expect(fx.session.history).toEqual(['GET k1']);
    expect(frame(r)).toContain('(nil)');
  });

  it('submits every line of a multi-line paste and keeps the unfinished rest on the input line', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await press(r, 'GET a\nGET b\r\nGET c');
    expect(fx.session.history).toEqual(['GET a', 'GET b']);
    expect(frame(r)).toContain('127.0.0.1:6380> GET c');
  });

  it('walks the history with ↑ and ↓, restoring the line being typed', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await press(r, 'GET a\r', 'GET b\r');
    await typeText(r, 'dra');
    await press(r, KEY.up);
    expect(frame(r)).toContain('127.0.0.1:6380> GET b');
    await press(r, KEY.up);
    expect(frame(r)).toContain('127.0.0.1:6380> GET a');
    await press(r, KEY.down, KEY.down);
    expect(frame(r)).toContain('127.0.0.1:6380> dra');
  });

  it('completes with Tab: a unique candidate fills the line, several are listed', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await typeText(r, 'sel');
    await press(r, KEY.tab);
    expect(frame(r)).toContain('127.0.0.1:6380> SELECT');
  });

  it('lists several candidates after an ambiguous Tab', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await typeText(r, 's');
    await press(r, KEY.tab);
    expect(frame(r)).toContain('SET  SETEX  SETNX  SELECT');
  });

  it('shows the greyed argument hint after the typed text', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await typeText(r, 'set ');
    expect(frame(r)).toContain('key value [NX|XX]');
  });

  it('reveals hints one at a time with ? on an empty line', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await press(r, '?');
    expect(frame(r)).toContain('Hint 1: Use SET');
    expect(frame(r)).not.toContain('Hint 2');
    expect(frame(r)).not.toContain('127.0.0.1:6380> ?');
  });

  it('animates the new trace lines in settled mode and Space skips to the end', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await press(r, 'SET k2 v2\r');
    expect(frame(r)).not.toContain('6380 propagates SET k2 v2');
    await press(r, ' ');
    expect(frame(r)).toContain('6380 SET k2 v2 → OK');
    expect(frame(r)).toContain('6380 propagates SET k2 v2');
  });

  it('reveals the animation by itself at a readable pace', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await press(r, 'SET k2 v2\r');
    await waitForFrame(r, (f) => f.includes('6380 propagates SET k2 v2'));
  });

  it('Esc goes back to the menu and Ctrl+C exits', async () => {
    const fx = fixture();
    const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" />);
    await press(r, KEY.escape);
    expect(frame(r)).toContain('Sandbox');
  });
});
