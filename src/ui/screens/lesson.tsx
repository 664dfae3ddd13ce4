/**
 * The lesson screen: either every pane at once (the default view, laid out by layout.ts) or one
 * pane full-screen (a focus view from view-registry.ts), with the input line and the footer. Rows
 * come from panes.ts; this component only picks them for the view and memoizes them.
 */

import React from 'react';
import { Box, Text } from 'ink';
import { InputLine } from '../input-line.js';
import type { FormSpec, UiState } from '../app-state.js';
import { FormLine } from '../form-line.js';
import type { LessonController, StepView, UiDeps } from '../deps.js';
import { useMemoKeyed } from '../hooks/use-memo-keyed.js';
import type { InputState } from '../input-state.js';
import { labelFor } from '../key-map.js';
import type { Layout } from '../layout.js';
import { LessonScreen } from '../lesson-screen.js';
import { LineView, LinesView } from '../lines-view.js';
import type { Line } from '../lines.js';
import { pageWindow } from '../pager.js';
import { footerLine, outputExtraRows, outputRows, pagerMarker, rightPaneRows, stepRows, timelineRows, titleBarLine } from '../panes.js';
import type { Strings } from '../strings.js';
import { textWidth } from '../text-width.js';
import { VIEWS, viewDef, viewKeyLabel } from '../view-registry.js';

/** What the key handler needs to know of the pane it scrolls (measured while drawing). */
export interface ScrollInfo {
  maxOffset: number;
  page: number;
  /** The width the output is wrapped to in this view (the search counts rows at it). */
  outputWidth: number;
}

/**
 * Record the drawn pane's limits in the object the key handler already holds: the handler was
 * made before this draw, so a new object would reach it only on the next one, and the first PgUp
 * or ^Home after switching views would use the previous view's limits.
 */
function setScrollInfo(ref: { current: ScrollInfo }, info: ScrollInfo): void {
  Object.assign(ref.current, info);
}

/**
 * What the world looked like when a pane was last built: any change to it (a line, a step, a
 * rewind to a new world) changes one of these, so the panes are rebuilt only then, not on every
 * keystroke that only edits the input line.
 */
function worldKey(lesson: LessonController, ui: UiState): unknown[] {
  const world = lesson.session.world;
  return [lesson, world, ui.worldVersion, world.trace.total, world.eventsRun, world.now, lesson.session.timeMode];
}

export interface LessonBodyProps {
  lesson: LessonController;
  ui: UiState;
  layout: Layout;
  text: Strings;
  deps: UiDeps;
  input: InputState;
  /** Written with the scrolled pane's limits on every draw (the key handler reads it). */
  scrollInfo: { current: ScrollInfo };
  /** Enter in an open one-field form. */
  onFormSubmit(value: string): void;
  /** An edit in an open one-field form (its draft is kept). */
  onFormChange?(value: string): void;
}

/** The label of an open form (it stands where the prompt stands). */
function formLabel(form: FormSpec, text: Strings): string {
  switch (form.id) {
    case 'faultValue':
      return text.formLabel.faultValue(form.fault.line, form.ports[0], form.ports[1]);
    case 'keyFilter':
      return text.formLabel.keyFilter(form.port);
    case 'saveName':
      return text.formLabel.saveName;
    case 'search':
      return text.formLabel.search;
  }
}

/** What both kinds of view draw around their panes. */
interface Chrome {
  view: StepView;
  viewKey: string;
  wk: unknown[];
  titleBar: Line;
  footer: Line;
  inputLine: React.ReactNode;
  marker: (n: number, up: boolean) => Line;
}

export function LessonBody(props: LessonBodyProps): React.JSX.Element {
  const { lesson, ui, layout: L, text, input } = props;
  const session = lesson.session;
  const view = lesson.view();
  const manual = session.timeMode === 'manual';
  const focus = viewDef(ui.view);
  // Serve mode: ^P pauses and resumes the wall clock, whatever play was.
  const live = lesson.session.live;
  const playing = live ? !live.paused : ui.playing;
  const speed = live ? live.speed : ui.speed;
  const footer = useMemoKeyed(() => footerLine(text, L.cols, { playing, speed, manual, live: live !== undefined, focus: ui.view !== 'lesson' }), [text, L.cols, playing, speed, manual, live, ui.view]);
  const synopsis = input.value ? session.synopsis(input.value) : '';
  const chrome: Chrome = {
    view,
    viewKey: JSON.stringify(view),
    wk: worldKey(lesson, ui),
    titleBar: titleBarLine(lesson, view, ui, text, focus.rows ? text.viewBar(text.views[focus.id], viewKeyLabel(focus.id)) : null),
    footer,
    inputLine:
      ui.overlay?.kind === 'confirm' ? (
        <Text bold>{ui.overlay.question}</Text>
      ) : ui.overlay?.kind === 'form' ? (
        <FormLine label={formLabel(ui.overlay.form, text)} initial={ui.overlay.form.initial} help={text.formHelp} onSubmit={props.onFormSubmit} onChange={props.onFormChange} />
      ) : (
        <InputLine prompt={session.prompt} value={input.value} cursor={input.cursor} hint={synopsis} width={focus.rows ? L.cols : L.outputWidth} focused={ui.overlay === null} />
      ),
    marker: pagerMarker(text),
  };
  return focus.rows ? <FocusView {...props} chrome={chrome} /> : <DefaultView {...props} chrome={chrome} />;
}

