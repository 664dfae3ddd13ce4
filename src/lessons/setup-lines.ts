/** Lessons for batch mode and `repl-tutor lessons list`: a lesson's (or the sandbox's) opening setup, and the menu as text. */

import { loadLessonFolders, loadLessons, takenIds, type LessonFolders } from './loader.js';
import type { Language } from '../language.js';
import { formatLessonError, type Lesson } from './types.js';

export type SetupLookup =
  | { ok: true; lesson: Lesson; lines: string[]; mode?: 'settled' | 'manual' }
  | { ok: false; message: string };

/** Find a lesson by id, or by its number in the menu (`1` … `8`). */
function findLesson(lessons: readonly Lesson[], idOrNumber: string): Lesson | undefined {
  return lessons.find((l) => l.id === idOrNumber) ?? (/^\d+$/.test(idOrNumber) ? lessons.find((l) => l.order === Number(idOrNumber)) : undefined);
}

/** The lessons of a folder, or of the bundled folder with teachers' folders (`--lessons DIR`), as the app loads them. */
function load(from: string | LessonFolders) {
  return typeof from === 'string' ? loadLessons(from) : loadLessonFolders(from);
}

/**
 * The lines that set a lesson up (its first step's setup), for `repl-tutor batch --lesson ID`
 * (`--lessons DIR` too). `mode` is the time mode the first step asks for, if any.
 */
export function lessonSetupLines(from: string | LessonFolders, idOrNumber: string): SetupLookup {
  const { lessons, errors } = load(from);
  const lesson = findLesson(lessons, idOrNumber);
  if (!lesson) {
    const broken = errors.length > 0 ? ` (${errors.length} lesson file error${errors.length === 1 ? '' : 's'}: run \`repl-tutor lessons check\`)` : '';
    return { ok: false, message: `no lesson "${idOrNumber}"; lessons: ${lessons.map((l) => l.id).join(', ')}${broken}` };
  }
  return firstSetup(lesson);
}

/**
 * The sandbox's setup (the lesson of kind `sandbox`, lessons/sandbox.yaml), for
 * `repl-tutor batch --sandbox`: the same world the app's sandbox opens on.
 */
export function sandboxSetupLines(from: string | LessonFolders): SetupLookup {
  const sandbox = load(from).lessons.find((l) => l.kind === 'sandbox');
  return sandbox ? firstSetup(sandbox) : { ok: false, message: 'no sandbox lesson in the lessons folder (lessons/sandbox.yaml)' };
}

function firstSetup(lesson: Lesson): SetupLookup {
  const first = lesson.steps[0];
  return { ok: true, lesson, lines: [...first.setup], ...(first.mode ? { mode: first.mode } : {}) };
}

/**
 * The lesson menu of `dir` as printable text, with any broken lesson files listed after it. With
 * `besideDir` (a teacher's folder listed as `--lessons DIR` adds it to the bundled lessons), an id
 * that folder already uses is listed as an error too.
 */
export function listLessonsText(dir: string, lang: Language, besideDir?: string): string {
  const { lessons, errors } = loadLessons(dir, undefined, { taken: takenIds(dir, besideDir) });
  const width = Math.max(0, ...lessons.map((l) => l.id.length));
  const lines = lessons.map((l) => {
    const num = l.kind === 'sandbox' ? ' ' : String(l.order);
    const steps = l.kind === 'sandbox' ? '' : lang === 'zh' ? `（${l.steps.length} 步）` : ` (${l.steps.length} steps)`;
    return `${num.padStart(2)}  ${l.id.padEnd(width)}  ${l.title[lang]}${steps}`;
  });
  if (errors.length > 0) {
    lines.push('', lang === 'zh' ? '无法加载的课程文件：' : 'Lesson files that could not be loaded:');
    for (const e of errors) lines.push(`  ${formatLessonError(e)}`);
  }
  return lines.join('\n');
}

