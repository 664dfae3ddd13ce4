// Every lesson played through the lesson controller the way learners play it — not only the
// scripted way: running ahead (time left to run after each step), rewinding (solve, ^G, solve
// again), following the seed's own lines into a dead end, and quitting and coming back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultReplFactory } from '../../src/lessons/default-repl.js';
import { defaultLessonsDir, loadLessons } from '../../src/lessons/loader.js';
import { ProgressStore } from '../../src/lessons/progress.js';
import { LessonSession } from '../../src/lessons/session.js';
import type { Language } from '../../src/language.js';

const { lessons } = loadLessons(defaultLessonsDir());
const playable = lessons.filter((l) => l.kind === 'lesson');

let home = '';
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'learner-paths-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const newSession = (language: Language = 'en') =>
  new LessonSession({ lessons, createRepl: defaultReplFactory, progress: new ProgressStore(home), language });

/** Type the step's solution line by line, as the learner would. */
function typeSolution(s: LessonSession): void {
  for (const line of s.solution) s.submit(line);
}

/** Where a step stands, for failure messages. */
const where = (s: LessonSession) => `${s.lesson!.id} step ${s.stepIndex + 1} (${s.currentStep!.id}): ${JSON.stringify(s.view().goals)}`;

/**
 * Finish the current step from wherever the world is: if it already ticked, fine; else its
 * solution; if that leads into a dead end (or does not finish), the way out the screen offers —
 * back to the step's start (^G) and the solution again.
 */
function finishStep(s: LessonSession): 'arrived' | 'solved' | 'way-out' {
  if (s.completed) return 'arrived';
  typeSolution(s);
  if (s.completed) return 'solved';
  s.rewindStep();
  typeSolution(s);
  expect(s.completed, where(s)).toBe(true);
  return 'way-out';
}

describe.each(playable.map((l) => [l.id] as const))('lesson %s, as learners play it', (id) => {
  it('scripted: each step ticks with its own solution', () => {
    const s = newSession();
    s.open(id);
    do {
      typeSolution(s);
      expect(s.completed, where(s)).toBe(true);
    } while (s.next());
    expect(s.view().lessonDone).toBe(true);
  });

  it('run ahead: after each solution time runs on (`:run idle`) before the next step, and every step still finishes', () => {
    const s = newSession();
    s.open(id);
    do {
      finishStep(s);
      s.submit(':run idle');
      expect(s.completed, `${where(s)} — still complete after running ahead`).toBe(true);
    } while (s.next());
    expect(s.view().lessonDone).toBe(true);
  });

  it('rewind: solve, ^G back to the step start (goals unticked), solve again', () => {
    const s = newSession();
    s.open(id);
    do {
      typeSolution(s);
      expect(s.completed, where(s)).toBe(true);
      s.rewindStep();
      expect(s.completed, `${where(s)} — after ^G`).toBe(false);
      expect(s.view().why).toBeNull();
      typeSolution(s);
      expect(s.completed, `${where(s)} — solved again`).toBe(true);
    } while (s.next());
  });

  it('quit at the prompt you are at and come back: same step, same prompt', () => {
    const s = newSession();
    s.open(id);
    typeSolution(s);
    s.next();
    const prompts = ['$ ', '127.0.0.1:6381> '];
    for (const prompt of prompts) {
      if (s.repl.prompt !== '$ ') s.submit('exit');
      if (prompt !== '$ ') s.submit('redis-cli -p 6381');
      expect(s.repl.prompt).toBe(prompt);
      const again = newSession();
      again.open(id);
      expect(again.stepIndex, `${id} reopened`).toBe(1);
      expect(again.repl.prompt, `${id} reopened`).toBe(prompt);
    }
  });
});

describe('running ahead is credited', () => {
  it('full-sync — play through the load in step 4, and step 5 opens with its goals already met', () => {
    const s = newSession();
    s.open('full-sync', 'transfer');
    expect(s.currentStep!.id).toBe('transfer');
    // ^P instead of `:run 2s`: play fires event after event well past the step's goals.
    for (let i = 0; i < 1000 && !s.completed; i++) s.step(1);
    expect(s.completed).toBe(true);
    for (let i = 0; i < 1000 && s.hasPending(); i++) s.step(1);
    expect(s.repl.world.node(6381)?.loading).toBe(false);
    s.next();
    expect(s.completed, where(s)).toBe(true);
    expect(s.view().metOnArrival).toBe(true);
  });
});

describe('goals follow a rewind', () => {
  it('build-it — ^G after the step was met unticks its goals with the world', () => {
    const s = newSession();
    s.open('build-it');
    typeSolution(s);
    expect(s.completed).toBe(true);
    s.rewindStep();
    expect(s.view().goals.every((g) => !g.met)).toBe(true);
    expect(s.view().complete).toBe(false);
  });

  it('^Z past the event that met a goal unticks it', () => {
    const s = newSession();
    s.open('full-sync', 'transfer');
    for (let i = 0; i < 1000 && !s.completed; i++) s.step(1);
    expect(s.completed).toBe(true);
    // Back one event at a time until the chunk that met the goal is undone.
    for (let i = 0; i < 50 && s.completed; i++) s.rewindEvent();
    expect(s.completed).toBe(false);
    expect(s.view().why).toBeNull();
    expect(s.view().goals.some((g) => !g.met)).toBe(true);
    // And forward again: the same event meets it again.
    for (let i = 0; i < 1000 && !s.completed; i++) s.step(1);
    expect(s.completed).toBe(true);
  });
});

