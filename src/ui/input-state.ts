/**
 * The REPL input line as a reducer: its value, walking the history with ↑/↓ (keeping the line
 * being typed as a draft), Tab completion, and splitting pasted text on CR/LF into submitted lines
 * (a `text\r` chunk reaches the text input as one change: nothing would be submitted otherwise).
 */

export interface InputState {
  value: string;
  /** Index into the history while browsing it, else null. */
  historyIndex: number | null;
  /** What was typed before browsing started. */
  draft: string;
  /** Candidates shown after an ambiguous Tab. */
  candidates: string[];
}

export const emptyInput: InputState = { value: '', historyIndex: null, draft: '', candidates: [] };

/** Split a changed value on CR/LF: complete lines to submit, and what stays on the input line. */
export function splitTyped(value: string): { lines: string[]; rest: string } {
  if (!/[\r\n]/.test(value)) return { lines: [], rest: value };
  const parts = value.split(/\r\n|\r|\n/);
  const rest = parts.pop() ?? '';
  return { lines: parts, rest };
}

/**
 * The text input computes each change from the value its key handler last saw. Keys that arrive
 * before that handler catches up (a fast typist right after Enter cleared the line) come as
 * `stale + typed`; replay what was typed onto the value we hold now instead of resurrecting the
 * old text.
 */
export function rebaseTyped(stale: string, current: string, changed: string): string {
  if (stale === current || !changed.startsWith(stale)) return changed;
  return current + changed.slice(stale.length);
}

export type InputAction =
  | { type: 'change'; value: string }
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
      return { value: a.value, historyIndex: null, draft: '', candidates: [] };
    case 'historyPrev': {
      if (a.history.length === 0) return s;
      const idx = s.historyIndex === null ? a.history.length - 1 : Math.max(0, s.historyIndex - 1);
      return { ...s, value: a.history[idx], historyIndex: idx, draft: s.historyIndex === null ? s.value : s.draft, candidates: [] };
    }
    case 'historyNext': {
      if (s.historyIndex === null) return s;
      const idx = s.historyIndex + 1;
      if (idx >= a.history.length) return { ...s, value: s.draft, historyIndex: null, draft: '', candidates: [] };
      return { ...s, value: a.history[idx], historyIndex: idx, candidates: [] };
    }
    case 'complete': {
      if (a.candidates.length === 0) return s;
      if (a.candidates.length === 1) return { ...s, value: a.candidates[0], historyIndex: null, candidates: [] };
      const prefix = commonPrefix(a.candidates);
      if (prefix.length > s.value.length) return { ...s, value: prefix, historyIndex: null, candidates: a.candidates };
      return { ...s, candidates: a.candidates };
    }
  }
}
