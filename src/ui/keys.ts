/**
 * Key bindings as data: which key does what on which screen, and the footer text for it.
 *
 * Decisions (the input line always has focus on the lesson screen, so letters are for typing):
 * - Space steps one event only when the input line is empty (a leading space means nothing to
 *   redis-cli); Ctrl+N does the same with text on the line.
 * - `q` quits from the menu. On the lesson screen `q` is a letter (`quit` is a redis-cli
 *   command), so Ctrl+C quits there, and Ctrl+D quits when the line is empty, as in a shell (on a
 *   non-empty line it deletes forward, as in readline: input-state.ts's lineEditKey).
 * - Digits start redis-cli's `N command` repeat prefix, so nodes are picked for inspection inside
 *   the inspector (Ctrl+O, then 1–9), not with bare digits.
 * - Ctrl+B is left alone: it is tmux's prefix. PgUp/PgDn scroll the REPL output; Ctrl+U/Ctrl+Y
 *   scroll a step text longer than its pane.
 */

import type { KeyName, KeyPress } from './key-press.js';
import { FAULT_KINDS, FAULTS, type FaultKind, type FaultNeeds } from '../redis/faults.js';

export type Action =
  | 'quit'
  | 'submit'
  | 'historyPrev'
  | 'historyNext'
  | 'complete'
  | 'step'
  | 'skip'
  | 'toggleTimeMode'
  | 'playPause'
  | 'faster'
  | 'runSettled'
  | 'rewindEvent'
  | 'rewindStep'
  | 'faults'
  | 'inspect'
  | 'hint'
  | 'back'
  | 'scrollUp'
  | 'scrollDown'
  | 'textUp'
  | 'textDown'
  | 'clear';

export interface Binding {
  action: Action;
  /** Footer label, e.g. "^N". */
  label: string;
  /** Matches this key press; `emptyLine` says whether the input line is empty. */
  matches(p: KeyPress, emptyLine: boolean): boolean;
  /** Shown in the footer (the most useful ones; the rest are in the help line). */
  footer?: boolean;
}

const ctrl = (letter: string) => (p: KeyPress) => p.name === 'char' && p.ctrl && !p.meta && p.text === letter;
/** A key without Ctrl or Alt (Shift does not matter: terminals report it on some keys only). */
const plain = (name: KeyName) => (p: KeyPress) => p.name === name && !p.ctrl && !p.meta;
/** Typed text (no Ctrl, no Alt). */
const typed = (p: KeyPress) => p.name === 'char' && !p.ctrl && !p.meta;

/** The lesson screen's bindings, checked in order; the first match wins. */
export const lessonBindings: readonly Binding[] = [
  { action: 'quit', label: '^C', matches: ctrl('c') },
  { action: 'quit', label: '^D', matches: (p, empty) => ctrl('d')(p) && empty },
  { action: 'back', label: 'Esc', matches: plain('escape'), footer: true },
  { action: 'historyPrev', label: '↑', matches: plain('up') },
  { action: 'historyNext', label: '↓', matches: plain('down') },
  { action: 'complete', label: 'Tab', matches: (p) => plain('tab')(p) && !p.shift },
  // Presses that arrive while the app is busy reach it as one run of spaces: each one counts.
  { action: 'step', label: 'Space', matches: (p, empty) => empty && typed(p) && /^ +$/.test(p.text), footer: true },
  { action: 'step', label: '^N', matches: ctrl('n') },
  { action: 'toggleTimeMode', label: '^T', matches: ctrl('t'), footer: true },
  { action: 'playPause', label: '^P', matches: ctrl('p'), footer: true },
  { action: 'faster', label: '^F', matches: ctrl('f') },
  { action: 'runSettled', label: '^R', matches: ctrl('r') },
  { action: 'rewindEvent', label: '^Z', matches: ctrl('z'), footer: true },
  { action: 'rewindStep', label: '^G', matches: ctrl('g') },
  { action: 'faults', label: '^K', matches: ctrl('k'), footer: true },
  { action: 'inspect', label: '^O', matches: ctrl('o'), footer: true },
  { action: 'hint', label: '?', matches: (p, empty) => empty && typed(p) && p.text === '?', footer: true },
  { action: 'scrollUp', label: 'PgUp', matches: plain('pageUp') },
  { action: 'scrollDown', label: 'PgDn', matches: plain('pageDown') },
  { action: 'textUp', label: '^U', matches: ctrl('u') },
  { action: 'textDown', label: '^Y', matches: ctrl('y') },
  { action: 'clear', label: '^L', matches: ctrl('l') },
];

/** The first binding matching a key press, if any. */
export function actionFor(
  bindings: readonly Binding[],
  p: KeyPress,
  emptyLine: boolean,
): Action | undefined {
  return bindings.find((b) => b.matches(p, emptyLine))?.action;
}

/** Every binding's label for an action, e.g. "Space/^N". */
export function labelFor(bindings: readonly Binding[], action: Action): string {
  return bindings
    .filter((b) => b.action === action)
    .map((b) => b.label)
    .join('/');
}

/** A fault menu entry: its key, the fault it applies, what must be picked for it, the text shown. */
export interface FaultEntry {
  key: string;
  kind: FaultKind;
  needs: FaultNeeds;
  /** The row's text: the synopsis, with the value the menu applies for `pair+value` faults. */
  line: string;
}

/** The fault menu (Ctrl+K): one entry per row of the fault table, in its order. */
export const faultMenu: readonly FaultEntry[] = FAULT_KINDS.map((kind) => {
  const spec = FAULTS[kind];
  const line = spec.menuValue === undefined ? spec.synopsis : spec.synopsis.replace(/ \S+$/, ' ' + spec.menuValue);
  return { key: spec.menuKey, kind, needs: spec.needs, line };
});
