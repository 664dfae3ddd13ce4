/**
 * What the terminal app is given from the layers below: the lesson catalogue (whose lessons are
 * lesson controllers over REPL sessions) and the trace's readable lines. `default-deps.ts` binds
 * them to src/lessons and src/repl; tests bind them to small fixtures.
 */

import type { TraceEvent } from '../redis/trace.js';
import type { Catalog } from '../lessons/api.js';
import type { Language } from '../language.js';

export type { Catalog, GoalView, LessonController, LessonSummary, Notice, Outcome, ProgressMark, StepView } from '../lessons/api.js';

export type Lang = Language;

/** Everything the app is given. */
export interface UiDeps {
  catalog: Catalog;
  /** One readable line per trace event in the learner's language (src/repl/trace-format.ts). */
  formatTrace(e: TraceEvent, lang?: Lang): string;
  /** Write a file the learner asked for (`:export svg FILE`), relative to the current folder: its full path, or why not. */
  writeFile?(path: string, text: string): { path: string } | { error: string };
}
