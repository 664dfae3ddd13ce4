// Loading a lesson folder: broken files become precise errors while the other lessons still load.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLessonFolders, loadLessons } from '../../src/lessons/loader.js';
import { formatLessonError } from '../../src/lessons/types.js';

const lesson = (id: string, order: number, extra = '') => `id: ${id}
order: ${order}
title: {en: ${id}, zh: 课程}
summary: {en: About ${id}, zh: 关于}
steps:
  - id: only
    text: {en: Do it., zh: 做吧。}
    goals:
      - type: role
        port: 6381
        role: master${extra}
    hints: {en: [Try.], zh: [试试。]}
    solution: [slaveof no one]
    why: {en: Because., zh: 因为。}
`;

let dir = '';
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

function folder(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'lessons-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('loadLessons', () => {
  it('loads every lesson file, sorted by order, ignoring other files', () => {
    const d = folder({ 'b.yaml': lesson('second', 2), 'a.yml': lesson('first', 1), 'notes.txt': 'x' });
    const r = loadLessons(d);
    expect(r.errors).toEqual([]);
    expect(r.lessons.map((l) => l.id)).toEqual(['first', 'second']);
    expect(r.lessons[0].file).toBe('a.yml');
  });

  it('a file with bad YAML gives an error with file and line; the others still load', () => {
    const d = folder({ '01-ok.yaml': lesson('ok', 1), '02-bad.yaml': 'id: bad\norder: 2\ntitle: [unclosed\n', '03-ok.yaml': lesson('also-ok', 3) });
    const r = loadLessons(d);
    expect(r.lessons.map((l) => l.id)).toEqual(['ok', 'also-ok']);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].file).toBe('02-bad.yaml');
    expect(r.errors[0].line).toBeGreaterThan(0);
    expect(formatLessonError(r.errors[0])).toMatch(/^02-bad\.yaml:\d+: YAML syntax/);
  });

  it('an unknown goal type names file, line and the goal; the others still load', () => {
    const d = folder({ 'ok.yaml': lesson('ok', 1), 'goal.yaml': lesson('goal', 2).replace('type: role', 'type: rol') });
    const r = loadLessons(d);
    expect(r.lessons.map((l) => l.id)).toEqual(['ok']);
    expect(formatLessonError(r.errors[0])).toBe(
      `goal.yaml:9: steps[0].goals[0].type: unknown goal type "rol" (known: ${'replica-of, role, key, keys-equal, offset-equal, offset, trace, reply, server, config, fullresync-count, partial-count, link'})`,
    );
  });

  it('a missing translation names file and line; the others still load', () => {
    const d = folder({ 'ok.yaml': lesson('ok', 1), 'zh.yaml': lesson('zh', 2).replace('why: {en: Because., zh: 因为。}', 'why: {en: Because.}') });
    const r = loadLessons(d);
    expect(r.lessons.map((l) => l.id)).toEqual(['ok']);
    expect(formatLessonError(r.errors[0])).toBe('zh.yaml:14: steps[0].why: missing Chinese (zh) text for why');
  });

  it('a duplicate lesson id keeps the first file and reports the second', () => {
    const d = folder({ 'a.yaml': lesson('same', 1), 'b.yaml': lesson('same', 2) });
    const r = loadLessons(d);
    expect(r.lessons).toHaveLength(1);
    expect(r.errors[0].message).toBe('duplicate lesson id "same" (also in a.yaml)');
  });

  it('a missing folder is an error, not a crash', () => {
    const r = loadLessons(join(tmpdir(), 'no-such-lessons-folder-xyz'));
    expect(r.lessons).toEqual([]);
    expect(r.errors[0].message).toMatch(/cannot read lesson folder/);
  });
});

describe('loadLessonFolders (--lessons DIR)', () => {
  it('an id another folder already has is an error at the line of the file’s id; the first folder’s lesson stays', () => {
    const bundled = folder({ 'a.yaml': lesson('same', 1) });
    const teacherDir = mkdtempSync(join(tmpdir(), 'teacher-'));
    try {
      writeFileSync(join(teacherDir, 'b.yaml'), '# my copy\n\n' + lesson('same', 2));
      writeFileSync(join(teacherDir, 'c.yaml'), lesson('mine', 3));
      const r = loadLessonFolders({ bundledDir: bundled, extraDirs: [teacherDir] });
      expect(r.lessons.map((l) => [l.id, l.file])).toEqual([['same', 'a.yaml'], ['mine', 'c.yaml']]);
      expect(r.errors.map(formatLessonError)).toEqual([
        `${join(teacherDir, 'b.yaml')}:3: id: lesson id "same" is taken by the bundled lesson a.yaml: rename yours, or use --no-bundled`,
      ]);
      expect(r.folderOf.get('mine')).toBe(teacherDir);
      expect(r.folderOf.has('same')).toBe(false);
      const replaced = loadLessonFolders({ bundledDir: bundled, extraDirs: [teacherDir], bundled: false });
      expect(replaced.lessons.map((l) => [l.id, l.file])).toEqual([['same', 'b.yaml'], ['mine', 'c.yaml']]);
      expect(replaced.errors).toEqual([]);
    } finally {
      rmSync(teacherDir, { recursive: true, force: true });
    }
  });
});
