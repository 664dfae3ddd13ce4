/**
 * The progress store: which steps of which lessons are done, keyed by stable lesson and step ids,
 * in progress.json under $REPL_TUTOR_HOME, $XDG_CONFIG_HOME/repl-tutor or ~/.config/repl-tutor
 * (a teacher's lesson folder has a file of its own there: see progressFileFor).
 * Saves merge with what another instance saved meanwhile, under an advisory lock, and are atomic
 * and durable (temp file in the same folder, fsync, rename), written through symlinks; a corrupt
 * file is set aside, a device or FIFO is never read or replaced, never a crash.
 */

import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readlinkSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { lockSync } from 'proper-lockfile';
import writeFileAtomic from 'write-file-atomic';
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

/**
 * The progress file, relative to the progress home, for the lessons of `lessonsDir`: progress.json
 * for the bundled lessons (no folder), else `folders/<name>-<hash>.json`, one file per teacher's
 * folder, named by the hash of its real path. A lesson id names a lesson only within its folder, so
 * a teacher's `build-it` never shares progress with the bundled one; a file per folder keeps each
 * file in progress.json's format (read, saved and set aside the same way) and lets one folder's
 * progress be reset alone. Moving the folder starts its progress afresh.
 */
export function progressFileFor(lessonsDir?: string): string {
  if (lessonsDir === undefined) return 'progress.json';
  let real = resolve(lessonsDir);
  try {
    real = realpathSync(real);
  } catch {
    // a folder that cannot be resolved (gone, unreadable) keeps its plain absolute path
  }
  const name = basename(real).replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 40) || 'lessons';
  return join('folders', `${name}-${createHash('sha1').update(real).digest('hex').slice(0, 12)}.json`);
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

/** A progress file is a few kilobytes; anything bigger than this is not one (or is /dev/zero). */
export const MAX_PROGRESS_BYTES = 1 << 20;

/** Where a write to `file` lands: through a symlink (even a dangling one) to its target. */
function writeTarget(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    // A dangling link is written through to where it points; a missing file is made.
    try {
      const link = readlinkSync(file);
      return isAbsolute(link) ? link : join(dirname(file), link);
    } catch {
      return file;
    }
  }
}

/** Refuse a target that exists and is not a regular file (a device, a FIFO, a directory). */
function checkRegular(target: string, shown: string): void {
  let st;
  try {
    st = statSync(target);
  } catch {
    return; // not there yet: it will be a new regular file
  }
  if (!st.isFile()) throw new Error(`${shown} is not a regular file (a device, FIFO or directory): refusing to replace it`);
}

/**
 * Read a small regular file as UTF-8: a device, FIFO or directory is refused, and no more than
 * MAX_PROGRESS_BYTES are read. Throws with a one-line message.
 */
export function readSmallRegularFile(file: string): string {
  // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!fstatSync(fd).isFile()) throw new Error(`${file} is not a regular file (a device, FIFO or directory)`);
    const buf = Buffer.alloc(MAX_PROGRESS_BYTES + 1);
    let n = 0;
    for (;;) {
      const r = readSync(fd, buf, n, buf.length - n, null);
      if (r === 0) break;
      n += r;
      if (n > MAX_PROGRESS_BYTES) throw new Error(`${file} is larger than ${MAX_PROGRESS_BYTES >> 20} MiB: not a progress file`);
    }
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Write `text` to `file` atomically and durably (write-file-atomic: a temp file in the same folder,
 * fsync, rename), through a symlink to its target; a non-regular target is refused.
 */
function writeAtomic(file: string, text: string): void {
  const target = writeTarget(file);
  checkRegular(target, file);
  mkdirSync(dirname(target), { recursive: true });
  writeFileAtomic.sync(target, text, { encoding: 'utf8', fsync: true });
}

/** Temp files a killed save left next to `target`: ours from before (`.tmp-PID`) and write-file-atomic's (`.NNN`). */
function removeStaleTemps(target: string): void {
  const base = basename(target);
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(base + '.')) continue;
    const rest = name.slice(base.length + 1);
    // Under the lock no other save is writing, so every temp file is a dead one.
    if (/^\d+$/.test(rest) || /^tmp-\d+$/.test(rest)) rmSync(join(dirname(target), name), { force: true });
  }
}

/** How long a save waits for another instance's lock; a lock older than LOCK_STALE_MS is a dead one's. */
const LOCK_WAIT_MS = 7_000;
const LOCK_STALE_MS = 5_000;

/** Sleep without an event loop (saves are synchronous, and take milliseconds). */
function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Run `fn` holding the advisory lock of `file` (proper-lockfile: a `FILE.lock` directory, taken
 * over when stale). Waits for another instance's save; after LOCK_WAIT_MS, throws.
 */
