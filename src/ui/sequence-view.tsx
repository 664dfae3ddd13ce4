/** The sequence view: the conversation between the nodes as lanes and arrows (sequence-model.ts), drawn in a box. */

import React, { useMemo } from 'react';
import { Box } from 'ink';
import { LinesView } from './lines-view.js';
import { sequenceModel, type SequenceModelInput } from './sequence-model.js';

export type SequenceViewProps = SequenceModelInput;

/** Plain props in, rows out: the lane header, then the rows that fit (the newest at the bottom). */
export function SequenceView(props: SequenceViewProps): React.JSX.Element {
  const { events, nowMs, width, height, lang, expandHeartbeats, scroll, roles } = props;
  const model = useMemo(
    () => sequenceModel({ events, nowMs, width, height, lang, expandHeartbeats, scroll, roles }),
    [events, nowMs, width, height, lang, expandHeartbeats, scroll, roles],
  );
  return (
    <Box flexDirection="column" width={width} height={height}>
      <LinesView lines={[model.header]} width={width} height={1} />
      <LinesView lines={model.rows} width={width} height={Math.max(1, height - 1)} />
    </Box>
  );
}
