/** Draws `Line[]` rows into a box of fixed size: only the rows that fit, each clipped to the width. */

import React from 'react';
import { Box, Text } from 'ink';
import { clipLine, type Line } from './lines.js';
import { useTheme } from './theme-context.js';

/** One row; memoized, so a row whose Line object did not change is not re-rendered. */
export const LineView = React.memo(function LineView({ line, width }: { line: Line; width: number }): React.JSX.Element {
  const theme = useTheme();
  const segs = clipLine(line, width);
  return (
    <Text wrap="truncate-end">
      {segs.length === 0
        ? ' '
        : segs.map((s, i) => (
            <Text
              key={i}
              color={s.role ? theme.colour(s.role) : undefined}
              bold={s.bold}
              dimColor={s.dim}
              inverse={s.inverse}
              strikethrough={s.strike}
            >
              {s.text.replace(/[\r\n\t]/g, ' ')}
            </Text>
          ))}
    </Text>
  );
});

/** `lines` clipped to `height` rows (the first ones, or the last ones with `fromEnd`). */
export const LinesView = React.memo(function LinesView({
  lines,
  width,
  height,
  fromEnd = false,
}: {
  lines: readonly Line[];
  width: number;
  height: number;
  fromEnd?: boolean;
}): React.JSX.Element {
  const shown = fromEnd ? lines.slice(Math.max(0, lines.length - height)) : lines.slice(0, height);
  // Bottom-aligned panes (the REPL output) keep their last row next to the input line.
  if (fromEnd) while (shown.length < height) shown.unshift([]);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {shown.map((l, i) => (
        <LineView key={i} line={l} width={width} />
      ))}
    </Box>
  );
});
