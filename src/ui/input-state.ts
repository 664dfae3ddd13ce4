/**
 * The REPL input line as a reducer: its value and cursor, editing keys, walking the history with
 * ↑/↓ (keeping the line being typed as a draft), Tab completion, and splitting pasted text on CR/LF
 * into submitted lines (a `text\r` chunk arrives as one piece of input).
 *
 * Why our own line editor instead of ink-text-input: that component keeps the value and cursor in
 * its own state and re-registers its key handler in a passive effect, so when the app changes the
 * line itself (clearing it on Enter, history, completion) keys arriving before the effect runs are
 * applied to the old line (seen in tmux: `netstat -tlnp | grep 638redis-server /data/6381/redis.conf`).
 * Here every key goes through one reducer, in order, against the current line.
 */

export interface InputState {
  value: string;
  /** Cursor position in `value` (0 … value.length). */
  cursor: number;
  /** Index into the history while browsing it, else null. */
  historyIndex: number | null;
  /** What was typed before browsing started. */
  draft: string;
  /** Candidates shown after an ambiguous Tab. */
  candidates: string[];
}

export const emptyInput: InputState = { value: '', cursor: 0, historyIndex: null, draft: '', candidates: [] };

/** Split a changed value on CR/LF: complete lines to submit, and what stays on the input line. */
export function splitTyped(value: string): { lines: string[]; rest: string } {
  if (!/[\r\n]/.test(value)) return { lines: [], rest: value };
  const parts = value.split(/\r\n|\r|\n/);
  const rest = parts.pop() ?? '';
  return { lines: parts, rest };
}

/** Editing keys the line understands. */
export type EditKey = 'left' | 'right' | 'home' | 'end' | 'backspace' | 'deleteForward' | 'deleteWordLeft';

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

/** One editing key applied to a line and its cursor. */
export function editLine(value: string, cursor: number, key: EditKey): { value: string; cursor: number } {
  switch (key) {
    case 'left':
      return { value, cursor: Math.max(0, cursor - 1) };
    case 'right':
      return { value, cursor: Math.min(value.length, cursor + 1) };
    case 'home':
      return { value, cursor: 0 };
    case 'end':
      return { value, cursor: value.length };
    case 'backspace':
      return cursor === 0 ? { value, cursor } : { value: value.slice(0, cursor - 1) + value.slice(cursor), cursor: cursor - 1 };
    case 'deleteForward':
      return cursor >= value.length ? { value, cursor } : { value: value.slice(0, cursor) + value.slice(cursor + 1), cursor };
    case 'deleteWordLeft': {
      // Like a shell's Ctrl+W: spaces before the cursor, then the word before them.
      let i = cursor;
      while (i > 0 && value[i - 1] === ' ') i--;
      while (i > 0 && value[i - 1] !== ' ') i--;
      return { value: value.slice(0, i) + value.slice(cursor), cursor: i };
    }
  }
}
