/**
 * What the terminal app needs from the layers below, as interfaces: a REPL session over a world,
 * and lessons (a catalogue and a running lesson). `default-deps.ts` binds them to src/repl and
 * src/lessons; tests bind them to small fixtures.
 */

import type { WorldApi } from '../redis/api.js';
import type { TraceEvent } from '../redis/trace.js';
import type { ReplSessionApi } from '../repl/api.js';
import type { Language } from '../language.js';
import type { EventLabel } from '../sim/scheduler.js';

/** A REPL session with its world and deterministic rewind (ReplSession in src/repl/session.ts). */
export interface SessionPort extends ReplSessionApi {
  readonly world: WorldApi;
  /** Remember the current position as the start of a step. */
  mark(): void;
  /** Rebuild the world one event earlier; false when there is nothing to undo. */
  rewindOneEvent(): boolean;
  /** Rebuild the world as it was at the last mark(); false when there is no mark. */
  rewindToMark(): boolean;
  /**
   * Fire events until the one `world.nextEvent()` names has fired (periodic events before it fire
   * too), recorded so that rewind replays it. Returns what fired last, or undefined.
   */
  stepToNext(): { label: EventLabel } | undefined;
  /** Run until settled, recorded for rewind. */
  settle(): void;
  /** Bumped by the `clear` line: the screen empties its scrollback when it changes. */
  readonly clearCount?: number;
}

export type ProgressMark = 'new' | 'started' | 'done';

export interface LessonSummary {
  id: string;
  title: string;
  progress: ProgressMark;
}

export interface GoalView {
  label: string;
  met: boolean;
}

/** What the lesson screen shows of the current step. */
export interface StepView {
  lessonId: string;
  lessonTitle: string;
  index: number;
  count: number;
  title: string;
  /** Step narrative, in the markdown subset of markdown.ts. */
  text: string;
  goals: GoalView[];
  /** Hints revealed so far. */
  hints: string[];
  hintsLeft: number;
  /** Shown once every goal is met. */
  why: string | null;
  complete: boolean;
  /** The last step is complete. */
  lessonDone: boolean;
}

/** One lesson being played (or the sandbox: no goals, one step). */
export interface LessonRunPort {
  readonly session: SessionPort;
  view(): StepView;
  /** Check goals after the world changed; saves progress when a step becomes complete. */
  check(): void;
  /** Reveal the next hint. */
  nextHint(): void;
  /** Move to the next step (running its setup); false on the last step. */
  advance(): boolean;
}

export interface CatalogPort {
  list(lang: Language): LessonSummary[];
  /** One-line warnings (a broken lesson file, a corrupt progress file) for the menu. */
  warnings(): string[];
  open(id: string, lang: Language, seed: number): LessonRunPort;
  sandbox(lang: Language, seed: number): LessonRunPort;
  /** The language the learner chose last time, if remembered. */
  savedLanguage?(): Language | undefined;
  /** Remember the learner's language choice. */
  saveLanguage?(lang: Language): void;
}

/** Everything the app is given. */
export interface UiDeps {
  catalog: CatalogPort;
  /** One readable line per trace event in the learner's language (src/repl/trace-format.ts). */
  formatTrace(e: TraceEvent, lang?: Language): string;
  /** INFO replication text of a node, as `INFO replication` prints it, for the inspector. */
  infoReplication(world: WorldApi, port: number): string[];
}
