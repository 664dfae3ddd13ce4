/**
 * The app's REPL in serve mode: the learner's session over the served world, where every action
 * that changes the world (a typed line, a step, a settle, a time-mode change, ^C, a rewind) is an
 * input of the live server — recorded with its virtual time beside the real clients' bytes, so a
 * rewind rebuilds both and `batch --replay` reproduces the session. Reading (prompt, history,
 * completion, the world) goes straight to the session underneath.
 */

import type { WorldApi } from '../redis/api.js';
import type { Language } from '../language.js';
import type { LiveClock, OutputLine, ReplSessionApi, SessionInput, SessionMark, TimeMode } from '../repl/api.js';
import type { EventLabel } from '../sim/scheduler.js';
import type { ReplSession } from '../repl/session.js';
import type { LiveServe } from './live.js';

export class ServedRepl implements ReplSessionApi {
  constructor(
    private readonly server: LiveServe,
    private readonly inner: ReplSession,
  ) {}

  get live(): LiveClock {
    return this.server;
  }

  get prompt(): string {
    return this.inner.prompt;
  }

  get world(): WorldApi {
    return this.inner.world;
  }

  get timeMode(): TimeMode {
    return this.inner.timeMode;
  }

  set timeMode(mode: TimeMode) {
    if (mode !== this.inner.timeMode) this.server.applyNow({ in: 'mode', mode });
  }

  get language(): Language {
    return this.inner.language;
  }

  set language(lang: Language) {
    this.inner.language = lang;
  }

  get clearCount(): number {
    return this.inner.clearCount;
  }

  get history(): readonly string[] {
    return this.inner.history;
  }

  get seed(): number {
    return this.inner.seed;
  }

  get inputs(): readonly SessionInput[] {
    return this.inner.inputs;
  }

  /** A typed line: what it printed, without its echo (the lesson controller echoes it). */
  submit(line: string): OutputLine[] {
    return this.server.applyNow({ in: 'line', line }).slice(1);
  }

  drainAsyncOutput(): OutputLine[] {
    return this.inner.drainAsyncOutput();
  }

  cancelPending(): boolean {
    if (!this.inner.waiting) return false;
    this.server.applyNow({ in: 'cancel' });
    return true;
  }

  complete(input: string): string[] {
    return this.inner.complete(input);
  }

  synopsis(input: string): string {
    return this.inner.synopsis(input);
  }

  stepToNext(): { label: EventLabel } | undefined {
    const next = this.inner.world.nextEvent();
    if (!next) return undefined;
    this.server.applyNow({ in: 'step' });
    return { label: next.label };
  }

  settle(): void {
    this.server.applyNow({ in: 'settle' });
  }

  mark(): SessionMark {
    return this.inner.mark();
  }

  rewindToMark(mark: SessionMark): boolean {
    if (!this.inner.hasMark(mark)) return false;
    this.server.applyNow({ in: 'rewind', inputs: mark.inputs, toEvent: null });
    return true;
  }

  rewindOneEvent(): boolean {
    const eventsRun = this.inner.world.eventsRun;
    if (eventsRun === 0 || !this.inner.recordingInputs) return false;
    const toEvent = eventsRun - 1;
    this.server.applyNow({ in: 'rewind', inputs: this.inner.inputsUpToEvent(toEvent), toEvent });
    return true;
  }

  /** A served session is kept by `--record FILE` and replayed by `batch --replay`, not reopened as a saved sandbox. */
  restore(): void {
    throw new Error('a served session cannot be restored from saved inputs; replay its recording with repl-tutor batch --replay FILE');
  }
}

/** The app's REPL factory in serve mode: each fresh world (a lesson opened, a step rebuilt) is a new segment of the live server. */
export function servedReplFactory(server: LiveServe, defaultSeed: number): (seed?: number) => ReplSessionApi {
  return (seed) => new ServedRepl(server, server.newSegment(seed ?? defaultSeed));
}
