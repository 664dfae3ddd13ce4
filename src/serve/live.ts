/**
 * Serve mode, live: real TCP listeners for every simulated node (127.0.0.1:PORT+offset), real
 * outgoing connections for simulated replicas of real masters, and the wall-clock driver — virtual
 * time follows the wall clock × speed, and every input is applied (and recorded) at the virtual
 * time it arrived. All Redis behaviour is in the core (core.ts) and the engine below it.
 */

import { createWriteStream, openSync, type WriteStream } from 'node:fs';
import net from 'node:net';
import type { TraceEvent } from '../redis/trace.js';
import type { World } from '../redis/world.js';
import type { LiveClock, LiveNotice, OutputLine } from '../repl/api.js';
import type { ReplSession } from '../repl/session.js';
import { ServeCore, type ExternalClientView, type ExternalMasterView, type ServeInput, type ServeInputBody } from './core.js';
import { encodeRecordLine, type RecordHeader } from './record.js';
import { createServedSession } from './setup.js';

export interface LiveServeOptions {
  /** The tutor session whose world is served (already set up: sandbox, lesson or empty). */
  session: ReplSession;
  /** How the session was set up, written at the top of a recording. */
  header: Omit<RecordHeader, 'serve'>;
  /** Real port = simulated port + offset (when 6380 is taken on this machine). */
  portOffset: number;
  /** Address to listen on: 127.0.0.1 unless the learner asked for another (which needs a password). */
  host: string;
  /** Virtual ms per wall ms. */
  speed: number;
  /** Save every input and output here (`repl-tutor batch --replay FILE` reproduces it). */
  recordFile?: string;
  /** Every trace event, as it happens (headless printing). */
  onTrace?: (e: TraceEvent) => void;
  /** What a typed line printed. */
  onPrinted?: (lines: OutputLine[]) => void;
  /** Listening started or failed on a port, a dial failed, …: one line for the learner. */
  onNotice?: (line: string) => void;
  /** Wall-clock ms (tests may pass a fake). */
  nowMs?: () => number;
}

/** How often virtual time catches up with the wall clock while nothing arrives (ms). */
const TICK_MS = 5;

/**
 * Bytes of client input kept in memory for rewind. Past it the session stops recording (rewind
 * is off, and the learner is told); `--record FILE` keeps everything on disk regardless.
 */
export const REWIND_BUDGET_BYTES = 64 * 1024 * 1024;

/** A notice in English, as headless serve prints it (the app words them in the learner's language). */
export function liveNoticeText(n: LiveNotice): string {
  switch (n.kind) {
    case 'listening':
      return `node ${n.port} listens on ${n.address}`;
    case 'portTaken':
      return `port ${n.realPort} is taken on this machine: node ${n.port} is not served (try --port-offset)`;
    case 'listenFailed':
      return `cannot listen on ${n.address}: ${n.message}`;
    case 'rewoundClosed':
      return `rewound: ${n.count} real connection${n.count === 1 ? '' : 's'} closed (clients reconnect; a real replica resyncs); time is paused`;
    case 'rewindOff':
      return `rewind is off from here: the clients sent more than ${n.budgetMb} MB (--record FILE keeps a whole session)`;
  }
}

export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1' || address.startsWith('127.');
}

/**
 * A running serve session. Close it with `close()`; every socket and timer ends there.
 *
 * The app drives it through ServedRepl (served-repl.ts): each fresh world is a `newSegment`, and
 * every learner action is an `applyNow` input. The screen sees it as a LiveClock: it redraws on
 * `onChange`, draws `clients()` and `masters()` in the picture, and maps the time keys to
 * `pause`/`resume`/`setSpeed`. Headless (headless.ts) sends typed lines through `submitLine`.
 */
