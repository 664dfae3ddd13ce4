/**
 * The catalogue of lessons the app opens, assembled in one place: lessons loaded from the bundled
 * lessons/ and any teachers' folders (`--lessons DIR`, beside them or, with `--no-bundled`, instead),
 * progress from the progress store (one file per folder), and each lesson played by a
 * LessonSession over a ReplSession over a fresh World.
 */

import { readCompiledLessons } from './compiled.js';
import type { Catalog, LessonSummary, ProgressMark } from './api.js';
import { defaultLessonsDir, loadLessonFolders } from './loader.js';
import { ProgressStore, progressDir, progressFileFor } from './progress.js';
import { loadSandbox } from './saved-sandbox.js';
import { LessonSession } from './session.js';
import type { Language } from '../language.js';
import { formatLessonError, type Lesson } from './types.js';
import { ReplSession } from '../repl/session.js';
import type { ReplSessionApi } from '../repl/api.js';

export interface CatalogOptions {
  /** The bundled lessons (default: the package's lessons/). */
  lessonsDir?: string;
  /** Teachers' lesson folders (`--lessons DIR`), in the order given. */
  extraLessonDirs?: readonly string[];
  /** False (`--no-bundled`): the teachers' folders replace the bundled lessons. Default true. */
  bundled?: boolean;
  /** dist/lessons.json, made by the build: lessons whose files are unchanged skip the YAML parse. */
  compiledLessons?: string;
  env?: NodeJS.ProcessEnv;
  /**
   * The REPL each fresh world runs in (default: a ReplSession over a new simulated World). Serve
   * mode passes its own, so every world a lesson builds is the one real clients talk to.
   */
  createRepl?: (seed: number) => ReplSessionApi;
}

function progressMark(lesson: Lesson, done: readonly string[], current: string | undefined): ProgressMark {
  if (lesson.steps.length > 0 && lesson.steps.every((s) => done.includes(s.id))) return 'done';
  return done.length > 0 || current !== undefined ? 'started' : 'new';
}

export function createCatalog(opts: CatalogOptions = {}): Catalog {
  const env = opts.env ?? process.env;
  const compiled = opts.compiledLessons === undefined ? undefined : readCompiledLessons(opts.compiledLessons);
  const loaded = loadLessonFolders({
    bundledDir: opts.lessonsDir ?? defaultLessonsDir(),
    compiled,
    extraDirs: opts.extraLessonDirs,
    bundled: opts.bundled,
  });
  const home = progressDir(env);
  // The bundled lessons' store also keeps the learner's language; each teacher's folder has its own file.
  const progress = new ProgressStore(home);
  const folderStores = new Map<string, ProgressStore>();
  const storeOf = (lessonId: string): ProgressStore => {
    const dir = loaded.folderOf.get(lessonId);
    if (dir === undefined) return progress;
    let store = folderStores.get(dir);
    if (!store) folderStores.set(dir, (store = new ProgressStore(home, progressFileFor(dir))));
    return store;
  };
  const lessons = loaded.lessons;
  const newSession = (lessonId: string, lang: Language, seed: number) =>
    new LessonSession({ lessons, progress: storeOf(lessonId), language: lang, createRepl: (s) => (opts.createRepl ? opts.createRepl(s ?? seed) : new ReplSession({ seed: s ?? seed })) });

  const catalog: Catalog = {
    list(lang): LessonSummary[] {
      return lessons
        .filter((l) => l.kind === 'lesson')
        .map((l) => {
          const store = storeOf(l.id);
          const done = store.completedSteps(l.id);
          return {
            id: l.id,
            title: l.title[lang],
            summary: l.summary[lang],
            steps: l.steps.length,
            stepsDone: l.steps.filter((s) => done.includes(s.id)).length,
            progress: progressMark(l, done, store.currentStep(l.id)),
          };
        });
    },
    warnings: () => [
      ...loaded.errors.map(formatLessonError),
      ...progress.warnings,
      ...[...folderStores.values()].flatMap((s) => s.warnings),
    ],
    open(id, lang, seed) {
      const ls = newSession(id, lang, seed);
      ls.open(id);
      return ls;
    },
    sandbox(lang, seed, name) {
      const sandbox = lessons.find((l) => l.kind === 'sandbox');
      if (!sandbox) throw new Error('no sandbox lesson in the lessons folder');
      if (name === undefined) return catalog.open(sandbox.id, lang, seed);
      const saved = loadSandbox(progress.home, name);
      if ('error' in saved) throw new Error(saved.error);
      const ls = newSession(sandbox.id, lang, saved.seed);
      ls.openSaved(sandbox.id, saved);
      return ls;
    },
    savedLanguage: () => progress.language,
    saveLanguage: (lang) => progress.setLanguage(lang),
  };
  return catalog;
}
