/**
 * `:export svg [FILE]`, typed at any prompt of the app: the conversation so far as a sequence
 * diagram (the SVG `batch --svg` writes), saved to FILE. The app's own line, like `:save`: it
 * writes a file, so the UI runs it rather than the session.
 */

import type { OutputLine } from '../repl/api.js';
import type { LessonController, UiDeps } from './deps.js';
import { worldSvg } from './export-svg.js';
import { strings, type Strings } from './strings.js';
import type { Language } from '../language.js';

const EXPORT_LINE = /^\s*:export(?:\s+(.*?))?\s*$/;

/** Where `:export svg` writes when no FILE is given (in the current folder). */
export const DEFAULT_SVG_FILE = 'repl-tutor-sequence.svg';

/** The lines `:export …` prints (its echo first), or null when `line` is not an `:export` line. */
export function exportLine(line: string, lesson: LessonController, deps: UiDeps, lang: Language): OutputLine[] | null {
  const m = EXPORT_LINE.exec(line);
  if (!m) return null;
  const text: Strings = strings(lang);
  const echo: OutputLine = { text: lesson.session.prompt + line, kind: 'echo' };
  const [format, file, ...extra] = (m[1] ?? '').split(/\s+/).filter((w) => w !== '');
  if (format?.toLowerCase() !== 'svg' || extra.length > 0) return [echo, { text: text.exportUsage, kind: 'error' }];
  if (!deps.writeFile) return [echo, { text: text.exportFailed(text.exportNoFiles), kind: 'error' }];
  const world = lesson.session.world;
  const svg = worldSvg(world, { title: `${lesson.view().lessonTitle} — t=${(world.now / 1000).toFixed(3)}s` });
  const written = deps.writeFile(file ?? DEFAULT_SVG_FILE, svg);
  if ('error' in written) return [echo, { text: text.exportFailed(written.error), kind: 'error' }];
  return [echo, { text: text.exported(written.path, Buffer.byteLength(svg)), kind: 'info' }];
}
