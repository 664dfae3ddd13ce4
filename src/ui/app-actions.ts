/**
 * What each action of the key map does: one handler per context (menu, lesson, the input line,
 * each overlay). Handlers call verbs on the lesson controller and dispatch to the screen's
 * reducers; they never look at keys (key-map.ts decides what a key means).
 */

import type { OutputLine } from '../repl/api.js';
import type { UiAction, UiState } from './app-state.js';
import type { LessonController, Outcome, UiDeps } from './deps.js';
import { faultFromPicks, faultLine } from '../redis/faults.js';
import { faultMenu, type FaultEntry } from './fault-menu.js';
import { lineEditKey, type InputAction, type InputState } from './input-state.js';
import { BINDINGS, resolveKey, type Action, type Context } from './key-map.js';
import type { KeyPress } from './key-press.js';
import { lineText } from './lines.js';
import { numberedPorts } from './overlay-model.js';
import { outputRows } from './panes.js';
import type { ScrollInfo } from './screens/lesson.js';
import type { MenuItem } from './screens/menu.js';
import { exportLine } from './export-line.js';
import { strings } from './strings.js';
import { nextView, viewForKey } from './view-registry.js';
import { fasterLiveClock, pauseToStep, toggleLiveClock } from './live-actions.js';

/** Everything a handler may touch, handed over fresh on every key. */
export interface ActionEnv {
  deps: UiDeps;
  seed: number;
  ui: () => UiState;
  input: () => InputState;
  lesson: () => LessonController | null;
  /** Make `lesson` the one on screen (null: back to the menu), keeping `key`'s world for this session. */
  setLesson(lesson: LessonController | null, key?: string): void;
  /** A lesson or sandbox kept open earlier in this session. */
  kept(key: string): LessonController | undefined;
  /** The output a kept lesson had on screen when the learner left it. */
  keptOutput(lesson: LessonController): OutputLine[] | undefined;
  keepOutput(lesson: LessonController, output: OutputLine[]): void;
  forget(key: string): void;
  update(a: UiAction): void;
  applyInput(a: InputAction): void;
  scrollInfo: ScrollInfo;
  quit(): void;
}

/** Typed text without control characters (a pasted tab becomes a space). */
function printable(text: string): string {
  return text.replace(/\t/g, ' ').replace(/\p{Cc}/gu, '');
}

/** The contexts whose bindings a key is looked up in, most specific first. */
export function contextsFor(ui: UiState, lesson: LessonController | null): Context[] {
  if (ui.overlay) return ['app', ui.overlay.kind];
  if (ui.screen === 'menu' || !lesson) return ['app', 'menu'];
  return ['app', 'lesson', 'line'];
}

/** The input line's own actions (the rest of the lesson context is the lesson's). */
const LINE_ACTIONS: ReadonlySet<Action> = new Set(BINDINGS.filter((b) => b.context === 'line' && b.action !== 'quit').map((b) => b.action));

/** One key press: what the key map says it means where the learner is, then that action's handler. */
export function onKey(env: ActionEnv, p: KeyPress, menuList: () => MenuItem[]): void {
  const s = env.ui();
  const lesson = env.lesson();
  const state = { emptyLine: env.input().value === '', atShell: lesson ? lesson.session.prompt === '$ ' : true };
  const contexts = contextsFor(s, lesson);
  const action = resolveKey(contexts, p, state);
  if (action === 'quit') {
    // ^C while redis-cli waits for a reply ends that redis-cli, as in a terminal; else it quits.
    const interrupted = p.ctrl && p.text === 'c' ? lesson?.interrupt() : null;
    if (interrupted) return show(env, interrupted, null);
    // ^D at `$` or ^C in the sandbox would lose its world, in serve mode cut real clients off (a
    // lesson keeps its progress): ask first; ^C while asking quits.
    const asking = s.overlay?.kind === 'confirm' && s.overlay.id === 'quit';
    if (p.ctrl && !asking && (p.text === 'd' || p.text === 'c') && lesson && (env.kept('sandbox') === lesson || lesson.session.live)) {
      const question = lesson.session.live ? strings(s.lang).quitServeQuestion : strings(s.lang).quitSandboxQuestion;
      return env.update({ type: 'overlay', overlay: { kind: 'confirm', id: 'quit', question } });
    }
    return env.quit();
  }
  if (action === 'keySheet') return env.update({ type: 'overlay', overlay: s.overlay?.kind === 'keySheet' ? null : { kind: 'keySheet', scroll: 0 } });
  if (!action) return;
  if (s.overlay) return onOverlayAction(env, action, p);
  if (s.screen === 'menu' || !lesson) return onMenuAction(env, action, menuList);
  if (LINE_ACTIONS.has(action)) return onLineAction(env, action, p);
  onLessonAction(env, action, p);
}

