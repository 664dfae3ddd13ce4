/** The event timeline as rows: the last trace events that fit, each one readable line, coloured by what it is about. */

import type { TraceEvent } from '../redis/trace.js';
import { isHeartbeat, traceTypeRow } from '../redis/trace-types.js';
import { lineText, type Line } from './lines.js';
import { wrapSegs } from './markdown.js';
import { textWidth } from './text-width.js';
import type { PaletteRole } from './theme.js';

/** The colour of an event's line: its tone in the trace table. */
function roleOf(e: TraceEvent): PaletteRole | undefined {
  return traceTypeRow(e.type)?.tone;
}

/** `+1.250s` virtual time, fixed width so lines align. */
export function timeLabel(ms: number): string {
  return `${(ms / 1000).toFixed(3).padStart(8)}s`;
}

/** One row per event: time, then the formatted line. */
export function timelineLines(events: readonly TraceEvent[], format: (e: TraceEvent) => string): Line[] {
  return events.map((e) => {
    const heartbeat = isHeartbeat(e.type);
    return [
      { text: timeLabel(e.t) + ' ', dim: true },
      { text: format(e), role: roleOf(e), dim: heartbeat },
    ];
  });
}

/** Rows wider than `width` wrapped between words, continuing under the event's text (the events view shows each whole). */
export function wrapTimeline(rows: readonly Line[], width: number): Line[] {
  const indent = ' '.repeat(timeLabel(0).length + 1);
  return rows.flatMap((row) => (textWidth(lineText(row)) <= width ? [row] : wrapSegs([...row], width, indent)));
}
