/** The screen shown while the terminal is below 80×24: what is needed, what there is; the app comes back when it grows. */

import React from 'react';
import { Box, Text } from 'ink';
import type { Strings } from './strings.js';
import { useTheme } from './theme-context.js';

export function TooSmall({ cols, rows, text }: { cols: number; rows: number; text: Strings }): React.JSX.Element {
  const theme = useTheme();
  return (
    <Box flexDirection="column" width={cols}>
      <Text bold color={theme.colour('warning')} wrap="wrap">
        {text.tooSmall(cols, rows)}
      </Text>
      <Text dimColor wrap="wrap">
        {text.tooSmallHelp}
      </Text>
    </Box>
  );
}
