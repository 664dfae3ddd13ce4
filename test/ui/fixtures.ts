/** Small stand-ins for the layers below the UI: node snapshots, a scripted world and session, a two-step lesson. */

import type { NodeSnapshot, WorldApi } from '../../src/redis/api.js';
import { TraceLog, type TraceBody } from '../../src/redis/trace.js';
import type { OutputLine, ReplSessionApi, SessionMark, TimeMode } from '../../src/repl/api.js';
import type { Catalog, LessonController, LessonSummary, Notice, Outcome, StepView, UiDeps } from '../../src/ui/deps.js';
import type { LinkView } from '../../src/redis/api.js';
import type { Language } from '../../src/language.js';
import type { EventLabel } from '../../src/sim/scheduler.js';

/** A node snapshot with sensible defaults (a running master with an empty backlog). */
export function node(over: Partial<NodeSnapshot> & { port: number }): NodeSnapshot {
  return {
    status: 'running',
    role: 'master',
    master: null,
    replid: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    replid2: '0000000000000000000000000000000000000000',
    masterReplOffset: 0,
    secondReplOffset: -1,
    backlog: { active: false, sizeBytes: 1048576, firstByteOffset: 0, histlen: 0 },
    replicaOffset: null,
    keysPerDb: [0],
    totalKeys: 0,
    loading: false,
    bgsave: null,
    syncTransfer: null,
    heldWrites: null,
    lastApplied: null,
    replicas: [],
    config: {},
    ...over,
  };
}

interface PendingEvent {
  /** A test's own scheduler label: shown as its kind and fields (`propagate SET k3`). */
  label: EventLabel;
  body: TraceBody;
  apply?: () => void;
}

/**
 * A scripted world: nodes are plain snapshots the test edits, events are a queue of trace bodies.
 * Stepping appends the next one to the trace; rewinding replays from a recorded copy.
 */
export class FakeWorld {
  seed = 1;
  now = 0;
  eventsRun = 0;
  trace = new TraceLog();
  nodes: NodeSnapshot[] = [];
  queue: PendingEvent[] = [];
  keyData = new Map<number, Array<{ key: string; type: string; value: unknown; expiresAtMs: number | null }>>();

  snapshot(): NodeSnapshot[] {
    return this.nodes.map((n) => ({ ...n }));
  }
  node(port: number) {
    return this.nodes.find((n) => n.port === port);
  }
  keys(port: number) {
    return this.keyData.get(port) ?? [];
  }
  infoReplication(port: number) {
    return ['# Replication', `role:${port === 6380 ? 'master' : 'slave'}`];
  }
  /** The network's links: the test sets them (a dropped link, a latency). */
  linkData: LinkView[] = [];
  links(): LinkView[] {
    return this.linkData.map((l) => ({ ...l }));
  }
  nextEvent() {
    const e = this.queue[0];
    return e ? { atMs: this.now + 10, seq: this.eventsRun, label: e.label, periodic: false } : undefined;
  }
  step() {
    const e = this.queue.shift();
    if (!e) return undefined;
    this.now += 10;
    this.eventsRun++;
    this.trace.push(this.now, e.body);
    e.apply?.();
    return { atMs: this.now, seq: this.eventsRun, label: e.label, periodic: false };
  }
  runUntilSettled() {
    while (this.queue.length) this.step();
  }
  asApi(): WorldApi {
    return this as unknown as WorldApi;
  }
}

/** A session whose lines are scripted: `respond(line)` decides the output and may queue events. */
export class FakeSession implements ReplSessionApi {
  timeMode: TimeMode = 'settled';
  language: Language = 'en';
  clearCount = 0;
  history: string[] = [];
  prompt = '127.0.0.1:6380> ';
  marks = 0;
  rewinds: string[] = [];
  readonly fake: FakeWorld;

