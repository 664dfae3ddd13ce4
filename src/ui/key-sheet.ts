/** The key sheet (F1): every binding of the key map, grouped by where it works, in the learner's language. */

import { BINDINGS, type Context } from './key-map.js';
import type { Line } from './lines.js';
import type { Strings } from './strings.js';
import { lineText } from './lines.js';
import { pageWindow } from './pager.js';
import { padEnd, textWidth } from './text-width.js';

const ORDER: readonly Context[] = ['app', 'lesson', 'line', 'menu', 'faults', 'inspect', 'keySheet', 'confirm'];

export function keySheetRows(text: Strings): Line[] {
  const rows: Line[] = [[{ text: text.keySheetTitle, bold: true }]];
  for (const context of ORDER) {
    rows.push([], [{ text: text.keyContexts[context], bold: true, role: 'accent' }]);
    const seen = new Set<string>();
    for (const b of BINDINGS) {
      if (b.context !== context) continue;
      const key = `${b.label}\u0000${b.action}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // Key names are the keyboard's; the one label that is a word ("text": any typed text) is translated.
      const label = b.action === 'insert' ? text.typedTextKey : b.label;
      rows.push([{ text: '  ' + padEnd(label, 10), bold: true }, { text: text.actions[b.action] }]);
    }
  }
  return rows;
}

/**
 * The sheet laid out for a screen `width`×`height`: its title, then the keys in pages of columns
 * `columnWidth` wide (80×24 holds two), each page two rows shorter than the screen so that it and
 * a "more" row fit under the title; the pages follow one another and scroll.
 */
export function keySheetColumns(rows: readonly Line[], width: number, height: number, columnWidth = 40): Line[] {
  const [title, ...keys] = rows;
  const columns = Math.max(1, Math.floor(width / columnWidth));
  const pageRows = Math.max(1, height - 2);
  if (columns === 1 || keys.length <= height - 1) return [...rows];
  const out: Line[] = [title];
  for (let start = 0; start < keys.length; start += columns * pageRows) {
    // The last page shares what is left evenly between its columns.
    const rowsHere = Math.min(pageRows, Math.ceil((keys.length - start) / columns));
    for (let r = 0; r < rowsHere; r++) {
      const line: Line = [];
      for (let c = 0; c < columns; c++) {
        const row = keys[start + c * rowsHere + r];
        if (!row) continue;
        // A key row starts with its own indent, so it may follow a full column directly.
        const gap = lineText(row).startsWith(' ') ? 0 : 1;
        if (c > 0) line.push({ text: ' '.repeat(Math.max(gap, c * columnWidth - textWidth(lineText(line)))) });
        line.push(...row);
      }
      out.push(line);
    }
  }
  return out;
}

/**
 * What the sheet shows at `scroll` rows down in `height` rows: the title always on top, then a
 * window of the rest with a row saying how many rows are above or below and the key that shows
 * them; `maxScroll` is as far as scrolling goes (the last page).
 */
export function keySheetWindow(sheet: readonly Line[], scroll: number, height: number, text: Strings): { rows: Line[]; maxScroll: number } {
  const [title, ...rest] = sheet;
  const marker = (n: number, up: boolean): Line => [{ text: up ? text.outputMore(n, 'PgUp') : `↓ ${n} — PgDn`, dim: true, role: 'accent' }];
  const win = pageWindow(rest, height - 1, scroll, 'top', marker);
  return { rows: [title, ...win.rows], maxScroll: win.maxOffset };
}
