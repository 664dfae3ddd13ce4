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

/** A real client of a simulated node (serve mode), as the picture draws it. */
export interface ExternalClientInfo {
  conn: number;
  /** `127.0.0.1:53122` */
  addr: string;
  /** The simulated node it is connected to. */
  port: number;
  /** `subscriber`: in pub/sub's subscribed mode (CLIENT LIST flags=P). */
  kind: 'client' | 'replica' | 'monitor' | 'subscriber';
  /** For a real replica: the port it said it listens on (REPLCONF listening-port). */
  listeningPort: number | null;
  name: string;
  resp: number;
}

/** A simulated replica's link to a real master outside the world (serve mode). */
export interface ExternalMasterInfo {
  conn: number;
  /** The simulated replica. */
  from: number;
  /** The real master's port. */
  to: number;
  state: 'connecting' | 'connected';
}

/** What the live server tells the learner (serve mode); the screen words it in their language. */
export type LiveNotice =
  | { kind: 'listening'; port: number; address: string }
  /** The real port is in use on this machine: that node is not served. */
  | { kind: 'portTaken'; port: number; realPort: number }
  | { kind: 'listenFailed'; port: number; address: string; message: string }
  /** A rewind closed the real connections (real programs cannot go back in time). */
  | { kind: 'rewoundClosed'; count: number }
  /** The clients' input passed the rewind budget: rewind is off from here. */
  | { kind: 'rewindOff'; budgetMb: number };

/**
 * Serve mode (`repl-tutor serve`): the simulated nodes listen on real ports, and virtual time
 * follows the wall clock × `speed` by itself. The screen pauses and speeds it, redraws when it
 * says something changed, and draws the real clients in the picture.
 */
export interface LiveClock {
  readonly paused: boolean;
  /** Virtual ms per wall ms. */
  readonly speed: number;
  pause(): void;
  resume(): void;
  setSpeed(speed: number): void;
  /** Called after something changed by itself (time moved with events, a real client's input). */
  onChange(listener: () => void): () => void;
  clients(): ExternalClientInfo[];
  masters(): ExternalMasterInfo[];
  /** The simulated ports that listen now, each with its real address (`127.0.0.1:6380`). */
  served(): Array<{ port: number; address: string }>;
  /** What happened since the last call that the learner should read (a port taken, connections a rewind closed). */
  takeNotices(): LiveNotice[];
  /** False once the clients' recorded input passed its budget: rewind is off. */
  readonly rewindable: boolean;
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
  /** Serve mode only: the wall clock that moves this session's time, and the real clients. */
  readonly live?: LiveClock;
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
