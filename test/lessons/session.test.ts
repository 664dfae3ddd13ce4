// The lesson session over a tiny fake REPL: goals tick off as lines are typed, hints one at a time,
// next/prev, language, and progress saved after every completed step.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NodeSnapshot, WorldApi } from '../../src/redis/api.js';
import { TraceLog } from '../../src/redis/trace.js';
import type { OutputLine, ReplSessionApi, SessionMark, TimeMode } from '../../src/repl/api.js';
import { ProgressStore } from '../../src/lessons/progress.js';
import { LessonSession } from '../../src/lessons/session.js';
import { parseLesson } from '../../src/lessons/schema.js';
import type { Language } from '../../src/language.js';

/** A fake REPL: `up PORT` starts a node, `replicate A B` makes A a replica of B, `tick` appends a trace event. */
class FakeRepl implements ReplSessionApi {
  timeMode: TimeMode = 'settled';
  language: 'en' | 'zh' = 'en';
  clearCount = 0;
  prompt = '$ ';
  history: string[] = [];
  nodes = new Map<number, NodeSnapshot>();
  trace = new TraceLog();
  lines: string[] = [];
  world = {
    node: (p: number) => this.nodes.get(p),
    snapshot: () => [...this.nodes.values()],
    keys: () => [],
    trace: this.trace,
  } as unknown as WorldApi;

  submit(line: string): OutputLine[] {
    this.lines.push(line);
    const [cmd, a, b] = line.split(' ');
    if (cmd === 'up') this.nodes.set(+a, { port: +a, status: 'running', role: 'master', master: null, config: {} } as unknown as NodeSnapshot);
    if (cmd === 'replicate') {
      const n = this.nodes.get(+a)!;
      this.nodes.set(+a, { ...n, role: 'replica', master: { host: '127.0.0.1', port: +b, linkState: 'connected', linkUp: true } });
    }
    if (cmd === 'tick') this.trace.push(0, { type: 'server.pause', port: +a });
    return [{ text: 'ok', kind: 'reply' }];
  }
  drainAsyncOutput(): OutputLine[] {
    return [];
  }
  complete(): string[] {
    return [];
  }
  synopsis(): string {
    return '';
  }
  stepToNext() {
    return undefined;
  }
  settle(): void {}
  mark(): SessionMark {
    return { inputs: this.lines.length, eventsRun: 0 };
  }
  /** No recorded replay here: the lesson controller rebuilds the step from scratch instead. */
  rewindToMark(): boolean {
    return false;
  }
  rewindOneEvent(): boolean {
    return false;
  }
  seed = 1;
  get inputs() {
    return this.lines.map((line) => ({ kind: 'line' as const, line }));
  }
  restore(inputs: ReadonlyArray<{ kind: string; line?: string }>): void {
    for (const i of inputs) if (i.kind === 'line') this.submit(i.line!);
  }
}

const { lesson } = parseLesson('fake.yaml', `id: fake
order: 1
title: {en: Fake, zh: 假}
summary: {en: S, zh: 概}
steps:
  - id: one
    text: {en: Make 6381 a replica., zh: 让 6381 成为从库。}
    setup: [up 6380, up 6381]
    goals:
      - {type: replica-of, replica: 6381, master: 6380}
      - {type: trace, event: server.pause, where: {port: 6381}}
    hints: {en: [first, second], zh: [第一, 第二]}
    solution: [replicate 6381 6380, tick 6381]
    why: {en: Because., zh: 因为。}
  - id: two
    text: {en: Now 6382., zh: 现在 6382。}
    setup: [up 6382]
    mode: manual
    goals:
      - {type: replica-of, replica: 6382, master: 6380}
    hints: {en: [h], zh: [提示]}
    solution: [replicate 6382 6380]
    why: {en: Done., zh: 完成。}
`);

let home = '';
let repls: FakeRepl[] = [];
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'lesson-session-'));
  repls = [];
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function session(lang: Language = 'en') {
  const progress = new ProgressStore(home);
  const s = new LessonSession({
    lessons: [lesson!],
    createRepl: () => {
      const r = new FakeRepl();
      repls.push(r);
      return r;
    },
    progress,
    language: lang,
  });
  return { s, progress };
}

