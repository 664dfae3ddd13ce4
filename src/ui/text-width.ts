/** Terminal column widths (CJK counts 2) and hard wrapping, so panes can count the rows they draw. */

import { eastAsianWidth } from 'get-east-asian-width';

/**
 * Columns a code point takes on its own: 0 for controls, else its East Asian width (2 for wide
 * and fullwidth, 1 otherwise, ambiguous counted narrow) — the table string-width and so Ink use.
 */
export function codePointWidth(cp: number): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  return eastAsianWidth(cp);
}

/** Columns a string takes on a terminal. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += codePointWidth(ch.codePointAt(0)!);
  return w;
}

/** Cut a string to at most `width` columns, ending with '…' when something was cut. */
export function truncate(s: string, width: number): string {
  if (width <= 0) return '';
  if (textWidth(s) <= width) return s;
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = codePointWidth(ch.codePointAt(0)!);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return out + '…';
}

/** Split a string into rows of at most `width` columns, breaking anywhere (for raw REPL output). */
export function hardWrap(s: string, width: number): string[] {
  if (width <= 0) return [s];
  const rows: string[] = [];
  let row = '';
  let w = 0;
  for (const ch of s) {
    const cw = codePointWidth(ch.codePointAt(0)!);
    if (w + cw > width) {
      rows.push(row);
      row = '';
      w = 0;
    }
    row += ch;
    w += cw;
  }
  rows.push(row);
  return rows;
}

/** Pad with spaces to `width` columns (no cut). */
export function padEnd(s: string, width: number): string {
  const w = textWidth(s);
  return w >= width ? s : s + ' '.repeat(width - w);
}
