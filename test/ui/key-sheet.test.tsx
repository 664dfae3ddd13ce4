// The key sheet (F1) at 80×24: it says what is below and which key shows it, keeps its title on
// top, and stops at its last page (PgDn past it is not a blank screen; PgUp comes straight back).
import { afterEach, describe, expect, it } from 'vitest';
import React, { act } from 'react';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/ui/app.js';
import { fixture } from './fixtures.js';
import { frame, press, renderUi } from './helpers.js';

afterEach(() => act(async () => cleanup()));

const F1 = '\x1bOP';
const PG_UP = '\x1b[5~';
const PG_DN = '\x1b[6~';

async function sheetAt(cols: number, rows: number, lang: 'en' | 'zh' = 'en') {
  const fx = fixture();
  const r = await renderUi(<App deps={fx.deps} colours={false} lessonId="build-it" lang={lang} />);
  Object.defineProperty(r.stdout, 'columns', { value: cols, configurable: true });
  Object.defineProperty(r.stdout, 'rows', { value: rows, configurable: true });
  await act(async () => {
    r.stdout.emit('resize');
  });
  await press(r, F1);
  return r;
}

const rowsOf = (r: Awaited<ReturnType<typeof renderUi>>) => frame(r).split('\n');

describe('key sheet (F1) at 80×24', () => {
  it('ends with a row saying how many rows are below and that PgDn shows them', async () => {
    const r = await sheetAt(80, 24);
    const rows = rowsOf(r);
    expect(rows.length).toBeLessThanOrEqual(23);
    expect(rows[0]).toContain('Keys — Esc closes');
    expect(rows[rows.length - 1]).toMatch(/↓ \d+ — PgDn/);
    expect(frame(r)).not.toContain('Inspector');
  });

  it('PgDn to the end keeps the title on top and shows the fault menu and inspector keys; PgDn past it changes nothing; PgUp comes back', async () => {
    const r = await sheetAt(80, 24);
    for (let i = 0; i < 30; i++) await press(r, PG_DN);
    const last = frame(r);
    expect(rowsOf(r)[0]).toContain('Keys — Esc closes');
    expect(last).toContain('Fault menu');
    expect(last).toContain('Inspector');
    expect(last).toMatch(/↑ \d+ more — PgUp/);
    expect(last).not.toMatch(/↓ \d+ — PgDn/);
    await press(r, PG_DN);
    expect(frame(r)).toBe(last);
    await press(r, PG_UP);
    expect(frame(r)).not.toBe(last);
    expect(frame(r)).toMatch(/↓ \d+ — PgDn/);
  });

  it('says the same in Chinese', async () => {
    const r = await sheetAt(80, 24, 'zh');
    const rows = rowsOf(r);
    expect(rows[0]).toContain('按键一览 — Esc 关闭');
    expect(rows[rows.length - 1]).toMatch(/↓ \d+ — PgDn/);
  });
});
