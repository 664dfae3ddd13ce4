/**
 * `repl-tutor batch --replay FILE`: rebuild a served session's world from its recording, apply
 * every recorded input at its virtual time, and check that every byte written to every connection
 * is the one the live session wrote. Prints what headless serve printed (trace and typed lines).
 */

import type { TraceEvent } from '../redis/trace.js';
import type { OutputLine } from '../repl/api.js';
import { ServeCore, type CoreIo } from './core.js';
import { decodeRecord } from './record.js';
import { createServedSession, headlessTraceLine } from './setup.js';

export interface ReplayResult {
  ok: boolean;
  inputs: number;
  /** Output bytes compared with the recording. */
  bytes: number;
  /** What differed first, when something did. */
  message: string;
}

/** Replay a recording's text; `out` receives each printed line (with its newline). */
export function replayRecording(text: string, out: (s: string) => void): ReplayResult {
  const decoded = decodeRecord(text);
  if (!decoded.ok) return { ok: false, inputs: 0, bytes: 0, message: decoded.message };
  const { header, lines } = decoded;
  const session = createServedSession(header);
  // What the live session wrote, per connection, and how far the replay has matched it.
  const expected = new Map<number, Buffer[]>();
  const fins = new Set<number>();
  for (const l of lines) {
    if ('out' in l) {
      const list = expected.get(l.out);
      if (list) list.push(l.data);
      else expected.set(l.out, [l.data]);
    } else if ('fin' in l) fins.add(l.fin);
  }
  const want = new Map<number, Buffer>();
  for (const [conn, list] of expected) want.set(conn, Buffer.concat(list));
  const got = new Map<number, number>();
  const ended = new Set<number>();
  let mismatch = '';
  let bytes = 0;
  const io: CoreIo = {
    write(conn, data) {
      const buf = typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      const at = got.get(conn) ?? 0;
      const exp = want.get(conn) ?? Buffer.alloc(0);
      if (mismatch === '' && !exp.subarray(at, at + buf.length).equals(buf)) {
        mismatch = `connection ${conn}: output differs at byte ${at} (recorded ${JSON.stringify(exp.subarray(at, at + 40).toString('latin1'))}, replayed ${JSON.stringify(buf.subarray(0, 40).toString('latin1'))})`;
      }
      got.set(conn, at + buf.length);
      bytes += buf.length;
    },
    end(conn) {
      ended.add(conn);
    },
    dial() {
      // The recorded `dial` input brings the result.
    },
    printed(printedLines: OutputLine[]) {
      for (const l of printedLines) out(l.text + '\n');
    },
  };
  let core = new ServeCore(session, io);
  let traced = core.currentWorld;
  let unsubscribe = traced.trace.onEvent((e: TraceEvent) => out(headlessTraceLine(e) + '\n'));
  let inputs = 0;
  // A stop line ends a segment (time runs to it); a header after it starts the next one.
  let stopped = false;
  for (const l of lines) {
    if ('out' in l || 'fin' in l) continue;
    if ('serve' in l) {
      // A new segment, as LiveServe.newSegment made it: the old world's connections close, a fresh world.
      core.closeAll();
      core = new ServeCore(createServedSession(l), io, core.connIdsUsed);
      stopped = false;
    } else if (stopped) {
      continue;
    } else {
      core.runFor(l.t - core.currentWorld.now);
      if ('stop' in l) {
        stopped = true;
        continue;
      }
      core.apply(l);
      inputs++;
    }
    if (core.currentWorld !== traced) {
      unsubscribe();
      traced = core.currentWorld;
      unsubscribe = traced.trace.onEvent((e: TraceEvent) => out(headlessTraceLine(e) + '\n'));
    }
  }
  unsubscribe();
  if (mismatch === '') {
    for (const [conn, buf] of want) {
      if ((got.get(conn) ?? 0) !== buf.length) {
        mismatch = `connection ${conn}: the recording has ${buf.length} bytes, the replay wrote ${got.get(conn) ?? 0}`;
        break;
      }
    }
  }
  if (mismatch === '') {
    for (const conn of fins) {
      if (!ended.has(conn)) {
        mismatch = `connection ${conn}: closed in the recording, still open in the replay`;
        break;
      }
    }
  }
  return { ok: mismatch === '', inputs, bytes, message: mismatch };
}
