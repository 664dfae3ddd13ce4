// The catalogue with teachers' own lessons: `--lessons DIR` adds a folder's lessons beside the
// bundled ones (a reused id is a warning, never a hidden bundled lesson), `--no-bundled` replaces
// them, and progress is kept per folder.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCatalog } from '../../src/lessons/catalog.js';
import { progressFileFor } from '../../src/lessons/progress.js';

/** A one-step lesson (the catalogue does not check step counts) met by `redis-server --port PORT`. */
const lesson = (id: string, order: number, port: number) => `id: ${id}
order: ${order}
title: {en: ${id}, zh: 课程}
summary: {en: About ${id}, zh: 关于}
steps:
  - id: start
    text: {en: Start ${port}., zh: 启动 ${port}。}
    goals: [{type: server, port: ${port}, status: running}]
    hints: {en: ['At the \`$\` prompt: \`redis-server --port ${port}\`'], zh: ['在 \`$\` 提示符下执行 \`redis-server --port ${port}\`']}
    solution: [redis-server --port ${port}]
    why: {en: Because., zh: 因为。}
`;
const sandbox = `id: sandbox
order: 99
kind: sandbox
title: {en: Sandbox, zh: 沙盒}
summary: {en: Free play, zh: 自由练习}
steps:
  - id: play
    text: {en: Play., zh: 玩吧。}
    setup: [redis-server --port 6390]
    goals: []
    hints: {en: [], zh: []}
    solution: []
`;

let root = '';
let bundled = '';
let teacher = '';
let home = '';
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'catalog-'));
  bundled = join(root, 'bundled');
  teacher = join(root, 'teacher');
  home = join(root, 'home');
  mkdirSync(bundled);
  mkdirSync(teacher);
  writeFileSync(join(bundled, '01-build-it.yaml'), lesson('build-it', 1, 6380));
  writeFileSync(join(bundled, 'sandbox.yaml'), sandbox);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const catalog = (extra: string[] = [], bundledToo = true) =>
  createCatalog({ lessonsDir: bundled, extraLessonDirs: extra, bundled: bundledToo, env: { REPL_TUTOR_HOME: home } });

/** Finish the lesson's only step the way a learner would. */
function finish(c: ReturnType<typeof catalog>, id: string, port: number) {
  const ls = c.open(id, 'en', 1);
  ls.submit(`redis-server --port ${port}`);
  expect(ls.view().complete).toBe(true);
}

describe('createCatalog with --lessons DIR', () => {
  it('adds the folder’s lessons to the bundled ones, in menu order', () => {
    writeFileSync(join(teacher, 'mine.yaml'), lesson('my-lesson', 2, 6381));
    const c = catalog([teacher]);
    expect(c.list('en').map((l) => l.id)).toEqual(['build-it', 'my-lesson']);
    expect(c.warnings()).toEqual([]);
  });

  it('a teacher’s lesson whose id a bundled lesson has is left out with a file:line warning; the bundled one stays', () => {
    writeFileSync(join(teacher, 'copy.yaml'), lesson('build-it', 5, 6381));
    const c = catalog([teacher]);
    expect(c.list('en').map((l) => [l.id, l.title])).toEqual([['build-it', 'build-it']]);
    expect(c.list('en')[0].steps).toBe(1);
    expect(c.warnings()).toEqual([
      `${join(teacher, 'copy.yaml')}:1: id: lesson id "build-it" is taken by the bundled lesson 01-build-it.yaml: rename yours, or use --no-bundled`,
    ]);
  });

  it('--no-bundled: the folder’s lessons replace the bundled ones, and the bundled sandbox stays', () => {
    writeFileSync(join(teacher, 'copy.yaml'), lesson('build-it', 1, 6381));
    const c = catalog([teacher], false);
    expect(c.list('en').map((l) => l.id)).toEqual(['build-it']);
    expect(c.warnings()).toEqual([]);
    const ls = c.open('build-it', 'en', 1);
    ls.submit('redis-server --port 6380');
    expect(ls.view().complete).toBe(false); // the teacher's build-it wants 6381
    expect(c.sandbox('en', 1).session.world.node(6390)?.status).toBe('running');
  });

  it('the bundled folder given as --lessons, or a folder given twice, is loaded once', () => {
    writeFileSync(join(teacher, 'mine.yaml'), lesson('my-lesson', 2, 6381));
    const c = catalog([bundled, teacher, join(teacher, '.')]);
    expect(c.list('en').map((l) => l.id)).toEqual(['build-it', 'my-lesson']);
    expect(c.warnings()).toEqual([]);
  });

  it('an empty or missing folder is a warning in the menu, not a crash', () => {
    expect(catalog([teacher]).warnings()).toEqual([`${teacher}: no lesson files (*.yaml, *.yml, *.json) in this folder`]);
    expect(catalog([join(root, 'nope')]).warnings()[0]).toMatch(/nope: cannot read lesson folder/);
  });

  it('progress is kept per folder: a teacher’s build-it never shares the bundled build-it’s progress', () => {
    writeFileSync(join(teacher, 'copy.yaml'), lesson('build-it', 1, 6381));
    finish(catalog(), 'build-it', 6380);
    expect(catalog().list('en')[0].progress).toBe('done');
    expect(catalog([teacher], false).list('en')[0].progress).toBe('new');
    finish(catalog([teacher], false), 'build-it', 6381);
    expect(catalog([teacher], false).list('en')[0].progress).toBe('done');
    expect(existsSync(join(home, 'progress.json'))).toBe(true);
    expect(existsSync(join(home, progressFileFor(teacher)))).toBe(true);
  });
});
