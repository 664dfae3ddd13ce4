/**
 * The order views show trace events in: trace order, except that a command is shown before the
 * effects it had at the same moment (a buffered write, a propagation). The engine pushes the
 * command's event after them, because it carries the reply; `effectsFrom` says where they began.
 */

import type { TraceEvent } from '../redis/trace.js';

/** Where an event stands in the shown order: a command at its first effect, anything else at its own seq. */
export function shownAt(e: TraceEvent): number {
  return e.type === 'command' && e.effectsFrom !== undefined ? e.effectsFrom : e.seq;
}

/** `events` (in trace order) with each command moved before its own effects. */
export function causeFirst(events: readonly TraceEvent[]): TraceEvent[] {
  const out = events.slice();
  for (let i = 0; i < out.length; i++) {
    const e = out[i];
    if (e.type !== 'command' || e.effectsFrom === undefined) continue;
    let j = i;
    while (j > 0 && out[j - 1].seq >= e.effectsFrom) j--;
    if (j < i) {
      out.splice(i, 1);
      out.splice(j, 0, e);
    }
  }
  return out;
}
