// Goals shown always equal goals judged from scratch: over random lines, time moves, rewinds and
// step changes, the lesson controller's view of a step's goals is what evaluating them over the
// world now and the trace since the step's window start gives (all met once the step completed).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultReplFactory } from '../../src/lessons/default-repl.js';
import { defaultLessonsDir, loadLessons } from '../../src/lessons/loader.js';
import { ProgressStore } from '../../src/lessons/progress.js';
import { evaluateGoals } from '../../src/lessons/runner.js';
import { LessonSession } from '../../src/lessons/session.js';

const { lessons } = loadLessons(defaultLessonsDir());

type Act =
  | { kind: 'line'; line: string }
  | { kind: 'step'; times: number }
  | { kind: 'settle' }
  | { kind: 'rewindEvent' }
  | { kind: 'rewindStep' }
  | { kind: 'next' }
  | { kind: 'previous' };

function actions(lessonId: string): fc.Arbitrary<Act[]> {
  const lesson = lessons.find((l) => l.id === lessonId)!;
  const lines = [...new Set([...lesson.steps.flatMap((s) => s.solution), 'exit', ':run idle', ':run 1s', 'set k9 v9', 'redis-cli -p 6381', ':mode manual', ':mode settled'])];
  const act: fc.Arbitrary<Act> = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...lines).map((line) => ({ kind: 'line' as const, line })) },
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 8 }).map((times) => ({ kind: 'step' as const, times })) },
    { weight: 1, arbitrary: fc.constant({ kind: 'settle' as const }) },
    { weight: 2, arbitrary: fc.constant({ kind: 'rewindEvent' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'rewindStep' as const }) },
    { weight: 2, arbitrary: fc.constant({ kind: 'next' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'previous' as const }) },
  );
  return fc.array(act, { minLength: 1, maxLength: 25 });
}

function apply(s: LessonSession, a: Act): void {
  switch (a.kind) {
    case 'line':
      return void s.submit(a.line);
    case 'step':
      return void s.step(a.times);
    case 'settle':
      return void s.settle();
    case 'rewindEvent':
      return void s.rewindEvent();
    case 'rewindStep':
      return void s.rewindStep();
    case 'next':
      if (s.completed) s.submit('');
      return;
    case 'previous':
      return void s.previousStep();
  }
}

describe('goals — shown equals judged from scratch', () => {
  for (const id of ['build-it', 'full-sync', 'failover']) {
    it(`${id}: after every action of a random learner`, () => {
      fc.assert(
        fc.property(actions(id), (acts) => {
          const home = mkdtempSync(join(tmpdir(), 'goals-prop-'));
          try {
            const s = new LessonSession({ lessons, createRepl: defaultReplFactory, progress: new ProgressStore(home) });
            s.open(id);
            for (const a of acts) {
              apply(s, a);
              const shown = s.view().goals.map((g) => g.met);
              const judged = s.completed ? shown.map(() => true) : evaluateGoals(s.repl.world, s.currentStep!.goals, s.goalWindowStart);
              expect(shown, `${id} step ${s.stepIndex + 1} after ${JSON.stringify(a)}`).toEqual(judged);
              if (s.completed) expect(s.view().why === null, 'a complete step shows its why').toBe(!s.currentStep!.why);
            }
          } finally {
            rmSync(home, { recursive: true, force: true });
          }
        }),
        { numRuns: 15 },
      );
    });
  }
});
