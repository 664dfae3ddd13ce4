/** The seed's SYNC table, live (seed-table-model.ts): time | master | replica, drawn in a box. */

import React, { useMemo } from 'react';
import type { TraceEvent } from '../redis/trace.js';
import { LinesView } from './lines-view.js';
import { seedTableLines, seedTableRows, type SeedTableLang } from './seed-table-model.js';

export interface SeedTableViewProps {
  /** The trace events of the lesson so far. */
  events: readonly TraceEvent[];
  width: number;
  height: number;
  lang: SeedTableLang;
  /** The pair to follow (default: the first pair that syncs, as in lesson 2: 6380 and 6381). */
  master?: number;
  replica?: number;
  /** Rows scrolled back from the newest. */
  scroll?: number;
}

export function SeedTableView({ events, width, height, lang, master, replica, scroll }: SeedTableViewProps): React.JSX.Element {
  const lines = useMemo(() => {
    const rows = seedTableRows(events, { lang, master, replica });
    return seedTableLines(rows, { lang, width, height, master, replica, scroll });
  }, [events, width, height, lang, master, replica, scroll]);
  return <LinesView lines={lines} width={width} height={height} />;
}
