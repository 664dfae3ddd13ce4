/**
 * Every pane's rows, built from the lesson controller's world and the screen state: the title bar,
 * the step text, the cluster picture (or an open overlay), the event timeline, the REPL output and
 * the key footer. The lesson screen and the focus views (view-registry.ts) draw the same rows.
 * Pure functions: the world in, `Line[]` out.
 */

import type { OutputLine } from '../repl/api.js';
import type { TraceEvent } from '../redis/trace.js';
import type { UiState } from './app-state.js';
import { candidateLabels } from './input-state.js';
import { clusterLines, linkFaults } from './cluster-model.js';
import type { LessonController, StepView, UiDeps } from './deps.js';
import { BINDINGS, footerBindings, labelFor, type Context } from './key-map.js';
import type { Line } from './lines.js';
import { faultLines, inspectLines, numberedPorts } from './overlay-model.js';
import { afterLabel, stepLines } from './step-model.js';
import type { Strings } from './strings.js';
import { hardWrap, textWidth } from './text-width.js';
import { wrapSegs } from './markdown.js';
import { lineText } from './lines.js';
import { timelineLines } from './timeline-model.js';
import { servedWhere } from './served-where.js';
import { causeFirst, shownAt } from '../repl/trace-order.js';

/** The title bar: lesson, time mode, play state, virtual time and events fired. */
export function titleBarLine(lesson: LessonController, view: StepView, ui: UiState, text: Strings, viewName: string | null): Line {
  const world = lesson.session.world;
  const manual = lesson.session.timeMode === 'manual';
  const live = lesson.session.live;
  // Serve mode: the wall clock moves time, running (●) or paused (‖), whatever the time mode.
  const clock: Line = live
    ? [{ text: live.paused ? `  ‖ ${text.live} ${live.speed}×` : `  ● ${text.live} ${live.speed}×`, role: live.paused ? 'warning' : 'accent', bold: true }]
    : [{ text: ui.playing ? `  ▶ ${ui.speed}×` : manual ? `  ‖ ${ui.speed}×` : '' }];
  return [
    { text: ` ${view.lessonTitle} `, bold: true, inverse: true },
    ...(viewName ? [{ text: ` ${viewName} `, bold: true, role: 'accent' as const }] : []),
    { text: `  ${manual ? text.stepMode : text.settled}`, role: manual ? 'warning' : 'goalMet', bold: true },
    ...clock,
    { text: `  t=${(world.now / 1000).toFixed(3)}s  #${world.eventsRun}`, dim: true },
  ];
}

/** The step text with its goals, hints, the "why", a dead end's way out, in `height` rows. */
export function stepRows(view: StepView, width: number, text: Strings, height: number, textScroll: number): Line[] {
  return stepLines(view, width, text, height, textScroll, { rewind: labelFor('rewindStep'), more: 'F6' });
}

/** The cluster picture, or the overlay open in its place. */
export function rightPaneRows(lesson: LessonController, ui: UiState, width: number, text: Strings, height = Infinity): Line[] {
  const world = lesson.session.world;
  const nodes = world.snapshot();
  // The key filter's form is typed over the inspector it filters.
  const form = ui.overlay?.kind === 'form' ? ui.overlay.form : null;
  const overlay = form?.id === 'keyFilter' ? { kind: 'inspect' as const, port: form.port, tab: 'keys' as const, scroll: 0, filter: form.initial } : ui.overlay;
  if (overlay?.kind === 'faults') return faultLines(overlay, numberedPorts(nodes), text, height, width);
  if (overlay?.kind === 'inspect') {
    const port = overlay.port;
    const alive = port !== null && nodes.some((n) => n.port === port && (n.status === 'running' || n.status === 'paused'));
    return inspectLines(
      overlay,
      {
        ports: numberedPorts(nodes),
        info: alive && overlay.tab === 'info' ? (world.infoReplication(port) ?? [`${port} is not running`]) : null,
        keys: alive && overlay.tab === 'keys' ? world.keys(port) : null,
      },
      text,
      height,
      width,
    );
  }
  const live = lesson.session.live;
  const header: Line = [{ text: text.cluster, bold: true, dim: true }, ...(live ? [{ text: `  ${text.served(servedWhere(live.served()))}`, role: 'accent' as const }] : [])];
  const masters: Line[] = (live?.masters() ?? []).map((m) => [{ text: `  ◇ ${m.from} ← ${text.realMaster(m.to, m.state)}`, role: 'accent' }]);
  // The picture fits what the header and the real masters leave (the rows that change stay).
  return [header, ...clusterLines({ nowMs: world.now, nodes, faults: linkFaults(world.links()), clients: live?.clients() }, width, text, height - 1 - masters.length), ...masters];
}

/** The "next:" row, then as many revealed trace events as `room` allows (or all of them, `room` = Infinity). */
export function timelineRows(lesson: LessonController, ui: UiState, text: Strings, deps: UiDeps, room: number): Line[] {
  const world = lesson.session.world;
  const next = world.nextEvent();
  const nextRow: Line = next
    ? [
        { text: `── ${text.timeline} ── `, dim: true },
        { text: `${text.next}${afterLabel(text.next)}`, bold: true, role: 'accent' },
        { text: text.eventLabel(next.label) },
        { text: `  @${(next.atMs / 1000).toFixed(3)}s`, dim: true },
        ...(next.periodic ? [{ text: ` ${text.periodic}`, dim: true }] : []),
      ]
    : [{ text: `── ${text.timeline} ── ${text.nothingNext}`, dim: true }];
  const want = Number.isFinite(room) ? room + Math.max(0, world.trace.total - ui.revealSeq) : world.trace.total;
  // A command is revealed with its first effect, and shown before its effects (trace-order.ts).
  const recent = causeFirst(world.trace.last(want).filter((e) => shownAt(e) < ui.revealSeq));
  const format = (e: TraceEvent) => deps.formatTrace(e, ui.lang);
  const shown = Number.isFinite(room) ? recent.slice(Math.max(0, recent.length - room)) : recent;
  return [nextRow, ...timelineLines(shown, format)];
}

