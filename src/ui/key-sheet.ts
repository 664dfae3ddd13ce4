/** The key sheet (F1): every binding of the key map, grouped by where it works, in the learner's language. */

import { BINDINGS, type Context } from './key-map.js';
import type { Line } from './lines.js';
import type { Strings } from './strings.js';
import { lineText } from './lines.js';
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
      rows.push([{ text: '  ' + padEnd(b.label, 11), bold: true }, { text: text.actions[b.action] }]);
    }
  }
  return rows;
}

/**
 * The sheet laid out in columns of `columnWidth` across `width`, each `height` rows tall (80×24
 * holds two columns), so that every key is on one screen where it can be.
 */
export function keySheetColumns(rows: readonly Line[], width: number, height: number, columnWidth = 40): Line[] {
  const columns = Math.max(1, Math.floor(width / columnWidth));
  if (columns === 1 || rows.length <= height) return [...rows];
  const out: Line[] = [];
  for (let r = 0; r < height; r++) {
    const line: Line = [];
    for (let c = 0; c < columns; c++) {
      const row = rows[c * height + r];
      if (!row) continue;
      const used = lineText(row);
      line.push(...row);
      if (c < columns - 1) line.push({ text: ' '.repeat(Math.max(1, columnWidth - textWidth(used))) });
    }
    out.push(line);
  }
  // What does not fit in the columns follows (the sheet scrolls).
  return [...out, ...rows.slice(columns * height)];
}