describe('the seed followed literally in lesson 8 is a dead end the screen explains', () => {
  for (const language of ['en', 'zh'] as const) {
    it(`slaveof no one, then slaveof 6381: a full resync, the dead-end text and the way out (${language})`, () => {
      const s = newSession(language);
      s.open('failover', 'repoint');
      if (s.repl.prompt !== '$ ') s.submit('exit');
      s.submit('redis-cli -p 6382');
      s.submit('slaveof no one');
      s.submit('slaveof 127.0.0.1 6381');
      s.submit(':run idle');
      const view = s.view();
      expect(view.complete).toBe(false);
      expect(view.deadEnd, JSON.stringify(view)).not.toBeNull();
      expect(view.deadEnd!).toMatch(language === 'en' ? /history of its own/ : /自己的历史/);
      // The way out: back to the start of the step, then the solution.
      s.rewindStep();
      expect(s.view().deadEnd).toBeNull();
      typeSolution(s);
      expect(s.completed).toBe(true);
    });
  }
});

describe(':solve', () => {
  it('goes back to the step start and hands the app the solution, one line at a time', () => {
    const s = newSession();
    s.open('build-it');
    s.submit('redis-server /data/6380/redis.conf');
    const out = s.submit(':solve');
    expect(out.notice).toEqual({ kind: 'solving', lines: s.solution.length });
    expect(s.repl.world.node(6380)).toBeUndefined();
    const typed: string[] = [];
    for (let line = s.takeSolutionLine(); line !== undefined; line = s.takeSolutionLine()) {
      typed.push(line);
      s.submit(line);
    }
    expect(typed).toEqual([...s.solution]);
    expect(s.completed).toBe(true);
  });
});

describe('start again', () => {
  it('a finished lesson starts again from step 1 with a fresh world; its progress stays', () => {
    const s = newSession();
    s.open('build-it');
    do typeSolution(s);
    while (s.next());
    expect(s.view().lessonDone).toBe(true);
    const out = s.restartLesson();
    expect(out.notice).toEqual({ kind: 'restarted' });
    expect(s.stepIndex).toBe(0);
    expect(s.repl.world.listeningPorts()).toEqual([]);
    expect(new ProgressStore(home).completedSteps('build-it').length).toBe(s.lesson!.steps.length);
  });

  it('previous step rebuilds the world at that step\'s start', () => {
    const s = newSession();
    s.open('build-it');
    typeSolution(s);
    s.next();
    expect(s.previousStep().notice).toEqual({ kind: 'previousStep' });
    expect(s.stepIndex).toBe(0);
    expect(s.completed).toBe(false);
    expect(s.previousStep().notice).toEqual({ kind: 'noPreviousStep' });
  });
});

describe('a saved sandbox', () => {
  it(':save NAME writes the sandbox; --sandbox NAME rebuilds the same world', async () => {
    const { createCatalog } = await import('../../src/lessons/catalog.js');
    const catalog = createCatalog({ env: { REPL_TUTOR_HOME: home } });
    const s = catalog.sandbox('en', 1);
    for (const line of ['redis-cli -p 6380', 'debug populate 1000', 'set greeting hello', 'exit', ':kill 6382']) s.submit(line);
    const keysBefore = s.session.world.node(6380)?.totalKeys;
    expect(s.submit(':save lab-1').notice).toMatchObject({ kind: 'saved', name: 'lab-1' });
    expect(s.submit(':save ../x').notice).toMatchObject({ kind: 'saveFailed' });
    expect(s.submit(':save').askSaveName).toBe(true);
    const again = createCatalog({ env: { REPL_TUTOR_HOME: home } }).sandbox('en', 7, 'lab-1');
    expect(again.session.world.node(6380)?.totalKeys).toBe(keysBefore);
    expect(again.session.world.node(6382)?.status).toBe('crashed');
    expect(again.session.world.now).toBe(s.session.world.now);
    expect(() => createCatalog({ env: { REPL_TUTOR_HOME: home } }).sandbox('en', 1, 'nope')).toThrow(/no saved sandbox "nope"/);
  });

  it(':save in a lesson says a lesson keeps its progress by itself', () => {
    const s = newSession();
    s.open('build-it');
    expect(s.submit(':save x').notice).toEqual({ kind: 'saveOnlySandbox' });
  });
});

describe('^C at a waiting redis-cli', () => {
  it('ends that redis-cli as in a terminal (^C, then $); with nothing waiting it is no interrupt', () => {
    const s = newSession();
    s.open('build-it');
    expect(s.interrupt()).toBeNull();
    for (const line of ['redis-server /data/6380/redis.conf', ':pause 6380', 'redis-cli -p 6380', 'get a']) s.submit(line);
    expect(s.repl.prompt).toBe('127.0.0.1:6380> ');
    const out = s.interrupt();
    expect(out?.lines.map((l) => l.text)).toContain('^C');
    expect(s.repl.prompt).toBe('$ ');
  });
});
