/**
 * `repl-tutor serve --headless`: serve the simulated nodes with no app — the trace and what typed
 * lines print go to stdout, tutor lines are read from stdin, Ctrl-C (or the end of stdin with
 * --record) stops and closes everything.
 */

import { createInterface } from 'node:readline';
import type { World } from '../redis/world.js';
import type { ExternalClientView } from './core.js';
import type { RecordHeader } from './record.js';
import { LiveServe } from './live.js';
import { createServedSession, headlessTraceLine } from './setup.js';

export interface HeadlessOptions {
  header: Omit<RecordHeader, 'serve'>;
  portOffset: number;
  host: string;
  speed: number;
  record?: string;
  out: (s: string) => void;
  err: (s: string) => void;
  /** The cluster picture as text lines (the app's, passed in by the entry point): printed for `:picture`. */
  picture?: (world: World, clients: ExternalClientView[]) => string[];
}

/** The headless line that prints the picture instead of going to the tutor session. */
export const PICTURE_LINE = ':picture';

/** Run until SIGINT/SIGTERM or the end of stdin; resolves with the exit code. */
export async function runHeadless(opts: HeadlessOptions): Promise<number> {
  const session = createServedSession(opts.header);
  let live: LiveServe;
  try {
    live = new LiveServe({
    session,
    header: opts.header,
    portOffset: opts.portOffset,
    host: opts.host,
    speed: opts.speed,
    recordFile: opts.record,
    onTrace: (e) => opts.out(headlessTraceLine(e) + '\n'),
    onPrinted: (lines) => {
      for (const l of lines) opts.out(l.text + '\n');
    },
    onNotice: (line) => opts.err(`repl-tutor serve: ${line}\n`),
    });
  } catch (e) {
    opts.err(`repl-tutor serve: cannot record to ${opts.record}: ${(e as Error).message}\n`);
    return 1;
  }
  await live.start();
  const served = live.servedPorts().map((p) => `${p} on ${opts.host}:${live.realPort(p)}`);
  opts.err(`repl-tutor serve: ${served.length > 0 ? `serving ${served.join(', ')}` : 'no node is served yet'}; Ctrl-C stops\n`);
  return new Promise<number>((resolve) => {
    const rl = createInterface({ input: process.stdin });
    let done = false;
    const stop = async () => {
      if (done) return;
      done = true;
      rl.close();
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      await live.close();
      resolve(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    rl.on('line', (line) => {
      // The picture is a view, not an input: it is not recorded and changes nothing.
      if (line.trim() === PICTURE_LINE && opts.picture) {
        for (const l of opts.picture(live.world, live.clients())) opts.out(l + '\n');
        return;
      }
      live.submitLine(line);
    });
  });
}
