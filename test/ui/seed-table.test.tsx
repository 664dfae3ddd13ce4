import { afterEach, describe, expect, it } from 'vitest';
import React, { act } from 'react';
import { cleanup } from 'ink-testing-library';
import { loadLessons } from '../../src/lessons/loader.js';
import { runLines, runSetup } from '../../src/lessons/runner.js';
import { ReplSession } from '../../src/repl/session.js';
import { seedTableLines, seedTableRows } from '../../src/ui/seed-table-model.js';
import { lineText } from '../../src/ui/lines.js';
import { LINE_BREAK_RULES } from '../../src/ui/line-break.js';
import { SeedTableView } from '../../src/ui/seed-table-view.js';
import { frame, renderUi } from './helpers.js';

const unmount = () => act(async () => cleanup());
afterEach(unmount);

/** Lesson 2 played headless, its first `steps` steps (setup and solution each). */
function lesson2(steps = 5): ReplSession {
  const lesson = loadLessons(new URL('../../lessons/', import.meta.url).pathname).lessons.find((l) => l.id === 'full-sync')!;
  const s = new ReplSession({ seed: 1 });
  for (const step of lesson.steps.slice(0, steps)) {
    runSetup(s, step);
    runLines(s, step.solution);
  }
  return s;
}

describe("the seed's SYNC table, filled from the trace", () => {
  it("lays lesson 2 out like the seed's example: writes, SYNC, BGSAVE, buffered writes, RDB, load, buffer", () => {
    const rows = seedTableRows(lesson2().world.trace.all(), { lang: 'en' });
    const cells = rows.map((r) => (r.master !== '' ? `M: ${r.master}` : `R: ${r.replica}`));
    const expected = [
      'M: server starts',
      'M: executes set k1 v1',
      'M: executes set k2 v2',
      'M: executes set k3 v3',
      'R: slaveof 127.0.0.1 6380: connects to the master',
      /^R: sends PSYNC [0-9a-f]{6}… 1 \(asks to synchronize\)$/,
      'M: receives the request, runs BGSAVE: an RDB file of its 1003 keys; from now on records every write in a buffer',
      /^R: gets \+FULLRESYNC [0-9a-f]{6}… 0: a full sync$/,
      'M: executes set k4 v4 and records it in the buffer',
      'M: executes set k5 v5 and records it in the buffer',
      'M: BGSAVE done: sends the RDB file (18979 bytes)',
      'R: receives the RDB: 18405/18979 bytes',
      'M: sends the writes in the buffer: SELECT 0, set k4 v4, set k5 v5',
      'R: receives the RDB: 18979/18979 bytes',
      'R: flushes its old data, loads the RDB (18979 bytes); has loaded the RDB: 1003 keys',
      'R: executes SELECT 0, set k4 v4, set k5 v5',
    ];
    const got = cells.filter((c) => !c.includes('debug populate'));
    expect(got).toHaveLength(expected.length);
    got.forEach((c, i) => (typeof expected[i] === 'string' ? expect(c).toBe(expected[i]) : expect(c).toMatch(expected[i])));
    expect(rows[0]).toMatchObject({ master: 'server starts', replica: 'server starts' });
  });

  it('fills in as the lesson runs: after step 3 the buffer holds k4 and k5, no RDB yet', () => {
    const rows = seedTableRows(lesson2(3).world.trace.all(), { lang: 'en' });
    expect(rows.at(-1)!.master).toBe('executes set k5 v5 and records it in the buffer');
    expect(rows.some((r) => r.replica.startsWith('receives the RDB'))).toBe(false);
  });

  it('speaks Chinese with the seed’s own wording', () => {
    const rows = seedTableRows(lesson2().world.trace.all(), { lang: 'zh' });
    expect(rows.map((r) => r.master)).toContain('执行 set k4 v4，并将这个命令记录到缓冲区里面');
    expect(rows.at(-1)!.replica).toBe('接收并执行主库发来的 SELECT 0, set k4 v4, set k5 v5');
  });

  for (const [width, height] of [
    [80, 24],
    [160, 48],
  ] as const) {
    it(`draws at ${width}×${height} in both languages, the newest rows at the bottom`, async () => {
      const events = lesson2().world.trace.all();
      for (const lang of ['en', 'zh'] as const) {
        const r = await renderUi(<SeedTableView events={events} width={width} height={height} lang={lang} master={6380} replica={6381} />);
        const f = frame(r);
        const rows = f.split('\n');
        expect(rows.length).toBeLessThanOrEqual(height);
        for (const row of rows) expect([...row].length).toBeLessThanOrEqual(width);
        expect(rows[0]).toMatch(lang === 'en' ? /^time\s+│ master 6380\s+│ replica 6381/ : /^时间\s+│ 主库 6380\s+│ 从库 6381/);
        expect(f).toContain(lang === 'en' ? 'executes SELECT 0, set k4' : '接收并执行主库发来的');
        if (width === 160) expect(f).toContain(lang === 'en' ? 'T0 0.000s' : 'T0 0.000s');
        await unmount();
      }
    });
  }

  it('in Chinese at 80 to 120 columns, wraps a cell between words and characters: no number or command is split, no row starts with a closer', () => {
    const rows = seedTableRows(lesson2().world.trace.all(), { lang: 'zh' });
    // Every width from 80 to 120 columns: each puts the row ends somewhere else.
    for (let width = 80; width <= 120; width++) {
      const lines = seedTableLines(rows, { lang: 'zh', width, height: 1000 }).slice(2).map(lineText);
      // The table's rows (T0, T1, …), each the rows its cells wrapped to, column by column.
      const groups: string[][][] = [];
      for (const l of lines) {
        const [time, ...cells] = l.split('│');
        if (time.trim() !== '') groups.push([[], []]);
        cells.forEach((c, k) => groups[groups.length - 1][k].push(c.replace(/ +$/, '').replace(/^ /, '')));
      }
      const tokens = (t: string) => t.match(/[0-9A-Za-z]+/g) ?? [];
      groups.forEach((cols, i) => {
        [rows[i].master, rows[i].replica].forEach((source, k) => {
          // Every word and number of the cell is whole on one of its rows; no row starts with a space or a closer.
          const pieces = cols[k].filter((c) => c !== '');
          const shown = pieces.flatMap(tokens);
          for (const t of tokens(source)) expect(shown, `${t} of "${source}" at ${width} columns`).toContain(t);
          for (const c of pieces) expect(c[0] === ' ' || LINE_BREAK_RULES.closers.includes(c[0]), `"${c}" at ${width} columns`).toBe(false);
        });
      });
    }
  });
});