export class LiveServe implements LiveClock {
  private coreValue: ServeCore;
  private readonly listeners = new Map<number, net.Server>();
  private readonly sockets = new Map<number, net.Socket>();
  /** Output per connection since the last flush: byte strings are joined, RDB chunks kept as they are. */
  private readonly outBuf = new Map<number, Array<string | Uint8Array>>();
  private readonly ending = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  private record: WriteStream | null = null;
  private readonly now: () => number;
  private wallStart: number;
  private virtualStart: number;
  private speedValue: number;
  private pausedValue = false;
  private held: Array<() => void> = [];
  private closedValue = false;
  private readonly changeListeners = new Set<() => void>();
  private unsubscribeTrace: (() => void) | null = null;
  private traceWorld: World | null = null;
  private pendingListens = 0;
  /** Simulated ports whose real listener is up. */
  private readonly listeningNow = new Set<number>();
  /** Lines for the app since it last asked. */
  private notices: LiveNotice[] = [];
  /** Bytes of client input the session has recorded for rewind. */
  private recordedBytes = 0;
  private session: ReplSession;

  constructor(private readonly opts: LiveServeOptions) {
    this.now = opts.nowMs ?? (() => performance.now());
    this.speedValue = opts.speed;
    if (opts.recordFile) {
      // Opened now, so a path that cannot be written throws here (the caller says so) rather than later.
      const record = createWriteStream('', { fd: openSync(opts.recordFile, 'w') });
      record.on('error', (e) => {
        this.record = null;
        this.opts.onNotice?.(`the recording stopped: ${e.message}`);
      });
      this.record = record;
      this.record.write(encodeRecordLine({ serve: 1, ...opts.header }));
    }
    this.session = opts.session;
    this.coreValue = this.makeCore(opts.session, 1);
    this.wallStart = this.now();
    this.virtualStart = this.world.now;
    this.watchTrace();
  }

  /** The core of the current world (a new one per segment). */
  get core(): ServeCore {
    return this.coreValue;
  }

  /** The tutor session whose world is served now. */
  get currentSession(): ReplSession {
    return this.session;
  }

  private makeCore(session: ReplSession, firstConn: number): ServeCore {
    return new ServeCore(session, {
      write: (conn, data) => {
        const list = this.outBuf.get(conn);
        if (list === undefined) this.outBuf.set(conn, [data]);
        else if (typeof data === 'string' && typeof list[list.length - 1] === 'string') list[list.length - 1] += data;
        else list.push(data);
        if (this.record) this.record.write(encodeRecordLine({ t: this.world.now, out: conn, data }));
      },
      end: (conn) => {
        this.ending.add(conn);
        if (this.record) this.record.write(encodeRecordLine({ t: this.world.now, fin: conn }));
      },
      dial: (conn, port) => this.dial(conn, port),
      printed: (lines) => this.opts.onPrinted?.(lines),
    }, firstConn);
  }

  /**
   * A fresh world from `seed` replaces the served one (the app starts a lesson or rebuilds a
   * step): every real connection closes, and the recording starts a new segment with its own
   * header, so `batch --replay` rebuilds the same world there.
   */
  newSegment(seed: number): ReplSession {
    // The old world ends where its clock is now (a replay runs it to the stop line's time).
    this.flush();
    if (this.record) this.record.write(encodeRecordLine({ t: this.world.now, stop: true }));
    const header = { ...this.opts.header, seed, setup: [] };
    this.dropSockets();
    this.coreValue.closeAll();
    this.outBuf.clear();
    this.ending.clear();
    this.session = createServedSession(header);
    this.coreValue = this.makeCore(this.session, this.coreValue.connIdsUsed);
    this.recordedBytes = 0;
    if (this.record) this.record.write(encodeRecordLine({ serve: 1, ...header }));
    this.rebase();
    this.watchTrace();
    this.syncListeners();
    this.changed();
    return this.session;
  }

  get world(): World {
    return this.core.currentWorld;
  }

  get speed(): number {
    return this.speedValue;
  }

