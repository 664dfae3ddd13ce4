/**
 * A learner's lesson session: the current lesson and step over one REPL session, goals ticked off
 * as lines are typed and time moves, hints one at a time, next/prev, language, saved progress.
 */

import type { OutputLine } from '../repl/api.js';
import { describeGoal } from './goals.js';
import type { ProgressStore } from './progress.js';
import { evaluateGoals, prepareStep, runSetup, type ReplFactory, type TutorRepl } from './runner.js';
import type { Language } from '../language.js';
import type { Goal, Lesson, Step } from './types.js';

export interface GoalStatus {
  goal: Goal;
  description: string;
  met: boolean;
}

/** What changed after a check: goals that just ticked off, and whether the step just completed. */
export interface CheckResult {
  newlyMet: GoalStatus[];
  completed: boolean;
}

/** ReplSession's rewind to the start of a step (optional: a REPL without it is rebuilt instead). */
interface Rewindable {
  mark(): unknown;
  rewindToMark(mark: unknown): boolean;
}

export interface LessonSessionOptions {
  lessons: readonly Lesson[];
  /** A fresh REPL session over a fresh world (a new one per lesson start and per rewind). */
  createRepl: ReplFactory;
  progress?: ProgressStore;
  language?: Language;
}

export class LessonSession {
  readonly lessons: readonly Lesson[];
  language: Language;
  private readonly createRepl: ReplFactory;
  private readonly progress?: ProgressStore;
  private current: Lesson | null = null;
  private index = 0;
  private repl_: TutorRepl;
  private stepStartSeq = 0;
  /** The world the step started in (a rewind or `:seed` replaces it). */
  private world: unknown = null;
  private met: boolean[] = [];
  private hintsShown = 0;
  private done = false;
  /** The REPL's rewind mark for the start of this step (after its setup), when it has marks. */
  private mark: unknown = null;

  constructor(opts: LessonSessionOptions) {
    this.lessons = opts.lessons;
    this.createRepl = opts.createRepl;
    this.progress = opts.progress;
    this.language = opts.language ?? opts.progress?.language ?? 'en';
    this.repl_ = this.newRepl();
  }

  /** A fresh REPL that speaks the learner's language in its own `:` lines. */
  private newRepl(): TutorRepl {
    const repl = this.createRepl();
    repl.language = this.language;
    return repl;
  }

  /** The REPL the learner types into (replaced when a lesson starts or a step is rebuilt). */
  get repl(): TutorRepl {
    return this.repl_;
  }

  get lesson(): Lesson | null {
    return this.current;
  }

  get stepIndex(): number {
    return this.index;
  }

  get step(): Step | null {
    return this.current ? this.current.steps[this.index] : null;
  }

  /** The step is complete: every goal has been met (the sandbox never completes). */
  get completed(): boolean {
    return this.done;
  }

  get isLastStep(): boolean {
    return !!this.current && this.index === this.current.steps.length - 1;
  }

  /** Warnings for the learner (a corrupt progress file set aside, a save that failed). */
  get warnings(): readonly string[] {
    return this.progress?.warnings ?? [];
  }

  /** Steps of `lessonId` completed in earlier sessions or this one. */
  completedSteps(lessonId: string): string[] {
    return this.progress?.completedSteps(lessonId) ?? [];
  }

  setLanguage(lang: Language): void {
    this.language = lang;
    this.repl_.language = lang;
    this.progress?.setLanguage(lang);
  }

  /**
   * Open a lesson at `stepId`, else where the learner left it, else at its first step. The world
   * is rebuilt from scratch: earlier steps' setups and solutions run headless, then this step's setup.
   */
  open(lessonId: string, stepId?: string): void {
    const lesson = this.lessons.find((l) => l.id === lessonId);
    if (!lesson) throw new Error(`no lesson "${lessonId}"`);
    const wanted = stepId ?? this.progress?.currentStep(lessonId);
    const at = Math.max(0, lesson.steps.findIndex((s) => s.id === wanted));
    this.current = lesson;
    this.goTo(at, true);
  }

