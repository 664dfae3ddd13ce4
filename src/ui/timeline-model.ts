/** The event timeline as rows: the last trace events that fit, each one readable line, coloured by what it is about. */

import type { TraceEvent, TraceType } from '../redis/trace.js';
import type { Line } from './lines.js';
import type { PaletteRole } from './theme.js';

/** Heartbeats: shown dim, and revealed without delay by the animation. */
export const heartbeatTypes: ReadonlySet<TraceType> = new Set(['ping.send', 'ack.send', 'ack.recv', 'getack.send']);

function roleOf(e: TraceEvent): PaletteRole | undefined {
  if (e.type.startsWith('buffer.')) return 'buffer';
  if (e.type.startsWith('rdb.') || e.type.startsWith('bgsave.') || e.type.startsWith('replica.load') || e.type === 'replica.flush') return 'linkSync';
  if (e.type.startsWith('psync.') || e.type === 'sync.legacy' || e.type.startsWith('handshake.')) return 'linkHandshake';
  if (e.type === 'server.crash' || e.type === 'link.down' || e.type === 'write.refused' || e.type === 'server.shutdown') return 'dead';
  if (e.type === 'server.pause' || e.type === 'link.fault') return 'paused';
  if (e.type === 'command' || e.type === 'propagate' || e.type === 'stream.apply') return 'accent';
  return undefined;
}

/** `+1.250s` virtual time, fixed width so lines align. */
export function timeLabel(ms: number): string {
  return `${(ms / 1000).toFixed(3).padStart(8)}s`;
}

/** One row per event: time, then the formatted line. */
export function timelineLines(events: readonly TraceEvent[], format: (e: TraceEvent) => string): Line[] {
  return events.map((e) => {
    const heartbeat = heartbeatTypes.has(e.type);
    return [
      { text: timeLabel(e.t) + ' ', dim: true },
      { text: format(e), role: roleOf(e), dim: heartbeat },
    ];
  });
}
