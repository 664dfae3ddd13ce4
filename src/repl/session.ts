/**
 * A REPL session over one simulated world: the `$ ` shell, redis-cli prompts, `:` tutor lines,
 * history, completion and hints, the time mode, and rewind by replaying recorded inputs.
 */

import type { ServerStartOptions, StartResult, WorldApi, WorldSnapshot } from '../redis/api.js';
import { World } from '../redis/world.js';
import type { EventInfo } from '../sim/scheduler.js';
import { eventLabel, type EngineEventLabel } from '../redis/event-labels.js';
import { OOM_TEXT } from '../redis/memory-budget.js';
import type { Reply } from '../redis/reply.js';
import type { OutputLine, ReplSessionApi, TimeMode } from './api.js';
import { complete as completeLine, hint as hintLine, commandHelpLines, shellHint } from './completion.js';
import { atoi, RedisCli, type CliOptions } from './redis-cli.js';
import { runShellLine, type ShellEnv } from './shell.js';
import { parsePromptLine } from './split-args.js';
import { faultDone, faultWords } from './fault-words.js';
import { formatMs, parseTutorLine, tutorHelp, type TutorCommand } from './tutor.js';
import { Recording, type ReplayTarget, type SessionInput, type SessionMark } from './recording.js';
import { tutorStrings, type TutorStrings } from './tutor-strings.js';
import { refusalReason } from '../redis/command-refusals.js';
import { Vfs } from './vfs.js';
import type { Language } from '../language.js';

export type { SessionInput, SessionMark } from './recording.js';

export interface ReplSessionOptions {
  seed?: number;
  timeMode?: TimeMode;
  /** Build a world for a seed (a fresh one at start, on `:seed` and on every rewind); the engine's World by default. */
  createWorld?: (seed: number) => WorldApi;
  /** `name value` config applied to every server started (after its file and flags). */
  serverOverrides?: Array<[string, string]>;
  /** The language of the tutor's own lines; English by default (batch mode: `--lang`). */
  language?: Language;
  /**
   * `tail -f` stops at the next typed line that is not a `:` line (the app: "until a key"); false
   * keeps it following while later lines run, until the input ends (batch mode).
   */
  followEndsOnLine?: boolean;
}

/** History is capped like a shell's. */
const HISTORY_MAX = 1000;
/** redis-cli would repeat a command a billion times; the tutorial stops at this many. */
const REPEAT_MAX = 10_000;
/** How long settled mode waits for a blocked reply (WAIT 0 0, a paused server) before leaving it pending. */
const BLOCKED_REPLY_MAX_MS = 60_000;
/** The first fake pid, as in the seed's netstat output (4598, 4602, 4606 …). */
const FIRST_PID = 4598;

export class ReplSession implements ReplSessionApi {
  world!: WorldApi;
  /** Everything printed, echoes included, oldest first (the TUI's scrollback). */
  transcript: OutputLine[] = [];
  private _history: string[] = [];
  private _timeMode: TimeMode;
  private recording!: Recording;
  private vfs!: Vfs;
  /** The redis-cli at the prompt, or null at `$ `. */
  private cli: RedisCli | null = null;
  /** A one-shot `redis-cli … COMMAND` still waiting for its reply (the shell is blocked). */
  private blockedCli: RedisCli | null = null;
  /** During a replay: the confirmation of a `:step`/`:run` line, printed after its recorded advance. */
  private pendingConfirm: ((fired: EventInfo[]) => void) | null = null;
  private pids = new Map<number, number>();
  private nextPid = FIRST_PID;
  private asyncQueue: OutputLine[] = [];
  /** Where printed lines go while a line is being submitted. */
  private currentOut: OutputLine[] | null = null;
  /** Replaying inputs for a rewind: time moves come from recorded `advance` inputs only. */
  private replaying = false;
  private seedValue: number;
  /** Set by `clear` (the TUI clears its pane when it sees the counter change). */
  clearCount = 0;
  /** A running `tail -f`: stops it (unsubscribes from the world's log files). */
  private followStop: (() => void) | null = null;
  /**
   * The language of the tutor's own lines: `:` confirmations and errors, `:help`, its notes.
   * Redis replies and shell output are the real programs' and stay as they print them. Not
   * recorded for rewind: a replay speaks the language of the moment it is replayed in.
   */
  language: Language;