  /**
   * Start the current step again: rewind to the mark taken after its setup when the REPL can
   * (ReplSession replays its recorded inputs), else rebuild the world from scratch.
   */
  restartStep(): void {
    if (!this.current) return;
    const repl = this.repl_ as TutorRepl & Partial<Rewindable>;
    if (this.mark !== null && typeof repl.rewindToMark === 'function' && repl.rewindToMark(this.mark)) {
      const mode = this.current.steps[this.index].mode;
      if (mode) repl.timeMode = mode;
      this.world = repl.world;
      this.resetStepState();
      this.check();
      return;
    }
    this.goTo(this.index, true);
  }

  /** Move on to the next step, keeping the world as the learner left it. False at the last step. */
  next(): boolean {
    if (!this.current || this.isLastStep) return false;
    this.goTo(this.index + 1, false);
    return true;
  }

  /** Go back one step (the world is rebuilt to that step's start). False at the first step. */
  prev(): boolean {
    if (!this.current || this.index === 0) return false;
    this.goTo(this.index - 1, true);
    return true;
  }

  private goTo(index: number, rebuild: boolean): void {
    const lesson = this.current!;
    if (rebuild) {
      this.repl_ = this.newRepl();
      this.stepStartSeq = prepareStep(this.repl_, lesson, index);
    } else {
      this.stepStartSeq = runSetup(this.repl_, lesson.steps[index]);
    }
    this.index = index;
    const repl = this.repl_ as TutorRepl & Partial<Rewindable>;
    this.mark = typeof repl.mark === 'function' ? repl.mark() : null;
    this.world = repl.world;
    this.resetStepState();
    this.progress?.setCurrent(lesson.id, lesson.steps[index].id);
    // A goal can only be met by what the learner does, but evaluate once so the view is right.
    this.check();
  }

  private resetStepState(): void {
    this.met = this.current!.steps[this.index].goals.map(() => false);
    this.hintsShown = 0;
    this.done = false;
  }

  /** Run one typed line, then check the goals. */
  submit(line: string): OutputLine[] {
    const out = this.repl_.submit(line);
    this.check();
    return out;
  }

  /**
   * Check the goals now (call after time moves: a step key, `:run`). A goal, once met, stays ticked;
   * when the last one ticks the step completes and progress is saved.
   */
  check(): CheckResult {
    const step = this.step;
    if (!step || this.done) return { newlyMet: [], completed: false };
    // `:seed N` replaces the world: its whole (new) trace then belongs to this step.
    if (this.repl_.world !== this.world) {
      this.world = this.repl_.world;
      this.stepStartSeq = 0;
    }
    const now = evaluateGoals(this.repl_.world, step.goals, this.stepStartSeq);
    const newlyMet: GoalStatus[] = [];
    now.forEach((ok, i) => {
      if (ok && !this.met[i]) {
        this.met[i] = true;
        newlyMet.push(this.status(i));
      }
    });
    if (step.goals.length > 0 && this.met.every(Boolean)) {
      this.done = true;
      const lesson = this.current!;
      this.progress?.completeStep(lesson.id, step.id, lesson.steps[this.index + 1]?.id);
      return { newlyMet, completed: true };
    }
    return { newlyMet, completed: false };
  }

  private status(i: number): GoalStatus {
    const goal = this.step!.goals[i];
    return { goal, description: describeGoal(goal, this.language), met: this.met[i] };
  }

  /** The step's goals with their descriptions in the current language. */
  get goals(): GoalStatus[] {
    return this.step ? this.step.goals.map((_, i) => this.status(i)) : [];
  }

  /** The step's narrative in the current language. */
  get text(): string {
    return this.step?.text[this.language] ?? '';
  }

  /** The step's "why", once its goals are met. */
  get why(): string | null {
    return this.done && this.step?.why ? this.step.why[this.language] : null;
  }

  /** Hints revealed so far, in the current language. */
  get hints(): string[] {
    return this.step ? this.step.hints[this.language].slice(0, this.hintsShown) : [];
  }

  get hintsLeft(): number {
    return this.step ? this.step.hints[this.language].length - this.hintsShown : 0;
  }

  /** Reveal the next hint; returns it, or null when all are shown. */
  revealHint(): string | null {
    const step = this.step;
    if (!step || this.hintsShown >= step.hints[this.language].length) return null;
    return step.hints[this.language][this.hintsShown++];
  }

  /** The step's solution lines (for a "show me" key). */
  get solution(): readonly string[] {
    return this.step?.solution ?? [];
  }
}
