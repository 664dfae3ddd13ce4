/**
 * The terminal app: the root component and `startApp`, which renders it with Ink and resolves
 * when the learner quits. It holds the screen's state (reducers in app-state.ts and
 * input-state.ts), the lesson on screen and the ones kept open this session; it routes each key
 * through the key map (key-map.ts) to a handler (app-actions.ts) and draws the screen for it
 * (screens/). Lesson logic lives in the lesson controller, panes in panes.ts, views in
 * view-registry.ts: this file only wires them.
 */

import React, { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { Box, render, useApp } from 'ink';
import { initialUiState, uiReducer, type UiAction, type UiState } from './app-state.js';
import { enter, onFormSubmit, onKey, show, submitLine, type ActionEnv } from './app-actions.js';
import type { OutputLine } from '../repl/api.js';
import type { Lang, LessonController, UiDeps } from './deps.js';
import { useMemoKeyed } from './hooks/use-memo-keyed.js';
import { useReveal } from './hooks/use-reveal.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { useTicker, type Ticks } from './hooks/use-ticker.js';
import { useLive, useLivePausedWhileSmall } from './hooks/use-live.js';
import { observeLive } from './live-actions.js';
import { formKey } from './form-line.js';
import { emptyInput, inputReducer, type InputAction, type InputState } from './input-state.js';
import type { KeyPress } from './key-press.js';
import { keySheetColumns, keySheetRows, keySheetWindow } from './key-sheet.js';
import { computeLayout, tooSmall } from './layout.js';
import { LinesView } from './lines-view.js';
import { LessonBody, type ScrollInfo } from './screens/lesson.js';
import { Menu, menuItems } from './screens/menu.js';
import { strings } from './strings.js';
import { coloursEnabled, makeTheme } from './theme.js';
import { ThemeContext } from './theme-context.js';
import { TooSmall } from './too-small.js';
import { useKeyPresses } from './use-key-presses.js';

export interface AppOptions {
  lessonId?: string;
  sandbox?: boolean;
  /** The sandbox saved under this name (`--sandbox NAME`). */
  sandboxName?: string;
  lang?: Lang;
  /** The language when neither `lang` nor a saved choice says (from the LANG environment variable). */
  defaultLang?: Lang;
  seed?: number;
}

export interface AppProps extends AppOptions {
  deps: UiDeps;
  /** Colours on/off (default: on unless NO_COLOR is set). */
  colours?: boolean;
  /** Rows to assume when the output stream does not say (a test stream has no row count). */
  fallbackRows?: number;
}

export { PLAY_MS } from './hooks/use-ticker.js';
export { REVEAL_MS } from './hooks/use-reveal.js';

export function App(props: AppProps): React.JSX.Element {
  const { deps } = props;
  const seed = props.seed ?? 1;
  const { exit } = useApp();
  const size = useTerminalSize(props.fallbackRows ?? 30);
  const small = tooSmall(size.cols, size.rows);
  const [, force] = useReducer((x: number) => x + 1, 0);
  const theme = useMemo(() => makeTheme(props.colours ?? coloursEnabled()), [props.colours]);

  const uiRef = useRef<UiState | null>(null);
  const inputRef = useRef<InputState>(emptyInput);
  const lessonRef = useRef<LessonController | null>(null);
  /** Lessons and the sandbox opened this session: leaving one keeps its world and its output. */
  const keptRef = useRef(new Map<string, LessonController>());
  const keptOutput = useRef(new Map<LessonController, OutputLine[]>());
  const scrollInfo = useRef<ScrollInfo>({ maxOffset: 0, page: 1, outputWidth: 80 });
  /** Keys typed while the screen is too small wait here. */
  const waitingKeys = useRef<KeyPress[]>([]);

  const update = useCallback((a: UiAction) => {
    uiRef.current = uiReducer(uiRef.current!, a);
    force();
  }, []);
  const applyInput = useCallback((a: InputAction) => {
    inputRef.current = inputReducer(inputRef.current, a);
    force();
  }, []);
  const quit = useCallback(() => {
    update({ type: 'playing', playing: false });
    exit();
  }, [exit, update]);

  const env: ActionEnv = {
    deps,
    seed,
    ui: () => uiRef.current!,
    input: () => inputRef.current,
    lesson: () => lessonRef.current,
    setLesson: (lesson, key) => {
      lessonRef.current = lesson;
      if (lesson && key) keptRef.current.set(key, lesson);
    },
    kept: (key) => keptRef.current.get(key),
    keptOutput: (lesson) => keptOutput.current.get(lesson),
    keepOutput: (lesson, output) => void keptOutput.current.set(lesson, output),
    forget: (key) => void keptRef.current.delete(key),
    update,
    applyInput,
    scrollInfo: scrollInfo.current,
    quit,
  };

  // Open the lesson or sandbox named on the command line before the first frame.
  if (uiRef.current === null) {
    const lang = props.lang ?? deps.catalog.savedLanguage?.() ?? props.defaultLang ?? 'en';
    uiRef.current = initialUiState(lang);
    if (props.lessonId || props.sandbox) {
      const key = props.sandbox ? 'sandbox' : props.lessonId!;
      enter(env, key, () => (props.sandbox ? deps.catalog.sandbox(lang, seed, props.sandboxName) : deps.catalog.open(props.lessonId!, lang, seed)), false);
    }
  }
  const ui = uiRef.current;
  const text = strings(ui.lang);
  const lesson = lessonRef.current;

  const listItems = () => menuItems(deps.catalog.list(uiRef.current!.lang), keptRef.current.has('sandbox'));

  const handleKey = (p: KeyPress): void => onKey(env, p, listItems);

  // Keys reach the app through one stable listener, so it is registered once and stays first.
  const handlerRef = useRef(handleKey);
  handlerRef.current = handleKey;
  const smallRef = useRef(small);
  smallRef.current = small;
  // Every key of every read, in order (useKeyPresses decodes the raw bytes itself).
  useKeyPresses((p) => {
    // While the screen is too small, time stops and keys wait (^C still quits).
    if (smallRef.current && !(p.ctrl && p.text === 'c')) {
      waitingKeys.current.push(p);
      return force();
    }
    handlerRef.current(p);
  });
  useEffect(() => {
    if (small || waitingKeys.current.length === 0) return;
    const keys = waitingKeys.current;
    waitingKeys.current = [];
    for (const p of keys) {
      // A form's field was not on screen to take them: its draft does.
      const o = uiRef.current!.overlay;
      const edit = o?.kind === 'form' ? formKey(o.form.initial, p) : null;
      if (edit === null) handlerRef.current(p);
      else if (edit !== 'submit') update({ type: 'formDraft', value: edit.value });
      else if (o?.kind === 'form') onFormSubmit(env, o.form.initial);
    }
  }, [small]);

  useReveal(lesson, ui, update, small);
  const ticks: Ticks = useMemo(
    () => ({
      playTick: () => {
        const l = lessonRef.current;
        if (!l || !l.hasPending()) return false;
        const o = l.step();
        show(env, o, null);
        return !o.completed;
      },
      solveTick: () => {
        const line = lessonRef.current?.takeSolutionLine();
        if (line === undefined) return false;
        submitLine(env, line);
        return true;
      },
      stopPlaying: () => update({ type: 'playing', playing: false }),
    }),
    // The env's functions read refs, so one set of ticks serves every render.
    [update],
  );
  useTicker(lesson, ui, lesson?.solving ?? false, small, ticks);
  // Serve mode: the wall clock and real clients change the world by themselves.
  const observe = useCallback(() => observeLive(env), [update]);
  useLive(lesson?.session.live, observe, small);
  useLivePausedWhileSmall(lesson?.session.live, small);

  const layout = useMemo(() => computeLayout(size.cols, size.rows), [size.cols, size.rows]);
  const sheet = useMemoKeyed(() => keySheetColumns(keySheetRows(text), size.cols, layout.rows), [text, size.cols, layout.rows]);
  let body: React.ReactNode;
  if (small) {
    body = <TooSmall cols={size.cols} rows={size.rows} text={text} waiting={waitingKeys.current.length} />;
  } else if (ui.overlay?.kind === 'keySheet') {
    const win = keySheetWindow(sheet, ui.overlay.scroll, layout.rows, text);
    scrollInfo.current.maxOffset = win.maxScroll; // the sheet's PgDn stops at its last page
    body = <LinesView lines={win.rows} width={size.cols} height={layout.rows} />;
  } else if (ui.screen === 'menu' || !lesson) {
    const warnings = [...deps.catalog.warnings(), ...(ui.message ? [ui.message] : [])];
    const question = ui.overlay?.kind === 'confirm' ? [ui.overlay.question] : [];
    body = <Menu items={listItems()} cursor={ui.menuCursor} text={text} warnings={[...question, ...warnings]} width={size.cols} height={size.rows - 1} />;
  } else {
    body = <LessonBody lesson={lesson} ui={ui} layout={layout} text={text} deps={deps} input={inputRef.current} scrollInfo={scrollInfo} onFormSubmit={(v) => onFormSubmit(env, v)} onFormChange={(v) => update({ type: 'formDraft', value: v })} />;
  }
  return (
    <ThemeContext.Provider value={theme}>
      <Box flexDirection="column">{body}</Box>
    </ThemeContext.Provider>
  );
}

/** Options for `startApp`: the app's options, its dependencies, and the streams to use. */
export interface StartOptions extends AppOptions {
  deps?: UiDeps;
  /** Where the lesson files are (default: the package's lessons/). */
  lessonsDir?: string;
  compiledLessons?: string;
  /** Teachers' lesson folders (`--lessons DIR`), and whether the bundled lessons stay (`--no-bundled`). */
  extraLessonDirs?: readonly string[];
  bundled?: boolean;
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
  const deps = opts.deps ?? (await import('./default-deps.js')).defaultDeps({
      lessonsDir: opts.lessonsDir,
      compiledLessons: opts.compiledLessons,
      extraLessonDirs: opts.extraLessonDirs,
      bundled: opts.bundled,
    });
  const fullScreen = Boolean(stdout.isTTY);
  // Bracketed paste (?2004) marks pasted text, so a pasted tab is a space, not Tab completion.
  const leave = () => {
    if (fullScreen) stdout.write('\x1b[?2004l\x1b[?1049l\x1b[?25h');
  };
  if (fullScreen) stdout.write('\x1b[?1049h\x1b[?2004h\x1b[H');
  process.once('exit', leave);
  try {
    const { lessonId, sandbox, sandboxName, lang, defaultLang, seed } = opts;
    const app = <App lessonId={lessonId} sandbox={sandbox} sandboxName={sandboxName} lang={lang} defaultLang={defaultLang} seed={seed} deps={deps} />;
    // A frame costs a few ms at 80×24, so 60 fps keeps a keystroke within one 16 ms frame.
    const instance = render(app, { stdout, stdin, exitOnCtrlC: false, patchConsole: false, maxFps: 60 });
    await instance.waitUntilExit();
    instance.cleanup();
  } finally {
    leave();
    process.removeListener('exit', leave);
  }
}
