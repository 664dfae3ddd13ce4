/**
 * The REPL input line as a reducer: its value and cursor, editing keys (moving and deleting by
 * grapheme cluster, so 名 or 😀 is one step), walking the history with ↑/↓ (keeping the line being
 * typed as a draft) and Tab completion. Pasted lines arrive already split into text and returns
 * (key-press.ts).
 *
 * Why our own line editor instead of ink-text-input: that component keeps the value and cursor in
 * its own state and re-registers its key handler in a passive effect, so when the app changes the
 * line itself (clearing it on Enter, history, completion) keys arriving before the effect runs are
 * applied to the old line (seen in tmux: `netstat -tlnp | grep 638redis-server /data/6381/redis.conf`).
 * Here every key goes through one reducer, in order, against the current line.
 */

import { segmentGraphemes } from './graphemes.js';
import type { KeyPress } from './key-press.js';

export interface InputState {
  value: string;
  /** Cursor position in `value` (0 … value.length), always between two grapheme clusters. */
  cursor: number;
  /** Index into the history while browsing it, else null. */
  historyIndex: number | null;
  /** What was typed before browsing started. */
  draft: string;
  /** Candidates shown after an ambiguous Tab. */
  candidates: string[];
}

export const emptyInput: InputState = { value: '', cursor: 0, historyIndex: null, draft: '', candidates: [] };

/** Editing keys the line understands. */
export type EditKey = 'left' | 'right' | 'wordLeft' | 'wordRight' | 'home' | 'end' | 'backspace' | 'deleteForward' | 'deleteWordLeft' | 'deleteLineLeft';

/**
 * The editing key a key press means on the REPL line, if any, like readline: ←/→, Home/End and
 * ^A/^E, Ctrl/Alt+←/→ and Alt+B/F by words, Backspace, Delete and ^D forward, ^W a word back.
 * ^D reaches here only on a non-empty line (on an empty one it is a binding, see keys.ts); ^F, ^B,
 * ^K, ^U, ^Y, ^T, ^P, ^N are the tutor's own keys or tmux's, not readline's.
 */
export function lineEditKey(p: KeyPress): EditKey | null {
  const letter = p.name === 'char' ? p.text : '';
  switch (p.name) {
    case 'backspace':
      return p.meta || p.ctrl ? 'deleteWordLeft' : 'backspace';
    case 'delete':
      return 'deleteForward';
    case 'left':
      return p.ctrl || p.meta ? 'wordLeft' : 'left';
    case 'right':
      return p.ctrl || p.meta ? 'wordRight' : 'right';
    case 'home':
      return 'home';
    case 'end':
      return 'end';
  }
  if (p.ctrl && !p.meta) {
    if (letter === 'a') return 'home';
    if (letter === 'e') return 'end';
    if (letter === 'd') return 'deleteForward';
    if (letter === 'w') return 'deleteWordLeft';
    if (letter === 'u') return 'deleteLineLeft';
  }
  if (p.meta && !p.ctrl) {
    if (letter === 'b') return 'wordLeft';
    if (letter === 'f') return 'wordRight';
  }
  return null;
}

export type InputAction =
  | { type: 'change'; value: string }
  /** Insert typed text (no CR/LF) at the cursor. */
  | { type: 'insert'; text: string }
  | { type: 'edit'; key: EditKey }
  | { type: 'historyPrev'; history: readonly string[] }
  | { type: 'historyNext'; history: readonly string[] }
  | { type: 'complete'; candidates: string[] }
  | { type: 'set'; value: string };

/** The longest common prefix of some strings. */
export function commonPrefix(items: readonly string[]): string {
  if (items.length === 0) return '';
  let p = items[0];
  for (const s of items) {
    while (!s.startsWith(p)) p = p.slice(0, -1);
  }
  return p;
}

/**
 * Candidates as listed under the line: without the words they all share (`config get repl-` lists
 * `repl-timeout  repl-backlog-size …`, not the whole line each time).
 */
export function candidateLabels(candidates: readonly string[]): string[] {
  const shared = commonPrefix(candidates);
  const cut = shared.lastIndexOf(' ') + 1;
  return candidates.map((c) => c.slice(cut));
}

