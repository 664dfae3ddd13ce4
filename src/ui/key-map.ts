/**
 * Every key the app knows, as one table: which key does what in which context (the menu, the
 * lesson screen, the input line, each overlay), with the label the footer and the key sheet show.
 * Nothing outside this file looks at a key; the app asks `resolveKey` what a press means.
 *
 * Decisions (the input line always has focus on the lesson screen, so letters are for typing):
 * - Space steps one event only when the input line is empty (a leading space means nothing to
 *   redis-cli); Ctrl+N does the same with text on the line.
 * - `q` quits from the menu. On the lesson screen `q` is a letter (`quit` is a redis-cli command),
 *   so Ctrl+C quits there. Ctrl+D is redis-cli's and the shell's: on an empty line at a node's
 *   prompt it leaves redis-cli (back to `$`), at `$` it quits, and with text it deletes forward.
 * - Digits start redis-cli's `N command` repeat prefix, so nodes are picked inside the overlays
 *   (Ctrl+O, then 1–9), not with bare digits.
 * - Ctrl+B (previous step) is also tmux's prefix: inside tmux press it twice.
 * - Ctrl+U is readline's: with text on the line it deletes back to the line's start; on an empty
 *   line (nothing to delete) it scrolls the step text up, with Ctrl+Y scrolling it down.
 */

import type { KeyPress } from './key-press.js';

export type Context = 'app' | 'menu' | 'lesson' | 'line' | 'faults' | 'inspect' | 'keySheet' | 'confirm' | 'form';

export type Action =
  // app
  | 'quit'
  | 'keySheet'
  // menu
  | 'menuUp'
  | 'menuDown'
  | 'menuOpen'
  | 'menuRestart'
  | 'menuQuit'
  // lesson
  | 'back'
  | 'step'
  | 'toggleTimeMode'
  | 'playPause'
  | 'faster'
  | 'runSettled'
  | 'rewindEvent'
  | 'rewindStep'
  | 'previousStep'
  | 'faults'
  | 'inspect'
  | 'hint'
  | 'scrollUp'
  | 'scrollDown'
  | 'scrollTop'
  | 'scrollBottom'
  | 'search'
  | 'textUp'
  | 'textDown'
  | 'clear'
  | 'nextView'
  | 'view'
  // the input line
  | 'submit'
  | 'historyPrev'
  | 'historyNext'
  | 'complete'
  | 'left'
  | 'right'
  | 'home'
  | 'end'
  | 'backspace'
  | 'deleteForward'
  | 'deleteWordLeft'
  | 'deleteLineLeft'
  | 'leaveCli'
  | 'insert'
  // overlays and questions
  | 'close'
  | 'pickNode'
  | 'pickFault'
  | 'tabInfo'
  | 'tabKeys'
  | 'filterKeys'
  | 'yes'
  | 'no';

/** What the app knows when it resolves a key. */
export interface KeyState {
  /** The input line is empty. */
  emptyLine: boolean;
  /** The prompt is the shell's `$ ` (not a node's). */
  atShell: boolean;
}

export interface Binding {
  context: Context;
  action: Action;
  /** How the footer and the key sheet write the key, e.g. "^N". */
  label: string;
  matches(p: KeyPress, s: KeyState): boolean;
  /** Footer priority (lower first); absent: only in the key sheet. */
  footer?: number;
}

const ctrl = (letter: string) => (p: KeyPress) => p.ctrl && p.name === 'char' && p.text === letter;
const named = (name: KeyPress['name']) => (p: KeyPress) => p.name === name && !p.ctrl && !p.meta;
const typed = (text: string) => (p: KeyPress) => p.name === 'char' && !p.ctrl && !p.meta && p.text === text;
const digit = (p: KeyPress) => p.name === 'char' && !p.ctrl && /^[1-9]$/.test(p.text);