/** Show what a verb did: its lines (or a cleared pane), its notice, and the world it changed. */
export function show(env: ActionEnv, o: Outcome, revealFrom: number | null): void {
  const lesson = env.lesson();
  const text = strings(env.ui().lang);
  if (o.askSaveName) env.update({ type: 'overlay', overlay: { kind: 'form', form: { id: 'saveName', initial: '' } } });
  if (o.cleared) env.update({ type: 'clearOutput' });
  else if (o.lines.length) env.update({ type: 'print', lines: o.lines });
  if (o.stepChanged) env.update({ type: 'stepChanged' });
  // Serve mode: `:solve` went back to the step's start (a rewind pauses the clock); the solution needs time to run.
  if (o.notice?.kind === 'solving' && lesson?.session.live?.paused) lesson.session.live.resume();
  // Time stops where the lesson needs it: a met step pauses play so the "why" can be read.
  if (o.completed && env.ui().playing) env.update({ type: 'playing', playing: false });
  if (!lesson) return;
  const total = lesson.session.world.trace.total;
  const animate = revealFrom !== null && lesson.session.timeMode === 'settled';
  env.update({ type: 'worldChanged', message: o.notice ? text.notice(o.notice) : null, revealTo: animate ? Math.min(revealFrom, total) : total });
}

/** Run one typed line through the controller and show it. */
export function submitLine(env: ActionEnv, line: string): void {
  const lesson = env.lesson();
  if (!lesson) return;
  // `:export svg [FILE]` writes a file: the app's line, not the session's.
  const exported = exportLine(line, lesson, env.deps, env.ui().lang);
  if (exported) return env.update({ type: 'print', lines: exported });
  const from = lesson.session.world.trace.total;
  show(env, lesson.submit(line), from);
}

/** A verb that moves time or rewinds: shown at once (no animation). */
function verb(env: ActionEnv, fn: (l: LessonController) => Outcome, animate = false): void {
  const lesson = env.lesson();
  if (!lesson) return;
  const from = lesson.session.world.trace.total;
  show(env, fn(lesson), animate ? from : null);
}

function openItem(env: ActionEnv, item: MenuItem, fresh: boolean): void {
  const ui = env.ui();
  const { catalog } = env.deps;
  switch (item.kind) {
    case 'quit':
      return env.quit();
    case 'language': {
      const next = ui.lang === 'en' ? 'zh' : 'en';
      catalog.saveLanguage?.(next);
      return env.update({ type: 'setLang', lang: next });
    }
    case 'sandbox':
      if (fresh && env.kept('sandbox')) {
        return env.update({ type: 'overlay', overlay: { kind: 'confirm', id: 'newSandbox', question: strings(ui.lang).newSandboxQuestion } });
      }
      return enter(env, 'sandbox', () => catalog.sandbox(ui.lang, env.seed), false);
    case 'lesson':
      return enter(env, item.lesson.id, () => catalog.open(item.lesson.id, ui.lang, env.seed), fresh);
  }
}

/** Open a lesson (or the sandbox): the one kept from earlier in the session, else a new one. */
export function enter(env: ActionEnv, key: string, open: () => LessonController, restart: boolean): void {
  try {
    let lesson = env.kept(key);
    // A lesson kept from earlier speaks the language chosen since (Chinese chrome over English text otherwise).
    if (lesson) lesson.setLanguage(env.ui().lang);
    else lesson = open();
    env.setLesson(lesson, key);
    env.applyInput({ type: 'set', value: '' });
    env.update({ type: 'enterLesson', revealSeq: lesson.session.world.trace.total, output: env.keptOutput(lesson) });
    if (restart) show(env, lesson.restartLesson(), null);
  } catch (e) {
    env.update({ type: 'message', message: (e as Error).message });
  }
}

