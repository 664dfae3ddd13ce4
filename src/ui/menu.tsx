/** The start menu: lessons with progress marks (✓ done, ◐ started), the sandbox, the language, quit. */

import React from 'react';
import { Box, Text } from 'ink';
import type { LessonSummary } from './ports.js';
import type { Strings } from './strings.js';
import { useTheme } from './theme-context.js';
import { truncate } from './text-width.js';

export type MenuItem =
  | { kind: 'lesson'; lesson: LessonSummary }
  | { kind: 'sandbox' }
  | { kind: 'language' }
  | { kind: 'quit' };

export function menuItems(lessons: readonly LessonSummary[]): MenuItem[] {
  return [...lessons.map((lesson) => ({ kind: 'lesson' as const, lesson })), { kind: 'sandbox' }, { kind: 'language' }, { kind: 'quit' }];
}

const progressMark = (l: LessonSummary) => (l.progress === 'done' ? '✓' : l.progress === 'started' ? '◐' : ' ');

function label(item: MenuItem, text: Strings): string {
  switch (item.kind) {
    case 'lesson':
      return `${progressMark(item.lesson)} ${item.lesson.title}`;
    case 'sandbox':
      return `  ${text.sandbox}`;
    case 'language':
      return `  ${text.language}`;
    case 'quit':
      return `  ${text.quit}`;
  }
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
  // Keep the cursor on screen when there are more items than rows.
  const room = Math.max(3, height - 6 - Math.min(3, warnings.length));
  const first = Math.max(0, Math.min(cursor - Math.floor(room / 2), items.length - room));
  const shown = items.slice(first, first + room);
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
      <Text> </Text>
      <Text dimColor>{text.menuKeys}</Text>
      {warnings.slice(0, 3).map((w, i) => (
        <Text key={`w${i}`} color={theme.colour('warning')}>
          {truncate('! ' + w, width - 4)}
        </Text>
      ))}
    </Box>
  );
}
