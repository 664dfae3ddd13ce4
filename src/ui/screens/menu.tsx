/**
 * The start menu: lessons with progress marks (✓ done, ◐ started), the sandbox, the language,
 * quit; under the list, what the lesson under the cursor teaches, how far the learner got, and
 * how to start it again.
 */

import React from 'react';
import { Box, Text } from 'ink';
import type { LessonSummary } from '../deps.js';
import { renderMarkdown } from '../markdown.js';
import { LinesView } from '../lines-view.js';
import type { Line } from '../lines.js';
import type { Strings } from '../strings.js';
import { useTheme } from '../theme-context.js';
import { truncate } from '../text-width.js';

export type MenuItem =
  | { kind: 'lesson'; lesson: LessonSummary }
  | { kind: 'sandbox'; open: boolean }
  | { kind: 'language' }
  | { kind: 'quit' };

/** The menu's items; `sandboxOpen` when a sandbox world is kept from earlier in this session. */
export function menuItems(lessons: readonly LessonSummary[], sandboxOpen = false): MenuItem[] {
  return [...lessons.map((lesson) => ({ kind: 'lesson' as const, lesson })), { kind: 'sandbox', open: sandboxOpen }, { kind: 'language' }, { kind: 'quit' }];
}

const progressMark = (l: LessonSummary) => (l.progress === 'done' ? '✓' : l.progress === 'started' ? '◐' : ' ');

function label(item: MenuItem, text: Strings): string {
  switch (item.kind) {
    case 'lesson':
      return `${progressMark(item.lesson)} ${item.lesson.title}`;
    case 'sandbox':
      return `  ${item.open ? text.resumeSandbox : text.sandbox}`;
    case 'language':
      return `  ${text.language}`;
    case 'quit':
      return `  ${text.quit}`;
  }
}

/** The rows under the list: the item's summary, progress and the "start again" key. */
export function summaryRows(item: MenuItem | undefined, text: Strings, width: number): Line[] {
  if (!item) return [];
  if (item.kind === 'sandbox' && item.open) return [[{ text: text.newSandboxKey, dim: true }]];
  if (item.kind !== 'lesson') return [];
  const l = item.lesson;
  const rows: Line[] = [...renderMarkdown(l.summary, width)];
  rows.push([{ text: text.summarySteps(l.stepsDone, l.steps), dim: true }]);
  if (l.progress !== 'new') rows.push([{ text: text.startAgain, role: 'accent' }]);
  return rows;
}

export function Menu({
  items,
  cursor,
  text,
  warnings,
  width,
  height,
}: {
  items: readonly MenuItem[];
  cursor: number;
  text: Strings;
  warnings: readonly string[];
  width: number;
  height: number;
}): React.JSX.Element {
  const theme = useTheme();
  const summary = summaryRows(items[cursor], text, width - 6);
  // Keep the cursor on screen when there are more items than rows; the summary gets what is left.
  const room = Math.max(3, Math.min(items.length, height - 6 - Math.min(3, warnings.length) - Math.min(4, summary.length)));
  const first = Math.max(0, Math.min(cursor - Math.floor(room / 2), items.length - room));
  const shown = items.slice(first, first + room);
  const summaryHeight = Math.max(0, Math.min(summary.length, height - 5 - room - Math.min(3, warnings.length)));
  return (
    <Box flexDirection="column" width={width} height={height} paddingX={2} paddingY={1}>
      <Text bold color={theme.colour('accent')}>
        {text.appTitle}
      </Text>
      <Text dimColor>{text.menuLessons}</Text>
      {shown.map((item, i) => {
        const selected = first + i === cursor;
        const done = item.kind === 'lesson' && item.lesson.progress === 'done';
        return (
          <Text key={first + i} inverse={selected} color={done && !selected ? theme.colour('goalMet') : undefined}>
            {(selected ? '› ' : '  ') + truncate(label(item, text), width - 8)}
          </Text>
        );
      })}
      <Text dimColor>{text.menuKeys}</Text>
      {summaryHeight > 0 ? <LinesView lines={summary} width={width - 4} height={summaryHeight} /> : null}
      {warnings.slice(0, 3).map((w, i) => (
        <Text key={`w${i}`} color={theme.colour('warning')}>
          {truncate('! ' + w, width - 4)}
        </Text>
      ))}
    </Box>
  );
}
