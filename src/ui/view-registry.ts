/**
 * The lesson screen's views, as data: the default screen (every pane at once) and one focus view
 * per pane, full-screen — the REPL output as a pager, the whole cluster picture, the whole event
 * timeline, the whole step text with its goals and "why". Each row says which key picks it, where
 * its rows come from (panes.ts) and which end its scrolling starts from. Adding a view is a row
 * here and its rows function; app.tsx does not change.
 */

import type { UiState } from './app-state.js';
import type { LessonController, StepView, UiDeps } from './deps.js';
import type { KeyName } from './key-press.js';
import type { Line } from './lines.js';
import type { Anchor } from './pager.js';
import { outputRows, rightPaneRows, stepRows, timelineRows } from './panes.js';
import type { Strings } from './strings.js';

export type ViewId = 'lesson' | 'output' | 'cluster' | 'events' | 'step';

/** What a focus view reads to build its rows. */
export interface ViewInput {
  lesson: LessonController;
  view: StepView;
  ui: UiState;
  text: Strings;
  deps: UiDeps;
  width: number;
}

export interface ViewDef {
  id: ViewId;
  key: KeyName;
  /** Which end the view starts at; PgUp/PgDn move away from and back to it. */
  anchor: Anchor;
  /** Every row of the view (the pager shows a window of them); absent for the default screen. */
  rows?(input: ViewInput): Line[];
}

export const VIEWS: readonly ViewDef[] = [
  { id: 'lesson', key: 'f2', anchor: 'bottom' },
  { id: 'output', key: 'f3', anchor: 'bottom', rows: ({ ui, width }) => outputRows(ui.output, width) },
  { id: 'cluster', key: 'f4', anchor: 'top', rows: ({ lesson, ui, width, text }) => rightPaneRows(lesson, { ...ui, overlay: null }, width, text) },
  { id: 'events', key: 'f5', anchor: 'bottom', rows: ({ lesson, ui, text, deps }) => timelineRows(lesson, ui, text, deps, Infinity) },
  { id: 'step', key: 'f6', anchor: 'top', rows: ({ view, width, text }) => stepRows(view, width, text, Infinity, 0) },
];

export function viewDef(id: ViewId): ViewDef {
  return VIEWS.find((v) => v.id === id) ?? VIEWS[0];
}

/** The view after `id` (^V cycles through them). */
export function nextView(id: ViewId): ViewId {
  const i = VIEWS.findIndex((v) => v.id === id);
  return VIEWS[(i + 1) % VIEWS.length].id;
}

/** The view a function key picks, if any. */
export function viewForKey(key: KeyName): ViewId | undefined {
  return VIEWS.find((v) => v.key === key)?.id;
}

/** "F3" for a view's key. */
export const viewKeyLabel = (id: ViewId): string => viewDef(id).key.toUpperCase();
