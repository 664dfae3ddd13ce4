/** The REPL's public surface, as types: what the TUI, lessons and batch mode use. No Ink here. */

import type { Language } from '../language.js';

/** One printed line of the session, tagged so the TUI can colour it. */
export interface OutputLine {
  text: string;
  kind: 'echo' | 'reply' | 'error' | 'info' | 'trace';
}

/** Time mode: settle after each line (default), or leave time to :step/:run and the step key. */
export type TimeMode = 'settled' | 'manual';

/**
 * A REPL session over one World (see session.ts for the implementation, ReplSession):
 *   const s = new ReplSession({ seed: 1 });
 *   s.submit('redis-server /data/6380/redis.conf');   // → OutputLine[] (not including the echo)
 *   s.prompt                                          // '$ ' | '127.0.0.1:6381> ' | 'not connected> '
 */
export interface ReplSessionApi {
  readonly prompt: string;
  timeMode: TimeMode;
  /**
   * The language of the tutor's own lines (`:` confirmations, usage errors, `:help`). Optional so
   * a REPL that only speaks English can ignore it; ReplSession starts in English.
   */
  language?: Language;
  /** Run one typed line: shell line, redis command at a node prompt, or a ':' tutor line. */
  submit(line: string): OutputLine[];
  /** Lines produced later (a blocked WAIT answering during a step), drained by the caller. */
  drainAsyncOutput(): OutputLine[];
  /** Input history (oldest first). */
  readonly history: readonly string[];
  /** Tab completion of the current input: candidates for the whole line. */
  complete(input: string): string[];
  /** redis-cli's greyed hint for the current input (e.g. " key value [NX|XX] …"), or ''. */
  hint(input: string): string;
}
