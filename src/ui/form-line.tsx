/**
 * A one-field form in place of the input line: a label, then ink-text-input's field (the design
 * names it for one-field forms; the REPL line keeps its own editor, see input-state.ts). Enter
 * hands the value to `onSubmit`; Esc is the key map's (it closes the form).
 */

import React, { useState } from 'react';
import { Text } from 'ink';
import TextInput from 'ink-text-input';
import type { KeyPress } from './key-press.js';

export function FormLine({
  label,
  initial,
  help,
  onSubmit,
  onChange,
}: {
  label: string;
  initial: string;
  help: string;
  onSubmit: (value: string) => void;
  /** Every edit (the app keeps the draft, so the field comes back with it after a too-small window). */
  onChange?: (value: string) => void;
}): React.JSX.Element {
  const [value, setValue] = useState(initial);
  const change = (v: string) => {
    setValue(v);
    onChange?.(v);
  };
  return (
    <>
      <Text bold>{label}</Text>
      <TextInput value={value} onChange={change} onSubmit={onSubmit} />
      <Text dimColor>{`  ${help}`}</Text>
    </>
  );
}

/**
 * A key that waited while the window was too small, applied to a form's draft as its field would
 * have: text is typed at the end, Backspace deletes, Enter submits; null for a key the field does
 * not take (Esc and the rest go to the key map).
 */
export function formKey(draft: string, p: KeyPress): { value: string } | 'submit' | null {
  if (p.name === 'return') return 'submit';
  if (p.name === 'backspace') return { value: [...draft].slice(0, -1).join('') };
  if (p.name === 'char' && !p.ctrl && !p.meta) return { value: draft + p.text };
  return null;
}
