/**
 * The lesson controller: a learner's lesson over one REPL session. Every action the app offers is
 * a verb here (run a line, step, settle, fault, rewind, hint, next/previous step, `:solve`); each
 * acts on the session, re-judges the step's goals, saves progress and returns what to show. It is
 * the only owner of rewind marks.
 *
 * How goals are judged (lessons/README.md states the rule for authors): a step's goals are a pure
 * function of the world now and the trace since the step's *window start* — the end of the step's
 * own setup when it has one, else the start of the action that completed the step before it (so
 * what a learner who ran ahead already did counts). They are recomputed after every verb; a step,
 * once complete, stays complete until a rewind takes the world back before that. A step without a
 * setup starts (for ^G) where the step before it was met, so a learner who ran past what the step
 * needs can go back to it.
 */

import type { EventLabel } from '../sim/scheduler.js';
import type { SessionMark } from '../repl/api.js';
import type { OutputLine, ReplSessionApi } from '../repl/api.js';
import type { Catalog, LessonController, Notice, Outcome, StepView } from './api.js';
import { describeGoal, goalContext, goalUnreachable, checkGoal } from './goals.js';
import type { ProgressStore } from './progress.js';
import { prepareStep, promptPort, runSetup, SHELL_PROMPT, type ReplFactory } from './runner.js';
import type { Language } from '../language.js';
import type { Goal, Lesson, Step } from './types.js';
import { sandboxFile, saveSandbox, type SavedSandbox } from './saved-sandbox.js';
import { lessonWords } from './words.js';

export type { Catalog };

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

export interface LessonSessionOptions {
  lessons: readonly Lesson[];
  /** A fresh REPL session over a fresh world (a new one per lesson start and per rebuild). */
  createRepl: ReplFactory;
  progress?: ProgressStore;
  language?: Language;
}

const SOLVE_LINE = /^\s*:solve\s*$/;
const SAVE_LINE = /^\s*:save(?:\s+(\S+))?\s*$/;

/** A step's title is its text's leading `# heading`, if it has one; the rest is its narrative. */
export function splitTitle(text: string): { title: string; body: string } {
  const m = /^\s*#{1,6}\s+(.*)\n?/.exec(text);
  return m ? { title: m[1].trim(), body: text.slice(m[0].length) } : { title: '', body: text };
}

export class LessonSession implements LessonController {
  readonly lessons: readonly Lesson[];
  language: Language;
  private readonly createRepl: ReplFactory;
  private readonly progress?: ProgressStore;
  private current: Lesson | null = null;
  private index = 0;
  private repl_: ReplSessionApi;
  /** Goals look at trace events from this sequence number on. */
  private windowStart = 0;
  /** The world the window belongs to (a rewind or `:seed` replaces it). */
  private world: unknown = null;
  /** The goals as last judged. */
  private met: boolean[] = [];
  private hintsShown = 0;
  private done = false;
  /** The step's goals were met the moment it opened. */
  private arrivedDone = false;
  /** Trace position at the start of the action that completed the step (the next step's window start). */
  private completedFrom = 0;
  /** Trace position at the start of the action being judged. */
  private actionStart = 0;
  /** The rewind mark for the start of this step (after its setup). */
  private mark: SessionMark | null = null;
  /** A mark taken the moment this step's goals were met: the next step's start, unless it has a setup. */
  private completionMark: SessionMark | null = null;
  /** Solution lines `:solve` has yet to type. */
  private solutionQueue: string[] = [];

  constructor(opts: LessonSessionOptions) {
    this.lessons = opts.lessons;
    this.createRepl = opts.createRepl;
    this.progress = opts.progress;
    this.language = opts.language ?? opts.progress?.language ?? 'en';
    this.repl_ = this.newRepl();
  }

  /** A fresh REPL that speaks the learner's language in its own `:` lines. */
  private newRepl(seed?: number): ReplSessionApi {
    const repl = this.createRepl(seed);
    repl.language = this.language;
    return repl;
  }