  constructor(private readonly opts: ReplSessionOptions = {}) {
    this.seedValue = opts.seed ?? 1;
    this.language = opts.language ?? 'en';
    this._timeMode = opts.timeMode ?? 'settled';
    this.resetWorld();
  }

  get seed(): number {
    return this.seedValue;
  }

  get prompt(): string {
    return this.cli ? this.cli.prompt : '$ ';
  }

  get history(): readonly string[] {
    return this._history;
  }

  get timeMode(): TimeMode {
    return this._timeMode;
  }

  set timeMode(mode: TimeMode) {
    if (mode === this._timeMode) return;
    this._timeMode = mode;
    this.recording.record(this.world.eventsRun, { kind: 'mode', mode });
  }

  /** Recorded inputs (for tests and bug reports). */
  get inputs(): readonly SessionInput[] {
    return this.recording.inputs;
  }

  /** redis-cli is waiting for a reply (a blocked WAIT, a paused server). */
  get waiting(): boolean {
    // A reply whose connection is gone (kill, crash, reset) will never come: settle it now.
    this.cli?.settleIfClosed();
    if (this.cli?.exited) this.cli = null;
    this.blockedCli?.settleIfClosed();
    if (this.blockedCli && !this.blockedCli.busy) {
      this.blockedCli.close();
      this.blockedCli = null;
    }
    return (this.cli?.busy ?? false) || this.blockedCli !== null;
  }

  // -------------------------------------------------------------------------------------------
  // Lines

  submit(line: string): OutputLine[] {
    const out: OutputLine[] = [];
    const prompt = this.prompt;
    this.recording.record(this.world.eventsRun, { kind: 'line', line });
    if (!this.replaying && line.trim() !== '') this.addHistory(line);
    this.transcript.push({ text: prompt + line, kind: 'echo' });
    this.currentOut = out;
    try {
      this.dispatch(line);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      out.push({ text: `(error) internal: ${msg.split('\n')[0]}`, kind: 'error' });
      // Whatever failed, the learner is never left waiting for a reply that cannot come.
      if (this.waiting) this.dropWaitingCli();
    } finally {
      this.currentOut = null;
    }
    this.transcript.push(...out);
    return out;
  }

  /**
   * ^C while redis-cli waits for a reply: redis-cli 7.0's SIGINT handler exits the process (only
   * MONITOR and SUBSCRIBE are aborted in place), so the terminal shows `^C` and the shell prompt
   * returns; the server sees the connection close. Recorded for rewind. False when nothing waits.
   */
  cancelPending(): boolean {
    if (!this.waiting) return false;
    this.recording.record(this.world.eventsRun, { kind: 'cancel' });
    // Subscribed mode is the one wait redis-cli 7.0.15 ends in place: back to its prompt.
    if (this.cli?.subscribed) {
      this.emit({ text: '^C' + this.cli.interruptSubscribed(), kind: 'echo' });
      return true;
    }
    // The terminal echoes ^C (redis-cli reads no line while it waits, so the tty is cooked).
    this.emit({ text: '^C', kind: 'echo' });
    this.dropWaitingCli();
    return true;
  }

  /** The waiting redis-cli exits: its connection closes and the shell prompt returns. */
  private dropWaitingCli(): void {
    if (this.blockedCli) {
      this.blockedCli.close();
      this.blockedCli = null;
    }
    if (this.cli?.busy) {
      this.cli.close();
      this.cli = null;
    }
  }

  drainAsyncOutput(): OutputLine[] {
    const out = this.asyncQueue;
    this.asyncQueue = [];
    return out;
  }

  /** Run setup lines in settled time (a lesson step's setup); returns what they printed. */
  setup(lines: readonly string[]): OutputLine[] {
    const before = this._timeMode;
    this.timeMode = 'settled';
    const out: OutputLine[] = [];
    for (const l of lines) out.push(...this.submit(l));
    out.push(...this.drainAsyncOutput());
    this.timeMode = before;
    return out;
  }

