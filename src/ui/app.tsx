/**
 * The terminal app: the root component (menu, lesson screen, too-small screen), its key routing,
 * and `startApp`, which renders it with Ink and resolves when the learner quits.
 * State lives in reducers (app-state.ts, input-state.ts) and the world in the session; this file
 * wires keys to those and builds each pane's rows.
 */

import React, { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { Box, render, useApp, useStdout } from 'ink';
import type { OutputLine } from '../repl/api.js';
import type { TraceEvent } from '../redis/trace.js';
import { initialUiState, uiReducer, type UiAction, type UiState } from './app-state.js';
import { clusterLines, linkFaults } from './cluster-model.js';
import { candidateLabels, emptyInput, inputReducer, lineEditKey, type InputAction, type InputState } from './input-state.js';
import { InputLine } from './input-line.js';
import type { KeyPress } from './key-press.js';
import { actionFor, faultMenu, labelFor, lessonBindings, type Action, type FaultEntry } from './keys.js';
import { faultFromPicks, faultLine } from '../redis/faults.js';
import { computeLayout, tooSmall, type Layout } from './layout.js';
import { LessonScreen } from './lesson-screen.js';
import type { Line } from './lines.js';
import { Menu, menuItems, type MenuItem } from './menu.js';
import { faultLines, inspectLines, numberedPorts } from './overlay-model.js';
import type { UiDeps } from './ports.js';
import { stepLines } from './step-model.js';
import { strings, type Strings } from './strings.js';
import { hardWrap } from './text-width.js';
import { coloursEnabled, makeTheme } from './theme.js';
import { ThemeContext } from './theme-context.js';
import { timelineLines } from './timeline-model.js';
import { isHeartbeat } from '../redis/trace-types.js';
import { TooSmall } from './too-small.js';
import { useKeyPresses } from './use-key-presses.js';
import { Tutor } from './tutor.js';
import type { Language } from '../language.js';

export interface AppOptions {
  lessonId?: string;
  sandbox?: boolean;
  lang?: Language;
  /** The language when neither `lang` nor a saved choice says (from the LANG environment variable). */
  defaultLang?: Language;
  seed?: number;
}

export interface AppProps extends AppOptions {
  deps: UiDeps;
  /** Colours on/off (default: on unless NO_COLOR is set). */
  colours?: boolean;
  /** Rows to assume when the output stream does not say (a test stream has no row count). */
  fallbackRows?: number;
}

/** Milliseconds between revealed trace lines at 1× (settled mode's animation). */
export const REVEAL_MS = 250;
/** Milliseconds between played events at 1×. */
export const PLAY_MS = 600;
/** The animation shows at most this many lines one by one; older pending ones appear at once. */
const REVEAL_WINDOW = 40;

/** The terminal's size, following resizes. */
function useTerminalSize(fallbackRows: number): { cols: number; rows: number } {
  const { stdout } = useStdout();
  const read = useCallback(() => ({ cols: stdout.columns || 100, rows: stdout.rows || fallbackRows }), [stdout, fallbackRows]);
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, read]);
  return size;
}

type KeyHandler = (press: KeyPress) => void;

/** The one place keys come in: every key of every read, in order, to the current handler. */
function KeyRouter({ handler }: { handler: React.RefObject<KeyHandler> }): null {
  useKeyPresses((press) => handler.current(press));
  return null;
}

/** Render the rows of the REPL output that fit: wrap only from the end until the pane is full. */
function outputRows(output: readonly OutputLine[], width: number, height: number, scroll: number, extra: Line[]): Line[] {
  const need = height + scroll;
  const rows: Line[] = [];
  for (let i = output.length - 1; i >= 0 && rows.length < need; i--) {
    const o = output[i];
    const role = o.kind === 'error' ? 'error' : o.kind === 'info' ? 'info' : o.kind === 'trace' ? 'trace' : undefined;
    const wrapped = hardWrap(o.text, width).map((t): Line => [{ text: t, role, dim: o.kind === 'echo' || o.kind === 'trace' }]);
    rows.unshift(...wrapped);
  }
  const all = [...rows, ...extra];
  return scroll > 0 ? all.slice(0, Math.max(0, all.length - scroll)) : all;
}

