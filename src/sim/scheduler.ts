/** The deterministic kernel: a virtual clock in milliseconds and one event queue ordered by time, then insertion. */

/**
 * What an event is about, as tagged data (`{ kind: 'deliver', from: 6380, to: 6381 }`): the kernel
 * never words it. The engine declares its kinds and words them per language (redis/event-labels.ts).
 */
export interface EventLabel {
  readonly kind: string;
}

/** What an event is, for "next:" lines and traces. Plain data. */
export interface EventInfo<L extends EventLabel = EventLabel> {
  /** Virtual time the event fires at, in ms. */
  atMs: number;
  /** Insertion number: ties at the same time fire in insertion order. */
  seq: number;
  /** What it is about, e.g. `{ kind: 'serverCron', port: 6380 }` or `{ kind: 'rdbChunk', from: 6380, to: 6381 }`. */
  label: L;
  /**
   * Periodic events (crons, heartbeats) never keep the world from being "settled": settling
   * runs until only periodic events remain.
   */
  periodic: boolean;
}

/**
 * The end of virtual time: 2^50 ms, some 35,000 years. An event asked for later (DEBUG SLEEP 1e300)
 * never fires, and the clock never passes it: below it a millisecond still counts (at 1e303,
 * now + 1000 === now, and a cron would fire forever at one instant).
 */
export const END_OF_TIME_MS = 2 ** 50;

/**
 * A queued event is also its own cancel handle: one object per event instead of an event, a handle,
 * a closure and an info record.
 */
class QueuedEvent<L extends EventLabel> implements EventInfo<L>, EventHandle<L> {
  cancelled = false;
  private infoCopy: EventInfo<L> | null = null;

  constructor(
    private readonly scheduler: Scheduler<L>,
    readonly atMs: number,
    readonly seq: number,
    readonly label: L,
    readonly periodic: boolean,
    readonly run: () => void,
  ) {}

  get info(): EventInfo<L> {
    return (this.infoCopy ??= { atMs: this.atMs, seq: this.seq, label: this.label, periodic: this.periodic });
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    if (!this.periodic) this.scheduler.nonPeriodicCancelled();
  }
}

/** A handle to cancel a scheduled event. */
export interface EventHandle<L extends EventLabel = EventLabel> {
  cancel(): void;
  readonly info: EventInfo<L>;
}

/**
 * The virtual clock and the event queue. Nothing here reads the real clock: time moves only when
 * an event is taken from the queue, or when `runUntil` moves the clock past an empty stretch.
 * `L` is the kind of labels its events carry (the engine's own union; any tagged label in tests).
 */
export class Scheduler<L extends EventLabel = EventLabel> {
  private nowMs = 0;
  private nextSeq = 0;
  private heap: QueuedEvent<L>[] = [];
  private nonPeriodicPending = 0;
  /** How many events have fired since the start: the position used by rewind. */
  eventsRun = 0;

  get now(): number {
    return this.nowMs;
  }

  /** Schedule `run` after `delayMs` (≥ 0) of virtual time. */
  after(delayMs: number, label: L, run: () => void, periodic = false): EventHandle<L> {
    return this.at(this.nowMs + Math.max(0, delayMs), label, run, periodic);
  }

  /** Schedule `run` at virtual time `atMs` (clamped to now); after the end of time it never fires. */
  at(atMs: number, label: L, run: () => void, periodic = false): EventHandle<L> {
    const ev = new QueuedEvent(this, Math.max(atMs, this.nowMs), this.nextSeq++, label, periodic, run);
    if (!(ev.atMs <= END_OF_TIME_MS)) {
      ev.cancelled = true; // never queued: a handle that cancels nothing
      return ev;
    }
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
  peek(): EventInfo<L> | undefined {
    this.dropCancelledHead();
    const ev = this.heap[0];
    return ev && { atMs: ev.atMs, seq: ev.seq, label: ev.label, periodic: ev.periodic };
  }

  /** The next non-periodic event, for a "next:" line that skips heartbeats. Scans the queue. */
  peekNonPeriodic(): EventInfo<L> | undefined {
    let best: QueuedEvent<L> | undefined;
    for (const ev of this.heap) {
      if (ev.cancelled || ev.periodic) continue;
      if (!best || ev.atMs < best.atMs || (ev.atMs === best.atMs && ev.seq < best.seq)) best = ev;
    }
    return best && { atMs: best.atMs, seq: best.seq, label: best.label, periodic: best.periodic };
  }

  /** Fire the next event; returns what fired, or undefined when the queue is empty. */
  step(): EventInfo<L> | undefined {
    const ev = this.fire();
    return ev && { atMs: ev.atMs, seq: ev.seq, label: ev.label, periodic: ev.periodic };
  }

  /** step() without building the returned record. */
  private fire(): QueuedEvent<L> | undefined {
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
    atMs = Math.min(atMs, END_OF_TIME_MS);
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
  private less(a: QueuedEvent<L>, b: QueuedEvent<L>): boolean {
    return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
  }

  private push(ev: QueuedEvent<L>): void {
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

  private pop(): QueuedEvent<L> | undefined {
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
