/**
 * A one-field form in place of the input line: a label, then ink-text-input's field (the design
 * names it for one-field forms; the REPL line keeps its own editor, see input-state.ts). Enter
 * hands the value to `onSubmit`; Esc is the key map's (it closes the form).
 */

import React, { useState } from 'react';
import { Text } from 'ink';
import TextInput from 'ink-text-input';

export function FormLine({ label, initial, help, onSubmit }: { label: string; initial: string; help: string; onSubmit: (value: string) => void }): React.JSX.Element {
  const [value, setValue] = useState(initial);
  return (
    <>
      <Text bold>{label}</Text>
      <TextInput value={value} onChange={setValue} onSubmit={onSubmit} />
      <Text dimColor>{`  ${help}`}</Text>
    </>
  );
}
