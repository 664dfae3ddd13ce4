/**
 * The catalogue of lessons the app opens, assembled in one place: lessons loaded from a folder
 * (the bundled lessons/ unless told otherwise), progress from the progress store, and each lesson
 * played by a LessonSession over a ReplSession over a fresh World.
 */

import { readCompiledLessons } from './compiled.js';
import type { Catalog, LessonSummary, ProgressMark } from './api.js';
import { defaultLessonsDir, loadLessons } from './loader.js';
import { ProgressStore, progressDir } from './progress.js';
import { loadSandbox } from './saved-sandbox.js';
import { LessonSession } from './session.js';
import type { Language } from '../language.js';
import { formatLessonError, type Lesson } from './types.js';
import { ReplSession } from '../repl/session.js';

export interface CatalogOptions {
  lessonsDir?: string;
  /** dist/lessons.json, made by the build: lessons whose files are unchanged skip the YAML parse. */
  compiledLessons?: string;
  env?: NodeJS.ProcessEnv;
}

function progressMark(lesson: Lesson, done: readonly string[], current: string | undefined): ProgressMark {
  if (lesson.steps.length > 0 && lesson.steps.every((s) => done.includes(s.id))) return 'done';
  return done.length > 0 || current !== undefined ? 'started' : 'new';
}

export function createCatalog(opts: CatalogOptions = {}): Catalog {
  const env = opts.env ?? process.env;
  const compiled = opts.compiledLessons === undefined ? undefined : readCompiledLessons(opts.compiledLessons);
  const loaded = loadLessons(opts.lessonsDir ?? defaultLessonsDir(), compiled);
  const progress = new ProgressStore(progressDir(env));
  const lessons = loaded.lessons;
  const newSession = (lang: Language, seed: number) =>
    new LessonSession({ lessons, progress, language: lang, createRepl: (s) => new ReplSession({ seed: s ?? seed }) });

  const catalog: Catalog = {
    list(lang): LessonSummary[] {
      return lessons
        .filter((l) => l.kind === 'lesson')
        .map((l) => {
          const done = progress.completedSteps(l.id);
          return {
            id: l.id,
            title: l.title[lang],
            summary: l.summary[lang],
            steps: l.steps.length,
            stepsDone: l.steps.filter((s) => done.includes(s.id)).length,
            progress: progressMark(l, done, progress.currentStep(l.id)),
          };
        });
    },
    warnings: () => [...loaded.errors.map(formatLessonError), ...progress.warnings],
    open(id, lang, seed) {
      const ls = newSession(lang, seed);
      ls.open(id);
      return ls;
    },
    sandbox(lang, seed, name) {
      const sandbox = lessons.find((l) => l.kind === 'sandbox');
      if (!sandbox) throw new Error('no sandbox lesson in the lessons folder');
      if (name === undefined) return catalog.open(sandbox.id, lang, seed);
      const saved = loadSandbox(progress.home, name);
      if ('error' in saved) throw new Error(saved.error);
      const ls = newSession(lang, saved.seed);
      ls.openSaved(sandbox.id, saved);
      return ls;
    },
    savedLanguage: () => progress.language,
    saveLanguage: (lang) => progress.setLanguage(lang),
  };
  return catalog;
}