export function onMenuAction(env: ActionEnv, action: Action, catalogList: () => MenuItem[]): void {
  const ui = env.ui();
  const items = catalogList();
  switch (action) {
    case 'menuUp':
      return env.update({ type: 'menuMove', delta: -1, size: items.length });
    case 'menuDown':
      return env.update({ type: 'menuMove', delta: 1, size: items.length });
    case 'menuOpen':
      return openItem(env, items[ui.menuCursor], false);
    case 'menuRestart':
      return openItem(env, items[ui.menuCursor], true);
    case 'menuQuit':
      return env.quit();
  }
}

/** The lesson screen's own actions (the input line's are in onLineAction). */
export function onLessonAction(env: ActionEnv, action: Action, press: KeyPress): void {
  const ui = env.ui();
  const lesson = env.lesson()!;
  const page = env.scrollInfo.page;
  const live = lesson.session.live;
  switch (action) {
    case 'back':
      if (ui.view !== 'lesson') return env.update({ type: 'view', view: 'lesson' });
      // Serve mode shows one served world: leaving it stops serving, so ask.
      if (live) return env.update({ type: 'overlay', overlay: { kind: 'confirm', id: 'quit', question: strings(ui.lang).quitServeQuestion } });
      env.update({ type: 'playing', playing: false });
      env.keepOutput(lesson, ui.output);
      env.setLesson(null);
      return env.update({ type: 'toMenu' });
    case 'step':
      // In settled mode the first press skips the animation. In step mode every press steps:
      // lines still waiting to be revealed are shown with the stepped event, in the same frame.
      if (lesson.session.timeMode === 'settled' && ui.revealSeq < lesson.session.world.trace.total) {
        return env.update({ type: 'reveal', seq: lesson.session.world.trace.total });
      }
      if (live && pauseToStep(live)) {
        verb(env, (l) => l.step(press.ctrl ? 1 : Math.max(1, press.text.length)));
        return env.update({ type: 'message', message: strings(ui.lang).liveStepped });
      }
      return verb(env, (l) => l.step(press.ctrl ? 1 : Math.max(1, press.text.length)));
    case 'toggleTimeMode':
      if (lesson.session.timeMode === 'manual') env.update({ type: 'playing', playing: false });
      return verb(env, (l) => l.toggleTimeMode(), lesson.session.timeMode === 'manual');
    case 'playPause':
      if (live) return toggleLiveClock(env, live);
      if (!ui.playing) lesson.startPlaying();
      // Only periodic timers left: play stops at its first tick, so say why and how time moves.
      if (!ui.playing && !lesson.hasPending()) env.update({ type: 'message', message: strings(ui.lang).nothingToPlay });
      return env.update({ type: 'playing', playing: !ui.playing });
    case 'faster':
      if (live) return fasterLiveClock(env, live);
      return env.update({ type: 'faster' });
    case 'runSettled':
      return verb(env, (l) => l.settle(), true);
    case 'rewindEvent':
      env.update({ type: 'playing', playing: false });
      return verb(env, (l) => l.rewindEvent());
    case 'rewindStep':
      env.update({ type: 'playing', playing: false });
      return verb(env, (l) => l.rewindStep());
    case 'previousStep':
      env.update({ type: 'playing', playing: false });
      return verb(env, (l) => l.previousStep());
    case 'faults':
      return env.update({ type: 'overlay', overlay: { kind: 'faults', fault: null, port: null } });
    case 'inspect': {
      const ports = numberedPorts(lesson.session.world.snapshot());
      return env.update({ type: 'overlay', overlay: { kind: 'inspect', port: ports[0] ?? null, tab: 'info', scroll: 0, filter: '' } });
    }
    case 'hint':
      // Hints stand in the step pane: from a focus view other than F6's, show them where they are.
      if (ui.view !== 'lesson' && ui.view !== 'step') env.update({ type: 'view', view: 'lesson' });
      return verb(env, (l) => l.nextHint());
    case 'scrollUp':
      return env.update({ type: 'scroll', delta: Math.min(page, Math.max(0, env.scrollInfo.maxOffset - ui.scroll)) });
    case 'scrollDown':
      return env.update({ type: 'scroll', delta: -page });
    case 'scrollTop':
      return env.update({ type: 'scroll', delta: env.scrollInfo.maxOffset - ui.scroll });
    case 'scrollBottom':
      return env.update({ type: 'scroll', delta: -ui.scroll });
    case 'search':
      return env.update({ type: 'overlay', overlay: { kind: 'form', form: { id: 'search', initial: ui.search } } });
    case 'textUp':
      return env.update({ type: 'textScroll', delta: -3 });
    case 'textDown':
      return env.update({ type: 'textScroll', delta: 3 });
    case 'clear':
      return env.update({ type: 'clearOutput' });
    case 'nextView':
      return env.update({ type: 'view', view: nextView(ui.view) });
    case 'view': {
      const view = viewForKey(press.name);
      return view ? env.update({ type: 'view', view: view === ui.view ? 'lesson' : view }) : undefined;
    }
  }
}

