/** Styled rows as plain data: every pane builds `Line[]` and the view draws only the rows that fit. */

import type { PaletteRole } from './theme.js';
import { codePointWidth, textWidth } from './text-width.js';

/** A run of text with one style. `role` picks a colour from the theme. */
export interface Seg {
  text: string;
  role?: PaletteRole;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
  strike?: boolean;
}

/** One screen row. */
export type Line = Seg[];

export const seg = (text: string, style: Omit<Seg, 'text'> = {}): Seg => ({ text, ...style });

/** The plain text of a line (tests and width checks). */
export function lineText(line: Line): string {
  return line.map((s) => s.text).join('');
}

/** Cut a line to `width` columns, keeping styles; a cut line ends with '…'. */
export function clipLine(line: Line, width: number): Line {
  if (textWidth(lineText(line)) <= width) return line;
  const out: Line = [];
  let w = 0;
  for (const s of line) {
    let text = '';
    for (const ch of s.text) {
      const cw = codePointWidth(ch.codePointAt(0)!);
      if (w + cw > width - 1) {
        if (text) out.push({ ...s, text });
        out.push({ text: '…', dim: true });
        return out;
      }
      text += ch;
      w += cw;
    }
    if (text) out.push({ ...s, text });
  }
  return out;
}

/** The last `rows` lines (what fits at the bottom of a pane). */
export function tail<T>(items: readonly T[], rows: number): T[] {
  if (rows <= 0) return [];
  return items.slice(Math.max(0, items.length - rows));
}
