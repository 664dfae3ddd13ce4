/** The screen shown while the terminal is below 80×24 (time stops and typed keys wait): what is needed, what there is; the app comes back when it grows. */

import React from 'react';
import { Box, Text } from 'ink';
import { lineText } from './lines.js';
import { wrapSegs } from './markdown.js';
import type { Strings } from './strings.js';
import { useTheme } from './theme-context.js';

/** Wrapped here rather than by Ink, so Chinese keeps its line-breaking rules (no row starts with `。`). */
export const tooSmallRows = (s: string, cols: number): string[] => wrapSegs([{ text: s }], Math.max(1, cols)).map(lineText);

export function TooSmall({ cols, rows: height, text, waiting = 0 }: { cols: number; rows: number; text: Strings; waiting?: number }): React.JSX.Element {
  const theme = useTheme();
  return (
    <Box flexDirection="column" width={cols}>
      {tooSmallRows(text.tooSmall(cols, height), cols).map((r, i) => (
        <Text key={`t${i}`} bold color={theme.colour('warning')} wrap="truncate-end">
          {r}
        </Text>
      ))}
      {tooSmallRows(text.tooSmallHelp, cols).map((r, i) => (
        <Text key={`h${i}`} dimColor wrap="truncate-end">
          {r}
        </Text>
      ))}
      {tooSmallRows(text.pausedWhileSmall + (waiting > 0 ? ` · ${text.keysWaiting(waiting)}` : ''), cols).map((r, i) => (
        <Text key={`p${i}`} dimColor wrap="truncate-end">
          {r}
        </Text>
      ))}
    </Box>
  );
}