/** A focus view: title, the views' tabs, the view's rows as a pager, the input line, the footer. */
function FocusView({ lesson, ui, layout: L, text, deps, input, scrollInfo, chrome }: LessonBodyProps & { chrome: Chrome }): React.JSX.Element {
  const { view, viewKey, wk, titleBar, footer, inputLine, marker } = chrome;
  const focus = viewDef(ui.view);
  {
    // Tab's candidates and a message (a search's result, "nothing to play") take rows above the input line.
    const message = outputExtraRows(input.candidates, ui.message, L.cols);
    const height = L.rows - 4 - message.length;
    const all = useMemoKeyed(
      () => focus.rows!({ lesson, view, ui, text, deps, width: L.cols }),
      [...wk, focus, viewKey, ui.output, ui.revealSeq, L.cols, text, deps],
    );
    // A view's header rows (lane names, column titles) stay on top; the rows under them scroll.
    const pinned = all.slice(0, Math.min(focus.pinnedRows ?? 0, height - 1));
    const rest = all.slice(pinned.length);
    const win = pageWindow(rest, height - pinned.length, ui.scroll, focus.anchor, marker);
    // The first row under the "↑ more" marker (when rows are hidden above) as the view wants a top row drawn.
    if (focus.topRow && win.above > 0 && win.rows.length > 1) win.rows[1] = focus.topRow(rest, win.above);
    setScrollInfo(scrollInfo, { maxOffset: win.maxOffset, page: Math.max(1, height - pinned.length - 1), outputWidth: L.cols });
    // Every view's key and name; when that is wider than the screen, only the open view keeps its name.
    const named = (v: (typeof VIEWS)[number]) => v.id === focus.id || VIEWS.reduce((n, x) => n + textWidth(` ${x.key} ${text.views[x.id]} `), 0) <= L.cols;
    const tabs: Line = VIEWS.flatMap((v) => [
      { text: ` ${v.key.toUpperCase()} `, bold: true, role: 'accent' as const },
      ...(named(v) ? [{ text: `${text.views[v.id]} `, inverse: v.id === focus.id }] : []),
    ]);
    return (
      <Box flexDirection="column" width={L.cols} height={L.rows}>
        <LineView line={titleBar} width={L.cols} />
        <LineView line={tabs} width={L.cols} />
        {pinned.length > 0 && <LinesView lines={pinned} width={L.cols} height={pinned.length} />}
        {/* Under a pinned header the rows start right below it, however few they are. */}
        <LinesView lines={win.rows} width={L.cols} height={height - pinned.length} fromEnd={focus.anchor === 'bottom' && pinned.length === 0} />
        {message.length > 0 && <LinesView lines={message} width={L.cols} height={message.length} />}
        <Box width={L.cols} height={1} overflow="hidden">
          {inputLine}
        </Box>
        <LineView line={footer} width={L.cols} />
      </Box>
    );
  }
}

/** The default view: every pane at once, each cut to its box with a marker naming the key that shows it whole. */
function DefaultView({ lesson, ui, layout: L, text, deps, input, scrollInfo, chrome }: LessonBodyProps & { chrome: Chrome }): React.JSX.Element {
  const { view, viewKey, wk, titleBar, footer, inputLine, marker } = chrome;
  const stepPane = useMemoKeyed(() => stepRows(view, L.stepWidth, text, L.topHeight, ui.textScroll), [viewKey, L, text, ui.textScroll]);
  const rightPane = useMemoKeyed((): Line[] => {
    const rows = rightPaneRows(lesson, ui, L.clusterWidth, text, L.topHeight);
    if (rows.length <= L.topHeight) return rows;
    // Cut: the last row says so, and names the key that shows the rest.
    const key = ui.overlay ? 'PgDn' : viewKeyLabel('cluster');
    return [...rows.slice(0, L.topHeight - 1), [{ text: text.morePane(key), dim: true, role: 'accent' }]];
  }, [...wk, ui.overlay, L.clusterWidth, L.topHeight, text]);
  const traceRoom = Math.max(0, L.timelineHeight - 1);
  const timelinePane = useMemoKeyed(() => timelineRows(lesson, ui, text, deps, traceRoom), [...wk, ui.revealSeq, traceRoom, text, deps]);
  const allOutput = useMemoKeyed(() => outputRows(ui.output, L.outputWidth), [ui.output, L.outputWidth]);
  const extra = outputExtraRows(input.candidates, ui.message, L.outputWidth);
  const win = pageWindow(allOutput, Math.max(0, L.outputHeight - extra.length), ui.scroll, 'bottom', marker);
  setScrollInfo(scrollInfo, { maxOffset: win.maxOffset, page: Math.max(1, L.outputHeight - extra.length - 1), outputWidth: L.outputWidth });
  const outPane = useMemoKeyed(() => [...win.rows, ...extra], [win.rows.length, win.offset, allOutput, extra.length, input.candidates.join('\n'), ui.message]);
  return (
    <LessonScreen
      layout={L}
      titleBar={titleBar}
      stepRows={stepPane}
      rightRows={rightPane}
      timelineRows={timelinePane}
      outputRows={outPane}
      inputLine={inputLine}
      footer={footer}
    />
  );
}

/** Keys that say where to see a pane whole, for the lesson help (used by tests). */
export const focusKeys = (): string => VIEWS.map((v) => v.key.toUpperCase()).join(' ') + ` ${labelFor('nextView')}`;