const wrapCache = new WeakMap<OutputLine, { width: number; rows: Line[] }>();

/** One output line wrapped to `width`, cached per line (the scrollback is re-read on every frame). */
function wrappedOutput(o: OutputLine, width: number): Line[] {
  const hit = wrapCache.get(o);
  if (hit && hit.width === width) return hit.rows;
  const role = o.kind === 'error' ? 'error' : o.kind === 'info' ? 'info' : o.kind === 'trace' ? 'trace' : undefined;
  // Programs' output wraps as a terminal wraps it; the tutor's own notes wrap between words, under their indent.
  const texts = o.kind === 'info' ? wrapSegs([{ text: o.text }], width, /^ */.exec(o.text)![0]).map(lineText) : hardWrap(o.text, width);
  const rows = texts.map((t): Line => [{ text: t, role, dim: o.kind === 'echo' || o.kind === 'trace' }]);
  wrapCache.set(o, { width, rows });
  return rows;
}

/** Every row of the REPL output wrapped to `width` (the pager shows a window of them). */
export function outputRows(output: readonly OutputLine[], width: number): Line[] {
  const rows: Line[] = [];
  for (const o of output) for (const r of wrappedOutput(o, width)) rows.push(r);
  return rows;
}

/** The rows under the output: Tab's candidates and the one-line message. */
export function outputExtraRows(candidates: readonly string[], message: string | null, width = Infinity): Line[] {
  const extra: Line[] = [];
  if (candidates.length) extra.push(...candidateRows(candidateLabels(candidates), width).map((text): Line => [{ text, dim: true }]));
  if (message) extra.push([{ text: message, role: 'warning' }]);
  return extra;
}

/** Rows Tab's candidates may take under the output. */
const CANDIDATE_ROWS = 3;

/** Candidates two spaces apart in rows of `width`, never cut; past the last row, how many more there are. */
function candidateRows(labels: readonly string[], width: number): string[] {
  const rows: string[] = [];
  for (const [i, label] of labels.entries()) {
    const last = rows.length - 1;
    if (last >= 0 && textWidth(rows[last] + '  ' + label) <= width) rows[last] += '  ' + label;
    else if (rows.length < CANDIDATE_ROWS) rows.push(label);
    else {
      // The last row makes room for the count of the rest.
      const more = (n: number) => `  … +${n}`;
      let row = rows[last].split('  ');
      let rest = labels.length - i;
      while (row.length > 1 && textWidth(row.join('  ') + more(rest)) > width) {
        row = row.slice(0, -1);
        rest++;
      }
      rows[last] = row.join('  ') + more(rest);
      break;
    }
  }
  return rows;
}

/** The pager's marker row: how many rows are hidden, and the key that shows them. */
export function pagerMarker(text: Strings) {
  return (n: number, up: boolean): Line => [{ text: up ? text.outputMore(n, 'PgUp') : `↓ ${n} — PgDn/${labelFor('scrollBottom')}`, dim: true, role: 'accent' }];
}

/**
 * The key footer for `contexts`, fitted to `width`: the keys in the table's footer order, the ones
 * that do not fit dropped from the end — except Esc, ^C and F1 (the key sheet), which always stay.
 */
export function footerLine(
  text: Strings,
  width: number,
  now: {
    playing: boolean;
    speed: number;
    manual: boolean;
    /** Serve mode: Esc stops serving and quits. */
    live?: boolean;
    /** A focus view is open: Esc goes back to the lesson view. */
    focus?: boolean;
  },
  contexts: readonly Context[] = ['app', 'lesson'],
): Line {
  const word = (action: (typeof BINDINGS)[number]['action']): string => {
    if (action === 'back' && now.focus) return text.backToLesson;
    if (action === 'back' && now.live) return text.stopServing;
    if (action === 'toggleTimeMode') return now.manual ? text.footerNow.toSettled : text.footerNow.toStepMode;
    if (action === 'playPause') return now.playing ? text.footerNow.pause : text.footerNow.play(now.speed);
    return text.actions[action];
  };
  const items = footerBindings()
    .filter((b) => contexts.includes(b.context))
    .map((b) => ({ action: b.action, label: labelFor(b.action, b.context), word: word(b.action) }));
  const always = new Set(['back', 'quit', 'keySheet']);
  const size = (i: { label: string; word: string }) => textWidth(`${i.label} ${i.word}  `);
  let used = items.filter((i) => always.has(i.action)).reduce((n, i) => n + size(i), 0);
  const kept = items.filter((i) => {
    if (always.has(i.action)) return true;
    if (used + size(i) > width) return false;
    used += size(i);
    return true;
  });
  const line: Line = kept.flatMap((i) => [
    { text: i.label, bold: true, role: 'accent' as const },
    { text: ` ${i.word}  ` },
  ]);
  // Never wider than the screen, even in a language with long words.
  return textWidth(lineText(line)) > width ? line.slice(0, Math.max(2, line.length - 2)) : line;
}
