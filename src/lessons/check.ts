/**
 * `repl-tutor lessons check [DIR]`: for lesson authors. Every file valid, both languages complete,
 * every step unsolved right after its setup, every solution meeting its goals when run headless,
 * every hint naming the prompt the solution is typed at.
 */

import { defaultReplFactory } from './default-repl.js';
import { loadLessons, takenIds } from './loader.js';
import { LANGUAGES, type Language } from '../language.js';
import { playStep, promptPort, SHELL_PROMPT, type ReplFactory } from './runner.js';
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

/** The words that name the shell prompt in a hint, besides `$` itself. */
const SHELL_WORDS: Record<Language, RegExp> = { en: /\bshell\b/i, zh: /命令行|\bshell\b/i };

const isTutorLine = (line: string) => /^\s*:/.test(line);

/**
 * The prompt a hint must name: a learner who reads one hint must know where to type. That is the
 * prompt of the first solution line the hint quotes in backticks (`` `slaveof 127.0.0.1 6380` ``),
 * else of the solution's first line. `:` tutor lines work at every prompt, so they are skipped:
 * a hint quoting only tutor lines, or a step whose solution is only tutor lines, needs none.
 */
export function hintPrompt(hint: string, solution: readonly string[], prompts: readonly string[]): string | null {
  const quoted = new Set([...hint.matchAll(/`([^`]+)`/g)].map((m) => m[1].trim()));
  const learner = solution.map((line, i) => ({ line: line.trim(), prompt: prompts[i] })).filter((l) => !isTutorLine(l.line));
  const hit = learner.find((l) => quoted.has(l.line));
  if (hit) return hit.prompt;
  if ([...quoted].some(isTutorLine)) return null; // quotes only tutor lines (`:run 2s`, `:step`)
  return learner[0]?.prompt ?? null;
}

/**
 * Does `hint` name `prompt`? For the shell `$ ` it contains `$`, or "shell" (en) / "命令行" (zh);
 * for a node's prompt `127.0.0.1:PORT> ` it contains PORT as a whole number (`6381`,
 * `127.0.0.1:6381>`). Returns the problem, or null.
 */
export function hintPromptProblem(hint: string, prompt: string, lang: Language): string | null {
  if (prompt === SHELL_PROMPT) return hint.includes('$') || SHELL_WORDS[lang].test(hint) ? null : 'does not name the shell prompt `$`';
  const port = promptPort(prompt);
  if (port === null) return null; // a prompt the rule does not know (none of the shipped lessons)
  return new RegExp(`(?<!\\d)${port}(?!\\d)`).test(hint) ? null : `does not name the prompt ${prompt.trim()} (mention ${port})`;
}

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
    for (const lang of LANGUAGES)
      step.hints[lang].forEach((hint, i) => {
        const prompt = hintPrompt(hint, step.solution, run.prompts);
        const problem = prompt === null ? null : hintPromptProblem(hint, prompt, lang);
        if (problem) problems.push(`step ${step.id}: hint ${i + 1} (${lang}) ${problem}: ${hint}`);
      });
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

/**
 * Check every lesson file in `dir`, playing each lesson in a fresh engine + REPL from `createRepl`.
 * With `besideDir` (the bundled lessons, which `--lessons DIR` adds DIR's to), an id that folder
 * already uses is an error, as in the app's menu.
 */
export function checkLessons(dir: string, createRepl: ReplFactory = defaultReplFactory, besideDir?: string): CheckReport {
  const { lessons, errors } = loadLessons(dir, undefined, { taken: takenIds(dir, besideDir) });
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
          : `✓ ${lesson.id} (${lesson.file}): ${lesson.steps.length} steps, en + zh, every step starts unsolved, its solution meets its goals, every hint names its prompt`,
      );
    } else {
      ok = false;
      lines.push(`✗ ${lesson.id} (${lesson.file}):`, ...problems.map((p) => `    ${p}`));
    }
  }
  lines.push(ok ? `ok: ${lessons.length} lesson files` : 'lesson check failed');
  return { ok, lines };
}