/** Keys that edit and run the REPL line, as a shell's readline has them. */
export function onLineAction(env: ActionEnv, action: Action, press: KeyPress): void {
  const lesson = env.lesson()!;
  const input = env.input();
  switch (action) {
    case 'submit': {
      const line = input.value;
      env.applyInput({ type: 'set', value: '' });
      return submitLine(env, line);
    }
    case 'historyPrev':
      return env.applyInput({ type: 'historyPrev', history: lesson.session.history });
    case 'historyNext':
      return env.applyInput({ type: 'historyNext', history: lesson.session.history });
    case 'complete':
      return env.applyInput({ type: 'complete', candidates: lesson.session.complete(input.value) });
    case 'left':
    case 'right':
    case 'home':
    case 'end':
    case 'backspace':
    case 'deleteForward':
    case 'deleteWordLeft':
    case 'deleteLineLeft':
      // readline's exact edit for the press (word moves with Alt or Ctrl, ^D forward …).
      return env.applyInput({ type: 'edit', key: lineEditKey(press) ?? action });
    case 'leaveCli':
      // redis-cli's ^D: leave it, back to the shell (what `exit` does).
      return submitLine(env, 'exit');
    case 'insert':
      // Typed or pasted text; a pasted line's end arrives as its own return key.
      return env.applyInput({ type: 'insert', text: printable(press.text) });
  }
}

/** Apply a fault picked in the menu, as its `:` line (so rewind replays it); false when the picks do not make one. */
function applyMenuFault(env: ActionEnv, entry: FaultEntry, ports: number[], value?: string): boolean {
  const fault = faultFromPicks(entry.kind, ports, value);
  if (!fault) return false;
  env.update({ type: 'overlay', overlay: null });
  verb(env, (l) => l.applyFault(faultLine(fault)), true);
  return true;
}

/**
 * The pager's search: the newest output row above the window holding `needle` (case-insensitive)
 * is scrolled into view at the bottom; ^S again (the same text offered) finds the one before it.
 */
function searchOutput(env: ActionEnv, needle: string): void {
  const ui = env.ui();
  const text = strings(ui.lang);
  if (!needle) return;
  const rows = outputRows(ui.output, env.scrollInfo.outputWidth).map(lineText);
  const want = needle.toLowerCase();
  // Rows below the window's bottom row are `ui.scroll`; search from the row above the bottom one.
  for (let i = rows.length - 2 - ui.scroll; i >= 0; i--) {
    if (rows[i].toLowerCase().includes(want)) {
      const offset = rows.length - 1 - i;
      env.update({ type: 'scrollTo', offset, search: needle });
      return env.update({ type: 'message', message: text.searchFound(needle, offset) });
    }
  }
  env.update({ type: 'scrollTo', offset: ui.scroll, search: needle });
  env.update({ type: 'message', message: text.searchNotFound(needle) });
}

