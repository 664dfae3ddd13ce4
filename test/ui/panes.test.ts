// The REPL output's rows: what programs print wraps as a terminal wraps it; the tutor's own notes
// wrap between words, so a learner at 80 columns never reads "RA|TE" or "it ar|rives".
import { describe, expect, it } from 'vitest';
import { ReplSession } from '../../src/repl/session.js';
import { lineText } from '../../src/ui/lines.js';
import { outputExtraRows, outputRows } from '../../src/ui/panes.js';

describe('output rows at 80 columns', () => {
  it('the shell’s help (the tutor’s own note) wraps between words, continuing under its own indent', () => {
    const s = new ReplSession({ seed: 1 });
    const rows = outputRows(s.submit('help'), 80).map(lineText);
    for (const r of rows) expect(r.length, r).toBeLessThanOrEqual(80);
    const words = new Set(rows.flatMap((r) => r.trim().split(/\s+/)));
    for (const w of [':bandwidth', 'RATE', ':pause', 'PORT', 'crash)', 'not']) expect(words, w).toContain(w);
    expect(rows).toContain('  :step [N]  :run idle|DURATION  :kill PORT  :crash PORT  :restart PORT  :pause');
    expect(rows).toContain('  PORT');
  });

  it('a reply is program output: it hard-wraps at the width, as a terminal does', () => {
    const rows = outputRows([{ text: 'x'.repeat(50) + ' ' + 'y'.repeat(50), kind: 'reply' }], 80).map(lineText);
    expect(rows).toEqual(['x'.repeat(50) + ' ' + 'y'.repeat(29), 'y'.repeat(21)]);
  });
});

describe('Tab’s candidates under the output', () => {
  const many = ['CLIENT', 'CLIENT KILL', 'CLIENT LIST', 'COMMAND', 'COMMAND COUNT', 'COMMAND DOCS', 'COMMAND INFO', 'CONFIG', 'CONFIG GET', 'CONFIG SET', 'CONFIG RESETSTAT', 'CONFIG REWRITE', 'COPY'];

  it('wrap over up to three rows of the width, never cutting a candidate', () => {
    const rows = outputExtraRows(many, null, 40).map(lineText);
    expect(rows.length).toBeLessThanOrEqual(3);
    for (const r of rows) expect(r.length, r).toBeLessThanOrEqual(40);
    expect(rows[0]).toBe('CLIENT  CLIENT KILL  CLIENT LIST');
    expect(rows[rows.length - 1]).toMatch(/… \+\d+$/);
  });

  it('all fit on one row at 80 columns when they can, the message under them', () => {
    expect(outputExtraRows(['CLIENT', 'CLIENT KILL', 'CLIENT LIST'], 'a message', 80).map(lineText)).toEqual(['CLIENT  CLIENT KILL  CLIENT LIST', 'a message']);
    const rows = outputExtraRows(many, null, 80).map(lineText);
    for (const r of rows) expect(r.length, r).toBeLessThanOrEqual(80);
    expect(rows.join(' ')).toContain('COPY');
    expect(rows.join('  ').split(/ {2}/)).toEqual(many);
  });
});
