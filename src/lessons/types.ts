/** The lesson model as plain data: what a validated lesson file (lessons/*.yaml) becomes. */

import type { Language, Localized } from '../language.js';
import type { TimeMode } from '../repl/api.js';

/** Progressive hints, one list per language (same length in each). */
export type LocalizedList = Record<Language, string[]>;

/**
 * One declarative check over the world, e.g. `{ type: 'replica-of', replica: 6381, master: 6380 }`.
 * Parameters depend on the type (see goals.ts); `text` overrides the generated description.
 */
export interface Goal {
  type: string;
  text?: Localized;
  [param: string]: unknown;
}

export interface Step {
  id: string;
  text: Localized;
  /** Lines run headless before the step: shell lines, redis commands, ':' tutor lines. */
  setup: string[];
  /** Time mode for the learner once the setup ran; absent = keep the mode in effect. */
  mode?: TimeMode;
  goals: Goal[];
  hints: LocalizedList;
  /** Lines that meet every goal when typed after the setup. */
  solution: string[];
  /** Shown once the goals are met. */
  why?: Localized;
  /**
   * Shown when a goal has become unreachable in this step (`dead_end:` in the file): what the
   * learner did, why the step cannot finish from there. The screen adds the way out (^G, :solve).
   */
  deadEnd?: Localized;
}

export type LessonKind = 'lesson' | 'sandbox';

export interface Lesson {
  /** Stable id: progress is keyed by it, never by file name or order. */
  id: string;
  order: number;
  kind: LessonKind;
  title: Localized;
  summary: Localized;
  steps: Step[];
  /** The file it came from (for messages). */
  file: string;
}

/** A problem found in a lesson file: where, and what is wrong. */
export interface LessonError {
  file: string;
  /** 1-based line, or 0 when the whole file is concerned. */
  line: number;
  /** Dotted path to the offending value, e.g. `steps[2].goals[0].type`. */
  path: string;
  message: string;
}

/** `file:line: path: message` — the one-line form used by the menu and `lessons check`. */
export function formatLessonError(e: LessonError): string {
  const where = e.line > 0 ? `${e.file}:${e.line}` : e.file;
  return e.path ? `${where}: ${e.path}: ${e.message}` : `${where}: ${e.message}`;
}