export function inputReducer(s: InputState, a: InputAction): InputState {
  switch (a.type) {
    case 'change':
    case 'set':
      return { value: a.value, cursor: a.value.length, historyIndex: null, draft: '', candidates: [] };
    case 'insert': {
      const value = s.value.slice(0, s.cursor) + a.text + s.value.slice(s.cursor);
      return { value, cursor: s.cursor + a.text.length, historyIndex: null, draft: '', candidates: [] };
    }
    case 'edit':
      return { ...editLine(s.value, s.cursor, a.key), historyIndex: null, draft: '', candidates: [] };
    case 'historyPrev': {
      if (a.history.length === 0) return s;
      const idx = s.historyIndex === null ? a.history.length - 1 : Math.max(0, s.historyIndex - 1);
      return { ...s, value: a.history[idx], cursor: a.history[idx].length, historyIndex: idx, draft: s.historyIndex === null ? s.value : s.draft, candidates: [] };
    }
    case 'historyNext': {
      if (s.historyIndex === null) return s;
      const idx = s.historyIndex + 1;
      if (idx >= a.history.length) return { ...s, value: s.draft, cursor: s.draft.length, historyIndex: null, draft: '', candidates: [] };
      return { ...s, value: a.history[idx], cursor: a.history[idx].length, historyIndex: idx, candidates: [] };
    }
    case 'complete': {
      if (a.candidates.length === 0) return s;
      if (a.candidates.length === 1) return { ...s, value: a.candidates[0], cursor: a.candidates[0].length, historyIndex: null, candidates: [] };
      const prefix = commonPrefix(a.candidates);
      if (prefix.length > s.value.length) return { ...s, value: prefix, cursor: prefix.length, historyIndex: null, candidates: a.candidates };
      return { ...s, candidates: a.candidates };
    }
  }
}

/** Where the grapheme cluster before `cursor` starts (so ← never splits 名 or 😀). */
export function prevBoundary(value: string, cursor: number): number {
  let last = 0;
  for (const g of segmentGraphemes(value)) {
    if (g.index >= cursor) break;
    last = g.index;
  }
  return last;
}

/** Where the grapheme cluster at `cursor` ends. */
export function nextBoundary(value: string, cursor: number): number {
  for (const g of segmentGraphemes(value)) {
    if (g.index >= cursor) return g.index + g.segment.length;
  }
  return value.length;
}

/** One editing key applied to a line and its cursor. */
export function editLine(value: string, cursor: number, key: EditKey): { value: string; cursor: number } {
  switch (key) {
    case 'left':
      return { value, cursor: prevBoundary(value, cursor) };
    case 'right':
      return { value, cursor: nextBoundary(value, cursor) };
    case 'wordLeft':
      return { value, cursor: wordStartBefore(value, cursor) };
    case 'wordRight': {
      // Like readline's forward-word: past the spaces, then to the end of the word.
      let i = cursor;
      while (i < value.length && value[i] === ' ') i++;
      while (i < value.length && value[i] !== ' ') i++;
      return { value, cursor: i };
    }
    case 'home':
      return { value, cursor: 0 };
    case 'end':
      return { value, cursor: value.length };
    case 'backspace': {
      const from = prevBoundary(value, cursor);
      return { value: value.slice(0, from) + value.slice(cursor), cursor: from };
    }
    case 'deleteForward':
      return { value: value.slice(0, cursor) + value.slice(nextBoundary(value, cursor)), cursor };
    case 'deleteWordLeft': {
      const i = wordStartBefore(value, cursor);
      return { value: value.slice(0, i) + value.slice(cursor), cursor: i };
    }
    case 'deleteLineLeft':
      // readline's unix-line-discard (Ctrl+U): everything before the cursor.
      return { value: value.slice(cursor), cursor: 0 };
  }
}

/** Like a shell's Ctrl+W: back over spaces before the cursor, then the word before them. */
function wordStartBefore(value: string, cursor: number): number {
  let i = cursor;
  while (i > 0 && value[i - 1] === ' ') i--;
  while (i > 0 && value[i - 1] !== ' ') i--;
  return i;
}
