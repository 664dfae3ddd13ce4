/** Terminal column widths (CJK counts 2) and hard wrapping, so panes can count the rows they draw. */

import { eastAsianWidth } from 'get-east-asian-width';
import { canBreakBetween } from './line-break.js';

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

/** Printable ASCII only: one column per character, and no Chinese line-breaking rule applies. */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/**
 * Split a string into rows of at most `width` columns, breaking anywhere (for raw REPL output),
 * except where a row would start with closing punctuation or end with opening punctuation
 * (`。`, `（`: src/ui/line-break.ts): then the break moves back by a character or two.
 */
export function hardWrap(s: string, width: number): string[] {
  if (width <= 0) return [s];
  if (PLAIN_ASCII.test(s)) {
    if (s.length <= width) return [s];
    const rows: string[] = [];
    for (let i = 0; i < s.length; i += width) rows.push(s.slice(i, i + width));
    return rows;
  }
  const chars = Array.from(s);
  const cps = chars.map((c) => c.codePointAt(0)!);
  const rows: string[] = [];
  let start = 0;
  let w = 0;
  for (let i = 0; i < chars.length; i++) {
    const cw = codePointWidth(cps[i]);
    if (w + cw > width && i > start) {
      let b = i;
      // Keep at least one character on the row; if no break is allowed, cut at the width.
      while (b > start + 1 && !canBreakBetween(cps[b - 1], cps[b])) b--;
      if (!canBreakBetween(cps[b - 1], cps[b])) b = i;
      rows.push(chars.slice(start, b).join(''));
      start = b;
      w = 0;
      for (let j = b; j < i; j++) w += codePointWidth(cps[j]);
    }
    w += cw;
  }
  rows.push(chars.slice(start).join(''));
  return rows;
}

/** Pad with spaces to `width` columns (no cut). */
export function padEnd(s: string, width: number): string {
  const w = textWidth(s);
  return w >= width ? s : s + ' '.repeat(width - w);
}