/** The key footer in the learner's language: each key, then what it does now. */
export function footerLine(text: Strings, playing: boolean, speed: number, manual: boolean): Line {
  const b = lessonBindings;
  const f = text.footer;
  const item = (action: Action, word: string): Line => [
    { text: labelFor(b, action), bold: true, role: 'accent' },
    { text: ` ${word}  ` },
  ];
  return [
    ...item('step', f.step),
    ...item('toggleTimeMode', manual ? f.toSettled : f.toStepMode),
    ...item('playPause', playing ? f.pause : f.play(speed)),
    ...item('rewindEvent', f.undo),
    ...item('faults', f.faults),
    ...item('inspect', f.inspect),
    ...item('hint', f.hint),
    ...item('back', f.menu),
    { text: f.more, dim: true },
  ];
}

export function App(props: AppProps): React.JSX.Element {
  const { deps } = props;
  const seed = props.seed ?? 1;
  const { exit } = useApp();
  const size = useTerminalSize(props.fallbackRows ?? 30);
  const [, force] = useReducer((x: number) => x + 1, 0);
  const theme = React.useMemo(() => makeTheme(props.colours ?? coloursEnabled()), [props.colours]);

  const tutorRef = useRef<Tutor | null>(null);
  const uiRef = useRef<UiState | null>(null);
  const inputRef = useRef<InputState>(emptyInput);
  /** Set by the key router when the key it saw must not reach the text input. */

  // Open the lesson or sandbox named on the command line before the first frame.
  if (uiRef.current === null) {
    const lang = props.lang ?? deps.catalog.savedLanguage?.() ?? props.defaultLang ?? 'en';
    let ui = initialUiState(lang);
    const text = strings(lang);
    try {
      if (props.lessonId || props.sandbox) {
        const run = props.sandbox ? deps.catalog.sandbox(lang, seed) : deps.catalog.open(props.lessonId!, lang, seed);
        tutorRef.current = new Tutor(run, text);
        ui = uiReducer(ui, { type: 'enterLesson', revealSeq: run.session.world.trace.total });
      }
    } catch (e) {
      ui = uiReducer(ui, { type: 'message', message: (e as Error).message });
    }
    uiRef.current = ui;
  }
  const ui = uiRef.current;
  const text = strings(ui.lang);

  const update = useCallback((a: UiAction) => {
    uiRef.current = uiReducer(uiRef.current!, a);
    force();
  }, []);
  const applyInput = useCallback((a: InputAction) => {
    inputRef.current = inputReducer(inputRef.current, a);
    force();
  }, []);

  const items: MenuItem[] = menuItems(ui.screen === 'menu' ? deps.catalog.list(ui.lang) : []);

  const quit = useCallback(() => {
    update({ type: 'playing', playing: false });
    exit();
  }, [exit, update]);

  /** After the world changed: re-read it; in settled mode animate the new trace lines from `from`. */
  const worldChanged = useCallback(
    (from: number | null, message: string | null = null) => {
      const t = tutorRef.current;
      if (!t) return;
      const total = t.session.world.trace.total;
      const animate = from !== null && t.session.timeMode === 'settled';
      update({ type: 'worldChanged', message, revealTo: animate ? Math.min(from, total) : total });
    },
    [update],
  );

  const print = useCallback((lines: OutputLine[]) => {
    if (lines.length) update({ type: 'print', lines });
  }, [update]);

  const submitLine = useCallback(
    (line: string) => {
      const t = tutorRef.current;
      if (!t) return;
      const stepBefore = t.run.view().index;
      const from = t.session.world.trace.total;
      const clearsBefore = t.session.clearCount;
      const lines = t.submit(line);
      if (t.session.clearCount !== clearsBefore) update({ type: 'clearOutput' });
      else print(lines);
      if (t.run.view().index !== stepBefore) update({ type: 'stepChanged' });
      worldChanged(from);
    },
    [print, update, worldChanged],
  );

  const openItem = useCallback(
    (item: MenuItem) => {
      const lang = uiRef.current!.lang;
      switch (item.kind) {
        case 'quit':
          quit();
          return;
        case 'language': {
          const next = lang === 'en' ? 'zh' : 'en';
          deps.catalog.saveLanguage?.(next);
          update({ type: 'setLang', lang: next });
          return;
        }
        case 'lesson':
        case 'sandbox':
          try {
            const run = item.kind === 'sandbox' ? deps.catalog.sandbox(lang, seed) : deps.catalog.open(item.lesson.id, lang, seed);
            tutorRef.current = new Tutor(run, strings(lang));
            inputRef.current = emptyInput;
            update({ type: 'enterLesson', revealSeq: run.session.world.trace.total });
          } catch (e) {
            update({ type: 'message', message: (e as Error).message });
          }
      }
    },
    [deps, quit, seed, update],
  );

  // The menu's fault, typed as its `:` line so it is recorded and replayed like one.
  const runFault = useCallback(
    (entry: FaultEntry, ports: number[]) => {
      update({ type: 'overlay', overlay: null });
      const fault = faultFromPicks(entry.kind, ports);
      if (fault) submitLine(faultLine(fault));
    },
    [submitLine, update],
  );

  const onOverlayKey = (p: KeyPress) => {
    const s = uiRef.current!;
    const o = s.overlay!;
    const t = tutorRef.current!;
    if (p.name === 'escape') return update({ type: 'overlay', overlay: null });
    const input = p.name === 'char' && !p.ctrl && !p.meta ? p.text : '';
    const ports = numberedPorts(t.session.world.snapshot());
    const picked = /^[1-9]$/.test(input) ? ports[Number(input) - 1] : undefined;
    if (o.kind === 'inspect') {
      if (p.ctrl && p.text === 'o') return update({ type: 'overlay', overlay: null });
      if (picked !== undefined) return update({ type: 'overlay', overlay: { ...o, port: picked } });
      if (input === 'i') return update({ type: 'overlay', overlay: { ...o, tab: 'info' } });
      if (input === 'k') return update({ type: 'overlay', overlay: { ...o, tab: 'keys' } });
      return;
    }
    if (!o.fault) {
      const fault = faultMenu.find((f) => f.key === input);
      if (!fault) return;
      if (fault.needs === 'none') return runFault(fault, []);
      return update({ type: 'overlay', overlay: { kind: 'faults', fault, port: null } });
    }
    if (picked === undefined) return;
    if (o.fault.needs === 'port') return runFault(o.fault, [picked]);
    if (o.port === null) return update({ type: 'overlay', overlay: { ...o, port: picked } });
    if (picked !== o.port) runFault(o.fault, [o.port, picked]);
  };

  const onLessonAction = (action: Action, times = 1) => {
    const t = tutorRef.current!;
    const s = uiRef.current!;
    const session = t.session;
    switch (action) {
      case 'quit':
        return quit();
      case 'back':
        tutorRef.current = null;
        return update({ type: 'toMenu' });
      case 'historyPrev':
        return applyInput({ type: 'historyPrev', history: session.history });
      case 'historyNext':
        return applyInput({ type: 'historyNext', history: session.history });
      case 'complete':
        return applyInput({ type: 'complete', candidates: session.complete(inputRef.current.value) });
      case 'step': {
        // In settled mode the first press skips the animation. In step mode every press steps:
        // lines still waiting to be revealed are shown with the stepped event, in the same frame.
        if (session.timeMode === 'settled' && s.revealSeq < session.world.trace.total) {
          return update({ type: 'reveal', seq: session.world.trace.total });
        }
        const from = session.world.trace.total;
        for (let i = 0; i < times; i++) print(t.step());
        // Only periodic timers left (serverCron, PINGs, ACKs): say so, and which one fired, rather
        // than leaving the learner to wonder why nothing appeared.
        const quiet = from === session.world.trace.total && !t.hasPending();
        return worldChanged(null, quiet ? (t.lastStepped ? text.onlyPeriodic(text.eventLabel(t.lastStepped)) : text.nothingNext) : null);
      }
      case 'toggleTimeMode': {
        const from = session.world.trace.total;
        if (session.timeMode === 'settled') {
          session.timeMode = 'manual';
          return worldChanged(null, text.stepMode);
        }
        session.timeMode = 'settled';
        update({ type: 'playing', playing: false });
        print(t.settle());
        return worldChanged(from, text.settled);
      }
      case 'playPause':
        if (!s.playing) session.timeMode = 'manual';
        return update({ type: 'playing', playing: !s.playing });
      case 'faster':
        return update({ type: 'faster' });
      case 'runSettled': {
        const from = session.world.trace.total;
        print(t.settle());
        return worldChanged(from);
      }
      case 'rewindEvent':
        update({ type: 'playing', playing: false });
        return worldChanged(null, t.rewindEvent());
      case 'rewindStep':
        update({ type: 'playing', playing: false });
        return worldChanged(null, t.rewindStep());
      case 'faults':
        return update({ type: 'overlay', overlay: { kind: 'faults', fault: null, port: null } });
      case 'inspect': {
        const ports = numberedPorts(session.world.snapshot());
        return update({ type: 'overlay', overlay: { kind: 'inspect', port: ports[0] ?? null, tab: 'info' } });
      }
      case 'hint':
        return update({ type: 'message', message: t.hint() });
      case 'scrollUp':
        return update({ type: 'scroll', delta: 5 });
      case 'scrollDown':
        return update({ type: 'scroll', delta: -5 });
      case 'textUp':
        return update({ type: 'textScroll', delta: -3 });
      case 'textDown':
        return update({ type: 'textScroll', delta: 3 });
      case 'clear':
        return update({ type: 'clearOutput' });
      case 'submit':
      case 'skip':
        return;
    }
  };

  const handlerRef = useRef<KeyHandler>(() => {});
  handlerRef.current = (p: KeyPress) => {
    const s = uiRef.current!;
    if (p.ctrl && p.text === 'c') return quit();
    if (tooSmall(size.cols, size.rows)) return;
    if (s.screen === 'menu') {
      const list = menuItems(deps.catalog.list(s.lang));
      if (p.name === 'up') return update({ type: 'menuMove', delta: -1, size: list.length });
      if (p.name === 'down') return update({ type: 'menuMove', delta: 1, size: list.length });
      if (p.name === 'return') return openItem(list[s.menuCursor]);
      if (p.name === 'char' && !p.ctrl && !p.meta && p.text === 'q') return quit();
      return;
    }
    if (!tutorRef.current) return;
    if (s.overlay) {
      return onOverlayKey(p);
    }
    const action = actionFor(lessonBindings, p, inputRef.current.value === '');
    if (action) {
      return onLessonAction(action, action === 'step' && !p.ctrl ? p.text.length : 1);
    }
    onLineKey(p);
  };

  /** Keys that edit the REPL line (everything the binding table did not take). */
  const onLineKey = (p: KeyPress) => {
    if (p.name === 'return') return onSubmit();
    const edit = lineEditKey(p);
    if (edit) return applyInput({ type: 'edit', key: edit });
    // Typed or pasted text (a pasted line's end came as its own return key).
    if (p.name === 'char' && !p.ctrl && !p.meta) applyInput({ type: 'insert', text: p.text });
  };

  const onSubmit = useCallback(() => {
    const line = inputRef.current.value;
    applyInput({ type: 'set', value: '' });
    submitLine(line);
  }, [applyInput, submitLine]);

  // Settled mode's animation: reveal pending trace lines one at a time at a readable pace.
  const t = tutorRef.current;
  const traceTotal = t ? t.session.world.trace.total : 0;
  const timeMode = t ? t.session.timeMode : 'settled';
  useEffect(() => {
    const tut = tutorRef.current;
    if (!tut || ui.screen !== 'lesson' || ui.revealSeq >= traceTotal) return;
    // Step mode shows every event as soon as it fires: nothing there waits for the animation.
    if (tut.session.timeMode === 'manual') {
      update({ type: 'reveal', seq: traceTotal });
      return;
    }
    const pending = tut.session.world.trace.since(ui.revealSeq);
    const visible = pending.filter((e) => !isHeartbeat(e.type));
    if (visible.length === 0) {
      update({ type: 'reveal', seq: traceTotal });
      return;
    }
    if (visible.length > REVEAL_WINDOW) {
      update({ type: 'reveal', seq: visible[visible.length - REVEAL_WINDOW].seq });
      return;
    }
    // Reveal up to (not including) the second visible event, heartbeats in between come along.
    const target = visible[1] ? visible[1].seq : traceTotal;
    const timer = setTimeout(() => update({ type: 'reveal', seq: target }), REVEAL_MS / ui.speed);
    return () => clearTimeout(timer);
  }, [ui.revealSeq, ui.screen, ui.speed, ui.worldVersion, traceTotal, timeMode, update]);

  // Play: step one event at a time until nothing is pending.
  useEffect(() => {
    if (!ui.playing || ui.screen !== 'lesson') return;
    const timer = setInterval(() => {
      const tut = tutorRef.current;
      if (!tut || !tut.hasPending()) {
        update({ type: 'playing', playing: false });
        return;
      }
      print(tut.step());
      worldChanged(null);
    }, PLAY_MS / ui.speed);
    return () => clearInterval(timer);
  }, [ui.playing, ui.speed, ui.screen, print, update, worldChanged]);

  // One layout object per size, so panes memoized on it keep their rows between keystrokes.
  const layout = React.useMemo(() => computeLayout(size.cols, size.rows), [size.cols, size.rows]);
  let body: React.ReactNode;
  if (tooSmall(size.cols, size.rows)) {
    body = <TooSmall cols={size.cols} rows={size.rows} text={text} />;
  } else if (ui.screen === 'menu' || !t) {
    const warnings = [...deps.catalog.warnings(), ...(ui.message ? [ui.message] : [])];
    body = <Menu items={items} cursor={ui.menuCursor} text={text} warnings={warnings} width={size.cols} height={size.rows - 1} />;
  } else {
    body = <LessonBody tutor={t} ui={ui} layout={layout} text={text} deps={deps} input={inputRef.current} />;
  }
  return (
    <ThemeContext.Provider value={theme}>
      <Box flexDirection="column">
        <KeyRouter handler={handlerRef} />
        {body}
      </Box>
    </ThemeContext.Provider>
  );
}