/** The views F2–F9 pick (view-registry.ts has them in the same order). */
export const VIEW_KEYS = ['f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'f9'] as const;

/** Every binding, checked in order within a context; the first match wins. */
export const BINDINGS: readonly Binding[] = [
  // Everywhere.
  { context: 'app', action: 'quit', label: '^C', matches: ctrl('c'), footer: 1 },
  { context: 'app', action: 'keySheet', label: 'F1', matches: (p) => p.name === 'f1' || ctrl('_')(p), footer: 2 },

  // The start menu.
  { context: 'menu', action: 'menuUp', label: '↑', matches: named('up') },
  { context: 'menu', action: 'menuDown', label: '↓', matches: named('down') },
  { context: 'menu', action: 'menuOpen', label: 'Enter', matches: named('return') },
  { context: 'menu', action: 'menuRestart', label: 'r', matches: typed('r') },
  { context: 'menu', action: 'menuQuit', label: 'q', matches: typed('q') },

  // The lesson screen (before the input line: these keys never type anything).
  { context: 'lesson', action: 'back', label: 'Esc', matches: named('escape'), footer: 0 },
  // Presses that arrive while the app is busy reach it as one chunk of spaces: each one counts.
  { context: 'lesson', action: 'step', label: 'Space', matches: (p, s) => s.emptyLine && p.name === 'char' && !p.ctrl && /^ +$/.test(p.text), footer: 3 },
  { context: 'lesson', action: 'step', label: '^N', matches: ctrl('n') },
  { context: 'lesson', action: 'toggleTimeMode', label: '^T', matches: ctrl('t'), footer: 4 },
  { context: 'lesson', action: 'playPause', label: '^P', matches: ctrl('p'), footer: 5 },
  { context: 'lesson', action: 'rewindEvent', label: '^Z', matches: ctrl('z'), footer: 6 },
  { context: 'lesson', action: 'rewindStep', label: '^G', matches: ctrl('g'), footer: 7 },
  { context: 'lesson', action: 'hint', label: '?', matches: (p, s) => s.emptyLine && typed('?')(p), footer: 8 },
  { context: 'lesson', action: 'faults', label: '^K', matches: ctrl('k'), footer: 9 },
  { context: 'lesson', action: 'inspect', label: '^O', matches: ctrl('o'), footer: 10 },
  { context: 'lesson', action: 'nextView', label: '^V', matches: ctrl('v'), footer: 11 },
  { context: 'lesson', action: 'view', label: 'F2–F9', matches: (p) => (VIEW_KEYS as readonly string[]).includes(p.name) },
  { context: 'lesson', action: 'runSettled', label: '^R', matches: ctrl('r'), footer: 12 },
  { context: 'lesson', action: 'faster', label: '^F', matches: ctrl('f'), footer: 13 },
  { context: 'lesson', action: 'previousStep', label: '^B', matches: ctrl('b') },
  { context: 'lesson', action: 'scrollUp', label: 'PgUp', matches: named('pageUp') },
  { context: 'lesson', action: 'scrollDown', label: 'PgDn', matches: named('pageDown') },
  { context: 'lesson', action: 'scrollTop', label: '^Home', matches: (p) => p.name === 'home' && p.ctrl },
  { context: 'lesson', action: 'scrollBottom', label: '^End', matches: (p) => p.name === 'end' && p.ctrl },
  { context: 'lesson', action: 'search', label: '^S', matches: ctrl('s') },
  // ^U is readline's "delete to the start of the line" while there is text on the line.
  { context: 'lesson', action: 'textUp', label: '^U', matches: (p, s) => ctrl('u')(p) && s.emptyLine },
  { context: 'lesson', action: 'textDown', label: '^Y', matches: ctrl('y') },
  { context: 'lesson', action: 'clear', label: '^L', matches: ctrl('l') },

  // The input line (its editing keys, as a shell's readline has them).
  { context: 'line', action: 'submit', label: 'Enter', matches: named('return') },
  { context: 'line', action: 'historyPrev', label: '↑', matches: named('up') },
  { context: 'line', action: 'historyNext', label: '↓', matches: named('down') },
  { context: 'line', action: 'complete', label: 'Tab', matches: named('tab') },
  // With Ctrl or Alt held, ← and → move by words (input-state.ts's lineEditKey says which edit).
  { context: 'line', action: 'left', label: '←', matches: (p) => p.name === 'left' },
  { context: 'line', action: 'right', label: '→', matches: (p) => p.name === 'right' },
  { context: 'line', action: 'left', label: 'Alt+B', matches: (p) => p.meta && !p.ctrl && p.name === 'char' && p.text === 'b' },
  { context: 'line', action: 'right', label: 'Alt+F', matches: (p) => p.meta && !p.ctrl && p.name === 'char' && p.text === 'f' },
  { context: 'line', action: 'home', label: 'Home/^A', matches: (p) => named('home')(p) || ctrl('a')(p) },
  { context: 'line', action: 'end', label: 'End/^E', matches: (p) => named('end')(p) || ctrl('e')(p) },
  { context: 'line', action: 'backspace', label: 'Backspace', matches: (p) => p.name === 'backspace' || ctrl('h')(p) },
  { context: 'line', action: 'deleteForward', label: 'Delete', matches: (p) => p.name === 'delete' },
  { context: 'line', action: 'deleteWordLeft', label: '^W', matches: ctrl('w') },
  { context: 'line', action: 'deleteLineLeft', label: '^U', matches: ctrl('u') },
  { context: 'line', action: 'quit', label: '^D', matches: (p, s) => ctrl('d')(p) && s.emptyLine && s.atShell },
  { context: 'line', action: 'leaveCli', label: '^D', matches: (p, s) => ctrl('d')(p) && s.emptyLine && !s.atShell },
  { context: 'line', action: 'deleteForward', label: '^D', matches: (p, s) => ctrl('d')(p) && !s.emptyLine },
  { context: 'line', action: 'insert', label: 'text', matches: (p) => p.name === 'char' && !p.ctrl && !p.meta && p.text !== '' },

  // The fault menu.
  { context: 'faults', action: 'close', label: 'Esc', matches: named('escape') },
  { context: 'faults', action: 'pickNode', label: '1–9', matches: digit },
  { context: 'faults', action: 'pickFault', label: 'a–z', matches: (p) => p.name === 'char' && !p.ctrl && /^[a-z]$/.test(p.text) },

  // The inspector.
  { context: 'inspect', action: 'close', label: 'Esc', matches: (p) => named('escape')(p) || ctrl('o')(p) },
  { context: 'inspect', action: 'pickNode', label: '1–9', matches: digit },
  { context: 'inspect', action: 'tabInfo', label: 'i', matches: typed('i') },
  { context: 'inspect', action: 'tabKeys', label: 'k', matches: typed('k') },
  { context: 'inspect', action: 'filterKeys', label: '/', matches: typed('/') },
  { context: 'inspect', action: 'scrollUp', label: 'PgUp', matches: (p) => named('pageUp')(p) || named('up')(p) },
  { context: 'inspect', action: 'scrollDown', label: 'PgDn', matches: (p) => named('pageDown')(p) || named('down')(p) },

  // The key sheet.
  { context: 'keySheet', action: 'close', label: 'Esc', matches: (p) => named('escape')(p) || p.name === 'f1' || ctrl('_')(p) || named('return')(p) },
  { context: 'keySheet', action: 'scrollUp', label: 'PgUp', matches: (p) => named('pageUp')(p) || named('up')(p) },
  { context: 'keySheet', action: 'scrollDown', label: 'PgDn', matches: (p) => named('pageDown')(p) || named('down')(p) },

  // A one-field form (its text field takes every other key, Enter included).
  { context: 'form', action: 'close', label: 'Esc', matches: named('escape') },

  // A yes/no question.
  { context: 'confirm', action: 'yes', label: 'y', matches: (p) => typed('y')(p) || typed('Y')(p) },
  { context: 'confirm', action: 'no', label: 'n/Esc', matches: (p) => typed('n')(p) || typed('N')(p) || named('escape')(p) },
];

/** The action a press means in the first of `contexts` that binds it, if any. */
export function resolveKey(contexts: readonly Context[], p: KeyPress, s: KeyState): Action | undefined {
  for (const c of contexts) {
    for (const b of BINDINGS) if (b.context === c && b.matches(p, s)) return b.action;
  }
  return undefined;
}

/** Every label for an action in a context, e.g. "Space/^N". */
export function labelFor(action: Action, context: Context = 'lesson'): string {
  return BINDINGS.filter((b) => b.action === action && b.context === context)
    .map((b) => b.label)
    .join('/');
}

/** The lesson screen's footer bindings, most important first (one per action). */
export function footerBindings(): Binding[] {
  const seen = new Set<Action>();
  return BINDINGS.filter((b) => b.footer !== undefined)
    .sort((a, b) => a.footer! - b.footer!)
    .filter((b) => (seen.has(b.action) ? false : (seen.add(b.action), true)));
}
