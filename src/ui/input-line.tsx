/** The REPL input line drawn from its model (input-line-model.ts): one row, never wider than `width`. */

import React from 'react';
import { Text } from 'ink';
import { inputLineParts, type InputLineProps } from './input-line-model.js';

export function InputLine(props: InputLineProps): React.JSX.Element {
  const parts = inputLineParts(props);
  return (
    <Text wrap="truncate">
      {parts.map((p, i) => {
        switch (p.role) {
          case 'cursor':
            return (
              <Text key={i} inverse>
                {p.text}
              </Text>
            );
          case 'hint':
          case 'marker':
            return (
              <Text key={i} dimColor>
                {p.text}
              </Text>
            );
          default:
            return <Text key={i}>{p.text}</Text>;
        }
      })}
    </Text>
  );
}
