/** The REPL's public surface, as types: what the TUI, lessons and batch mode use. No Ink here. */

import type { WorldApi } from '../redis/api.js';
import type { SessionInput, SessionMark } from './recording.js';

export type { SessionInput, SessionMark } from './recording.js';
import type { Language } from '../language.js';
import type { EventLabel } from '../sim/scheduler.js';

/** One printed line of the session, tagged so the TUI can colour it. */
export interface OutputLine {
  text: string;
  kind: 'echo' | 'reply' | 'error' | 'info' | 'trace';
}

/** Time mode: settle after each line (default), or leave time to :step/:run and the step key. */
export type TimeMode = 'settled' | 'manual';

/**
 * A REPL session over one World, the one interface every layer above uses (ReplSession in
 * session.ts implements it; the UI's tests fake it):
 *   const s = new ReplSession({ seed: 1 });
 *   s.submit('redis-server /data/6380/redis.conf');   // → OutputLine[] (not including the echo)
 *   s.prompt                                          // '$ ' | '127.0.0.1:6381> ' | 'not connected> '
 */
export interface ReplSessionApi {
  readonly prompt: string;
  /** The world the lines act on (replaced by a rewind and by `:seed`). */
  readonly world: WorldApi;
  timeMode: TimeMode;
  /** The language of the tutor's own lines (`:` confirmations, usage errors, `:help`). */
  language: Language;
  /** Bumped by the `clear` line: the screen empties its scrollback when it changes. */
  readonly clearCount: number;
  /** Run one typed line: shell line, redis command at a node prompt, or a ':' tutor line. */
  submit(line: string): OutputLine[];
  /** Lines produced later (a blocked WAIT answering during a step), drained by the caller. */
  drainAsyncOutput(): OutputLine[];
  /**
   * ^C while redis-cli waits for a reply: redis-cli exits as 7.0's does (`^C`, then the shell
   * prompt). False when nothing is waiting. Optional for REPLs that never wait.
   */
  cancelPending?(): boolean;
  /** Input history (oldest first). */
  readonly history: readonly string[];
  /** Tab completion of the current input: candidates for the whole line. */
  complete(input: string): string[];
  /** redis-cli's greyed synopsis of the arguments still to type (e.g. " key value [NX|XX] …"), or ''. */
  synopsis(input: string): string;
  /**
   * Fire events until the one `world.nextEvent()` names has fired (periodic events before it fire
   * too), recorded so that rewind replays it. Returns what fired last, or undefined.
   */
  stepToNext(): { label: EventLabel } | undefined;
  /** Run until settled, recorded for rewind. */
  settle(): void;
  /** Remember the current position as the start of a lesson step (only the lesson controller marks). */
  mark(): SessionMark;
  /** Rebuild the world as it was at `mark`; false when the mark is gone. */
  rewindToMark(mark: SessionMark): boolean;
  /** Rebuild the world one event earlier; false when there is nothing to undo. */
  rewindOneEvent(): boolean;
  /** The seed of the world (with `inputs`, all it takes to rebuild it: a saved sandbox). */
  readonly seed: number;
  /** Everything recorded since the world began (lines, time moves, mode changes). */
  readonly inputs: readonly SessionInput[];
  /** A fresh world from the seed with `inputs` replayed (a saved sandbox reopened). */
  restore(inputs: readonly SessionInput[]): void;
}
