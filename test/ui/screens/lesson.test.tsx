// The lesson screen's focus views over the real engine at 80×24: the first key after switching
// views scrolls the view now open, and a view's header rows stay on screen while its body scrolls.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import React, { act } from 'react';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup } from 'ink-testing-library';
import { App } from '../../../src/ui/app.js';
import { defaultDeps } from '../../../src/ui/default-deps.js';
import { KEY, frame, press, renderUi } from '../helpers.js';

const lessonsDir = fileURLToPath(new URL('../../../lessons/', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'repl-tutor-screens-'));
afterEach(() => act(async () => cleanup()));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const deps = () => defaultDeps({ lessonsDir, env: { REPL_TUTOR_HOME: mkdtempSync(join(home, 'p-')) } });
const F = { f3: '\u001B[13~', f6: '\u001B[17~', f7: '\u001B[18~', f8: '\u001B[19~', f9: '\u001B[20~', pgUp: '\u001B[5~', ctrlHome: '\u001B[1;5H' };
/** The frame's rows below the title bar and the views' tabs (the view's own rows). */
const body = (r: Awaited<ReturnType<typeof renderUi>>) => frame(r).split('\n').slice(2);

async function sandboxAfterFullSync() {
  const r = await renderUi(<App deps={deps()} colours={false} sandbox />);
  // A reply longer than the output pager, then a new replica's whole full sync.
  for (const l of ['redis-cli -p 6380 info', 'redis-server --port 6383', 'redis-cli -p 6383 replicaof 127.0.0.1 6380', ':run 3s']) await press(r, l + '\r');
  return r;
}

describe('focus views — the first key after switching views', () => {
  it('PgUp right after F6 → F3 scrolls the output a page (it is not spent on the short step view)', async () => {
    const r = await sandboxAfterFullSync();
    await press(r, F.f6);
    await press(r, F.f3);
    const before = body(r)[0];
    expect(before).toMatch(/↑ \d+ more — PgUp/);
    await press(r, F.pgUp);
    expect(body(r)[0]).toMatch(/↑ \d+ more — PgUp/);
    expect(body(r).join('\n')).toMatch(/↓ \d+ — PgDn/);
  });

  it('^Home right after F8 → F9 goes to the top of the logs, the file names first', async () => {
    const r = await sandboxAfterFullSync();
    await press(r, F.f8);
    await press(r, F.f9);
    await press(r, F.ctrlHome);
    expect(body(r)[0]).toMatch(/^\/data\/6380\/redis\.log +│ \/data\/6381\/redis\.log/);
    expect(body(r)[1]).toContain('oO0OoO0OoO0Oo Redis is starting');
  });
});

describe('focus views — header rows stay pinned while the body scrolls', () => {
  it('F7: the lane header (time, the nodes and their roles) is the first row at the newest rows and after PgUp', async () => {
    const r = await sandboxAfterFullSync();
    await press(r, F.f7);
    const lanes = /^time +6380 master +6381 replica +6382 replica +6383 replica/;
    expect(body(r)[0]).toMatch(lanes);
    expect(body(r)[1]).toMatch(/↑ \d+ more — PgUp/);
    await press(r, F.pgUp);
    expect(body(r)[0]).toMatch(lanes);
    expect(body(r).join('\n')).toMatch(/↓ \d+ — PgDn/);
  });

  it('F7 scrolled: the top row under the marker says its time, even where the row above it (hidden) said it first', async () => {
    const r = await sandboxAfterFullSync();
    await press(r, F.f7);
    // From the top, page down to the newest rows: every window that hides rows above starts with a time.
    await press(r, F.ctrlHome);
    let checked = 0;
    for (let i = 0; i < 20; i++) {
      await press(r, '\u001B[6~');
      const rows = body(r);
      expect(rows[1]).toMatch(/↑ \d+ more — PgUp/);
      expect(rows[2], rows.join('\n')).toMatch(/^ {0,4}\d+\.\d{3}s /);
      checked++;
      if (!rows.some((x) => /↓ \d+ — PgDn/.test(x))) break;
    }
    expect(checked).toBeGreaterThanOrEqual(2);
  });

  it('F7 with few rows: they start right under the lane header (no gap between them)', async () => {
    const r = await renderUi(<App deps={deps()} colours={false} lessonId="full-sync" />);
    await press(r, F.f7);
    expect(body(r)[0]).toMatch(/^time +6380 master +6381 master/);
    expect(body(r)[1]).toMatch(/^ +0\.000s +◆ started/);
  });

  it('F8 keeps its header and rule; F9 keeps the two log files’ names', async () => {
    const r = await sandboxAfterFullSync();
    await press(r, F.f8);
    expect(body(r)[0]).toMatch(/^time +│ master +│ replica/);
    expect(body(r)[1]).toMatch(/^─+┼─+┼─+$/);
    await press(r, F.pgUp);
    expect(body(r)[0]).toMatch(/^time +│ master +│ replica/);
    await press(r, F.f9);
    expect(body(r)[0]).toMatch(/^\/data\/6380\/redis\.log +│ \/data\/6381\/redis\.log/);
    expect(body(r)[1]).toMatch(/↑ \d+ more — PgUp/);
  });
});