  private addHistory(line: string): void {
    if (this._history[this._history.length - 1] === line) return;
    this._history.push(line);
    if (this._history.length > HISTORY_MAX) this._history.splice(0, this._history.length - HISTORY_MAX);
  }

  private emit = (line: OutputLine): void => {
    if (this.currentOut) this.currentOut.push(line);
    else {
      this.transcript.push(line);
      if (!this.replaying) this.asyncQueue.push(line);
    }
  };

  private print(text: string, kind: OutputLine['kind'] = 'info'): void {
    this.emit({ text, kind });
  }

  /** The tutor's words in the current language (looked up per line, so a switch applies at once). */
  private get say(): TutorStrings {
    return tutorStrings(this.language);
  }

  private dispatch(line: string): void {
    if (this.followStop && this.opts.followEndsOnLine !== false && !line.trim().startsWith(':')) {
      // The line is the key that interrupts `tail -f`, as Ctrl-C would; `:` lines move time and
      // cause faults while it follows, like the app's own keys.
      this.stopFollowing();
      this.print('^C'); // what the terminal echoes for the interrupt, in every language
    }
    if (line.trim().startsWith(':')) {
      this.tutorLine(line);
      return;
    }
    if (this.waiting) {
      this.print(this.cli?.subscribed ? this.say.readingMessages : this.say.waitingForReply);
      return;
    }
    if (this.cli) this.promptLine(line, this.cli);
    else {
      for (const l of runShellLine(line, this.shellEnv)) this.emit(l);
    }
    this.settleAfterLine();
  }

  /** A line at a node's prompt: redis-cli.c:repl(). */
  private promptLine(line: string, cli: RedisCli): void {
    const parsed = parsePromptLine(line);
    if (parsed.kind === 'blank') return;
    if (parsed.kind === 'invalid') {
      this.print(parsed.message, 'error');
      return;
    }
    const { argv, words } = parsed;
    // quit/exit/connect/clear are checked on the words as typed, repeat count included.
    const first = words[0].toLowerCase();
    if (first === 'quit' || first === 'exit') {
      cli.close();
      this.cli = null;
      return;
    }
    if (words.length === 3 && first === 'connect') {
      cli.reconnectTo(words[1], atoi(words[2]));
      return;
    }
    if (words.length === 1 && first === 'clear') {
      this.clearCount++;
      return;
    }
    let repeat = parsed.repeat;
    if (repeat > REPEAT_MAX) {
      this.print(this.say.repeatCapped(REPEAT_MAX));
      repeat = REPEAT_MAX;
    }
    this.issue(cli, argv, repeat, true);
    // A SYNC the server refused ends redis-cli (exit(1) in slaveMode): back to the shell.
    if (cli.exited) this.cli = null;
  }

  /** Send a command through redis-cli; in settled mode wait (bounded) for a blocked reply. */
  private issue(cli: RedisCli, argv: string[], repeat: number, interactive: boolean): void {
    const startMs = this.world.now;
    cli.issue(argv, repeat, () => {
      // redis-cli prints the time of commands that took 500 ms or more (interactive mode only).
      const elapsed = this.world.now - startMs;
      if (interactive && elapsed >= 500) this.print(`(${(elapsed / 1000).toFixed(2)}s)`, 'info');
    });
    // Replica output mode never ends by itself: the world settles as after any line, no waiting.
    if (cli.busy && !cli.streaming && this._timeMode === 'settled') this.waitForReply(cli);
  }

  private waitForReply(cli: RedisCli): void {
    // During a replay the recorded time moves bring the reply.
    if (this.replaying) return;
    const deadline = this.world.now + BLOCKED_REPLY_MAX_MS;
    this.advance(() => {
      while (cli.busy && this.world.now < deadline) {
        if (!this.world.step()) break;
      }
    });
    if (cli.busy) this.print(this.say.stillWaiting);
  }

  private settleAfterLine(): void {
    if (this._timeMode === 'settled') this.advance(() => this.settleOrSayCapped());
  }

