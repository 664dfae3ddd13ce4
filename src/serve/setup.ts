/** The served world's session, built the same way live and in a replay, and headless's trace line. */

import type { TraceEvent } from '../redis/trace.js';
import { ReplSession } from '../repl/session.js';
import { formatTraceLine } from '../repl/trace-format.js';
import type { RecordHeader } from './record.js';

/**
 * A session with its setup lines run (settled), then in manual time: from here only the wall
 * clock (live) or the recording (replay) moves virtual time.
 */
export function createServedSession(header: Omit<RecordHeader, 'serve'>): ReplSession {
  const session = new ReplSession({ seed: header.seed, timeMode: 'settled', serverOverrides: header.serverOverrides });
  if (header.setup.length > 0) session.setup(header.setup);
  session.timeMode = 'manual';
  return session;
}

/** A trace event as headless serve prints it: `# [   1.234s] 6380 client 127.0.0.1:53122 > SET a 1  → OK`. */
export function headlessTraceLine(e: TraceEvent): string {
  return `# ${formatTraceLine(e)}`;
}
