// The fault menu (^K) as rows in the cluster pane's box: every fault on screen at 80×24.
import { describe, expect, it } from 'vitest';
import { faultMenu } from '../../src/ui/fault-menu.js';
import { lineText } from '../../src/ui/lines.js';
import { faultLines } from '../../src/ui/overlay-model.js';
import { strings } from '../../src/ui/strings.js';
import { textWidth } from '../../src/ui/text-width.js';

/** The cluster pane at 80×24: 41 columns, 9 rows. */
const WIDTH = 41;
const ROOM = 9;

describe('fault menu', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`at 80×24 (${lang}) shows every fault with its key, in two columns, within the pane`, () => {
      const rows = faultLines({ kind: 'faults', fault: null, port: null }, [6380, 6381, 6382], strings(lang), ROOM, WIDTH).map(lineText);
      expect(rows.length).toBeLessThanOrEqual(ROOM);
      for (const r of rows.slice(1)) expect(textWidth(r), r).toBeLessThanOrEqual(WIDTH);
      const all = rows.join('\n');
      for (const f of faultMenu) expect(all).toContain(`${f.key} ${f.line}`);
      expect(rows[1]).toMatch(/k :kill PORT +d :drop A B/);
    });
  }

  it('keeps one column where the pane is tall enough', () => {
    const rows = faultLines({ kind: 'faults', fault: null, port: null }, [6380], strings('en'), 20, WIDTH).map(lineText);
    expect(rows).toHaveLength(1 + faultMenu.length);
    expect(rows[1]).toBe('  k :kill PORT');
  });

  it('picking a node: nine servers fit the pane too, in columns', () => {
    const drop = faultMenu.find((f) => f.kind === 'drop')!;
    const ports = [6380, 6381, 6382, 6383, 6384, 6385, 6386, 6387, 6388];
    const rows = faultLines({ kind: 'faults', fault: drop, port: 6380 }, ports, strings('en'), ROOM, WIDTH).map(lineText);
    expect(rows.length).toBeLessThanOrEqual(ROOM);
    for (const r of rows) expect(textWidth(r), r).toBeLessThanOrEqual(WIDTH);
    for (const [i, p] of ports.entries()) expect(rows.join('\n')).toContain(`${i + 1} ${p}`);
  });
});
