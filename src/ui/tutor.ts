/**
 * The app's verbs over a running lesson, without React: run a typed line, step one event, play,
 * rewind, apply a fault, move to the next step. Each returns the lines to print; the React side
 * only dispatches them and re-reads the world.
 */

import type { OutputLine } from '../repl/api.js';
import type { EventLabel } from '../sim/scheduler.js';
import type { LessonRunPort, SessionPort } from './ports.js';
import type { Strings } from './strings.js';

export class Tutor {
  constructor(
    readonly run: LessonRunPort,
    private text: Strings,
  ) {
    this.session.mark();
  }

  get session(): SessionPort {
    return this.run.session;
  }

  /**
   * Run one typed line and return what to print: the echo after the prompt, then the output.
   * An empty line on a completed step moves to the next step instead.
   */
  submit(line: string): OutputLine[] {
    const view = this.run.view();
    if (line.trim() === '' && view.complete && !view.lessonDone) {
      this.run.advance();
      this.session.mark();
      this.run.check();
      const next = this.run.view();
      const title = next.title ? `: ${next.title}` : '';
      return [{ text: `── ${this.text.step} ${next.index + 1}/${next.count}${title}`, kind: 'info' }];
    }
    const echo: OutputLine = { text: this.session.prompt + line, kind: 'echo' };
    const out = this.session.submit(line);
    const lines = [echo, ...out, ...this.session.drainAsyncOutput()];
    this.run.check();
    return lines;
  }

  /** The label of the event the last `step()` fired up to (undefined when nothing was pending). */
  lastStepped: EventLabel | undefined;

  /** Fire events up to the one the "next:" line names. */
  step(): OutputLine[] {
    this.lastStepped = this.session.stepToNext()?.label;
    const lines = this.session.drainAsyncOutput();
    this.run.check();
    return lines;
  }

  /** True while some non-periodic event is pending (there is something to step to). */
  hasPending(): boolean {
    const next = this.session.world.nextEvent();
    return next !== undefined && !next.periodic;
  }

  settle(): OutputLine[] {
    this.session.settle();
    const lines = this.session.drainAsyncOutput();
    this.run.check();
    return lines;
  }

  rewindEvent(): string {
    const ok = this.session.rewindOneEvent();
    this.run.check();
    return ok ? this.text.rewound : this.text.nothingToRewind;
  }

  rewindStep(): string {
    const ok = this.session.rewindToMark();
    this.run.check();
    return ok ? this.text.rewoundStep : this.text.noMark;
  }

  hint(): string | null {
    const before = this.run.view().hints.length;
    this.run.nextHint();
    return this.run.view().hints.length > before ? null : this.text.noMoreHints;
  }
}