  get paused(): boolean {
    return this.pausedValue;
  }

  get closed(): boolean {
    return this.closedValue;
  }

  /** Start listening and the clock. Resolves once every current node listens (or failed to). */
  async start(): Promise<void> {
    this.syncListeners();
    this.timer = setInterval(() => this.tick(), TICK_MS);
    await this.listening();
  }

  /** Resolves when no listen() is in flight. */
  async listening(): Promise<void> {
    for (let i = 0; i < 1000 && this.pendingListens > 0; i++) await new Promise((r) => setTimeout(r, 2));
  }

  /** Simulated ports that have a real listener now (a taken port has none). */
  servedPorts(): number[] {
    return [...this.listeningNow].sort((a, b) => a - b);
  }

  /** The real port a simulated node listens on. */
  realPort(simPort: number): number {
    return simPort + this.opts.portOffset;
  }

  /** Real clients of simulated nodes (for the picture). */
  clients(): ExternalClientView[] {
    return this.core.externalClients();
  }

  /** Simulated replicas' links to real masters (for the picture). */
  masters(): ExternalMasterView[] {
    return this.core.externalMasters();
  }

  served(): Array<{ port: number; address: string }> {
    return this.servedPorts().map((port) => ({ port, address: `${this.opts.host}:${this.realPort(port)}` }));
  }

  takeNotices(): LiveNotice[] {
    const n = this.notices;
    this.notices = [];
    return n;
  }

  get rewindable(): boolean {
    return this.session.recordingInputs;
  }

  /** Called after anything changed (an input applied, time moved with events): the UI redraws. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** A line typed at the tutor's prompt, recorded like any input (held while time is paused, in order with the clients'). */
  submitLine(line: string): void {
    this.input(() => ({ in: 'line', line }));
  }

  /**
   * An input from the learner at the app (a typed line, a time key, a rewind): applied at once,
   * even while time is paused, and recorded. Returns what a typed line printed, its echo first.
   */
  applyNow(body: Extract<ServeInputBody, { in: 'line' | 'step' | 'settle' | 'mode' | 'cancel' | 'rewind' }>): OutputLine[] {
    if (this.closedValue) return [];
    this.catchUp();
    const printed = this.applyInput(body);
    if (body.in === 'rewind') this.afterRewind();
    this.flush();
    this.syncListeners();
    this.changed();
    return printed;
  }

  /** Virtual ms per wall ms from now on (time already passed keeps its pace). */
  setSpeed(speed: number): void {
    this.catchUp();
    this.rebase();
    this.speedValue = Math.max(0, speed);
  }

  /** Hold virtual time: nothing fires and real clients' input waits (their replies are held). */
  pause(): void {
    if (this.pausedValue) return;
    this.catchUp();
    this.pausedValue = true;
  }

  resume(): void {
    if (!this.pausedValue) return;
    this.pausedValue = false;
    this.rebase();
    const held = this.held;
    this.held = [];
    for (const fn of held) fn();
    this.flush();
  }

  // ---------------------------------------------------------------------------------------------

  /** Run the world up to the virtual time the wall clock says it is. */
  private catchUp(): void {
    if (this.pausedValue || this.closedValue) return;
    this.core.runFor(this.clockTarget() - this.world.now);
  }

  /** The virtual time the wall clock says it is. */
  private clockTarget(): number {
    return this.virtualStart + Math.floor((this.now() - this.wallStart) * this.speedValue);
  }

  /** The wall clock counts from here (time jumped ahead: a settled line, a step, a rewind). */
  private rebase(): void {
    this.wallStart = this.now();
    this.virtualStart = this.world.now;
  }

  /** Stamp `body` with the virtual time, record it, apply it; a world ahead of the clock moves the clock. */
  private applyInput(body: ServeInputBody): OutputLine[] {
    const input = { t: this.world.now, ...body } as ServeInput;
    if (this.record) this.record.write(encodeRecordLine(input));
    const printed = this.core.apply(input);
    if (input.in === 'data') this.countRecorded(input.data.length);
    if (this.pausedValue || this.world.now > this.clockTarget()) this.rebase();
    return printed;
  }

