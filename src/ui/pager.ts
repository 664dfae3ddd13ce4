/**
 * A pager over rows: the window of `height` rows a scroll offset shows, with a marker row where
 * rows are hidden above or below ("↑ 37 more — PgUp"), so a learner always knows there is more and
 * which key shows it. Pages move by a page minus one row, so the row at the edge stays in view.
 */

import type { Line } from './lines.js';

export type Anchor = 'top' | 'bottom';

export interface PageWindow {
  rows: Line[];
  /** Rows hidden above / below the window. */
  above: number;
  below: number;
  /** The offset actually used (clamped to what there is). */
  offset: number;
  /** The largest useful offset. */
  maxOffset: number;
}

/** Rows one PgUp/PgDn moves in a window of `height` rows. */
export const pageStep = (height: number): number => Math.max(1, height - 1);

/**
 * The rows of `all` shown in `height` rows, `offset` rows away from the anchored end (the bottom
 * for output and events, newest last; the top for text and pictures). `marker(n, up)` makes the
 * row that says how many rows are hidden on that side.
 */
export function pageWindow(all: readonly Line[], height: number, offset: number, anchor: Anchor, marker: (n: number, up: boolean) => Line): PageWindow {
  if (height <= 0) return { rows: [], above: 0, below: 0, offset: 0, maxOffset: 0 };
  if (all.length <= height) return { rows: [...all], above: 0, below: 0, offset: 0, maxOffset: 0 };
  // With rows hidden on both sides, two rows go to markers; at either end, one.
  const maxOffset = all.length - (height - 1);
  const off = Math.max(0, Math.min(offset, maxOffset));
  const inner = off === 0 || off === maxOffset ? height - 1 : height - 2;
  let start = anchor === 'top' ? off : all.length - off - inner;
  if (anchor === 'bottom' && off === 0) start = all.length - inner;
  if (anchor === 'top' && off === maxOffset) start = all.length - inner;
  if (anchor === 'bottom' && off === maxOffset) start = 0;
  start = Math.max(0, Math.min(start, all.length - inner));
  const above = start;
  const below = all.length - start - inner;
  const rows = all.slice(start, start + inner);
  if (above > 0) rows.unshift(marker(above, true));
  if (below > 0) rows.push(marker(below, false));
  return { rows, above, below, offset: off, maxOffset };
}