  /** runUntilSettled, and when it stopped at its cap, the line's output says so. */
  private settleOrSayCapped(): void {
    const startMs = this.world.now;
    if (this.world.runUntilSettled() === false) this.print(this.say.settleCapped(formatMs(this.world.now - startMs)));
  }

  // -------------------------------------------------------------------------------------------
  // The shell's view of the session

  private get shellEnv(): ShellEnv {
    return {
      world: this.world,
      vfs: this.vfs,
      redisCli: (opts, argv, out) => this.shellRedisCli(opts, argv, out),
      startServer: (opts) => this.startServer(opts),
      pidOf: (port) => this.pids.get(port),
      nextPid: () => {
        const pid = this.nextPid;
        this.nextPid += 4;
        return pid;
      },
      clear: () => {
        this.clearCount++;
      },
      say: this.say,
      follow: (paths, headers) => this.follow(paths, headers),
    };
  }

  /** A `tail -f` is running: lines appended to its files are printed as they are written. */
  get following(): boolean {
    return this.followStop !== null;
  }

  /** End a running `tail -f` (a key in the app, the end of the input in batch mode). */
  stopFollowing(): void {
    this.followStop?.();
    this.followStop = null;
  }

  /** `tail -f PATHS`: print each line appended to one of them (with `==> PATH <==` when it changes). */
  private follow(paths: string[], headers: boolean): void {
    this.stopFollowing();
    const logs = this.world.logs;
    if (!logs) return;
    let lastPath = paths[paths.length - 1];
    this.followStop = logs.onAppend((path, line) => {
      if (!paths.includes(path)) return;
      if (headers && path !== lastPath) {
        this.print('', 'reply');
        this.print(`==> ${path} <==`, 'reply');
        lastPath = path;
      }
      this.print(line, 'reply');
    });
  }

  private startServer(opts: ServerStartOptions): StartResult {
    const overrides = this.opts.serverOverrides ?? [];
    const withOverrides: ServerStartOptions =
      overrides.length > 0 ? { ...opts, flags: [...(opts.flags ?? []), ...overrides.map(([n, v]) => [n, v] as [string, string])] } : opts;
    const r = this.world.startServer(withOverrides);
    if (r.ok) this.assignPid(r.port);
    return r;
  }

  private assignPid(port: number): void {
    this.pids.set(port, this.nextPid);
    this.nextPid += 4;
  }

  /** After an -OOM that the tutor's own memory budget caused, say so (the learner set no maxmemory). */
  private readonly replyNote = (reply: Reply, argv: readonly string[]): string | null => {
    // A 7.0 command the tutor does not run: 7.0's unknown-command error, then why.
    if (reply.kind === 'error' && reply.text.startsWith('ERR unknown command ')) {
      const why = refusalReason(argv[0]);
      return why === undefined ? null : this.say.refused(argv[0], why);
    }
    const limit = this.world.memory?.limitBytes ?? 0;
    if (reply.kind !== 'error' || reply.text !== OOM_TEXT || limit === 0) return null;
    return this.say.memoryBudget(`${Math.round(limit / (1 << 20))} MB`);
  };

