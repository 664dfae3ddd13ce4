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
import { logsModel } from './logs-model.js';
import { outputRows, rightPaneRows, stepRows, timelineRows } from './panes.js';
import { seedTableLines, seedTableRows } from './seed-table-model.js';
import { sequenceModel, sequenceTopRow } from './sequence-model.js';
import { wrapTimeline } from './timeline-model.js';
import type { Strings } from './strings.js';

export type ViewId = 'lesson' | 'output' | 'cluster' | 'events' | 'step' | 'sequence' | 'seedTable' | 'logs';

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
  /** How many of the first rows are a header (lane names, column titles) that stays on top while the rest scrolls. */
  pinnedRows?: number;
  /** Row `i` of the rows under the header as the top of a scrolled window (F7 writes in the time a row above said). */
  topRow?(rows: readonly Line[], i: number): Line;
}

export const VIEWS: readonly ViewDef[] = [
  { id: 'lesson', key: 'f2', anchor: 'bottom' },
  { id: 'output', key: 'f3', anchor: 'bottom', rows: ({ ui, width }) => outputRows(ui.output, width) },
  { id: 'cluster', key: 'f4', anchor: 'top', rows: ({ lesson, ui, width, text }) => rightPaneRows(lesson, { ...ui, overlay: null }, width, text) },
  { id: 'events', key: 'f5', anchor: 'bottom', rows: ({ lesson, ui, text, deps, width }) => wrapTimeline(timelineRows(lesson, ui, text, deps, Infinity), width) },
  { id: 'step', key: 'f6', anchor: 'top', rows: ({ view, width, text }) => stepRows(view, width, text, Infinity, 0) },
  // The conversation as lanes and arrows, the seed's SYNC table, two nodes' own logs side by side:
  // each model windows its rows itself; here they hand over every row and the pager windows them.
  { id: 'sequence', key: 'f7', anchor: 'bottom', pinnedRows: 1, topRow: sequenceTopRow, rows: ({ lesson, ui, width }) => sequenceRows(lesson, ui, width) },
  { id: 'seedTable', key: 'f8', anchor: 'bottom', pinnedRows: 2, rows: ({ lesson, ui, width }) => seedTableLines(seedTableRows(lesson.session.world.trace.all(), { lang: ui.lang }), { lang: ui.lang, width, height: ALL_ROWS }) },
  { id: 'logs', key: 'f9', anchor: 'bottom', pinnedRows: 1, rows: ({ lesson, width }) => logRows(lesson, width) },
];

/** A height no model reaches: "every row". */
const ALL_ROWS = 1_000_000;

function sequenceRows(lesson: LessonController, ui: UiState, width: number): Line[] {
  const world = lesson.session.world;
  const roles = new Map(world.snapshot().map((n) => [n.port, n.role] as const));
  const m = sequenceModel({ events: world.trace.last(5000), nowMs: world.now, width, height: ALL_ROWS, lang: ui.lang, roles });
  return [m.header, ...m.rows];
}

/** The logs of the first two nodes that have one, side by side. */
function logRows(lesson: LessonController, width: number): Line[] {
  const files = lesson.session.world.logs.files;
  const logs = [...files.keys()].filter((p) => p.endsWith('.log')).sort();
  if (logs.length === 0) return [];
  const paths: [string] | [string, string] = logs.length > 1 ? [logs[0], logs[1]] : [logs[0]];
  return logsModel({ files, paths, width, height: ALL_ROWS });
}

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