/** Enter in a one-field form: what its value is for. */
export function onFormSubmit(env: ActionEnv, value: string): void {
  const o = env.ui().overlay;
  if (o?.kind !== 'form') return;
  const text = strings(env.ui().lang);
  const f = o.form;
  switch (f.id) {
    case 'faultValue':
      if (!applyMenuFault(env, f.fault, f.ports, value.trim())) env.update({ type: 'message', message: text.badFormValue(value) });
      return;
    case 'keyFilter':
      return env.update({ type: 'overlay', overlay: { kind: 'inspect', port: f.port, tab: 'keys', scroll: 0, filter: value.trim() } });
    case 'saveName':
      env.update({ type: 'overlay', overlay: null });
      return value.trim() ? submitLine(env, `:save ${value.trim()}`) : undefined;
    case 'search':
      env.update({ type: 'overlay', overlay: null });
      return searchOutput(env, value);
  }
}

/** Keys inside an open overlay (fault menu, inspector, key sheet, a question, a form). */
export function onOverlayAction(env: ActionEnv, action: Action, press: KeyPress): void {
  const ui = env.ui();
  const o = ui.overlay!;
  const close = () => env.update({ type: 'overlay', overlay: null });
  if (action === 'close' || action === 'no') {
    // Esc in a form over the inspector goes back to the inspector.
    if (o.kind === 'form' && o.form.id === 'keyFilter') return env.update({ type: 'overlay', overlay: { kind: 'inspect', port: o.form.port, tab: 'keys', scroll: 0, filter: o.form.initial } });
    return close();
  }
  if (o.kind === 'confirm') {
    if (action !== 'yes') return;
    close();
    if (o.id === 'quit') return env.quit();
    // Discard the kept sandbox and start a new one.
    env.forget('sandbox');
    return enter(env, 'sandbox', () => env.deps.catalog.sandbox(ui.lang, env.seed), false);
  }
  if (o.kind === 'keySheet') {
    const delta = action === 'scrollUp' ? -5 : action === 'scrollDown' ? 5 : 0;
    return env.update({ type: 'overlay', overlay: { ...o, scroll: Math.max(0, Math.min(env.scrollInfo.maxOffset, o.scroll + delta)) } });
  }
  const lesson = env.lesson()!;
  const ports = numberedPorts(lesson.session.world.snapshot());
  const picked = action === 'pickNode' ? ports[Number(press.text) - 1] : undefined;
  if (o.kind === 'form') return;
  if (o.kind === 'inspect') {
    if (action === 'filterKeys' && o.port !== null) {
      return env.update({ type: 'overlay', overlay: { kind: 'form', form: { id: 'keyFilter', port: o.port, initial: o.filter } } });
    }
    if (picked !== undefined) return env.update({ type: 'overlay', overlay: { ...o, port: picked, scroll: 0 } });
    if (action === 'tabInfo') return env.update({ type: 'overlay', overlay: { ...o, tab: 'info', scroll: 0 } });
    if (action === 'tabKeys') return env.update({ type: 'overlay', overlay: { ...o, tab: 'keys', scroll: 0 } });
    if (action === 'scrollUp') return env.update({ type: 'overlay', overlay: { ...o, scroll: Math.max(0, o.scroll - 5) } });
    if (action === 'scrollDown') return env.update({ type: 'overlay', overlay: { ...o, scroll: o.scroll + 5 } });
    return;
  }
  // The fault menu: a fault, then its node(s); applied as its `:` line, so rewind replays it.
  const run = (entry: FaultEntry, ports: number[]): void => void applyMenuFault(env, entry, ports);
  if (!o.fault) {
    const entry = action === 'pickFault' ? faultMenu.find((f) => f.key === press.text) : undefined;
    if (!entry) return;
    if (entry.needs === 'none') return run(entry, []);
    return env.update({ type: 'overlay', overlay: { kind: 'faults', fault: entry, port: null } });
  }
  if (picked === undefined) return;
  if (o.fault.needs === 'port') return run(o.fault, [picked]);
  if (o.port === null) return env.update({ type: 'overlay', overlay: { ...o, port: picked } });
  if (picked === o.port) return;
  // A fault with a value (latency, bandwidth) asks for it in a one-field form, the default filled in.
  if (o.fault.needs === 'pair+value') {
    const initial = o.fault.line.split(' ').pop() ?? '';
    return env.update({ type: 'overlay', overlay: { kind: 'form', form: { id: 'faultValue', fault: o.fault, ports: [o.port, picked], initial } } });
  }
  run(o.fault, [o.port, picked]);
}