describe('LessonSession', () => {
  it('runs the setup headless and starts with no goal met', () => {
    const { s } = session();
    s.open('fake');
    expect((s.repl as FakeRepl).lines).toEqual(['up 6380', 'up 6381']);
    expect(s.goals.map((g) => g.met)).toEqual([false, false]);
    expect(s.completed).toBe(false);
    expect(s.why).toBeNull();
  });

  it('ticks goals off as lines are typed, and completes with the why', () => {
    const { s } = session();
    s.open('fake');
    s.submit('replicate 6381 6380');
    expect(s.goals.map((g) => g.met)).toEqual([true, false]);
    expect(s.completed).toBe(false);
    s.submit('tick 6381');
    expect(s.completed).toBe(true);
    expect(s.why).toBe('Because.');
  });

  it('trace goals only see events after the step began', () => {
    const { s } = session();
    s.open('fake');
    const r = s.repl as FakeRepl;
    r.submit('tick 6381'); // typed behind the session's back, then checked after "time moved"
    expect(s.check().newlyMet.map((g) => g.description)).toEqual(['a server was paused (port 6381)']);
  });

  it('saves progress after each completed step, keyed by ids, and resumes there', () => {
    const { s } = session();
    s.open('fake');
    s.submit('replicate 6381 6380');
    s.submit('tick 6381');
    const saved = JSON.parse(readFileSync(join(home, 'progress.json'), 'utf8'));
    expect(saved.lessons.fake).toEqual({ completed: ['one'], current: 'two', prompt: '$ ' });
    const again = session().s;
    again.open('fake');
    expect(again.currentStep!.id).toBe('two');
    // Resuming rebuilt the world: step one's setup and solution, then step two's setup.
    expect(repls[repls.length - 1].lines).toEqual(['up 6380', 'up 6381', 'replicate 6381 6380', 'tick 6381', 'up 6382']);
    expect(again.repl.timeMode).toBe('manual');
  });

  it('next keeps the world; prev rebuilds it; both stop at the ends', () => {
    const { s } = session();
    s.open('fake');
    expect(s.prev()).toBe(false);
    s.submit('replicate 6381 6380');
    const first = s.repl;
    expect(s.next()).toBe(true);
    expect(s.repl).toBe(first);
    expect((s.repl as FakeRepl).lines).toEqual(['up 6380', 'up 6381', 'replicate 6381 6380', 'up 6382']);
    expect(s.next()).toBe(false);
    expect(s.prev()).toBe(true);
    expect(s.repl).not.toBe(first);
    expect(s.currentStep!.id).toBe('one');
  });

  it('reveals hints one at a time in the chosen language', () => {
    const { s } = session('zh');
    s.open('fake');
    expect(s.hints).toEqual([]);
    expect(s.revealHint()).toBe('第一');
    expect(s.hintsLeft).toBe(1);
    expect(s.revealHint()).toBe('第二');
    expect(s.revealHint()).toBeNull();
    expect(s.hints).toEqual(['第一', '第二']);
    s.setLanguage('en');
    expect(s.hints).toEqual(['first', 'second']);
    expect(s.text).toBe('Make 6381 a replica.');
    expect(s.goals[0].description).toBe('6381 is a replica of 6380 with its link up');
  });

  it('switching language leaves the progress file alone (the catalogue remembers the choice, not a lesson)', () => {
    const { s } = session('en');
    s.setLanguage('zh');
    expect(s.language).toBe('zh');
    const later = new LessonSession({ lessons: [lesson!], createRepl: () => new FakeRepl(), progress: new ProgressStore(home) });
    expect(later.language).toBe('en');
  });

  it('opening an unknown lesson is an error the caller can show', () => {
    const { s } = session();
    expect(() => s.open('nope')).toThrow(/no lesson "nope"/);
  });
});

describe('LessonSession.restartStep', () => {
  it('without rewind marks, rebuilds the world to the start of the step', () => {
    const { s } = session();
    s.open('fake');
    s.submit('replicate 6381 6380');
    s.revealHint();
    s.restartStep();
    expect((s.repl as FakeRepl).lines).toEqual(['up 6380', 'up 6381']);
    expect(s.goals.map((g) => g.met)).toEqual([false, false]);
    expect(s.hints).toEqual([]);
  });
});