/**
 * What the world looked like when a pane was last built: any change to it (a line, a step, a
 * rewind to a new world) changes one of these, so the panes are rebuilt only then, not on every
 * keystroke that only edits the input line.
 */
function worldKey(tutor: Tutor, ui: UiState): unknown[] {
  const world = tutor.session.world;
  return [tutor, world, ui.worldVersion, world.trace.total, world.eventsRun, world.now, tutor.session.timeMode];
}

/** The lesson screen with every pane's rows built from the tutor's current world. */
function LessonBody({
  tutor,
  ui,
  layout: L,
  text,
  deps,
  input,
}: {
  tutor: Tutor;
  ui: UiState;
  layout: Layout;
  text: Strings;
  deps: UiDeps;
  input: InputState;
}): React.JSX.Element {
  const session = tutor.session;
  const world = session.world;
  const manual = session.timeMode === 'manual';
  const wk = worldKey(tutor, ui);
  const lang = ui.lang;

  // The step view changes with the world (goals), hints and step moves; its text is what is costly to wrap.
  const view = tutor.run.view();
  const viewKey = JSON.stringify(view);
  const stepRows = useMemoKeyed(() => stepLines(view, L.stepWidth, text, L.topHeight, ui.textScroll), [viewKey, L, text, ui.textScroll]);

  const nodes = useMemoKeyed(() => world.snapshot(), wk);

  const titleBar: Line = [
    { text: ` ${view.lessonTitle} `, bold: true, inverse: true },
    { text: `  ${manual ? text.stepMode : text.settled}`, role: manual ? 'warning' : 'goalMet', bold: true },
    { text: ui.playing ? `  ▶ ${ui.speed}×` : manual ? `  ‖ ${ui.speed}×` : '' },
    { text: `  t=${(world.now / 1000).toFixed(3)}s  #${world.eventsRun}`, dim: true },
  ];

  const overlay = ui.overlay;
  const rightRows = useMemoKeyed((): Line[] => {
    if (overlay?.kind === 'faults') return faultLines(overlay, numberedPorts(nodes), text);
    if (overlay?.kind === 'inspect') {
      const port = overlay.port;
      const alive = port !== null && nodes.some((n) => n.port === port && (n.status === 'running' || n.status === 'paused'));
      return inspectLines(
        overlay,
        {
          ports: numberedPorts(nodes),
          info: alive && overlay.tab === 'info' ? deps.infoReplication(world, port) : null,
          keys: alive && overlay.tab === 'keys' ? world.keys(port) : null,
        },
        text,
      );
    }
    const header: Line = [{ text: text.cluster, bold: true, dim: true }];
    return [header, ...clusterLines({ nowMs: world.now, nodes, faults: linkFaults(world.links()) }, L.clusterWidth, text)];
  }, [...wk, nodes, overlay, L.clusterWidth, text, deps]);

  const traceRoom = Math.max(0, L.timelineHeight - 1);
  const timelineRows = useMemoKeyed((): Line[] => {
    const next = world.nextEvent();
    const nextRow: Line = next
      ? [
          { text: `── ${text.timeline} ── `, dim: true },
          { text: `${text.next} `, bold: true, role: 'accent' },
          { text: text.eventLabel(next.label) },
          { text: `  @${(next.atMs / 1000).toFixed(3)}s`, dim: true },
          ...(next.periodic ? [{ text: ` ${text.periodic}`, dim: true }] : []),
        ]
      : [{ text: `── ${text.timeline} ── ${text.nothingNext}`, dim: true }];
    const recent = world.trace.last(traceRoom + Math.max(0, world.trace.total - ui.revealSeq)).filter((e) => e.seq < ui.revealSeq);
    const format = (e: TraceEvent) => deps.formatTrace(e, lang);
    return [nextRow, ...timelineLines(recent.slice(Math.max(0, recent.length - traceRoom)), format)];
  }, [...wk, ui.revealSeq, traceRoom, text, lang, deps]);

  const outRows = useMemoKeyed((): Line[] => {
    const extra: Line[] = [];
    if (input.candidates.length) extra.push([{ text: candidateLabels(input.candidates).join('  '), dim: true }]);
    if (ui.message) extra.push([{ text: ui.message, role: 'warning' }]);
    return outputRows(ui.output, L.outputWidth, L.outputHeight, ui.scroll, extra);
  }, [ui.output, L.outputWidth, L.outputHeight, ui.scroll, input.candidates.join('\n'), ui.message]);

  const footer = useMemoKeyed(() => footerLine(text, ui.playing, ui.speed, manual), [text, ui.playing, ui.speed, manual]);

  const hint = input.value ? session.hint(input.value) : '';
  const inputLine = <InputLine prompt={session.prompt} value={input.value} cursor={input.cursor} hint={hint} width={L.outputWidth} focused={ui.overlay === null} />;

  return (
    <LessonScreen
      layout={L}
      titleBar={titleBar}
      stepRows={stepRows}
      rightRows={rightRows}
      timelineRows={timelineRows}
      outputRows={outRows}
      inputLine={inputLine}
      footer={footer}
    />
  );
}

