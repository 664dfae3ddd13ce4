/**
 * Draws `Line[]` rows into a box of fixed size: only the rows that fit, each clipped to the width.
 * A whole pane is one Ink <Text> (rows joined by newlines, styled runs nested inside), so Yoga
 * lays out and measures one node per pane instead of one per row: the first frame of a lesson
 * screen has ~10 text nodes instead of ~70, which is most of its cold-start layout cost.
 */

import React from 'react';
import { Box, Text } from 'ink';
import { clipLine, type Line } from './lines.js';
import type { Theme } from './theme.js';
import { useTheme } from './theme-context.js';

/** A row's styled runs, clipped to `width` (an empty row is one space, so it still takes its row). */
function rowRuns(line: Line, width: number, theme: Theme, keyPrefix: string): React.ReactNode[] {
  const segs = clipLine(line, width);
  if (segs.length === 0) return [' '];
  return segs.map((s, i) => (
    <Text
      key={`${keyPrefix}.${i}`}
      color={s.role ? theme.colour(s.role) : undefined}
      bold={s.bold}
      dimColor={s.dim}
      inverse={s.inverse}
      strikethrough={s.strike}
    >
      {s.text.replace(/[\r\n\t]/g, ' ')}
    </Text>
  ));
}

/** One row. Rows are clipped here, so Ink never has to wrap or truncate them. */
export const LineView = React.memo(function LineView({ line, width }: { line: Line; width: number }): React.JSX.Element {
  const theme = useTheme();
  return <Text wrap="truncate-end">{rowRuns(line, width, theme, '0')}</Text>;
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
  const theme = useTheme();
  const shown = fromEnd ? lines.slice(Math.max(0, lines.length - height)) : lines.slice(0, height);
  // Bottom-aligned panes (the REPL output) keep their last row next to the input line.
  if (fromEnd) while (shown.length < height) shown.unshift([]);
  const children: React.ReactNode[] = [];
  shown.forEach((l, i) => {
    if (i > 0) children.push('\n');
    children.push(...rowRuns(l, width, theme, String(i)));
  });
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text>{children.length > 0 ? children : ' '}</Text>
    </Box>
  );
});
