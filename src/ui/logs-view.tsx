/** Two servers' own logs side by side (logs-model.ts), drawn in a box. */

import React, { useMemo } from 'react';
import { LinesView } from './lines-view.js';
import { logsModel, type LogsModelInput } from './logs-model.js';

export type LogsViewProps = LogsModelInput;

export function LogsView({ files, paths, width, height, scroll }: LogsViewProps): React.JSX.Element {
  const lines = useMemo(() => logsModel({ files, paths, width, height, scroll }), [files, paths, width, height, scroll]);
  return <LinesView lines={lines} width={width} height={height} />;
}
