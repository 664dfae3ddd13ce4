/**
 * Loads every lesson file in a folder (broken files become error entries, the others still load),
 * and the app's lessons: the bundled folder, and teachers' folders beside it or instead of it.
 */

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

export interface LoadOptions {
  /** Lesson ids already taken (by another folder), each with who took it: such a lesson is an error. */
  taken?: ReadonlyMap<string, string>;
  /** Name errors by the file's path in `dir` instead of its bare name (a teacher's folder beside the bundled one). */
  withDir?: boolean;
}

/** The 1-based line of a lesson file's top-level `id:` (YAML) or first `"id"` (JSON), else 1. */
function idLine(text: string): number {
  const m = /^id\s*:|"id"\s*:/m.exec(text);
  return m ? text.slice(0, m.index).split('\n').length : 1;
}

/**
 * Read and validate every `*.yaml`, `*.yml` and `*.json` file in `dir` (not recursive).
 * Duplicate lesson ids are errors for the later file (by name); the first one is kept.
 * A file whose text is unchanged since `compiled` was made takes its lesson from there.
 */
export function loadLessons(dir: string, compiled?: CompiledLessons, opts: LoadOptions = {}): LoadResult {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => LESSON_FILE.test(n)).sort();
  } catch (e) {
    return { lessons: [], errors: [{ file: dir, line: 0, path: '', message: `cannot read lesson folder: ${(e as Error).message}` }] };
  }
  const lessons: Lesson[] = [];
  const errors: LessonError[] = [];
  const byId = new Map<string, string>();
  const shown = (name: string) => (opts.withDir ? join(dir, name) : name);
  for (const name of names) {
    const path = join(dir, name);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      errors.push({ file: shown(name), line: 0, path: '', message: `cannot read: ${(e as Error).message}` });
      continue;
    }
    const cached = compiledLesson(compiled, name, text);
    const r = cached ? { lesson: cached, errors: [] } : parseLesson(name, text);
    errors.push(...r.errors.map((e) => ({ ...e, file: shown(e.file) })));
    if (!r.lesson) continue;
    const other = byId.get(r.lesson.id);
    if (other) {
      errors.push({ file: shown(name), line: idLine(text), path: 'id', message: `duplicate lesson id "${r.lesson.id}" (also in ${other})` });
      continue;
    }
    const takenBy = opts.taken?.get(r.lesson.id);
    if (takenBy) {
      errors.push({ file: shown(name), line: idLine(text), path: 'id', message: `lesson id "${r.lesson.id}" is taken by ${takenBy}` });
      continue;
    }
    byId.set(r.lesson.id, name);
    lessons.push(r.lesson);
  }
  lessons.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return { lessons, errors };
}

/**
 * Where the app's lessons come from: the bundled folder, and teachers' folders (`--lessons DIR`)
 * beside it, or instead of it (`--no-bundled`: then only the bundled sandbox is kept, unless a
 * teacher's folder has its own).
 */
export interface LessonFolders {
  bundledDir: string;
  /** dist/lessons.json: the bundled lessons compiled by the build. */
  compiled?: CompiledLessons;
  /** Teachers' folders, in the order given. */
  extraDirs?: readonly string[];
  /** False with `--no-bundled`: the teachers' folders replace the bundled lessons. Default true. */
  bundled?: boolean;
}

export interface FoldersLoadResult extends LoadResult {
  /** The teacher's folder each lesson came from; a bundled lesson has none. */
  folderOf: Map<string, string>;
}

/**
 * Load the app's lessons from `folders`. An id is a lesson's name within its folder only, so a
 * teacher's lesson whose id is already taken (by a bundled lesson, or an earlier folder) is an
 * error line, and the lesson taken first stays: a teacher's file never hides a bundled lesson.
 */
export function loadLessonFolders(folders: LessonFolders): FoldersLoadResult {
  const extra = folders.extraDirs ?? [];
  const bundled = folders.bundled ?? true;
  const base = loadLessons(folders.bundledDir, folders.compiled);
  const lessons: Lesson[] = bundled ? [...base.lessons] : [];
  const errors: LessonError[] = bundled ? [...base.errors] : [];
  const folderOf = new Map<string, string>();
  const taken = new Map<string, string>(lessons.map((l) => [l.id, takenByBundled(l)]));
  // The same folder twice (or the bundled folder given as --lessons) is loaded once.
  const seen = new Set(bundled ? [resolve(folders.bundledDir)] : []);
  for (const dir of extra) {
    if (seen.has(resolve(dir))) continue;
    seen.add(resolve(dir));
    const r = loadLessons(dir, undefined, { taken, withDir: true });
    errors.push(...r.errors);
    if (r.lessons.length === 0 && r.errors.length === 0)
      errors.push({ file: dir, line: 0, path: '', message: 'no lesson files (*.yaml, *.yml, *.json) in this folder' });
    for (const l of r.lessons) {
      lessons.push(l);
      folderOf.set(l.id, dir);
      taken.set(l.id, join(dir, l.file));
    }
  }
  if (!bundled && !lessons.some((l) => l.kind === 'sandbox')) {
    const sandbox = base.lessons.find((l) => l.kind === 'sandbox');
    if (sandbox && !taken.has(sandbox.id)) lessons.push(sandbox);
  }
  lessons.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return { lessons, errors, folderOf };
}

/** Who holds an id a teacher's lesson may not reuse: a bundled lesson, and the two ways out. */
const takenByBundled = (l: Lesson) => `the bundled lesson ${l.file}: rename yours, or use --no-bundled`;

/**
 * The lesson ids of the bundled folder `bundledDir` that a teacher's folder `dir` may not reuse
 * beside it (`lessons check DIR`, `lessons list DIR`); none when both are the same folder.
 */
export function takenIds(dir: string, bundledDir: string | undefined): Map<string, string> {
  if (bundledDir === undefined || resolve(dir) === resolve(bundledDir)) return new Map();
  return new Map(loadLessons(bundledDir).lessons.map((l) => [l.id, takenByBundled(l)]));
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