  private shellRedisCli(opts: CliOptions, argv: string[] | null, out: OutputLine[]): void {
    // What redis-cli prints while the shell line runs goes to the shell (so `| grep` sees it);
    // a reply that arrives later goes to the session's output.
    let collecting = true;
    const cli = new RedisCli(this.world, opts, (l) => (collecting ? out.push(l) : this.emit(l)), commandHelpLines, this.replyNote);
    try {
      if (argv === null) {
        // Interactive: connect now (printing the error if nothing listens), then show its prompt.
        cli.connect(false);
        this.cli = cli;
        return;
      }
      // One-shot: connect first; a refused connection prints the error and runs nothing.
      if (!cli.connect(false)) return;
      // -r N: issueCommandRepeat N times (a negative N repeats forever: capped like `N cmd`).
      let repeat = opts.repeat ?? 1;
      if (repeat < 0 || repeat > REPEAT_MAX) {
        out.push({ text: this.say.repeatCapped(REPEAT_MAX), kind: 'info' });
        repeat = REPEAT_MAX;
      }
      if (repeat === 0) return;
      this.issue(cli, argv, repeat, false);
      // A one-shot redis-cli exits after its reply; if it is still waiting, the shell waits too.
      if (cli.busy) this.blockedCli = cli;
      else cli.close();
    } finally {
      collecting = false;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Tutor lines

  private tutorLine(line: string): void {
    const parsed = parseTutorLine(line, this.language);
    if (!parsed.ok) {
      this.print(parsed.error, 'error');
      return;
    }
    this.runTutor(parsed.command);
  }

  private runTutor(c: TutorCommand): void {
    const w = this.world;
    // Confirmations are looked up when printed: a replayed `:step`/`:run` confirms after its advance.
    switch (c.kind) {
      case 'step': {
        this.timeMove(
          () => {
            const fired: EventInfo[] = [];
            for (let i = 0; i < c.count; i++) {
              const ev = w.step();
              if (!ev) break;
              fired.push(ev);
            }
            return fired;
          },
          (fired) => {
            // Event labels are the scheduler's (`deliver 6380→6381`), in the learner's language.
            const label = (ev: EventInfo) => eventLabel(ev.label, this.language);
            if (fired.length === 0) this.print(this.say.nothingToStep);
            else if (fired.length <= 5) for (const ev of fired) this.print(this.say.stepped(formatMs(ev.atMs), label(ev)));
            else this.print(this.say.steppedMany(fired.length, formatMs(w.now), label(fired[fired.length - 1])));
          },
        );
        return;
      }
      case 'run-idle': {
        const before = w.now;
        this.timeMove(
          () => (this.settleOrSayCapped(), []),
          () => this.print(this.say.ranIdle(formatMs(w.now - before), formatMs(w.now))),
        );
        return;
      }
      case 'run': {
        this.timeMove(
          () => (w.runFor(c.ms), []),
          () => this.print(this.say.ran(formatMs(c.ms), formatMs(w.now))),
        );
        return;
      }
      case 'fault': {
        // Every fault goes through the fault table: World.apply, then its words (fault-words.ts).
        const r = w.apply(c.fault);
        if (r.ok) {
          if (c.fault.kind === 'restart') this.assignPid(c.fault.port);
          this.print(faultDone(c.fault, this.language));
        } else if (r.reason === 'start-failed') {
          // What redis-server itself printed (a port in use, a bad config…): verbatim; or, when it
          // wrote to its logfile instead, where to read it.
          if (r.lines.length === 0 && r.loggedTo !== undefined) this.print(this.say.serverFailedToLog(r.loggedTo));
          for (const text of r.lines) this.print(text, 'error');
        } else {
          this.print(faultWords(this.language).refused[r.reason](r.port), 'error');
        }
        break;
      }
      case 'seed':
        this.seedValue = c.seed;
        this.resetWorld();
        this.print(this.say.newWorld(c.seed));
        return;
      case 'mode':
        if (c.mode === null) this.print(this.say.timeMode(this._timeMode));
        else {
          this.timeMode = c.mode;
          this.print(c.mode === 'settled' ? this.say.nowSettled : this.say.nowManual);
        }
        return;
      case 'help':
        for (const u of tutorHelp(this.language)) this.print(u);
        return;
    }
    // Faults and restarts: in settled mode let the world react (replicas notice, reconnect…).
    this.settleAfterLine();
  }

  // -------------------------------------------------------------------------------------------
  // Time, for the TUI's keys (recorded like typed lines)

  /**
   * A tutor line that moves time, then confirms what happened. During a replay the recorded
   * `advance` that follows the line moves time instead, and the confirmation is printed after it
   * (so a rewound transcript reads like the original).
   */
  private timeMove(move: () => EventInfo[], confirm: (fired: EventInfo[]) => void): void {
    if (this.replaying) {
      this.pendingConfirm = confirm;
      return;
    }
    let fired: EventInfo[] = [];
    this.advance(() => {
      fired = move();
    });
    confirm(fired);
  }

  /** Run `fn` (which moves world time) and record where it ended; during a replay, do nothing. */
  private advance(fn: () => void): void {
    if (this.replaying) return;
    const beforeEvents = this.world.eventsRun;
    const beforeMs = this.world.now;
    fn();
    if (this.world.eventsRun !== beforeEvents || this.world.now !== beforeMs) {
      this.recording.record(beforeEvents, { kind: 'advance', toEvent: this.world.eventsRun, toMs: this.world.now });
    }
  }

  /** Fire one event. */
  step(): EventInfo | undefined {
    let ev: EventInfo | undefined;
    this.advance(() => {
      ev = this.world.step();
    });
    return ev;
  }

  /** Run `ms` of virtual time. */
  runFor(ms: number): void {
    this.advance(() => this.world.runFor(ms));
  }

  /** Run until replication settles; false when it stopped at the settle cap instead (world.ts states the rule). */
  settle(): boolean {
    let settled = true;
    this.advance(() => {
      settled = this.world.runUntilSettled() !== false;
    });
    return settled;
  }

  /** Fire events until the one `world.nextEvent()` names has fired; returns what fired last. */
  stepToNext(): { label: EngineEventLabel } | undefined {
    const target = this.world.nextEvent();
    if (!target) return undefined;
    let last: EventInfo<EngineEventLabel> | undefined;
    this.advance(() => {
      for (;;) {
        const ev = this.world.step();
        if (!ev) break;
        last = ev;
        if (ev.seq === target.seq || ev.atMs > target.atMs) break;
      }
    });
    return last && { label: last.label };
  }

  // -------------------------------------------------------------------------------------------
  // Rewind

  /** Remember the current position (the start of a lesson step). Only the lesson controller calls this. */
  mark(): SessionMark {
    return this.recording.mark(this.world.eventsRun);
  }

  /** Rebuild the world as it was at `mark` (default: the last mark); false when there is none. */
  rewindToMark(mark: SessionMark | undefined = this.recording.lastMark): boolean {
    if (!mark || !this.recording.has(mark)) return false;
    this.replay(this.recording.inputsBefore(mark), Infinity);
    return true;
  }

  /**
   * Rebuild a saved session: a fresh world from this session's seed, then `inputs` replayed as
   * recorded (a saved sandbox reopened). Lines print nothing to the caller; the transcript keeps them.
   */
  restore(inputs: readonly SessionInput[]): void {
    this.replay([...inputs], Infinity);
  }

  /**
   * Rebuild the world from its seed and the first `count` recorded inputs, stopping time at event
   * `untilEvent` (null: where those inputs leave it). Every rewind is one of these, so serve mode
   * can record a rewind as two numbers and a replay of its recording repeat it.
   */
  rewindToPosition(count: number, untilEvent: number | null): void {
    this.replay(this.recording.inputs.slice(0, count), untilEvent ?? Infinity);
  }

  /**
   * Stop recording: nothing more is kept, and rewind is off (serve mode, when the clients'
   * recorded input passes its budget). A fresh world (`:seed`) records again.
   */
  stopRecording(): void {
    this.recording.stop();
  }

  /** Inputs are being recorded (rewind works). */
  get recordingInputs(): boolean {
    return !this.recording.isStopped;
  }

  /** `mark` still names a moment of this recording (a rewind to it can work). */
  hasMark(mark: SessionMark): boolean {
    return this.recording.has(mark);
  }

  /** How many recorded inputs a rewind to event `eventIndex` keeps. */
  inputsUpToEvent(eventIndex: number): number {
    return this.recording.countUpTo(eventIndex);
  }

  /**
   * Serve mode: an input from outside the world (a real client's bytes, a connection opened or
   * closed), recorded for rewind, then applied by `apply`. A rewind's replay hands it to
   * `externalReplay`, which the serve layer sets.
   */
  external(input: unknown, apply: () => void): void {
    this.recording.record(this.world.eventsRun, { kind: 'external', input });
    apply();
  }

  /** Serve mode: told when a fresh world replaces the old one (a rewind, `:seed`), before anything is replayed into it. */
  worldCreated: ((world: WorldApi) => void) | null = null;

  /** Serve mode: applies a recorded external input while a rewind replays it (over the rebuilt world). */
  externalReplay: ((input: unknown) => void) | null = null;

  /** Replaying recorded inputs for a rewind (serve mode writes nothing to real sockets meanwhile). */
  get rebuilding(): boolean {
    return this.replaying;
  }

  /** Rebuild the world one event earlier; false at the start of time. */
  rewindOneEvent(): boolean {
    if (this.world.eventsRun === 0 || this.recording.isStopped) return false;
    this.rewindTo(this.world.eventsRun - 1);
    return true;
  }

  /**
   * Rebuild the world from its seed and replay the recorded inputs given at or before event
   * `eventIndex`, stopping time exactly there. Later inputs are forgotten (a new future forks).
   */
  rewindTo(eventIndex: number): void {
    this.replay(this.recording.inputsUpTo(eventIndex), eventIndex);
  }

  private replay(inputs: SessionInput[], untilEvent: number): void {
    const old = this.recording;
    this._timeMode = old.startMode;
    // Replaying from the moment the fresh world exists (serve mode's `worldCreated` asks).
    this.replaying = true;
    try {
      this.resetWorld();
      this.transcript = [];
      this.asyncQueue = [];
      old.replayInto(this.recording, this.replayTarget, inputs, untilEvent);
    } finally {
      this.replaying = false;
      this.pendingConfirm = null;
    }
  }

  /** The session as a replay drives it: lines and modes re-applied, time moves re-run to where they ended. */
  private get replayTarget(): ReplayTarget {
    const world = () => this.world;
    return {
    apply: (input) => {
      if (input.kind === 'line') this.submit(input.line);
      else if (input.kind === 'cancel') this.cancelPending();
      else if (input.kind === 'external') this.external(input.input, () => this.externalReplay?.(input.input));
      else this.timeMode = input.mode;
    },
    advance: (input, untilEvent, fired) => this.replayAdvance(input, untilEvent, fired),
    confirm: (fired) => {
      const c = this.pendingConfirm;
      this.pendingConfirm = null;
      c?.(fired);
    },
    get eventsRun() {
      return world().eventsRun;
    },
    };
  }

  /** Replay one recorded time move, stopping at `untilEvent`; false when it stopped early. */
  private replayAdvance(input: { toEvent: number; toMs: number }, untilEvent: number, fired: EventInfo[]): boolean {
    const w = this.world;
    const beforeEvents = w.eventsRun;
    const beforeMs = w.now;
    const target = Math.min(input.toEvent, untilEvent);
    while (w.eventsRun < target) {
      const ev = w.step();
      if (!ev) break;
      fired.push(ev);
    }
    const complete = w.eventsRun >= input.toEvent;
    // The clock can move past the last event without firing one (runFor over a quiet stretch).
    if (complete && input.toMs > w.now) w.runFor(input.toMs - w.now);
    if (w.eventsRun !== beforeEvents || w.now !== beforeMs) {
      this.recording.record(beforeEvents, { kind: 'advance', toEvent: w.eventsRun, toMs: w.now });
    }
    return complete;
  }

  /** A fresh world for the current seed, with an empty shell. */
  private resetWorld(): void {
    this.stopFollowing();
    this.cli?.close();
    this.world = this.opts.createWorld ? this.opts.createWorld(this.seedValue) : new World({ seed: this.seedValue });
    this.worldCreated?.(this.world);
    this.vfs = new Vfs(
      () => this.world.disk,
      () => this.world.logs?.files ?? new Map(),
    );
    this.cli = null;
    this.blockedCli = null;
    this.pids = new Map();
    this.nextPid = FIRST_PID;
    this.recording = new Recording(this._timeMode);
  }

  /** The world as plain data (rewind tests compare these). */
  snapshot(): Omit<WorldSnapshot, 'links'> {
    return { nowMs: this.world.now, eventsRun: this.world.eventsRun, nodes: this.world.snapshot() };
  }

  // -------------------------------------------------------------------------------------------
  // Completion and hints

  complete(input: string): string[] {
    try {
      return completeLine(input, { atShell: this.cli === null, vfs: this.vfs, ports: this.world.listeningPorts() });
    } catch {
      return [];
    }
  }

  synopsis(input: string): string {
    try {
      if (this.cli === null || input.trim().startsWith(':')) return shellHint(input);
      return hintLine(input);
    } catch {
      return '';
    }
  }
}
