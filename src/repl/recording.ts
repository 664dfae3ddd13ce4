/**
 * A session's recording, for rewind by replay: every input (a typed line, a time move, a mode
 * change) with the number of events that had fired when it was given, and the marks that name the
 * start of lesson steps. Replaying a prefix of it over a fresh world from the same seed rebuilds
 * the world exactly (RaftScope-style time travel, see src/sim/timeline.ts).
 */

import type { EventInfo } from '../sim/scheduler.js';
import { Timeline } from '../sim/timeline.js';
import type { TimeMode } from './api.js';

/** What a session records for rewind: typed lines, time moves (by where they ended), mode changes. */
export type SessionInput =
  | { kind: 'line'; line: string }
  | { kind: 'advance'; toEvent: number; toMs: number }
  | { kind: 'mode'; mode: TimeMode }
  /** ^C at a waiting redis-cli (ReplSession.cancelPending). */
  | { kind: 'cancel' }
  /**
   * Serve mode: something from outside the world (a real client's bytes, a connection opened or
   * closed), as plain data only the serve layer reads; ReplSession.external applies it.
   */
  | { kind: 'external'; input: unknown };

/** A mark: the start of a lesson step, as a count of recorded inputs and of fired events. */
export interface SessionMark {
  inputs: number;
  eventsRun: number;
}

/** What a replay drives: the session, over the fresh world it has just built. */
export interface ReplayTarget {
  /** Apply one recorded line or mode change (recording it again). */
  apply(input: Exclude<SessionInput, { kind: 'advance' }>): void;
  /**
   * Apply one recorded time move, stopping at event `untilEvent`; collects what fired into `fired`
   * and returns false when it stopped early (the rewind's present lies inside this move).
   */
  advance(input: Extract<SessionInput, { kind: 'advance' }>, untilEvent: number, fired: EventInfo[]): boolean;
  /** A `:step`/`:run` line's confirmation waits for its recorded advance: print it now. */
  confirm(fired: EventInfo[]): void;
  /** Events fired so far in the rebuilt world. */
  readonly eventsRun: number;
}

export class Recording {
  private timeline = new Timeline<SessionInput>();
  private markList: SessionMark[] = [];
  /** Recording stopped (serve mode past its budget): nothing more is kept and no mark holds. */
  private stopped = false;

  /** The time mode when this recording began (a replay starts from it). */
  constructor(readonly startMode: TimeMode) {}

  /**
   * Record an input. A time move straight after another (nothing typed between, no mark between)
   * extends it: replaying the one move stops at the same events and time as the two did, and a
   * clock that moves every few milliseconds (serve mode, play) keeps the recording small.
   */
  record(atEvent: number, input: SessionInput): void {
    if (this.stopped) return;
    const all = this.timeline.inputs;
    const last = all[all.length - 1]?.input;
    if (input.kind === 'advance' && last?.kind === 'advance' && last.toEvent === atEvent && this.lastMark?.inputs !== all.length) {
      last.toEvent = input.toEvent;
      last.toMs = input.toMs;
      return;
    }
    this.timeline.record(atEvent, input);
  }

  /** How many recorded inputs were given at or before event position `eventIndex` (they come first). */
  countUpTo(eventIndex: number): number {
    return this.timeline.inputsUpTo(eventIndex).length;
  }

  get length(): number {
    return this.timeline.inputs.length;
  }

  get inputs(): SessionInput[] {
    return this.timeline.inputs.map((i) => i.input);
  }

  /** Remember the current position (the start of a lesson step). */
  mark(eventsRun: number): SessionMark {
    const m = { inputs: this.timeline.inputs.length, eventsRun };
    if (!this.stopped) this.markList.push(m);
    return m;
  }

  /** Forget everything and record nothing more: rewind is off from here. */
  stop(): void {
    this.stopped = true;
    this.timeline = new Timeline<SessionInput>();
    this.markList = [];
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** The newest mark still in this recording, if any. */
  get lastMark(): SessionMark | undefined {
    return this.markList[this.markList.length - 1];
  }

  has(mark: SessionMark): boolean {
    return this.markList.includes(mark);
  }

  /** The inputs before `mark`. */
  inputsBefore(mark: SessionMark): SessionInput[] {
    return this.inputs.slice(0, mark.inputs);
  }

  /** The inputs given at or before event position `eventIndex`. */
  inputsUpTo(eventIndex: number): SessionInput[] {
    return this.timeline.inputsUpTo(eventIndex).map((i) => i.input);
  }

  /**
   * Replay `inputs` into `target` (whose fresh world records into `next`), stopping time at
   * `untilEvent`. Marks move to their positions in `next`; marks beyond the new present are gone.
   */
  replayInto(next: Recording, target: ReplayTarget, inputs: readonly SessionInput[], untilEvent: number): void {
    // newPosition[i]: the rebuilt recording's length when original input i is reached.
    const newPosition: number[] = [0];
    for (const input of inputs) {
      if (input.kind === 'advance') {
        const fired: EventInfo[] = [];
        const complete = target.advance(input, untilEvent, fired);
        target.confirm(fired);
        if (!complete) break;
      } else {
        target.confirm([]);
        target.apply(input);
      }
      newPosition.push(next.length);
    }
    target.confirm([]);
    next.markList = this.markList
      .filter((m) => m.inputs < newPosition.length && m.eventsRun <= target.eventsRun)
      .map((m) => Object.assign(m, { inputs: newPosition[m.inputs] }));
  }
}
