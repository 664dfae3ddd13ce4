/**
 * Running a lesson headless: a step's setup through a REPL session, then its goals checked over
 * the world and the trace since the step began. Shared by the lesson session and `lessons check`.
 */

import type { WorldApi } from '../redis/api.js';
import type { OutputLine, ReplSessionApi } from '../repl/api.js';
import { checkGoal, describeGoal, goalContext } from './goals.js';
import type { Language } from '../language.js';
import type { Goal, Lesson, Step } from './types.js';

/** A fresh REPL session over a fresh world (from `seed` when given, else the factory's own). */
export type ReplFactory = (seed?: number) => ReplSessionApi;

export const SHELL_PROMPT = '$ ';

/** The port of a redis-cli prompt (`127.0.0.1:6381> `, `127.0.0.1:6381[1]> `), else null. */
export function promptPort(prompt: string): number | null {
  const m = /^[^:\s]+:(\d+)[[>(]/.exec(prompt);
  return m ? Number(m[1]) : null;
}

/** Submit lines one by one, discarding what they print (and any async output they cause). */
export function runLines(repl: ReplSessionApi, lines: readonly string[], onLine?: (line: string, out: OutputLine[]) => void): void {
  for (const line of lines) {
    const out = repl.submit(line);
    onLine?.(line, out);
  }
  repl.drainAsyncOutput();
}

/**
 * Run a step's setup: in settled time (so servers start and syncs finish), then switch to the
 * step's time mode (or back to the mode in effect before, unless the setup chose one with `:mode`).
 * Returns the trace position where the step begins: goals only look at events from there.
 */
export function runSetup(repl: ReplSessionApi, step: Step): number {
  const before = repl.timeMode;
  if (step.setup.length > 0) {
    repl.timeMode = 'settled';
    // Setup lines are written for the `$ ` prompt: leave a node's prompt first, and come back to it
    // afterwards (unless the setup itself ends at a prompt).
    const port = promptPort(repl.prompt);
    if (repl.prompt !== SHELL_PROMPT) repl.submit('exit');
    runLines(repl, step.setup);
    if (port !== null && repl.prompt === SHELL_PROMPT) {
      repl.submit(`redis-cli -p ${port}`);
      repl.drainAsyncOutput();
    }
  }
  const setupChoseMode = step.setup.some((l) => /^\s*:mode\b/.test(l));
  if (step.mode) repl.timeMode = step.mode;
  else if (!setupChoseMode) repl.timeMode = before;
  return repl.world.trace.total;
}

/** Which of `goals` hold now, looking at the trace from `sinceSeq`. */
export function evaluateGoals(world: WorldApi, goals: readonly Goal[], sinceSeq: number): boolean[] {
  const ctx = goalContext(world, sinceSeq);
  return goals.map((g) => checkGoal(g, ctx));
}

/**
 * Bring a fresh session to the start of step `index`: every earlier step's setup and solution,
 * then this step's setup. Returns the trace position where the step begins.
 */
export function prepareStep(repl: ReplSessionApi, lesson: Lesson, index: number): number {
  for (let i = 0; i < index; i++) {
    runSetup(repl, lesson.steps[i]);
    runLines(repl, lesson.steps[i].solution);
  }
  return runSetup(repl, lesson.steps[index]);
}

export interface StepRun {
  /** Goals already met right after the setup (should be none). */
  metAfterSetup: string[];
  /** Goals never met while the solution ran (should be none). */
  unmetAfterSolution: string[];
  /** Each solution line with what it printed (for diagnosing a failing solution). */
  transcript: string[];
  /** The prompt each solution line was typed at (`$ `, `127.0.0.1:6381> `), in order. */
  prompts: string[];
}

/**
 * Play a step the way a learner would: setup, then the solution line by line, checking the goals
 * after each line; a goal met once stays met (as the lesson session ticks it off).
 */
export function playStep(repl: ReplSessionApi, step: Step, lang: Language = 'en'): StepRun {
  const since = runSetup(repl, step);
  const initial = evaluateGoals(repl.world, step.goals, since);
  const met = [...initial];
  const transcript: string[] = [];
  const prompts: string[] = [];
  for (const line of step.solution) {
    const prompt = repl.prompt;
    prompts.push(prompt);
    const out = repl.submit(line);
    out.push(...repl.drainAsyncOutput());
    transcript.push(`${prompt}${line}`, ...out.map((o) => `  ${o.text}`));
    evaluateGoals(repl.world, step.goals, since).forEach((ok, i) => (met[i] ||= ok));
  }
  return {
    metAfterSetup: step.goals.filter((_, i) => initial[i]).map((g) => describeGoal(g, lang)),
    unmetAfterSolution: step.goals.filter((_, i) => !met[i]).map((g) => describeGoal(g, lang)),
    transcript,
    prompts,
  };
}