  constructor(
    fake: FakeWorld,
    private respond: (line: string, s: FakeSession) => OutputLine[],
  ) {
    this.fake = fake;
  }
  get world(): WorldApi {
    return this.fake.asApi();
  }
  submit(line: string): OutputLine[] {
    if (line.trim()) this.history.push(line);
    const out = this.respond(line, this);
    if (this.timeMode === 'settled') this.fake.runUntilSettled();
    return out;
  }
  drainAsyncOutput(): OutputLine[] {
    return [];
  }
  complete(input: string): string[] {
    return ['SET', 'SETEX', 'SETNX', 'SELECT'].filter((c) => c.toLowerCase().startsWith(input.toLowerCase()));
  }
  seed = 1;
  inputs = [];
  restore(): void {}
  synopsis(input: string): string {
    return /^set $/i.test(input) ? 'key value [NX|XX]' : '';
  }
  mark(): SessionMark {
    this.marks++;
    return { inputs: this.history.length, eventsRun: this.fake.eventsRun };
  }
  rewindOneEvent() {
    this.rewinds.push('event');
    return true;
  }
  rewindToMark() {
    this.rewinds.push('mark');
    return true;
  }
  stepToNext() {
    return this.fake.step();
  }
  settle() {
    this.fake.runUntilSettled();
  }
}

/**
 * One lesson of two steps: step 1's goal is met once key k1 has been SET, step 2 has none to meet
 * yet. A lesson controller in miniature: it records which verbs the app called.
 */
export class FakeRun implements LessonController {
  index = 0;
  met = false;
  hintsShown = 0;
  advanced = 0;
  restarts = 0;
  solutionLines: string[] = [];
  constructor(readonly session: FakeSession) {
    session.mark();
  }
  view(): StepView {
    const first = this.index === 0;
    return {
      lessonId: 'build-it',
      lessonTitle: 'Build it',
      index: this.index,
      count: 2,
      title: first ? 'Write a key' : 'Watch it replicate',
      text: first ? 'Type **SET k1 v1** at the `6380` prompt.\n\n- a list item' : 'Now look at the replica.',
      goals: [{ label: first ? 'k1 is set on 6380' : 'k1 reached 6381', met: this.met }],
      hints: ['Use SET', 'SET k1 v1'].slice(0, this.hintsShown),
      hintsLeft: 2 - this.hintsShown,
      why: this.met ? 'SET writes to the master first.' : null,
      deadEnd: null,
      complete: this.met,
      lessonDone: this.met && this.index === 1,
      metOnArrival: false,
    };
  }
  private check(): boolean {
    const before = this.met;
    if (this.index === 0) this.met = this.session.history.some((l) => /^set k1/i.test(l));
    return this.met && !before;
  }
  private outcome(lines: OutputLine[], notice?: Notice): Outcome {
    return { lines, ...(notice ? { notice } : {}), completed: this.check() || undefined };
  }
  submit(line: string): Outcome {
    const view = this.view();
    if (line.trim() === '' && view.complete && !view.lessonDone) {
      this.index = 1;
      this.met = false;
      this.advanced++;
      this.session.mark();
      return { lines: [{ text: '── Step 2/2: Watch it replicate', kind: 'info' }], stepChanged: true };
    }
    const echo: OutputLine = { text: this.session.prompt + line, kind: 'echo' };
    return this.outcome([echo, ...this.session.submit(line)]);
  }
  step(times = 1): Outcome {
    for (let i = 0; i < times; i++) this.session.stepToNext();
    return this.outcome([]);
  }
  settle(): Outcome {
    this.session.settle();
    return this.outcome([]);
  }
  toggleTimeMode(): Outcome {
    this.session.timeMode = this.session.timeMode === 'settled' ? 'manual' : 'settled';
    if (this.session.timeMode === 'settled') this.session.settle();
    return this.outcome([], { kind: this.session.timeMode === 'manual' ? 'stepMode' : 'settled' });
  }
  startPlaying(): void {
    this.session.timeMode = 'manual';
  }
  hasPending(): boolean {
    return this.session.fake.queue.length > 0;
  }
  applyFault(line: string): Outcome {
    return this.submit(line);
  }
  rewindEvent(): Outcome {
    this.session.rewindOneEvent();
    return this.outcome([], { kind: 'rewound' });
  }
  rewindStep(): Outcome {
    this.session.rewindToMark();
    this.met = false;
    this.hintsShown = 0;
    return this.outcome([], { kind: 'rewoundStep' });
  }
  previousStep(): Outcome {
    if (this.index === 0) return this.outcome([], { kind: 'noPreviousStep' });
    this.index = 0;
    return { ...this.outcome([], { kind: 'previousStep' }), stepChanged: true };
  }
  restartLesson(): Outcome {
    this.restarts++;
    this.index = 0;
    this.met = false;
    return { ...this.outcome([], { kind: 'restarted' }), stepChanged: true };
  }
  nextHint(): Outcome {
    if (this.hintsShown < 2) {
      this.hintsShown++;
      return { lines: [] };
    }
    return { lines: [], notice: { kind: 'noMoreHints' } };
  }
  interrupt(): Outcome | null {
    return null;
  }
  observe(): Outcome {
    return { lines: [] };
  }
  setLanguage(): void {}
  takeSolutionLine(): string | undefined {
    return this.solutionLines.shift();
  }
  get solving(): boolean {
    return this.solutionLines.length > 0;
  }
}

