/**
 * A key as the app binds on it: a name, its modifiers, and the text it types. Ink's (input, key)
 * pair is turned into one here, so that the key map (key-map.ts) never looks at raw input.
 */

import type { Key } from 'ink';

export type KeyName =
  | 'return'
  | 'escape'
  | 'tab'
  | 'backspace'
  | 'delete'
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'home'
  | 'end'
  | 'pageUp'
  | 'pageDown'
  | 'insert'
  | 'f1'
  | 'f2'
  | 'f3'
  | 'f4'
  | 'f5'
  | 'f6'
  | 'f7'
  | 'f8'
  | 'f9'
  | 'f10'
  | 'f11'
  | 'f12'
  | 'char';

export interface KeyPress {
  name: KeyName;
  ctrl: boolean;
  meta: boolean;
  shift: boolean;
  /** For 'char': the typed text (printable, possibly several characters); for Ctrl+letter: the letter. */
  text: string;
}

export const press = (name: KeyName, over: Partial<KeyPress> = {}): KeyPress => ({ name, ctrl: false, meta: false, shift: false, text: '', ...over });

/** A Ctrl+letter press. */
export const ctrlKey = (letter: string): KeyPress => press('char', { ctrl: true, text: letter });

/** Ink's view of one key press as a KeyPress. */
export function fromInk(input: string, key: Key): KeyPress {
  const mods = { ctrl: key.ctrl, meta: key.meta, shift: key.shift };
  if (key.return) return press('return', mods);
  // Ink marks a lone Escape as meta too; it is just Escape.
  if (key.escape) return press('escape', { ...mods, meta: false });
  if (key.tab) return press('tab', mods);
  // Ink reports the Backspace key (0x7f) as `delete`, like the Delete key (ESC [3~), and hides the
  // bytes: both are taken as Backspace, the key people press far more often.
  if (key.backspace || key.delete) return press('backspace', mods);
  if (key.upArrow) return press('up', mods);
  if (key.downArrow) return press('down', mods);
  if (key.leftArrow) return press('left', mods);
  if (key.rightArrow) return press('right', mods);
  if (key.pageUp) return press('pageUp', mods);
  if (key.pageDown) return press('pageDown', mods);
  if (key.home) return press('home', mods);
  if (key.end) return press('end', mods);
  return press('char', { ...mods, text: input });
}
