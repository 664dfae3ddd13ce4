/** The deterministic kernel: a virtual clock in milliseconds and one event queue ordered by time, then insertion. */

/** What an event is, for "next:" lines and traces. Plain data. */
export interface EventInfo {
  /** Virtual time the event fires at, in ms. */
  atMs: number;
  /** Insertion number: ties at the same time fire in insertion order. */
  seq: number;
  /** A short human label, e.g. "6380 replicationCron" or "RDB chunk 6380→6381". */
  label: string;
  /**
   * Periodic events (crons, heartbeats) never keep the world from being "settled": settling
   * runs until only periodic events remain.
   */
  periodic: boolean;
}

/**
 * A queued event is also its own cancel handle: one object per event instead of an event, a handle,
 * a closure and an info record.
 */
class QueuedEvent implements EventInfo, EventHandle {
  cancelled = false;
  private infoCopy: EventInfo | null = null;

  constructor(
    private readonly scheduler: Scheduler,
    readonly atMs: number,
    readonly seq: number,
    readonly label: string,
    readonly periodic: boolean,
    readonly run: () => void,
  ) {}

  get info(): EventInfo {
    return (this.infoCopy ??= { atMs: this.atMs, seq: this.seq, label: this.label, periodic: this.periodic });
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    if (!this.periodic) this.scheduler.nonPeriodicCancelled();
  }
}

/** A handle to cancel a scheduled event. */
export interface EventHandle {
  cancel(): void;
  readonly info: EventInfo;
}

/**
 * The virtual clock and the event queue. Nothing here reads the real clock: time moves only when
 * an event is taken from the queue (or when `advanceTo` is called on an empty stretch).
 */
export class Scheduler {
  private nowMs = 0;
  private nextSeq = 0;
  private heap: QueuedEvent[] = [];
  private nonPeriodicPending = 0;
  /** How many events have fired since the start: the position used by rewind. */
  eventsRun = 0;

  get now(): number {
    return this.nowMs;
  }

  /** Schedule `run` after `delayMs` (≥ 0) of virtual time. */
  after(delayMs: number, label: string, run: () => void, periodic = false): EventHandle {
    return this.at(this.nowMs + Math.max(0, delayMs), label, run, periodic);
  }

  /** Schedule `run` at virtual time `atMs` (clamped to now). */
  at(atMs: number, label: string, run: () => void, periodic = false): EventHandle {
    const ev = new QueuedEvent(this, Math.max(atMs, this.nowMs), this.nextSeq++, label, periodic, run);
    this.push(ev);
    if (!periodic) this.nonPeriodicPending++;
    return ev;
  }

  /** @internal A pending non-periodic event was cancelled. */
  nonPeriodicCancelled(): void {
    this.nonPeriodicPending--;
  }

  /** True when nothing but periodic events is pending. */
  isSettled(): boolean {
    return this.nonPeriodicPending === 0;
  }

  /** The next event that will fire, or undefined when the queue is empty. */
  peek(): EventInfo | undefined {
    this.dropCancelledHead();
    const ev = this.heap[0];
    return ev && { atMs: ev.atMs, seq: ev.seq, label: ev.label, periodic: ev.periodic };
  }

  /** The next non-periodic event, for a "next:" line that skips heartbeats. Scans the queue. */
  peekNonPeriodic(): EventInfo | undefined {
    let best: QueuedEvent | undefined;
    for (const ev of this.heap) {
      if (ev.cancelled || ev.periodic) continue;
      if (!best || ev.atMs < best.atMs || (ev.atMs === best.atMs && ev.seq < best.seq)) best = ev;
    }
    return best && { atMs: best.atMs, seq: best.seq, label: best.label, periodic: best.periodic };
  }

  /** Fire the next event; returns what fired, or undefined when the queue is empty. */
  step(): EventInfo | undefined {
    const ev = this.fire();
    return ev && { atMs: ev.atMs, seq: ev.seq, label: ev.label, periodic: ev.periodic };
  }

  /** step() without building the returned record. */
  private fire(): QueuedEvent | undefined {
    this.dropCancelledHead();
    const ev = this.pop();
    if (!ev) return undefined;
    if (!ev.periodic) this.nonPeriodicPending--;
    ev.cancelled = true;
    this.nowMs = ev.atMs;
    this.eventsRun++;
    ev.run();
    return ev;
  }

  /** Fire every event due at or before `atMs`, then move the clock to `atMs`. Returns events fired. */
  runUntil(atMs: number): number {
    let n = 0;
    const h = this.heap;
    for (;;) {
      this.dropCancelledHead();
      if (h.length === 0 || h[0].atMs > atMs) break;
      this.step(); // through step(): observers may wrap it (tests watch every event)
      n++;
    }
    if (atMs > this.nowMs) this.nowMs = atMs;
    return n;
  }

  /**
   * Fire events until only periodic ones remain (crons keep firing in order meanwhile).
   * `maxEvents` bounds a world that never settles. Returns events fired.
   */
  runUntilSettled(maxEvents = 1_000_000): number {
    let n = 0;
    while (!this.isSettled() && n < maxEvents) {
      if (!this.step()) break;
      n++;
    }
    return n;
  }

  /** Number of events in the queue (cancelled ones excluded). */
  get pendingCount(): number {
    let n = 0;
    for (const ev of this.heap) if (!ev.cancelled) n++;
    return n;
  }

  // A binary min-heap on (atMs, seq).
  private less(a: QueuedEvent, b: QueuedEvent): boolean {
    return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
  }

  private push(ev: QueuedEvent): void {
    const h = this.heap;
    h.push(ev);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i], h[p])) break;
      const t = h[i];
      h[i] = h[p];
      h[p] = t;
      i = p;
    }
  }

  private pop(): QueuedEvent | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l], h[m])) m = l;
        if (r < h.length && this.less(h[r], h[m])) m = r;
        if (m === i) break;
        const t = h[i];
        h[i] = h[m];
        h[m] = t;
        i = m;
      }
    }
    return top;
  }

  private dropCancelledHead(): void {
    while (this.heap.length > 0 && this.heap[0].cancelled) this.pop();
  }
}
