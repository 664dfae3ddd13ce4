/** The key sheet (F1): every binding of the key map, grouped by where it works, in the learner's language. */

import { BINDINGS, type Context } from './key-map.js';
import type { Line } from './lines.js';
import type { Strings } from './strings.js';
import { padEnd } from './text-width.js';

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
      rows.push([{ text: '  ' + padEnd(b.label, 12), bold: true }, { text: text.actions[b.action] }]);
    }
  }
  return rows;
}
