/**
 * The screen shown while the terminal is below 80×24: what is needed, what there is; time is
 * stopped and typed keys wait, and the app comes back as it was when the window grows.
 */

import React from 'react';
import { Box, Text } from 'ink';
import type { Strings } from './strings.js';
import { useTheme } from './theme-context.js';

export function TooSmall({ cols, rows, text, waiting = 0 }: { cols: number; rows: number; text: Strings; waiting?: number }): React.JSX.Element {
  const theme = useTheme();
  return (
    <Box flexDirection="column" width={cols}>
      <Text bold color={theme.colour('warning')} wrap="wrap">
        {text.tooSmall(cols, rows)}
      </Text>
      <Text dimColor wrap="wrap">
        {text.tooSmallHelp}
      </Text>
      <Text dimColor wrap="wrap">
        {text.pausedWhileSmall}
        {waiting > 0 ? ` · ${text.keysWaiting(waiting)}` : ''}
      </Text>
    </Box>
  );
}