/**
 * `useMemo` whose keys may vary in number between calls (a pane's key list includes the world
 * key): recompute when any key differs by identity. Keeps the old value's identity otherwise, so
 * memoized panes skip re-rendering.
 */
function useMemoKeyed<T>(make: () => T, keys: readonly unknown[]): T {
  const ref = useRef<{ keys: readonly unknown[]; value: T } | null>(null);
  const old = ref.current;
  if (old && old.keys.length === keys.length && old.keys.every((k, i) => Object.is(k, keys[i]))) return old.value;
  const value = make();
  ref.current = { keys, value };
  return value;
}

/** Options for `startApp`: the app's options, its dependencies, and the streams to use. */
export interface StartOptions extends AppOptions {
  deps?: UiDeps;
  /** Where the lesson files are (default: the package's lessons/). */
  lessonsDir?: string;
  compiledLessons?: string;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
}

/**
 * Render the app full-screen (the alternate screen, restored on exit) and resolve when the learner
 * quits. The caller decides beforehand that stdin is a terminal (a pipe means batch mode).
 */
export async function startApp(opts: StartOptions = {}): Promise<void> {
  const stdout = opts.stdout ?? process.stdout;
  const stdin = opts.stdin ?? process.stdin;
  const deps = opts.deps ?? (await import('./default-deps.js')).defaultDeps({ lessonsDir: opts.lessonsDir, compiledLessons: opts.compiledLessons });
  const fullScreen = Boolean(stdout.isTTY);
  // Bracketed paste (?2004) marks pasted text, so a pasted tab is a space, not Tab completion.
  const leave = () => {
    if (fullScreen) stdout.write('\x1b[?2004l\x1b[?1049l\x1b[?25h');
  };
  if (fullScreen) stdout.write('\x1b[?1049h\x1b[?2004h\x1b[H');
  process.once('exit', leave);
  try {
    const instance = render(<App lessonId={opts.lessonId} sandbox={opts.sandbox} lang={opts.lang} defaultLang={opts.defaultLang} seed={opts.seed} deps={deps} />, {
      stdout,
      stdin,
      exitOnCtrlC: false,
      patchConsole: false,
      // A frame costs a few ms at 80×24, so 60 fps keeps a keystroke within one 16 ms frame.
      maxFps: 60,
    });
    await instance.waitUntilExit();
    instance.cleanup();
  } finally {
    leave();
    process.removeListener('exit', leave);
  }
}
