/** The step pane as rows: title, the step's text (markdown), its goals with ticks, revealed hints, and the "why" once met. */

import type { Line } from './lines.js';
import { parseInline, renderMarkdown, wrapSegs } from './markdown.js';
import type { StepView } from './deps.js';
import type { Strings } from './strings.js';

/**
 * The step pane in at most `height` rows. Goals, the "why" and hints are what the learner acts on,
 * so they keep their rows; the narrative gets the rest and, when cut, ends with a '…' row
 * (`textScroll` rows of it scrolled away first). Once the step is complete its last row is always
 * the call to go on ("Step complete — Enter…"): when room is short the met goals fold into one
 * row, then the "why" is cut.
 */
export interface StepKeys {
  /** The key back to the step's start (named in a dead end's way out). */
  rewind: string;
  /** The key that shows the whole step text (named where the pane cuts it). */
  more: string;
}

/** Rows of narrative an unmet step keeps before its goals fold into one row. */
const NARRATIVE_MIN = 3;

export function stepLines(view: StepView, width: number, text: Strings, height = Infinity, textScroll = 0, keys: StepKeys = { rewind: '^G', more: 'F6' }): Line[] {
  const title: Line = [
    { text: `${text.step} ${view.index + 1}/${view.count} `, role: 'accent', bold: true },
    { text: view.title, bold: true },
  ];
  const body = renderMarkdown(view.text, width);
  const parts = stepTail(view, width, text, keys.rewind);
  let tail = [...parts.goals, ...parts.why, ...parts.rest];
  const bottom = parts.done;
  if (1 + body.length + tail.length + bottom.length <= height) return [title, ...body, ...tail, ...bottom];
  // Before the goals are met the narrative says what to do: it keeps a few rows, and the goals fold
  // into one row of marks when they do not fit beside it. Once met, at least one row of narrative
  // (or its '…' row) stays under the title, and the "why" gets the rest.
  const narrative = view.complete ? 1 : Math.min(body.length, NARRATIVE_MIN);
  const room = Math.max(0, height - 1 - narrative - bottom.length);
  if (tail.length > room && !view.complete && parts.goals.length > 2) {
    const met = view.goals.filter((g) => g.met).length;
    const marks = view.goals.map((g) => (g.met ? '✓' : '○')).join('');
    tail = [[{ text: `${marks} `, role: met > 0 ? 'goalMet' : undefined, bold: true }, { text: text.goalsFolded(met, view.goals.length, keys.more), dim: true }], ...parts.why, ...parts.rest];
  }
  if (tail.length > room && view.complete && parts.goals.length > 1) {
    const met = view.goals.filter((g) => g.met).length;
    tail = [[{ text: `✓ ${text.goalsMet(met, view.goals.length)}`, role: 'goalMet', bold: true }], ...parts.why, ...parts.rest];
  }
  if (tail.length > room) tail = [...tail.slice(0, Math.max(0, room - 1)), [{ text: text.morePane(keys.more), dim: true, role: 'accent' as const }]].slice(0, room);
  const textRows = Math.max(1, height - 1 - tail.length - bottom.length);
  if (body.length <= textRows) return [title, ...body, ...tail, ...bottom].slice(0, height);
  const start = Math.min(Math.max(0, textScroll), Math.max(0, body.length - textRows + 1));
  const shown = body.slice(start, start + textRows - 1);
  const more: Line = [{ text: `… ${start + shown.length}/${body.length}  ^U/^Y · ${keys.more}`, dim: true }];
  return [title, ...shown, more, ...tail, ...bottom].slice(0, height);
}

/** The rows under the narrative: goals, the "why" once met, hints, and the call to go on. */
function stepTail(view: StepView, width: number, text: Strings, rewindKey: string): { goals: Line[]; why: Line[]; rest: Line[]; done: Line[] } {
  const goals: Line[] = [];
  if (view.goals.length > 0) {
    goals.push([{ text: text.goals, bold: true, dim: true }]);
    for (const g of view.goals) {
      const mark = g.met ? '✓ ' : '○ ';
      goals.push(
        ...wrapSegs([{ text: mark, role: g.met ? 'goalMet' : undefined, bold: g.met }, ...parseInline(g.label, g.met ? { role: 'goalMet' } : {})], width, '  '),
      );
    }
  }
  const why: Line[] = [];
  // A dead end comes first: it is what the learner must read to get out.
  if (view.deadEnd) {
    why.push(...wrapSegs([{ text: text.deadEndTitle, role: 'warning', bold: true }, ...parseInline(view.deadEnd.trim())], width, ''));
  }
  if (view.metOnArrival) why.push(...wrapSegs([{ text: text.metOnArrival, role: 'goalMet' }], width, ''));
  if (view.complete && view.why) {
    why.push(...renderMarkdown(`**${text.why}**${afterLabel(text.why)}${view.why.trim()}`, width));
  }
  const rest: Line[] = [];
  view.hints.forEach((h, i) => {
    rest.push(...renderMarkdown(`**${text.hintLabel(i + 1)}**${afterLabel(text.hintLabel(i + 1))}${h.trim()}`, width));
  });
  if (!view.complete && view.hintsLeft > 0 && view.goals.length > 0) rest.push([{ text: text.hintKey, dim: true }]);

  // Wrapped, not clipped: at 80×24 the pane is 38 columns and this is the line to act on.
  // A dead end, or hints run out with the goals unmet: the last rows always offer the way out.
  const stuck = !view.complete && (view.deadEnd !== null || (view.hintsLeft === 0 && view.hints.length > 0));
  const done = view.complete
    ? wrapSegs([{ text: view.lessonDone ? text.lessonDone : text.stepDone, role: 'goalMet', bold: true }], width, '')
    : stuck
      ? wrapSegs([{ text: text.wayOut(rewindKey), role: 'accent', bold: true }], width, '')
      : [];
  return { goals, why, rest, done };
}

/** The space after a label, unless it ends with a full-width colon (原因：), which carries its own spacing. */
export function afterLabel(label: string): string {
  return label.endsWith('：') ? '' : ' ';
}
