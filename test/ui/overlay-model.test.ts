// The fault menu (^K) and the inspector (^O) as rows in the cluster pane's box: all of them readable at 80×24.
import { describe, expect, it } from 'vitest';
import { faultMenu } from '../../src/ui/fault-menu.js';
import { lineText } from '../../src/ui/lines.js';
import { faultLines, inspectLines } from '../../src/ui/overlay-model.js';
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

describe('inspector', () => {
  const info = ['# Replication', 'role:master', 'connected_slaves:2', 'slave0:ip=127.0.0.1,port=6381,state=online,offset=0,lag=0', 'master_replid:c2294f5c315c42a6b89007d27442420ac539d725'];
  const open = { kind: 'inspect', port: 6380, tab: 'info', scroll: 0, filter: '' } as const;

  for (const lang of ['en', 'zh'] as const) {
    it(`at 80×24 (${lang}) its title wraps between keys, so every key it names is on screen, Esc included`, () => {
      const rows = inspectLines(open, { ports: [6380, 6381], info, keys: null }, strings(lang), ROOM, WIDTH).map(lineText);
      for (const r of rows) expect(textWidth(r), r).toBeLessThanOrEqual(WIDTH);
      const title = strings(lang).inspectTitle.split(' · ');
      const shown = rows.slice(0, 2).join(' ');
      for (const part of title) expect(shown).toContain(part);
    });
  }

  it('wraps an INFO line wider than the pane instead of cutting it', () => {
    const rows = inspectLines(open, { ports: [6380], info, keys: null }, strings('en'), Infinity, WIDTH).map(lineText);
    for (const r of rows) expect(textWidth(r), r).toBeLessThanOrEqual(WIDTH);
    expect(rows.join('')).toContain('slave0:ip=127.0.0.1,port=6381,state=online,offset=0,lag=0');
    expect(rows.join('')).toContain('master_replid:c2294f5c315c42a6b89007d27442420ac539d725');
  });
});

describe('inspector keys', () => {
  it('a filtered page header wraps between its parts and the keys take the rows left, all within the pane', () => {
    const keys = Array.from({ length: 200 }, (_, i) => ({ key: `key:${i}`, type: 'string', value: `value:${i}`, expiresAtMs: null as number | null }));
    const o = { kind: 'inspect', port: 6380, tab: 'keys', scroll: 0, filter: 'key:1*' } as const;
    const rows = inspectLines(o, { ports: [6380, 6381], info: null, keys }, strings('en'), ROOM, WIDTH).map(lineText);
    expect(rows).toHaveLength(ROOM);
    for (const r of rows) expect(textWidth(r), r).toBeLessThanOrEqual(WIDTH);
    expect(rows.join(' ')).toContain('keys 1–4 of 111 matching key:1*');
    expect(rows.join(' ')).toContain('PgDn/PgUp · / filter');
    expect(rows[rows.length - 1]).toBe('key:12 string "value:12"');
  });
});

describe('inspector on a stopped node', () => {
  for (const tab of ['info', 'keys'] as const) {
    it(`says the node is not running on the ${tab} tab (an empty page would read as "no keys")`, () => {
      const o = { kind: 'inspect', port: 6380, tab, scroll: 0, filter: '' } as const;
      const en = inspectLines(o, { ports: [6380, 6381], info: null, keys: null }, strings('en'), ROOM, WIDTH).map(lineText);
      expect(en).toContain('6380 is not running');
      expect(en).not.toContain('(empty)');
      const zh = inspectLines(o, { ports: [6380, 6381], info: null, keys: null }, strings('zh'), ROOM, WIDTH).map(lineText);
      expect(zh).toContain('6380 没有在运行');
    });
  }
});
