/**
 * The app's real dependencies: lessons loaded from lessons/, progress in the progress store, each
 * lesson played through a LessonSession over a ReplSession over a fresh World, trace lines from
 * src/repl/trace-format.ts, and INFO replication straight from the engine's INFO code.
 */

import { World } from '../redis/world.js';
import type { WorldApi } from '../redis/api.js';
import { replicationSection } from '../redis/info.js';
import { readCompiledLessons } from '../lessons/compiled.js';
import { defaultLessonsDir, loadLessons } from '../lessons/loader.js';
import { ProgressStore, progressDir } from '../lessons/progress.js';
import { LessonSession } from '../lessons/session.js';
import { formatLessonError, type Lesson } from '../lessons/types.js';
import { ReplSession } from '../repl/session.js';
import { formatTrace } from '../repl/trace-format.js';
import type { CatalogPort, LessonRunPort, LessonSummary, ProgressMark, SessionPort, StepView, UiDeps } from './ports.js';
import type { Language } from '../language.js';

export interface DefaultDepsOptions {
  lessonsDir?: string;
  /** dist/lessons.json, made by the build: lessons whose files are unchanged skip the YAML parse. */
  compiledLessons?: string;
  env?: NodeJS.ProcessEnv;
}

/** A step's title is its text's leading `# heading`, if it has one; the rest is its narrative. */
export function splitTitle(text: string): { title: string; body: string } {
  const m = /^\s*#{1,6}\s+(.*)\n?/.exec(text);
  return m ? { title: m[1].trim(), body: text.slice(m[0].length) } : { title: '', body: text };
}

/** The lesson session as the screen sees it. */
export function lessonRun(ls: LessonSession): LessonRunPort {
  return {
    // LessonSession's factory (below) only ever makes ReplSessions.
    get session() {
      return ls.repl as unknown as SessionPort;
    },
    view(): StepView {
      const lesson = ls.lesson!;
      const lang = ls.language;
      const { title, body } = splitTitle(ls.text);
      return {
        lessonId: lesson.id,
        lessonTitle: lesson.title[lang],
        index: ls.stepIndex,
        count: lesson.steps.length,
        title,
        text: body,
        goals: ls.goals.map((g) => ({ label: g.description, met: g.met })),
        hints: ls.hints,
        hintsLeft: ls.hintsLeft,
        why: ls.why,
        complete: ls.completed,
        lessonDone: ls.completed && ls.isLastStep,
      };
    },
    check: () => void ls.check(),
    nextHint: () => void ls.revealHint(),
    advance: () => ls.next(),
  };
}

function progressMark(lesson: Lesson, done: readonly string[], current: string | undefined): ProgressMark {
  if (lesson.steps.length > 0 && lesson.steps.every((s) => done.includes(s.id))) return 'done';
  return done.length > 0 || current !== undefined ? 'started' : 'new';
}

/** The engine's INFO replication section for one node, or a one-line note when it is not running. */
function infoReplication(world: WorldApi, port: number): string[] {
  const server = (world as World).server(port);
  return server ? replicationSection(server) : [`${port} is not running`];
}

export function defaultDeps(opts: DefaultDepsOptions = {}): UiDeps {
  const env = opts.env ?? process.env;
  const compiled = opts.compiledLessons === undefined ? undefined : readCompiledLessons(opts.compiledLessons);
  const loaded = loadLessons(opts.lessonsDir ?? defaultLessonsDir(), compiled);
  const progress = new ProgressStore(progressDir(env));
  const lessons = loaded.lessons;
  const newSession = (lang: Language, seed: number) =>
    new LessonSession({
      lessons,
      progress,
      language: lang,
      createRepl: () => new ReplSession({ seed, createWorld: (s) => new World({ seed: s }) }),
    });

  const catalog: CatalogPort = {
    list(lang): LessonSummary[] {
      return lessons
        .filter((l) => l.kind === 'lesson')
        .map((l) => ({ id: l.id, title: l.title[lang], progress: progressMark(l, progress.completedSteps(l.id), progress.currentStep(l.id)) }));
    },
    warnings: () => [...loaded.errors.map(formatLessonError), ...progress.warnings],
    open(id, lang, seed) {
      const ls = newSession(lang, seed);
      ls.open(id);
      return lessonRun(ls);
    },
    sandbox(lang, seed) {
      const sandbox = lessons.find((l) => l.kind === 'sandbox');
      if (!sandbox) throw new Error('no sandbox lesson in the lessons folder');
      return catalog.open(sandbox.id, lang, seed);
    },
    savedLanguage: () => progress.language,
    saveLanguage: (lang) => progress.setLanguage(lang),
  };
  return { catalog, formatTrace, infoReplication };
}
