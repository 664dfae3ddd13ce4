/** The step pane as rows: title, the step's text (markdown), its goals with ticks, revealed hints, and the "why" once met. */

import type { Line } from './lines.js';
import { parseInline, renderMarkdown, wrapSegs } from './markdown.js';
import type { StepView } from './ports.js';
import type { Strings } from './strings.js';

/**
 * The step pane in at most `height` rows. Goals, the "why" and hints are what the learner acts on,
 * so they keep their rows; the narrative gets the rest and, when cut, ends with a '…' row
 * (`textScroll` rows of it scrolled away first).
 */
export function stepLines(view: StepView, width: number, text: Strings, height = Infinity, textScroll = 0): Line[] {
  const title: Line = [
    { text: `${text.step} ${view.index + 1}/${view.count} `, role: 'accent', bold: true },
    { text: view.title, bold: true },
  ];
  const body = renderMarkdown(view.text, width);
  const tail = stepTail(view, width, text);
  if (1 + body.length + tail.length <= height) return [title, ...body, ...tail];
  const textRows = Math.max(2, height - 1 - tail.length);
  const start = Math.min(Math.max(0, textScroll), Math.max(0, body.length - textRows + 1));
  const shown = body.slice(start, start + textRows - 1);
  const more: Line = [{ text: `… ${start + shown.length}/${body.length}  (^U/^Y)`, dim: true }];
  return [title, ...shown, more, ...tail].slice(0, height);
}

function stepTail(view: StepView, width: number, text: Strings): Line[] {
  const rows: Line[] = [];
  if (view.goals.length > 0) {
    rows.push([{ text: text.goals, bold: true, dim: true }]);
    for (const g of view.goals) {
      const mark = g.met ? '✓ ' : '○ ';
      rows.push(
        ...wrapSegs([{ text: mark, role: g.met ? 'goalMet' : undefined, bold: g.met }, ...parseInline(g.label, g.met ? { role: 'goalMet' } : {})], width, '  '),
      );
    }
  }
  if (view.complete && view.why) {
    // A full-width colon (原因：) carries its own spacing.
    const sep = text.why.endsWith('：') ? '' : ' ';
    rows.push(...renderMarkdown(`**${text.why}**${sep}${view.why.trim()}`, width));
    rows.push([{ text: view.lessonDone ? text.lessonDone : text.stepDone, role: 'goalMet', bold: true }]);
  } else if (view.complete) {
    rows.push([{ text: view.lessonDone ? text.lessonDone : text.stepDone, role: 'goalMet', bold: true }]);
  }
  view.hints.forEach((h, i) => {
    rows.push(...renderMarkdown(`**${text.hint} ${i + 1}:** ${h.trim()}`, width));
  });
  if (!view.complete && view.hintsLeft > 0 && view.goals.length > 0) rows.push([{ text: text.hintKey, dim: true }]);
  return rows;
}