  /** Client input kept for rewind; past the budget the session stops recording, and says so once. */
  private countRecorded(bytes: number): void {
    if (!this.session.recordingInputs) return;
    this.recordedBytes += bytes;
    if (this.recordedBytes <= REWIND_BUDGET_BYTES) return;
    this.session.stopRecording();
    this.notice({ kind: 'rewindOff', budgetMb: REWIND_BUDGET_BYTES >> 20 });
  }

  private notice(n: LiveNotice): void {
    this.notices.push(n);
    this.opts.onNotice?.(liveNoticeText(n));
  }

  /**
   * After a rewind: real programs cannot go back in time, so every real connection closes (the
   * rebuilt world's connections are closed as if their peers left, recorded like any close), and
   * time waits paused at the moment rewound to. Clients reconnect; a real replica resyncs.
   */
  private afterRewind(): void {
    const had = this.sockets.size;
    this.dropSockets();
    for (const conn of this.core.openConns()) this.applyInput({ in: 'close', conn });
    // Clients' input that waited for time to resume still arrives, in the rebuilt world.
    this.pausedValue = true;
    if (had > 0) this.notice({ kind: 'rewoundClosed', count: had });
  }

  /** Close every real socket now (their ids belong to a world that is gone). */
  private dropSockets(): void {
    for (const sock of this.sockets.values()) sock.destroy();
    this.sockets.clear();
    this.outBuf.clear();
    this.ending.clear();
  }

  private tick(): void {
    if (this.closedValue) return;
    const before = this.world.eventsRun;
    this.catchUp();
    this.flush();
    this.syncListeners();
    if (this.world.eventsRun !== before) this.changed();
  }

  /** Apply an input now (or when time resumes), recording it with its virtual time. */
  private input(make: () => ServeInputBody | null): void {
    if (this.closedValue) return;
    if (this.pausedValue) {
      this.held.push(() => this.input(make));
      return;
    }
    this.catchUp();
    const body = make();
    if (body === null) return;
    this.applyInput(body);
    this.flush();
    if (body.in === 'line') this.syncListeners();
    this.changed();
  }

  private changed(): void {
    for (const l of this.changeListeners) l();
  }

  private watchTrace(): void {
    if (!this.opts.onTrace || this.traceWorld === this.world) return;
    this.unsubscribeTrace?.();
    this.traceWorld = this.world;
    this.unsubscribeTrace = this.world.trace.onEvent(this.opts.onTrace);
  }

  /** Write what the core produced, then close the connections it ended. */
  private flush(): void {
    this.watchTrace();
    for (const [conn, list] of this.outBuf) {
      const sock = this.sockets.get(conn);
      if (sock && !sock.destroyed) {
        // One write per connection per flush; a byte string goes to the socket without a Buffer of our own.
        if (list.length === 1 && typeof list[0] === 'string') sock.write(list[0], 'latin1');
        else sock.write(list.length === 1 ? toBuffer(list[0]) : Buffer.concat(list.map(toBuffer)));
      }
    }
    this.outBuf.clear();
    for (const conn of this.ending) {
      const sock = this.sockets.get(conn);
      this.sockets.delete(conn);
      sock?.end();
    }
    this.ending.clear();
  }

