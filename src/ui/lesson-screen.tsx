/**
 * The lesson screen's layout: title bar; step text beside the cluster picture; the event timeline;
 * the REPL output and input line; the key footer. Every pane gets its rows already built and
 * draws only what fits its box (see layout.ts for the sizes).
 */

import React from 'react';
import { Box, Text } from 'ink';
import type { Layout } from './layout.js';
import type { Line } from './lines.js';
import { LineView, LinesView } from './lines-view.js';

export interface LessonScreenProps {
  layout: Layout;
  titleBar: Line;
  stepRows: readonly Line[];
  rightRows: readonly Line[];
  timelineRows: readonly Line[];
  outputRows: readonly Line[];
  /** The input line: prompt, text input, greyed hint (built by the app, which owns its handlers). */
  inputLine: React.ReactNode;
  footer: Line;
}

/** A one-column vertical rule of `height` rows (one text node, like the panes). */
const Rule = React.memo(function Rule({ height }: { height: number }): React.JSX.Element {
  return (
    <Box flexDirection="column" width={1} height={height}>
      <Text dimColor>{Array.from({ length: height }, () => '│').join('\n')}</Text>
    </Box>
  );
});

export function LessonScreen(p: LessonScreenProps): React.JSX.Element {
  const L = p.layout;
  const input = (
    <Box width={L.outputWidth} height={1} overflow="hidden">
      {p.inputLine}
    </Box>
  );
  return (
    <Box flexDirection="column" width={L.cols} height={L.rows}>
      <LineView line={p.titleBar} width={L.cols} />
      <Box flexDirection="row" height={L.topHeight}>
        <LinesView lines={p.stepRows} width={L.stepWidth} height={L.topHeight} />
        <Rule height={L.topHeight} />
        <LinesView lines={p.rightRows} width={L.clusterWidth} height={L.topHeight} />
      </Box>
      {L.timelineBeside ? (
        <Box flexDirection="row" height={L.outputHeight + 1}>
          <Box flexDirection="column" width={L.outputWidth}>
            <LinesView lines={p.outputRows} width={L.outputWidth} height={L.outputHeight} fromEnd />
            {input}
          </Box>
          <Rule height={L.outputHeight + 1} />
          <LinesView lines={p.timelineRows} width={L.timelineWidth} height={L.timelineHeight} />
        </Box>
      ) : (
        <>
          <LinesView lines={p.timelineRows} width={L.cols} height={L.timelineHeight} />
          <LinesView lines={p.outputRows} width={L.outputWidth} height={L.outputHeight} fromEnd />
          {input}
        </>
      )}
      <LineView line={p.footer} width={L.cols} />
    </Box>
  );
}
