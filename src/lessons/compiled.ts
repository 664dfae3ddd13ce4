/**
 * Lessons compiled at build time (dist/lessons.json): each lesson file's validated model keyed by
 * a hash of its name and text, so start-up skips the YAML parse (~100 ms for the shipped lessons)
 * while any edited or added file is still parsed from its YAML.
 */

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Lesson } from './types.js';

export const COMPILED_FORMAT = 1;

/** What dist/lessons.json holds. */
export interface CompiledLessons {
  format: typeof COMPILED_FORMAT;
  /** File name → the hash of that file's name and text when compiled, and its validated lesson. */
  files: Record<string, { key: string; lesson: Lesson }>;
}

/** The cache key of one lesson file: any change to its name or text changes it. */
export function compiledKey(file: string, text: string): string {
  return createHash('sha1').update(file).update('\0').update(text).digest('hex');
}

/**
 * The compiled lessons at `path`, or undefined when there is none or it cannot be used (missing,
 * unreadable, malformed, another format): the loader then parses every file, as in development.
 */
export function readCompiledLessons(path: string): CompiledLessons | undefined {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as CompiledLessons;
    if (data?.format !== COMPILED_FORMAT || typeof data.files !== 'object' || data.files === null) return undefined;
    return data;
  } catch {
    return undefined;
  }
}

/** The validated lesson compiled for `file` if its text is still the one compiled, else undefined. */
export function compiledLesson(compiled: CompiledLessons | undefined, file: string, text: string): Lesson | undefined {
  const entry = compiled && Object.hasOwn(compiled.files, file) ? compiled.files[file] : undefined;
  if (!entry || entry.key !== compiledKey(file, text)) return undefined;
  return entry.lesson;
}