  /** One real listener per running simulated node; none for nodes that are down. */
  private syncListeners(): void {
    if (this.closedValue) return;
    const want = new Set(this.world.listeningPorts());
    for (const [port, srv] of this.listeners) {
      if (!want.has(port)) {
        this.listeners.delete(port);
        this.listeningNow.delete(port);
        srv.close();
      }
    }
    for (const port of want) {
      if (this.listeners.has(port)) continue;
      const srv = net.createServer((sock) => this.accept(port, sock));
      this.listeners.set(port, srv);
      this.pendingListens++;
      srv.once('error', (err: NodeJS.ErrnoException) => {
        this.pendingListens = Math.max(0, this.pendingListens - 1);
        const address = `${this.opts.host}:${this.realPort(port)}`;
        this.notice(err.code === 'EADDRINUSE' ? { kind: 'portTaken', port, realPort: this.realPort(port) } : { kind: 'listenFailed', port, address, message: err.message });
      });
      srv.listen(this.realPort(port), this.opts.host, () => {
        this.pendingListens = Math.max(0, this.pendingListens - 1);
        this.listeningNow.add(port);
        this.notice({ kind: 'listening', port, address: `${this.opts.host}:${this.realPort(port)}` });
      });
    }
  }

  private accept(port: number, sock: net.Socket): void {
    if (this.closedValue) {
      sock.destroy();
      return;
    }
    sock.setNoDelay(true);
    let conn = 0;
    this.input(() => {
      conn = this.core.allocConn();
      this.sockets.set(conn, sock);
      return { in: 'open', conn, port, remotePort: sock.remotePort ?? 0, loopback: isLoopback(sock.remoteAddress) };
    });
    this.wire(sock, () => conn);
  }

  private wire(sock: net.Socket, conn: () => number): void {
    // Checked when the input is applied, not when it arrives: a paused clock holds both in order.
    sock.on('data', (data: Buffer) => {
      this.input(() => (this.sockets.get(conn()) === sock ? { in: 'data', conn: conn(), data } : null));
    });
    sock.on('close', () => {
      this.input(() => {
        if (this.sockets.get(conn()) !== sock) return null;
        this.sockets.delete(conn());
        return { in: 'close', conn: conn() };
      });
    });
    sock.on('error', () => {
      // 'close' follows and is what the world hears.
    });
  }

  private dial(conn: number, port: number): void {
    const sock = net.connect({ host: '127.0.0.1', port });
    sock.setNoDelay(true);
    let connected = false;
    // A connect that completes after its world was replaced (a rewind, a new segment) is dropped.
    const core = this.core;
    const epoch = core.epoch;
    const stale = () => this.core !== core || core.epoch !== epoch || this.closedValue;
    sock.once('connect', () => {
      connected = true;
      if (stale()) {
        sock.destroy();
        return;
      }
      this.sockets.set(conn, sock);
      this.input(() => ({ in: 'dial', conn, ok: true }));
    });
    sock.once('error', (err: NodeJS.ErrnoException) => {
      if (connected) return;
      sock.destroy();
      if (stale()) return;
      this.input(() => ({ in: 'dial', conn, ok: false, error: err.code === 'ECONNREFUSED' ? 'Connection refused' : err.message }));
    });
    this.wire(sock, () => conn);
  }

  /** Stop: every connection and listener closes, the clock stops, the recording ends. */
  async close(): Promise<void> {
    if (this.closedValue) return;
    this.catchUp();
    this.flush();
    const rec = this.record;
    this.record = null;
    rec?.write(encodeRecordLine({ t: this.world.now, stop: true }));
    this.closedValue = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribeTrace?.();
    const closing: Array<Promise<void>> = [];
    for (const srv of this.listeners.values()) closing.push(new Promise((r) => srv.close(() => r())));
    this.listeners.clear();
    for (const sock of this.sockets.values()) sock.destroy();
    this.sockets.clear();
    this.core.closeAll();
    this.outBuf.clear();
    this.ending.clear();
    if (rec) closing.push(new Promise((r) => rec.end(() => r())));
    await Promise.all(closing);
  }
}

function toBuffer(d: string | Uint8Array): Buffer {
  return typeof d === 'string' ? Buffer.from(d, 'latin1') : Buffer.from(d.buffer, d.byteOffset, d.byteLength);
}
