/**
 * One readable line per trace event (`6380 → 6381  +FULLRESYNC 3f2a… 0`), for batch `--trace`
 * and the TUI's timeline, in English or Chinese. The words are the trace table's
 * (src/redis/trace-types.ts); this file adds the time column.
 */

import type { Language } from '../language.js';
import type { TraceEvent } from '../redis/trace.js';
import { traceLine } from '../redis/trace-types.js';

/**
 * The event as one line, without its time (the timeline prints the time in its own column).
 * English by default: batch `--trace` output does not change with the learner's language.
 */
export function formatTrace(e: TraceEvent, lang: Language = 'en'): string {
  return traceLine(e, lang);
}

/** `[  1.203s] …`: the event with its virtual time, for batch `--trace`. */
export function formatTraceLine(e: TraceEvent, lang: Language = 'en'): string {
  return `[${(e.t / 1000).toFixed(3).padStart(8)}s] ${formatTrace(e, lang)}`;
}