export function scripted(line: string, s: FakeSession): OutputLine[] {
  const w = s.fake;
  if (/^set /i.test(line)) {
    const [, k, v] = line.split(/\s+/);
    w.trace.push(w.now, { type: 'command', port: 6380, db: 0, argv: ['SET', k, v], reply: 'OK' });
    w.queue.push({ label: { kind: 'propagate', command: `SET ${k}` } as EventLabel, body: { type: 'propagate', master: 6380, argv: ['SET', k, v], bytes: 31, offset: 31, replicas: [6381] } });
    return [{ text: 'OK', kind: 'reply' }];
  }
  if (/^get /i.test(line)) return [{ text: '(nil)', kind: 'reply' }];
  if (line.startsWith(':kill')) return [{ text: `killed ${line.split(' ')[1]}`, kind: 'info' }];
  if (line.trim() === '') return [];
  return [{ text: `(error) ERR unknown command '${line.split(' ')[0]}'`, kind: 'error' }];
}

export interface Fixture {
  deps: UiDeps;
  world: FakeWorld;
  session: FakeSession;
  run: FakeRun;
  opened: string[];
}

/** A catalogue of one lesson (the fixture run) plus the sandbox, over one fake world. */
export function fixture(progress: LessonSummary['progress'] = 'started'): Fixture {
  const world = new FakeWorld();
  world.nodes = [
    node({ port: 6380, masterReplOffset: 100, backlog: { active: true, sizeBytes: 1048576, firstByteOffset: 1, histlen: 100 }, totalKeys: 1, replicas: [{ port: 6381, state: 'online', ackOffset: 100, lastAckMs: 0, outputBuffer: [], rdbTransfer: null, legacySync: false }] }),
    node({ port: 6381, role: 'replica', master: { host: '127.0.0.1', port: 6380, linkState: 'connected', linkUp: true }, replicaOffset: 100, masterReplOffset: 100, totalKeys: 1 }),
  ];
  const session = new FakeSession(world, scripted);
  const run = new FakeRun(session);
  const opened: string[] = [];
  const catalog: Catalog = {
    list: (lang: Language): LessonSummary[] => [
      { id: 'build-it', title: lang === 'zh' ? '搭建主从' : 'Build it', summary: lang === 'zh' ? '三个节点搭起主从。' : 'Three nodes become a master and two replicas.', steps: 2, stepsDone: progress === 'done' ? 2 : progress === 'started' ? 1 : 0, progress },
      { id: 'full-sync', title: lang === 'zh' ? '全量同步' : 'A full sync, step by step', summary: 'SYNC, BGSAVE, the RDB.', steps: 5, stepsDone: 0, progress: 'new' },
    ],
    warnings: () => [],
    open: (id) => {
      opened.push(id);
      if (id !== 'build-it') throw new Error(`no lesson "${id}"`);
      return run;
    },
    sandbox: () => {
      opened.push('sandbox');
      return run;
    },
  };
  const deps: UiDeps = {
    catalog,
    formatTrace: (e) => (e.type === 'command' ? `${e.port} ${e.argv.join(' ')} → ${e.reply}` : e.type === 'propagate' ? `${e.master} propagates ${e.argv.join(' ')}` : e.type),
  };
  return { deps, world, session, run, opened };
}
