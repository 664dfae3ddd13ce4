/**
 * The REPL input line laid out in a given width: the prompt always whole, the text scrolled
 * horizontally so the cursor is always on screen (‹ › mark text cut off on either side), and
 * redis-cli's greyed argument hint after the text when there is room. Widths are terminal columns
 * (string-width's), and a double-width character is shown whole or not at all, never split.
 */

import { segmentGraphemes } from './graphemes.js';
import stringWidth from './string-width.js';
import { truncate } from './text-width.js';

export type InputPartRole = 'prompt' | 'text' | 'cursor' | 'hint' | 'marker';

export interface InputPart {
  text: string;
  role: InputPartRole;
}

export interface InputLineProps {
  prompt: string;
  value: string;
  /** Cursor position in `value` (UTF-16 offset at a grapheme boundary). */
  cursor: number;
  /** The greyed hint: what redis-cli shows after the text (may start with a space). */
  hint: string;
  width: number;
  /** Without focus no cursor cell is drawn. */
  focused: boolean;
}

interface Cell {
  text: string;
  width: number;
  /** The cell the cursor is on. */
  cursor: boolean;
}

const LEFT_MARK = '‹';
const RIGHT_MARK = '›';

/**
 * The parts of the input line, left to right; their widths add up to at most `width`.
 *
 * The cursor at the end of the line sits on the hint's first character (as it does in redis-cli,
 * where the hint is drawn after the cursor) — a separate blank cursor cell before a hint that
 * starts with a space showed as a double space (`set k  value [NX|XX]`).
 */
export function inputLineParts(p: InputLineProps): InputPart[] {
  const parts: InputPart[] = [];
  const promptWidth = stringWidth(p.prompt);
  // The prompt is kept whole while the text gets at least a few columns; past that it is cut.
  const prompt = promptWidth <= p.width - 4 ? p.prompt : truncate(p.prompt, Math.max(0, p.width - 4));
  if (prompt) parts.push({ text: prompt, role: 'prompt' });
  const room = p.width - stringWidth(prompt);
  if (room <= 0) return parts;

  const cells: Cell[] = [];
  for (const g of segmentGraphemes(p.value)) {
    cells.push({ text: g.segment, width: stringWidth(g.segment), cursor: p.focused && g.index === p.cursor });
  }
  let hint = p.hint;
  // The end cell: where the cursor stands after the last character (the hint's first one, or a blank).
  if (p.focused && p.cursor >= p.value.length) {
    const first = hint ? [...segmentGraphemes(hint)][0].segment : ' ';
    hint = hint.slice(first.length);
    cells.push({ text: first, width: Math.max(1, stringWidth(first)), cursor: true });
  }
  const total = cells.reduce((w, c) => w + c.width, 0);

  if (total <= room) {
    pushCells(parts, cells);
    const left = room - total;
    // The hint is only a hint: cut to what fits, with '…' when cut.
    if (hint && left > 0) parts.push({ text: truncate(hint, left), role: 'hint' });
    return merge(parts);
  }

  const { start, end } = scrollWindow(cells, room);
  if (start > 0) parts.push({ text: LEFT_MARK, role: 'marker' });
  pushCells(parts, cells.slice(start, end));
  if (end < cells.length) {
    const used = (start > 0 ? 1 : 0) + cells.slice(start, end).reduce((w, c) => w + c.width, 0);
    // Pad a column a double-width character could not use, so › stays at the right edge.
    if (room - used > 1) parts.push({ text: ' '.repeat(room - used - 1), role: 'text' });
    parts.push({ text: RIGHT_MARK, role: 'marker' });
  } else if (hint) {
    const used = 1 + cells.slice(start).reduce((w, c) => w + c.width, 0);
    if (room - used > 0) parts.push({ text: truncate(hint, room - used), role: 'hint' });
  }
  return merge(parts);
}

/**
 * Which cells to show in `room` columns when the text is wider: stateless, so the same line and
 * cursor always look the same. The window moves in steps of half the room (the text does not
 * shift under the cursor on every key), shows the end of the line when the cursor is near it, and
 * always holds the cursor cell with its markers.
 */
function scrollWindow(cells: readonly Cell[], room: number): { start: number; end: number } {
  const at: number[] = [];
  let col = 0;
  for (const c of cells) {
    at.push(col);
    col += c.width;
  }
  const total = col;
  const k = Math.max(0, cells.findIndex((c) => c.cursor));
  const cursorEnd = at[k] + cells[k].width;
  /** Whether a window from cell s, with its markers, reaches past the cursor cell. */
  const holdsCursor = (s: number) => s <= k && (s > 0 ? 1 : 0) + (cursorEnd - at[s]) + 1 <= room;

  let start = 0;
  if (!holdsCursor(0)) {
    // The tail of the line, when the cursor is in it: as much of the end as fits after ‹.
    let tail = cells.length - 1;
    while (tail > 1 && 1 + total - at[tail - 1] <= room) tail--;
    if (tail <= k) {
      start = tail;
    } else {
      // Else the first window starting on a half-room step that holds the cursor.
      const step = Math.max(1, Math.floor(room / 2));
      start = k;
      for (let page = step; page <= at[k]; page += step) {
        const s = at.findIndex((c) => c >= page);
        if (s >= 0 && holdsCursor(s)) {
          start = s;
          break;
        }
      }
    }
  }
  let end = start;
  let used = start > 0 ? 1 : 0;
  while (end < cells.length) {
    const isLast = end === cells.length - 1;
    if (used + cells[end].width + (isLast ? 0 : 1) > room) break;
    used += cells[end].width;
    end++;
  }
  return { start, end: Math.max(end, k + 1) };
}

function pushCells(parts: InputPart[], cells: readonly Cell[]): void {
  for (const c of cells) parts.push({ text: c.text, role: c.cursor ? 'cursor' : 'text' });
}

/** Join neighbouring parts of the same role (fewer Text nodes). */
function merge(parts: InputPart[]): InputPart[] {
  const out: InputPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (last && last.role === p.role && p.role !== 'cursor') last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

/** The parts as plain text (tests, and the width check). */
export function partsText(parts: readonly InputPart[]): string {
  return parts.map((p) => p.text).join('');
}