describe('overlays opened from a focus view', () => {
  it('^K in F7 shows the fault menu on the lesson view (it stands in the cluster pane), so a typed letter never picks a fault unseen', async () => {
    const r = await renderUi(<App deps={deps()} colours={false} sandbox />);
    await press(r, F.f7, KEY.ctrl('k'));
    expect(frame(r)).toContain('Faults — pick one (Esc closes)');
    expect(frame(r)).toContain('k :kill PORT');
    await press(r, KEY.escape);
    expect(frame(r)).toContain('Cluster');
  });

  it('^O in F3 shows the inspector the same way', async () => {
    const r = await renderUi(<App deps={deps()} colours={false} sandbox />);
    await press(r, F.f3, KEY.ctrl('o'));
    expect(frame(r)).toContain('INFO replication on 6380');
  });
});

describe('a hint asked for from a focus view', () => {
  it('? in F7 shows the hint where hints stand, on the lesson view', async () => {
    const r = await renderUi(<App deps={deps()} colours={false} lessonId="propagation" />);
    await press(r, F.f7, '?');
    expect(frame(r)).toContain('Hint 1:');
  });

  it('? in F6 stays there: the step view lists the hints itself', async () => {
    const r = await renderUi(<App deps={deps()} colours={false} lessonId="propagation" />);
    await press(r, '\u001B[17~', '?');
    expect(frame(r)).toContain('Step (F6)');
    expect(frame(r)).toContain('Hint 1:');
  });
});

describe('messages and the search in focus views', () => {
  it('a message (^P with nothing to play) shows in a focus view too, above the input line', async () => {
    const r = await renderUi(<App deps={deps()} colours={false} sandbox />);
    await press(r, F.f7, KEY.ctrl('p'));
    expect(frame(r)).toContain('Sequence (F7)');
    expect(frame(r)).toContain('nothing to play');
  });

  it('^S from F7 searches the output in F3, scrolled to the match, and says where it is', async () => {
    const r = await sandboxAfterFullSync();
    await press(r, F.f7, KEY.ctrl('s'));
    await press(r, 'used_memory_peak_human', KEY.enter);
    expect(frame(r)).toContain('Output (F3)');
    expect(frame(r)).toMatch(/used_memory_peak_human:/);
    expect(frame(r)).toMatch(/found "used_memory_peak_human" \d+ rows up/);
  });
});

describe('Tab in a focus view', () => {
  it('lists the candidates above the input line, as the lesson view does', async () => {
    const r = await renderUi(<App deps={deps()} colours={false} sandbox />);
    await press(r, 'redis-cli -p 6380', KEY.enter, F.f7, 'cl', KEY.tab);
    expect(frame(r)).toContain('Sequence (F7)');
    expect(frame(r)).toMatch(/CLIENT {2}CLIENT KILL {2}CLIENT LIST/);
  });
});
