/**
 * The app's screen state as a reducer: which screen, the menu cursor, overlays (faults, inspect),
 * the REPL scrollback, time controls (mode, play/pause, speed) and the timeline's reveal position.
 * The world itself lives in the session; `worldVersion` changes whenever it did, so views re-read it.
 */

import type { OutputLine } from '../repl/api.js';
import type { FaultEntry } from './fault-menu.js';
import type { Language } from '../language.js';
import type { ViewId } from './view-registry.js';

export type Speed = 1 | 2 | 4 | 8;
export const speeds: readonly Speed[] = [1, 2, 4, 8];

export type Overlay =
  | { kind: 'faults'; fault: FaultEntry | null; port: number | null }
  | { kind: 'inspect'; port: number | null; tab: 'info' | 'keys'; scroll: number; /** A MATCH pattern over the keys ('' = all). */ filter: string }
  /** A one-field form (ink-text-input) in place of the input line. */
  | { kind: 'form'; form: FormSpec }
  | { kind: 'keySheet'; scroll: number }
  /** A yes/no question; `id` says what a yes does (the app keeps the table). */
  | { kind: 'confirm'; id: 'newSandbox' | 'quit'; question: string };

/** What a one-field form asks for, and what its answer is for. */
export type FormSpec =
  /** The value of a fault that takes one (latency ms, bandwidth bytes/s), after its two nodes. */
  | { id: 'faultValue'; fault: FaultEntry; ports: number[]; initial: string }
  /** A MATCH pattern over the inspected node's keys. */
  | { id: 'keyFilter'; port: number; initial: string }
  /** A name to save the sandbox under. */
  | { id: 'saveName'; initial: string }
  /** Text to find in the output (the pager's search). */
  | { id: 'search'; initial: string };

export interface UiState {
  screen: 'menu' | 'lesson';
  menuCursor: number;
  /** The lesson screen's view: the default screen or one pane full-screen (view-registry.ts). */
  view: ViewId;
  lang: Language;
  overlay: Overlay | null;
  /** Scrollback of the REPL, newest last (capped). */
  output: OutputLine[];
  /** Rows scrolled up from the bottom of the scrollback. */
  scroll: number;
  /** Rows of a long step text scrolled away. */
  textScroll: number;
  playing: boolean;
  speed: Speed;
  /** Trace events with seq below this are shown; the animation moves it up to the trace's end. */
  revealSeq: number;
  worldVersion: number;
  /** The last text searched for in the output (^S offers it again). */
  search: string;
  /** A one-line status message (cleared by the next action). */
  message: string | null;
}

/** Scrollback kept in memory; only what fits is rendered. */
export const OUTPUT_CAP = 2000;

export const initialUiState = (lang: Language, screen: 'menu' | 'lesson' = 'menu'): UiState => ({
  screen,
  menuCursor: 0,
  view: 'lesson',
  lang,
  overlay: null,
  output: [],
  scroll: 0,
  textScroll: 0,
  playing: false,
  speed: 1,
  revealSeq: 0,
  search: '',
  worldVersion: 0,
  message: null,
});

export type UiAction =
  | { type: 'menuMove'; delta: number; size: number }
  | { type: 'setLang'; lang: Language }
  | { type: 'enterLesson'; revealSeq: number; output?: OutputLine[] }
  | { type: 'view'; view: ViewId }
  | { type: 'toMenu' }
  | { type: 'print'; lines: OutputLine[] }
  | { type: 'clearOutput' }
  | { type: 'scroll'; delta: number }
  | { type: 'textScroll'; delta: number }
  | { type: 'stepChanged' }
  | { type: 'worldChanged'; message?: string | null; revealTo?: number }
  | { type: 'reveal'; seq: number }
  | { type: 'playing'; playing: boolean }
  | { type: 'faster' }
  | { type: 'overlay'; overlay: Overlay | null }
  | { type: 'message'; message: string | null }
  /** The open form's field changed: its draft is kept (a too-small window unmounts the field). */
  | { type: 'formDraft'; value: string }
  /** Scroll so that `offset` rows are below the window (the pager's search found a row). */
  | { type: 'scrollTo'; offset: number; search: string };

export function uiReducer(s: UiState, a: UiAction): UiState {
  switch (a.type) {
    case 'menuMove':
      return { ...s, menuCursor: (s.menuCursor + a.delta + a.size) % a.size };
    case 'setLang':
      return { ...s, lang: a.lang };
    case 'enterLesson':
      return { ...s, screen: 'lesson', view: 'lesson', overlay: null, output: a.output ?? [], scroll: 0, textScroll: 0, playing: false, revealSeq: a.revealSeq, message: null, worldVersion: s.worldVersion + 1 };
    case 'view':
      return { ...s, view: a.view, scroll: 0 };
    case 'toMenu':
      return { ...s, screen: 'menu', overlay: null, playing: false, message: null };
    case 'print': {
      const output = s.output.concat(a.lines);
      return { ...s, output: output.length > OUTPUT_CAP ? output.slice(output.length - OUTPUT_CAP) : output, scroll: 0 };
    }
    case 'clearOutput':
      return { ...s, output: [], scroll: 0 };
    case 'scroll':
      return { ...s, scroll: Math.max(0, s.scroll + a.delta) };
    case 'textScroll':
      return { ...s, textScroll: Math.max(0, s.textScroll + a.delta) };
    case 'stepChanged':
      return { ...s, textScroll: 0 };
    case 'worldChanged':
      return {
        ...s,
        worldVersion: s.worldVersion + 1,
        message: a.message === undefined ? s.message : a.message,
        revealSeq: a.revealTo !== undefined ? a.revealTo : s.revealSeq,
      };
    case 'reveal':
      return { ...s, revealSeq: Math.max(s.revealSeq, a.seq) };
    case 'playing':
      return { ...s, playing: a.playing };
    case 'faster':
      return { ...s, speed: speeds[(speeds.indexOf(s.speed) + 1) % speeds.length] };
    case 'overlay':
      // The fault menu and the inspector stand in the cluster pane: a focus view has none, so they open on the lesson view.
      if (a.overlay?.kind === 'faults' || a.overlay?.kind === 'inspect') return { ...s, overlay: a.overlay, view: 'lesson', scroll: s.view === 'lesson' ? s.scroll : 0 };
      // The search scrolls the output: from another focus view it runs in the output's (F3).
      if (a.overlay?.kind === 'form' && a.overlay.form.id === 'search' && s.view !== 'lesson' && s.view !== 'output') return { ...s, overlay: a.overlay, view: 'output', scroll: 0 };
      return { ...s, overlay: a.overlay };
    case 'message':
      return { ...s, message: a.message };
    case 'formDraft':
      return s.overlay?.kind === 'form' ? { ...s, overlay: { kind: 'form', form: { ...s.overlay.form, initial: a.value } } } : s;
    case 'scrollTo':
      return { ...s, scroll: Math.max(0, a.offset), search: a.search };
  }
}
