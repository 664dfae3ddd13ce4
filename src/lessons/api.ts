/**
 * The lessons layer's public surface, as types: the catalogue of lessons and the lesson controller
 * the app drives. Every learner action is a verb on the controller, which acts on the REPL session,
 * checks the goals, saves progress and returns what to show (RaftScope's beats: act, check, save,
 * render). No Ink here.
 */

import type { EventLabel } from '../sim/scheduler.js';
import type { LiveNotice, OutputLine, ReplSessionApi } from '../repl/api.js';
import type { Language } from '../language.js';

export type ProgressMark = 'new' | 'started' | 'done';

export interface LessonSummary {
  id: string;
  title: string;
  /** One or two sentences: what the lesson teaches. */
  summary: string;
  steps: number;
  /** Steps completed so far. */
  stepsDone: number;
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
  /** Step narrative, in the markdown subset of src/ui/markdown.ts. */
  text: string;
  goals: GoalView[];
  /** Hints revealed so far. */
  hints: string[];
  hintsLeft: number;
  /** Shown once every goal is met. */
  why: string | null;
  /**
   * Shown when a goal can no longer be met in this step (the learner took a way the step cannot
   * finish from): what happened, why, and the way out.
   */
  deadEnd: string | null;
  complete: boolean;
  /** The last step is complete. */
  lessonDone: boolean;
  /** The step's goals were already met when it opened (the learner ran ahead). */
  metOnArrival: boolean;
}

/**
 * Something the controller tells the learner in one line; the UI words it in the learner's
 * language (src/ui/strings.ts). `label` is a scheduler event label.
 */
export type Notice =
  | { kind: 'rewound' }
  | { kind: 'nothingToRewind' }
  | { kind: 'rewoundStep' }
  | { kind: 'noMark' }
  | { kind: 'noMoreHints' }
  | { kind: 'noPreviousStep' }
  | { kind: 'previousStep' }
  | { kind: 'restarted' }
  | { kind: 'nothingPending' }
  | { kind: 'onlyPeriodic'; label: EventLabel }
  | { kind: 'stepMode' }
  | { kind: 'settled' }
  | { kind: 'solving'; lines: number }
  | { kind: 'noSolution' }
  | { kind: 'saved'; name: string; file: string }
  | { kind: 'saveFailed'; message: string }
  | { kind: 'saveOnlySandbox' }
  /** `:save` in serve mode: a served session is kept by `--record FILE`. */
  | { kind: 'saveServed' }
  /** Serve mode: what the live server said (a port taken, connections a rewind closed). */
  | { kind: 'live'; notices: LiveNotice[] };

/** What a verb did: lines to print, a notice, and what changed. */
export interface Outcome {
  lines: OutputLine[];
  notice?: Notice;
  /** The step index changed (the step pane scrolls back to its top). */
  stepChanged?: boolean;
  /** The `clear` line ran: the output pane empties. */
  cleared?: boolean;
  /** The current step became complete with this verb (play mode stops here). */
  completed?: boolean;
  /** `:save` without a name: the app asks for one. */
  askSaveName?: boolean;
}

/** One lesson being played (or the sandbox: no goals, one step). Only it sets rewind marks. */
export interface LessonController {
  readonly session: ReplSessionApi;
  view(): StepView;
  /** Speak `lang` from now on (a lesson kept open while the learner switched language in the menu). */
  setLanguage(lang: Language): void;
  /** Run one typed line (an empty line on a completed step moves to the next step). */
  submit(line: string): Outcome;
  /** Fire events up to the one the "next:" line names, `times` times. */
  step(times?: number): Outcome;
  /** Run until replication has settled. */
  settle(): Outcome;
  /** Settled ↔ step mode. */
  toggleTimeMode(): Outcome;
  /** Play mode moves time event by event: it needs step mode. */
  startPlaying(): void;
  /** True while some non-periodic event is pending (there is something to step to). */
  hasPending(): boolean;
  /** Apply a fault, given as its `:` line (recorded like a typed line, so rewind replays it). */
  applyFault(line: string): Outcome;
  rewindEvent(): Outcome;
  /** Back to the start of the current step: the world, the goals and the hints. */
  rewindStep(): Outcome;
  /** Back to the start of the previous step. */
  previousStep(): Outcome;
  /** The whole lesson again from its first step. */
  restartLesson(): Outcome;
  nextHint(): Outcome;
  /**
   * Serve mode: time moved by itself (the wall clock, a real client): judge the goals and collect
   * what appeared (a blocked reply's answer, the live server's notices).
   */
  observe(): Outcome;
  /** ^C while redis-cli waits for a reply: it gives up, as redis-cli does. Null when nothing waits. */
  interrupt(): Outcome | null;
  /** The next line `:solve` has to type for the learner (the app types them one at a time). */
  takeSolutionLine(): string | undefined;
  /** `:solve` still has lines to type. */
  readonly solving: boolean;
}

export interface Catalog {
  list(lang: Language): LessonSummary[];
  /** One-line warnings (a broken lesson file, a corrupt progress file) for the menu. */
  warnings(): string[];
  open(id: string, lang: Language, seed: number): LessonController;
  /** The sandbox: a new one, or the one saved as `name` (throws with a message when it cannot be read). */
  sandbox(lang: Language, seed: number, name?: string): LessonController;
  /** The language the learner chose last time, if remembered. */
  savedLanguage?(): Language | undefined;
  /** Remember the learner's language choice. */
  saveLanguage?(lang: Language): void;
}
