/** Loads every lesson file in a folder: broken files become error entries, the others still load. */

import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiledKey, compiledLesson, COMPILED_FORMAT, type CompiledLessons } from './compiled.js';
import { parseLesson } from './schema.js';
import type { Lesson, LessonError } from './types.js';

const LESSON_FILE = /\.(ya?ml|json)$/i;

export interface LoadResult {
  /** Valid lessons, by `order` then id; the sandbox sorts with the others by its order. */
  lessons: Lesson[];
  errors: LessonError[];
}

/**
 * Read and validate every `*.yaml`, `*.yml` and `*.json` file in `dir` (not recursive).
 * Duplicate lesson ids are errors for the later file (by name); the first one is kept.
 * A file whose text is unchanged since `compiled` was made takes its lesson from there.
 */
export function loadLessons(dir: string, compiled?: CompiledLessons): LoadResult {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => LESSON_FILE.test(n)).sort();
  } catch (e) {
    return { lessons: [], errors: [{ file: dir, line: 0, path: '', message: `cannot read lesson folder: ${(e as Error).message}` }] };
  }
  const lessons: Lesson[] = [];
  const errors: LessonError[] = [];
  const byId = new Map<string, string>();
  for (const name of names) {
    const path = join(dir, name);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      errors.push({ file: name, line: 0, path: '', message: `cannot read: ${(e as Error).message}` });
      continue;
    }
    const cached = compiledLesson(compiled, name, text);
    const r = cached ? { lesson: cached, errors: [] } : parseLesson(name, text);
    errors.push(...r.errors);
    if (!r.lesson) continue;
    const other = byId.get(r.lesson.id);
    if (other) {
      errors.push({ file: name, line: 1, path: 'id', message: `duplicate lesson id "${r.lesson.id}" (also in ${other})` });
      continue;
    }
    byId.set(r.lesson.id, name);
    lessons.push(r.lesson);
  }
  lessons.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return { lessons, errors };
}

/**
 * The lessons/ folder shipped with the package: next to src/ or dist/ (one level up from this
 * module's folder, or two when running from src/lessons).
 */
export function defaultLessonsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const up = basename(here) === 'lessons' && basename(dirname(here)) === 'src' ? 2 : 1;
  return resolve(here, ...Array(up).fill('..'), 'lessons');
}

/** Compile the valid lesson files of `dir` for `loadLessons` (the build writes it to dist/lessons.json). */
export function compileLessons(dir: string): CompiledLessons {
  const files: CompiledLessons['files'] = {};
  for (const name of readdirSync(dir).filter((n) => LESSON_FILE.test(n)).sort()) {
    const text = readFileSync(join(dir, name), 'utf8');
    const r = parseLesson(name, text);
    if (r.lesson) files[name] = { key: compiledKey(name, text), lesson: r.lesson };
  }
  return { format: COMPILED_FORMAT, files };
}
