/**
 * `repl-tutor lessons check [DIR]`: for lesson authors. Every file valid, both languages complete,
 * every step unsolved right after its setup, every solution meeting its goals when run headless.
 */

import { defaultReplFactory } from './default-repl.js';
import { loadLessons } from './loader.js';
import { playStep, type ReplFactory } from './runner.js';
import { formatLessonError, type Lesson } from './types.js';

export interface CheckReport {
  ok: boolean;
  /** Printable lines, one per lesson plus one per problem. */
  lines: string[];
}

const MIN_STEPS = 4;
const MAX_STEPS = 8;
/** Lines of a failing solution's transcript shown (the end is where it went wrong). */
const TRANSCRIPT_TAIL = 30;

/** Play one lesson headless from a fresh world; returns its problems (empty when it passes). */
export function checkLesson(lesson: Lesson, createRepl: ReplFactory): string[] {
  const problems: string[] = [];
  if (lesson.kind === 'lesson' && (lesson.steps.length < MIN_STEPS || lesson.steps.length > MAX_STEPS))
    problems.push(`has ${lesson.steps.length} steps; a lesson has ${MIN_STEPS}–${MAX_STEPS}`);
  const repl = createRepl();
  for (const step of lesson.steps) {
    let run;
    try {
      run = playStep(repl, step);
    } catch (e) {
      problems.push(`step ${step.id}: running it threw ${(e as Error).stack ?? e}`);
      return problems; // later steps build on this one
    }
    for (const g of run.metAfterSetup) problems.push(`step ${step.id}: already met before the learner acts: ${g}`);
    for (const g of run.unmetAfterSolution) problems.push(`step ${step.id}: the solution does not meet: ${g}`);
    if (run.unmetAfterSolution.length > 0) {
      const tail = run.transcript.slice(-TRANSCRIPT_TAIL);
      const cut = run.transcript.length - tail.length;
      problems.push(
        `step ${step.id}: solution transcript${cut > 0 ? ` (last ${tail.length} lines)` : ''}:`,
        ...tail.map((l) => `    ${l}`),
      );
    }
  }
  return problems;
}

/** Check every lesson file in `dir`, playing each lesson in a fresh engine + REPL from `createRepl`. */
export function checkLessons(dir: string, createRepl: ReplFactory = defaultReplFactory): CheckReport {
  const { lessons, errors } = loadLessons(dir);
  const lines: string[] = errors.map((e) => `✗ ${formatLessonError(e)}`);
  let ok = errors.length === 0;
  if (lessons.length === 0 && errors.length === 0) {
    lines.push(`✗ ${dir}: no lesson files (*.yaml, *.yml, *.json)`);
    ok = false;
  }
  for (const lesson of lessons) {
    const problems = checkLesson(lesson, createRepl);
    if (problems.length === 0) {
      lines.push(
        lesson.kind === 'sandbox'
          ? `✓ ${lesson.id} (${lesson.file}): sandbox, en + zh, its setup runs`
          : `✓ ${lesson.id} (${lesson.file}): ${lesson.steps.length} steps, en + zh, every step starts unsolved and its solution meets its goals`,
      );
    } else {
      ok = false;
      lines.push(`✗ ${lesson.id} (${lesson.file}):`, ...problems.map((p) => `    ${p}`));
    }
  }
  lines.push(ok ? `ok: ${lessons.length} lesson files` : 'lesson check failed');
  return { ok, lines };
}