function withLock<T>(file: string, fn: () => T): T {
  mkdirSync(dirname(file), { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  let release: (() => void) | null = null;
  for (;;) {
    try {
      release = lockSync(file, { realpath: false, stale: LOCK_STALE_MS });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ELOCKED' || Date.now() > deadline) throw e;
      sleepMs(25);
    }
  }
  try {
    return fn();
  } finally {
    try {
      release();
    } catch {
      // Already gone (taken over as stale): nothing of ours to release.
    }
  }
}

/**
 * Two instances' progress, merged per lesson and step: completed steps are the union (disk's order
 * first); `current` (with its prompt) and the language are ours where this instance set them, else
 * the disk's.
 */
export function mergeProgress(disk: Progress, ours: Progress, set: { language: boolean; current: ReadonlySet<string> }): Progress {
  const lessons: Record<string, LessonProgress> = {};
  for (const id of new Set([...Object.keys(disk.lessons), ...Object.keys(ours.lessons)])) {
    const d = disk.lessons[id];
    const o = ours.lessons[id];
    const completed = [...(d?.completed ?? [])];
    for (const step of o?.completed ?? []) if (!completed.includes(step)) completed.push(step);
    // Where the learner is (step and prompt) is one thing: ours if we moved it, else the disk's.
    const where = set.current.has(id) ? o : (d ?? o);
    const current = where?.current;
    const prompt = where?.prompt;
    lessons[id] = { completed, ...(current !== undefined ? { current } : {}), ...(prompt !== undefined ? { prompt } : {}) };
  }
  const language = set.language ? ours.language : (disk.language ?? ours.language);
  return { version: 1, ...(language ? { language } : {}), lessons };
}

export class ProgressStore {
  readonly file: string;
  private data: Progress | null = null;
  /** One-line warnings for the caller to show (a corrupt file set aside, a failed save). */
  readonly warnings: string[] = [];
  /** What this instance set itself (kept over the disk's on a merge): the language, each lesson's current step. */
  private readonly set = { language: false, current: new Set<string>() };

  /** `file` is relative to `home`: progress.json, or a teacher's folder's file (progressFileFor). */
  constructor(readonly home: string = progressDir(), file = 'progress.json') {
    this.file = join(home, file);
  }

  /** The progress, read from disk on first use. A corrupt file is renamed aside with a warning. */
  get progress(): Progress {
    if (!this.data) this.data = this.read();
    return this.data;
  }

  private read(): Progress {
    let text: string;
    try {
      text = readSmallRegularFile(this.file);
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

  /**
   * Save: under the lock, read what is on disk now (another instance may have saved), merge, and
   * write atomically. What this instance knows afterwards is the merge.
   */
  private save(): void {
    const ours = this.progress;
    try {
      const target = writeTarget(this.file);
      withLock(target, () => {
        removeStaleTemps(target);
        const merged = mergeProgress(this.readForMerge(), ours, this.set);
        writeAtomic(this.file, JSON.stringify(merged, null, 2) + '\n');
        this.data = merged;
      });
    } catch (e) {
      this.warnings.push(`could not save progress to ${this.file}: ${(e as Error).message.split('\n')[0]}`);
    }
  }

  /** The progress on disk for a merge: none when missing, unreadable or corrupt (the save replaces it). */
  private readForMerge(): Progress {
    try {
      return parseProgress(readSmallRegularFile(this.file)) ?? emptyProgress();
    } catch {
      return emptyProgress();
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
    if (nextStepId !== undefined) {
      lp.current = nextStepId;
      this.set.current.add(lessonId);
    }
    this.save();
  }

  /** Remember where the learner is in a lesson (the step, and the prompt when given); saved at once. */
  setCurrent(lessonId: string, stepId: string, prompt?: string): void {
    const lp = this.lesson(lessonId);
    if (lp.current === stepId && (prompt === undefined || lp.prompt === prompt)) return;
    lp.current = stepId;
    if (prompt !== undefined) lp.prompt = prompt;
    this.set.current.add(lessonId);
    this.save();
  }

  /** Remember the prompt the learner is at in a lesson; saved when it changed. */
  setPrompt(lessonId: string, prompt: string): void {
    const lp = this.lesson(lessonId);
    if (lp.prompt === prompt) return;
    lp.prompt = prompt;
    this.set.current.add(lessonId);
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
    this.set.language = true;
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
      text = readSmallRegularFile(file);
    } catch (e) {
      return `cannot read ${file}: ${(e as Error).message}`;
    }
    const p = parseProgress(text);
    if (!p) return `${file} is not a repl-tutor progress file`;
    // An import replaces the progress (that is what it is for), under the lock all the same.
    const target = writeTarget(this.file);
    withLock(target, () => {
      removeStaleTemps(target);
      writeAtomic(this.file, JSON.stringify(p, null, 2) + '\n');
    });
    this.data = p;
    return null;
  }

  /** `repl-tutor progress --reset`: forget all progress (the language choice too). */
  reset(): void {
    this.data = emptyProgress();
    const target = writeTarget(this.file);
    withLock(target, () => {
      removeStaleTemps(target);
      rmSync(this.file, { force: true });
    });
  }
}
