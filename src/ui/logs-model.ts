/**
 * Two servers' own logs side by side (`/data/6380/redis.log` | `/data/6381/redis.log`), the newest
 * lines at the bottom, each line shortened to its role, time of day and text (the pid and the date
 * are the same on every line), wrapped between words in its column. Pure: file texts in, `Line[]` out.
 */

import { lineText, seg, type Line } from './lines.js';
import { wrapSegs } from './markdown.js';
import { padEnd } from './text-width.js';

export interface LogsModelInput {
  /** Log files by path (world.logs.files). */
  files: ReadonlyMap<string, string>;
  /** The two files to show, left and right; one file (only one server has logged yet) takes the whole width. */
  paths: readonly [string] | readonly [string, string];
  width: number;
  height: number;
  /** Lines scrolled back from the newest, in both columns. */
  scroll?: number;
}

/** `4602:S 01 Jan 2026 00:00:04.713 * text` → `S 00:00:04.713 * text`. */
export function shortLogLine(line: string): string {
  return line.replace(/^\d+:([CMSX]) \d\d [A-Z][a-z]{2} \d{4} /, '$1 ');
}

/** One column's rows: the file's last lines, shortened and wrapped, newest last. */
function column(text: string | undefined, width: number, rows: number, scroll: number): Array<{ text: string; warning: boolean }> {
  if (text === undefined) return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const out: Array<{ text: string; warning: boolean }> = [];
  // Only as many lines as can show are wrapped: a long log costs nothing here.
  for (const line of lines.slice(-(rows + scroll))) {
    const short = shortLogLine(line);
    const warning = / # /.test(short.slice(0, 18));
    // Wrapped between words (a long id by columns), the rest of the line indented under its start.
    for (const piece of wrapSegs([{ text: short }], width, '  ').map(lineText)) out.push({ text: piece, warning });
  }
  const end = out.length - Math.min(scroll, Math.max(0, out.length - rows));
  return out.slice(Math.max(0, end - rows), end);
}

export function logsModel(input: LogsModelInput): Line[] {
  if (input.paths.length === 1) {
    const [only] = input.paths;
    const rows = column(input.files.get(only), Math.max(10, input.width), Math.max(1, input.height - 1), input.scroll ?? 0);
    return [[seg(only, { bold: true })], ...rows.map((r): Line => [seg(r.text, r.warning ? { role: 'warning' } : {})])];
  }
  const colWidth = Math.max(10, Math.floor((input.width - 3) / 2));
  const rows = Math.max(1, input.height - 1);
  const [a, b] = input.paths;
  const left = column(input.files.get(a), colWidth, rows, input.scroll ?? 0);
  const right = column(input.files.get(b), colWidth, rows, input.scroll ?? 0);
  const out: Line[] = [[seg(padEnd(a, colWidth), { bold: true }), seg(' │ ', { dim: true }), seg(b, { bold: true })]];
  const n = Math.max(left.length, right.length);
  for (let i = 0; i < n; i++) {
    // Both columns end at the bottom row, whatever their lengths.
    const l = left[i - (n - left.length)];
    const r = right[i - (n - right.length)];
    out.push([
      seg(padEnd(l?.text ?? '', colWidth), l?.warning ? { role: 'warning' } : {}),
      seg(' │ ', { dim: true }),
      seg(r?.text ?? '', r?.warning ? { role: 'warning' } : {}),
    ]);
  }
  return out;
}
