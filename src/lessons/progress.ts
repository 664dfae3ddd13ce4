/**
 * The progress store: which steps of which lessons are done, keyed by stable lesson and step ids,
 * in progress.json under $REPL_TUTOR_HOME, $XDG_CONFIG_HOME/repl-tutor or ~/.config/repl-tutor.
 * Writes are atomic (temp file + rename); a corrupt file is set aside, never a crash.
 */

import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { LANGUAGES, type Language } from '../language.js';

export interface LessonProgress {
  /** Step ids completed, in the order they were completed. */
  completed: string[];
  /** The step the learner was on when they left. */
  current?: string;
  /** The prompt they were at (`$ ` or `127.0.0.1:6381> `), so a reopened lesson puts them back there. */
  prompt?: string;
}

export interface Progress {
  version: 1;
  language?: Language;
  lessons: Record<string, LessonProgress>;
}

export const emptyProgress = (): Progress => ({ version: 1, lessons: {} });

/** Where progress.json lives, from the environment. */
export function progressDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.REPL_TUTOR_HOME) return env.REPL_TUTOR_HOME;
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, 'repl-tutor');
  return join(homedir(), '.config', 'repl-tutor');
}

/** Parse progress JSON; returns null when it is not a progress document. */
export function parseProgress(text: string): Progress | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  if (o.version !== 1 || typeof o.lessons !== 'object' || o.lessons === null || Array.isArray(o.lessons)) return null;
  if (o.language !== undefined && !LANGUAGES.includes(o.language as Language)) return null;
  const lessons: Record<string, LessonProgress> = {};
  for (const [id, lp] of Object.entries(o.lessons as Record<string, unknown>)) {
    if (typeof lp !== 'object' || lp === null) return null;
    const { completed, current, prompt } = lp as Record<string, unknown>;
    if (!Array.isArray(completed) || !completed.every((s) => typeof s === 'string')) return null;
    if (current !== undefined && typeof current !== 'string') return null;
    // An old file has no prompt; a bad one is dropped rather than the whole file refused.
    const keptPrompt = typeof prompt === 'string' && prompt.length <= 64 ? { prompt } : {};
    lessons[id] = { completed: [...completed], ...(current !== undefined ? { current } : {}), ...keptPrompt };
  }
  return { version: 1, ...(o.language ? { language: o.language as Language } : {}), lessons };
}

/** Write `text` to `file` atomically: a reader sees the old file or the new one, never half of one. */
function writeAtomic(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text, 'utf8');
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export class ProgressStore {
  readonly file: string;
  private data: Progress | null = null;
  /** One-line warnings for the caller to show (a corrupt file set aside, a failed save). */
  readonly warnings: string[] = [];

  constructor(readonly home: string = progressDir()) {
    this.file = join(home, 'progress.json');
  }

  /** The progress, read from disk on first use. A corrupt file is renamed aside with a warning. */
  get progress(): Progress {
    if (!this.data) this.data = this.read();
    return this.data;
  }

  private read(): Progress {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
        this.warnings.push(`could not read ${this.file}: ${(e as Error).message}; starting with no progress`);
      return emptyProgress();
    }
    const p = parseProgress(text);
    if (p) return p;
    let n = 1;
    while (existsSync(`${this.file}.corrupt-${n}`)) n++;
    const aside = `${this.file}.corrupt-${n}`;
    try {
      renameSync(this.file, aside);
      this.warnings.push(`progress file was corrupt; moved it to ${aside} and started afresh`);
    } catch (e) {
      this.warnings.push(`progress file was corrupt and could not be moved aside (${(e as Error).message}); starting afresh`);
    }
    return emptyProgress();
  }

  private save(): void {
    try {
      writeAtomic(this.file, JSON.stringify(this.progress, null, 2) + '\n');
    } catch (e) {
      this.warnings.push(`could not save progress to ${this.file}: ${(e as Error).message}`);
    }
  }

  private lesson(lessonId: string): LessonProgress {
    const lessons = this.progress.lessons;
    return (lessons[lessonId] ??= { completed: [] });
  }

  completedSteps(lessonId: string): string[] {
    return this.progress.lessons[lessonId]?.completed ?? [];
  }

  isCompleted(lessonId: string, stepId: string): boolean {
    return this.completedSteps(lessonId).includes(stepId);
  }

  /** Mark a step done (and remember the step after it as current); saved at once. */
  completeStep(lessonId: string, stepId: string, nextStepId?: string): void {
    const lp = this.lesson(lessonId);
    if (!lp.completed.includes(stepId)) lp.completed.push(stepId);
    if (nextStepId !== undefined) lp.current = nextStepId;
    this.save();
  }

  /** Remember where the learner is in a lesson (the step, and the prompt when given); saved at once. */
  setCurrent(lessonId: string, stepId: string, prompt?: string): void {
    const lp = this.lesson(lessonId);
    if (lp.current === stepId && (prompt === undefined || lp.prompt === prompt)) return;
    lp.current = stepId;
    if (prompt !== undefined) lp.prompt = prompt;
    this.save();
  }

  /** Remember the prompt the learner is at in a lesson; saved when it changed. */
  setPrompt(lessonId: string, prompt: string): void {
    const lp = this.lesson(lessonId);
    if (lp.prompt === prompt) return;
    lp.prompt = prompt;
    this.save();
  }

  currentStep(lessonId: string): string | undefined {
    return this.progress.lessons[lessonId]?.current;
  }

  currentPrompt(lessonId: string): string | undefined {
    return this.progress.lessons[lessonId]?.prompt;
  }

  get language(): Language | undefined {
    return this.progress.language;
  }

  setLanguage(lang: Language): void {
    if (this.progress.language === lang) return;
    this.progress.language = lang;
    this.save();
  }

  /** `repl-tutor progress --export FILE`: write the progress to `file`. */
  exportTo(file: string): void {
    writeAtomic(file, JSON.stringify(this.progress, null, 2) + '\n');
  }

  /**
   * `repl-tutor progress --import FILE`: replace the progress with the file's (validated first;
   * on a bad file nothing changes). Returns an error message or null.
   */
  importFrom(file: string): string | null {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      return `cannot read ${file}: ${(e as Error).message}`;
    }
    const p = parseProgress(text);
    if (!p) return `${file} is not a repl-tutor progress file`;
    this.data = p;
    writeAtomic(this.file, JSON.stringify(p, null, 2) + '\n');
    return null;
  }

  /** `repl-tutor progress --reset`: forget all progress (the language choice too). */
  reset(): void {
    this.data = emptyProgress();
    rmSync(this.file, { force: true });
  }
}