  /** The REPL the learner types into (replaced when a lesson starts or a step is rebuilt). */
  get session(): ReplSessionApi {
    return this.repl_;
  }

  /** The same as `session` (the name the headless tests use). */
  get repl(): ReplSessionApi {
    return this.repl_;
  }

  get lesson(): Lesson | null {
    return this.current;
  }

  get stepIndex(): number {
    return this.index;
  }

  get currentStep(): Step | null {
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

  /**
   * Speak `lang` from now on: the step text, goals and hints, and the REPL's own lines. The
   * catalogue remembers the learner's choice (one file for all lessons), not the lesson: a
   * teacher's lesson has a progress file of its own that must not carry it.
   */
  setLanguage(lang: Language): void {
    this.language = lang;
    this.repl_.language = lang;
  }

  // -------------------------------------------------------------------------------------------
  // Opening and moving between steps

  /**
   * Open a lesson at `stepId`, else where the learner left it (at the prompt they left it at),
   * else at its first step. The world is rebuilt from scratch: earlier steps' setups and solutions
   * run headless, then this step's setup.
   */
  open(lessonId: string, stepId?: string): void {
    const lesson = this.lessons.find((l) => l.id === lessonId);
    if (!lesson) throw new Error(`no lesson "${lessonId}"`);
    const saved = this.progress?.currentStep(lessonId);
    const wanted = stepId ?? saved;
    const at = Math.max(0, lesson.steps.findIndex((s) => s.id === wanted));
    this.current = lesson;
    const prompt = stepId === undefined && wanted === lesson.steps[at].id ? this.progress?.currentPrompt(lessonId) : undefined;
    this.rebuildAt(at, prompt);
  }

  /** Open a saved sandbox: its world rebuilt from its seed and recorded inputs. */
  openSaved(lessonId: string, saved: SavedSandbox): void {
    const lesson = this.lessons.find((l) => l.id === lessonId);
    if (!lesson) throw new Error(`no lesson "${lessonId}"`);
    this.current = lesson;
    this.repl_ = this.newRepl(saved.seed);
    this.repl_.restore(saved.inputs);
    this.enterStep(0, this.repl_.world.trace.total);
  }

  /** Move on to the next step, keeping the world as the learner left it. False at the last step. */
  next(): boolean {
    if (!this.current || this.isLastStep) return false;
    const step = this.current.steps[this.index + 1];
    // Without a setup of its own, the next step also counts what the learner did after meeting this
    // step's goals (run ahead); a setup starts a new situation, so the window starts after it.
    // Its start (where ^G goes back to) is then the moment this step was met, before any running ahead.
    const carried = this.done ? this.completedFrom : this.repl_.world.trace.total;
    const startMark = this.done && step.setup.length === 0 ? this.completionMark : null;
    const afterSetup = runSetup(this.repl_, step);
    this.enterStep(this.index + 1, step.setup.length > 0 ? afterSetup : carried, startMark);
    return true;
  }

  /** Go back one step (the world is rebuilt to that step's start). False at the first step. */
  prev(): boolean {
    if (!this.current || this.index === 0) return false;
    this.rebuildAt(this.index - 1);
    return true;
  }

  /** Start the current step again: rewind to its mark (replaying recorded inputs), else rebuild. */
  restartStep(): boolean {
    if (!this.current) return false;
    if (this.mark !== null && this.repl_.rewindToMark(this.mark)) {
      const mode = this.current.steps[this.index].mode;
      if (mode) this.repl_.timeMode = mode;
      this.world = this.repl_.world;
      this.resetStepState();
      this.judge();
      return true;
    }
    this.rebuildAt(this.index);
    return true;
  }

  /** A fresh REPL brought to the start of step `index` (and to `prompt`, when given). */
  private rebuildAt(index: number, prompt?: string): void {
    const lesson = this.current!;
    this.repl_ = this.newRepl();
    prepareStep(this.repl_, lesson, index);
    if (prompt !== undefined) this.goToPrompt(prompt);
    this.enterStep(index, this.repl_.world.trace.total);
  }

  /** Leave the current prompt for `prompt` (`$ ` or a node's), as the learner would. */
  private goToPrompt(prompt: string): void {
    if (prompt === this.repl_.prompt) return;
    const port = promptPort(prompt);
    if (this.repl_.prompt !== SHELL_PROMPT) this.repl_.submit('exit');
    if (port !== null) this.repl_.submit(`redis-cli -p ${port}`);
    this.repl_.drainAsyncOutput();
  }

  private enterStep(index: number, windowStart: number, startMark: SessionMark | null = null): void {
    const lesson = this.current!;
    this.index = index;
    this.windowStart = windowStart;
    this.mark = startMark ?? this.repl_.mark();
    this.completionMark = null;
    this.world = this.repl_.world;
    this.resetStepState();
    this.solutionQueue = [];
    this.progress?.setCurrent(lesson.id, lesson.steps[index].id, this.repl_.prompt);
    // Met on arrival: what met it is everything in the window, which the next step counts too.
    this.actionStart = windowStart;
    this.judge();
    // Stepping into a step whose goals the world already meets: ticked at once, and said so.
    this.arrivedDone = this.done;
  }

  private resetStepState(): void {
    this.met = this.current!.steps[this.index].goals.map(() => false);
    this.hintsShown = 0;
    this.done = false;
    this.arrivedDone = false;
  }

  // -------------------------------------------------------------------------------------------
  // Judging the goals

  /**
   * Judge the goals now (after any change to the world). Returns the goals that just ticked and
   * whether the step just completed; a completed step saves progress.
   */
  check(): CheckResult {
    return this.judge();
  }

  private judge(): CheckResult {
    const step = this.currentStep;
    if (!step) return { newlyMet: [], completed: false };
    const world = this.repl_.world;
    if (world !== this.world) {
      // A rewind or `:seed` rebuilt the world: the step is judged afresh over the new one, and its
      // window cannot start after the new present (a rewind past the step's start).
      this.world = world;
      this.windowStart = Math.min(this.windowStart, world.trace.total);
      this.done = false;
      this.arrivedDone = false;
    }
    if (this.done) return { newlyMet: [], completed: false };
    const ctx = goalContext(world, this.windowStart);
    const now = step.goals.map((g) => checkGoal(g, ctx));
    const newlyMet: GoalStatus[] = [];
    now.forEach((ok, i) => {
      if (ok && !this.met[i]) newlyMet.push({ goal: step.goals[i], description: describeGoal(step.goals[i], this.language), met: true });
    });
    this.met = now;
    if (step.goals.length > 0 && now.every(Boolean)) {
      this.done = true;
      this.completedFrom = Math.max(this.windowStart, Math.min(this.actionStart, world.trace.total));
      this.completionMark = this.repl_.mark();
      const lesson = this.current!;
      this.progress?.completeStep(lesson.id, step.id, lesson.steps[this.index + 1]?.id);
      return { newlyMet, completed: true };
    }
    return { newlyMet, completed: false };
  }

  /** Some goal can no longer be met in this step. */
  private get deadEnded(): boolean {
    const step = this.currentStep;
    if (!step || this.done) return false;
    const ctx = goalContext(this.repl_.world, this.windowStart);
    return step.goals.some((g, i) => !this.met[i] && goalUnreachable(g, ctx));
  }

  private status(i: number): GoalStatus {
    const goal = this.currentStep!.goals[i];
    return { goal, description: describeGoal(goal, this.language), met: this.done || this.met[i] };
  }

  /** The step's goals with their descriptions in the current language. */
  get goals(): GoalStatus[] {
    return this.currentStep ? this.currentStep.goals.map((_, i) => this.status(i)) : [];
  }

  /** Where the step's goals start looking in the trace (for tests that judge from scratch). */
  get goalWindowStart(): number {
    return this.windowStart;
  }

  /** The step's narrative in the current language. */
  get text(): string {
    return this.currentStep?.text[this.language] ?? '';
  }

  /** The step's "why", once its goals are met. */
  get why(): string | null {
    return this.done && this.currentStep?.why ? this.currentStep.why[this.language] : null;
  }

  /** Hints revealed so far, in the current language. */
  get hints(): string[] {
    return this.currentStep ? this.currentStep.hints[this.language].slice(0, this.hintsShown) : [];
  }

  get hintsLeft(): number {
    return this.currentStep ? this.currentStep.hints[this.language].length - this.hintsShown : 0;
  }

  /** Reveal the next hint; returns it, or null when all are shown. */
  revealHint(): string | null {
    const step = this.currentStep;
    if (!step || this.hintsShown >= step.hints[this.language].length) return null;
    return step.hints[this.language][this.hintsShown++];
  }

  /** The step's solution lines. */
  get solution(): readonly string[] {
    return this.currentStep?.solution ?? [];
  }

  view(): StepView {
    const lesson = this.current!;
    const lang = this.language;
    const { title, body } = splitTitle(this.text);
    const deadEnd = this.deadEnded ? (this.currentStep?.deadEnd?.[lang] ?? lessonWords(lang).deadEnd) : null;
    return {
      lessonId: lesson.id,
      lessonTitle: lesson.title[lang],
      index: this.index,
      count: lesson.steps.length,
      title,
      text: body,
      goals: this.goals.map((g) => ({ label: g.description, met: g.met })),
      hints: this.hints,
      hintsLeft: this.hintsLeft,
      why: this.why,
      deadEnd,
      complete: this.done,
      lessonDone: this.done && this.isLastStep,
      metOnArrival: this.arrivedDone,
    };
  }

  // -------------------------------------------------------------------------------------------
  // The verbs the app calls

  /** Act, then judge: every verb goes through here. */
  private act(fn: () => Omit<Outcome, 'completed'>): Outcome {
    this.actionStart = this.repl_.world.trace.total;
    const stepBefore = this.index;
    const clearsBefore = this.repl_.clearCount;
    const out = fn();
    const lines = [...out.lines, ...this.repl_.drainAsyncOutput()];
    const { completed } = this.judge();
    if (this.current) this.progress?.setPrompt(this.current.id, this.repl_.prompt);
    return {
      ...out,
      lines,
      cleared: this.repl_.clearCount !== clearsBefore || undefined,
      stepChanged: this.index !== stepBefore || out.stepChanged || undefined,
      completed: completed || undefined,
    };
  }

  /** A typed line; an empty line on a completed step moves to the next step; `:solve` shows the solution. */
  submit(line: string): Outcome {
    const view = this.view();
    if (line.trim() === '' && view.complete && !view.lessonDone) {
      return this.act(() => {
        this.next();
        const next = this.view();
        const title = next.title ? `${lessonWords(this.language).titleSep}${next.title}` : '';
        return { lines: [{ text: `── ${lessonWords(this.language).step} ${next.index + 1}/${next.count}${title}`, kind: 'info' }] };
      });
    }
    if (SOLVE_LINE.test(line)) return this.solve();
    const save = SAVE_LINE.exec(line);
    if (save) return this.save(save[1]);
    return this.act(() => {
      const echo: OutputLine = { text: this.repl_.prompt + line, kind: 'echo' };
      return { lines: [echo, ...this.repl_.submit(line)] };
    });
  }

  /**
   * `:solve`: back to the start of the step, then the solution is typed for the learner one line
   * at a time (the app takes them with takeSolutionLine, so each is seen being typed).
   */
  private solve(): Outcome {
    const lines = this.solution;
    if (lines.length === 0) return { lines: [], notice: { kind: 'noSolution' } };
    const out = this.act(() => {
      this.restartStep();
      return { lines: [] };
    });
    this.solutionQueue = [...lines];
    return { ...out, notice: { kind: 'solving', lines: lines.length } };
  }

  /** `:save NAME`: the sandbox's seed and recorded inputs, to reopen with `--sandbox NAME`. */
  private save(name: string | undefined): Outcome {
    if (this.repl_.live) return { lines: [], notice: { kind: 'saveServed' } };
    if (this.current?.kind !== 'sandbox') return { lines: [], notice: { kind: 'saveOnlySandbox' } };
    if (name === undefined) return { lines: [], askSaveName: true };
    if (!this.progress) return { lines: [], notice: { kind: 'saveFailed', message: 'no progress folder to save in' } };
    const error = saveSandbox(this.progress.home, name, { seed: this.repl_.seed, inputs: [...this.repl_.inputs] });
    if (error) return { lines: [], notice: { kind: 'saveFailed', message: error } };
    return { lines: [], notice: { kind: 'saved', name, file: sandboxFile(this.progress.home, name) } };
  }

  takeSolutionLine(): string | undefined {
    return this.solutionQueue.shift();
  }

  get solving(): boolean {
    return this.solutionQueue.length > 0;
  }

  step(times = 1): Outcome {
    return this.act(() => {
      const from = this.repl_.world.trace.total;
      let last: { label: EventLabel } | undefined;
      for (let i = 0; i < times; i++) last = this.repl_.stepToNext() ?? last;
      // Only periodic timers left (serverCron, PINGs, ACKs): say which one fired and that nothing changed.
      const quiet = from === this.repl_.world.trace.total && !this.hasPending();
      const notice: Notice | undefined = quiet ? (last ? { kind: 'onlyPeriodic', label: last.label } : { kind: 'nothingPending' }) : undefined;
      return { lines: [], notice };
    });
  }

  settle(): Outcome {
    return this.act(() => {
      this.repl_.settle();
      return { lines: [] };
    });
  }

  toggleTimeMode(): Outcome {
    return this.act(() => {
      if (this.repl_.timeMode === 'settled') {
        this.repl_.timeMode = 'manual';
        return { lines: [], notice: { kind: 'stepMode' } };
      }
      this.repl_.timeMode = 'settled';
      this.repl_.settle();
      return { lines: [], notice: { kind: 'settled' } };
    });
  }

  startPlaying(): void {
    this.repl_.timeMode = 'manual';
  }

  hasPending(): boolean {
    const next = this.repl_.world.nextEvent();
    return next !== undefined && !next.periodic;
  }

  applyFault(line: string): Outcome {
    return this.submit(line);
  }

  rewindEvent(): Outcome {
    return this.act(() => ({ lines: [], notice: { kind: this.repl_.rewindOneEvent() ? 'rewound' : 'nothingToRewind' } }));
  }

  rewindStep(): Outcome {
    return this.act(() => {
      this.solutionQueue = [];
      return { lines: [], notice: { kind: this.restartStep() ? 'rewoundStep' : 'noMark' } };
    });
  }

  previousStep(): Outcome {
    return this.act(() => ({ lines: [], notice: { kind: this.prev() ? 'previousStep' : 'noPreviousStep' }, stepChanged: true }));
  }

  restartLesson(): Outcome {
    return this.act(() => {
      if (this.current) this.rebuildAt(0);
      return { lines: [], notice: { kind: 'restarted' }, stepChanged: true };
    });
  }

  observe(): Outcome {
    return this.act(() => {
      const said = this.repl_.live?.takeNotices() ?? [];
      return { lines: [], ...(said.length > 0 ? { notice: { kind: 'live', notices: said } as Notice } : {}) };
    });
  }

  interrupt(): Outcome | null {
    if (!this.repl_.cancelPending) return null;
    let cancelled = false;
    const out = this.act(() => {
      cancelled = this.repl_.cancelPending!();
      return { lines: [] };
    });
    return cancelled ? out : null;
  }

  nextHint(): Outcome {
    return { lines: [], ...(this.revealHint() === null ? { notice: { kind: 'noMoreHints' } as Notice } : {}) };
  }
}
