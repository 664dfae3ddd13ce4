// Lessons compiled at build time: used only while a file's text is unchanged, ignored when unusable.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledLesson, readCompiledLessons, type CompiledLessons } from '../../src/lessons/compiled.js';
import { compileLessons, defaultLessonsDir, loadLessons } from '../../src/lessons/loader.js';

const SHIPPED = defaultLessonsDir();

/** A folder with one copy of a shipped lesson file, and that folder compiled. */
function oneLessonFolder(): { dir: string; name: string; compiled: CompiledLessons } {
  const dir = mkdtempSync(join(tmpdir(), 'rt-compiled-'));
  const name = '02-full-sync.yaml';
  writeFileSync(join(dir, name), readFileSync(join(SHIPPED, name), 'utf8'));
  return { dir, name, compiled: JSON.parse(JSON.stringify(compileLessons(dir))) as CompiledLessons };
}

describe('compiled lessons (dist/lessons.json)', () => {
  it('hold exactly what parsing the shipped YAML gives', () => {
    const compiled = JSON.parse(JSON.stringify(compileLessons(SHIPPED))) as CompiledLessons;
    expect(loadLessons(SHIPPED, compiled)).toEqual(loadLessons(SHIPPED));
    expect(Object.keys(compiled.files).length).toBe(loadLessons(SHIPPED).lessons.length);
  });

  it('give an unchanged file its lesson without parsing it', () => {
    const { dir, name, compiled } = oneLessonFolder();
    compiled.files[name].lesson.title.en = 'from the compiled file';
    expect(loadLessons(dir, compiled).lessons[0].title.en).toBe('from the compiled file');
  });

  it('are not used for a file edited after the build: its YAML is parsed again', () => {
    const { dir, name, compiled } = oneLessonFolder();
    compiled.files[name].lesson.title.en = 'from the compiled file';
    const text = readFileSync(join(dir, name), 'utf8').replace(/title:\n(\s+)en: .*/, 'title:\n$1en: Edited title');
    writeFileSync(join(dir, name), text);
    expect(loadLessons(dir, compiled).lessons[0].title.en).toBe('Edited title');
    expect(compiledLesson(compiled, name, text)).toBeUndefined();
  });

  it('still report a lesson file broken after the build', () => {
    const { dir, name, compiled } = oneLessonFolder();
    writeFileSync(join(dir, name), 'id: [unclosed\n');
    const r = loadLessons(dir, compiled);
    expect(r.lessons).toEqual([]);
    expect(r.errors[0].message).toMatch(/^YAML syntax/);
  });

  it.each([
    ['missing', null],
    ['not JSON', '{"format": 1, "files": {'],
    ['another format', JSON.stringify({ format: 99, files: {} })],
    ['no files', JSON.stringify({ format: 1 })],
    ['null', 'null'],
  ])('are ignored when the file is %s', (_, content) => {
    const dir = mkdtempSync(join(tmpdir(), 'rt-compiled-'));
    const path = join(dir, 'lessons.json');
    if (content !== null) writeFileSync(path, content);
    expect(readCompiledLessons(path)).toBeUndefined();
  });
});
