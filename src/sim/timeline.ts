/**
 * Rewind by replay: every input is recorded with the number of events that had fired when it was
 * given; rebuilding the world from the same seed and re-applying inputs at the same positions
 * reproduces it exactly, up to any earlier event (RaftScope-style time travel without snapshots).
 */

/** One recorded input: opaque plain data (a typed line, a fault, a step command). */
export interface RecordedInput<T> {
  /** `Scheduler.eventsRun` when the input was applied. */
  atEvent: number;
  input: T;
}

/** The inputs of one run, in order. */
export class Timeline<T> {
  readonly inputs: RecordedInput<T>[] = [];

  record(atEvent: number, input: T): void {
    this.inputs.push({ atEvent, input });
  }

  /** The inputs given at or before event position `eventIndex`. */
  inputsUpTo(eventIndex: number): RecordedInput<T>[] {
    return this.inputs.filter((i) => i.atEvent <= eventIndex);
  }

  /** Forget inputs after `eventIndex` (after a rewind, new inputs fork a new future). */
  truncateAfter(eventIndex: number): void {
    let keep = this.inputs.length;
    while (keep > 0 && this.inputs[keep - 1].atEvent > eventIndex) keep--;
    this.inputs.length = keep;
  }
}
