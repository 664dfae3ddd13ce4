// Specifies how repl-tutor reads its command line: every form, and a clear message for bad input.
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/cli-args.js';

describe('cli arguments', () => {
  it('no arguments opens the app on the menu', () => {
    expect(parseCliArgs([])).toEqual({ kind: 'app', sandbox: false, lessonId: undefined, lang: undefined, seed: undefined });
  });

  it('--sandbox NAME (or --sandbox=NAME) opens the sandbox saved as NAME', () => {
    expect(parseCliArgs(['--sandbox', 'lab-1'])).toMatchObject({ kind: 'app', sandbox: true, sandboxName: 'lab-1' });
    expect(parseCliArgs(['--sandbox=lab-1'])).toMatchObject({ kind: 'app', sandbox: true, sandboxName: 'lab-1' });
    expect(parseCliArgs(['--sandbox'])).toEqual(expect.not.objectContaining({ sandboxName: expect.anything() }));
    expect(parseCliArgs(['lab-1'])).toMatchObject({ kind: 'error' });
  });

  it('--help and --version win over anything else', () => {
    expect(parseCliArgs(['--lesson', 'x', '--help']).kind).toBe('help');
    expect(parseCliArgs(['-v']).kind).toBe('version');
    expect(parseCliArgs(['batch', '-h']).kind).toBe('help');
  });

  it('--lesson, --lang and --seed go straight to a lesson, in both spellings', () => {
    expect(parseCliArgs(['--lesson', 'full-sync', '--lang=zh', '--seed', '7'])).toEqual({
      kind: 'app',
      lessonId: 'full-sync',
      sandbox: false,
      lang: 'zh',
      seed: 7,
    });
  });

  it('batch takes a file, the batch options and repeatable --set', () => {
    expect(parseCliArgs(['batch', 'walk.txt', '--trace', '--manual', '--set', 'repl-ping-replica-period=3600'])).toEqual({
      kind: 'batch',
      file: 'walk.txt',
      lessonId: undefined,
      sandbox: false,
      manual: true,
      trace: true,
      json: false,
      lang: undefined,
      seed: undefined,
      serverOverrides: [['repl-ping-replica-period', '3600']],
    });
    expect(parseCliArgs(['batch', '-']).kind === 'batch' && (parseCliArgs(['batch', '-']) as { file?: string }).file).toBe(undefined);
  });

  it('options may come before the subcommand: --lang zh lessons list, --lang zh batch', () => {
    expect(parseCliArgs(['--lang', 'zh', 'lessons', 'list'])).toEqual({ kind: 'lessons-list', lang: 'zh' });
    expect(parseCliArgs(['--lang=zh', 'lessons', 'list'])).toEqual({ kind: 'lessons-list', lang: 'zh' });
    expect(parseCliArgs(['--lang', 'zh', '--seed', '7', 'batch', 'walk.txt'])).toMatchObject({ kind: 'batch', file: 'walk.txt', lang: 'zh', seed: 7 });
    expect(parseCliArgs(['batch', '--lang', 'zh'])).toMatchObject({ kind: 'batch', lang: 'zh' });
    // An option's value is never taken for the subcommand.
    expect(parseCliArgs(['--lesson', 'batch'])).toMatchObject({ kind: 'app', lessonId: 'batch' });
  });

  it('lessons check [DIR], lessons list and progress actions', () => {
    expect(parseCliArgs(['lessons', 'check'])).toEqual({ kind: 'lessons-check', dir: undefined });
    expect(parseCliArgs(['lessons', 'check', 'my-lessons'])).toEqual({ kind: 'lessons-check', dir: 'my-lessons' });
    expect(parseCliArgs(['lessons', 'list']).kind).toBe('lessons-list');
    expect(parseCliArgs(['progress', '--export', 'p.json'])).toEqual({ kind: 'progress', action: 'export', file: 'p.json' });
    expect(parseCliArgs(['progress', '--import', 'p.json'])).toEqual({ kind: 'progress', action: 'import', file: 'p.json' });
    expect(parseCliArgs(['progress', '--reset'])).toEqual({ kind: 'progress', action: 'reset' });
    expect(parseCliArgs(['progress'])).toEqual({ kind: 'progress', action: 'show' });
  });

  it('--lessons DIR adds a teacher’s folder (repeatable); --no-bundled makes it replace the bundled lessons', () => {
    expect(parseCliArgs(['--lessons', 'mine'])).toMatchObject({ kind: 'app', lessonDirs: ['mine'] });
    expect(parseCliArgs(['--lessons', 'mine'])).not.toHaveProperty('noBundled');
    expect(parseCliArgs(['--lessons=a', '--lessons', 'b', '--no-bundled'])).toMatchObject({ kind: 'app', lessonDirs: ['a', 'b'], noBundled: true });
    expect(parseCliArgs(['batch', '--lessons', 'mine', '--lesson', 'intro'])).toMatchObject({ kind: 'batch', lessonDirs: ['mine'], lessonId: 'intro' });
    expect(parseCliArgs(['--lessons', 'lessons', 'lessons', 'list'])).toEqual({ kind: 'lessons-list', lang: undefined, dir: 'lessons' });
    expect(parseCliArgs(['lessons', 'list', 'mine'])).toEqual({ kind: 'lessons-list', lang: undefined, dir: 'mine' });
    expect(parseCliArgs(['lessons', 'check', 'mine', '--no-bundled'])).toEqual({ kind: 'lessons-check', dir: 'mine', noBundled: true });
    expect(parseCliArgs(['lessons', 'check', '--lessons', 'mine'])).toEqual({ kind: 'lessons-check', dir: 'mine' });
    expect(parseCliArgs(['progress', '--reset', '--lessons', 'mine'])).toEqual({ kind: 'progress', action: 'reset', lessonsDir: 'mine' });
  });

  it.each([
    [['--no-bundled'], '--no-bundled needs --lessons DIR (the folder whose lessons replace the bundled ones)'],
    [['--lessons'], '--lessons needs a value'],
    [['lessons', 'check', 'a', '--lessons', 'b'], 'usage: repl-tutor lessons check [DIR] | repl-tutor lessons list [DIR] | repl-tutor lessons diagram ID [FILE]'],
    [['--bogus'], "unknown option '--bogus'"],
    [['frobnicate'], "unknown command 'frobnicate'"],
    [['--lang', 'fr'], "--lang must be 'en' or 'zh', got 'fr'"],
    [['--seed', '-3'], "--seed needs a whole number from 0 to 4294967295, got '-3'"],
    [['--seed', 'abc'], "--seed needs a whole number from 0 to 4294967295, got 'abc'"],
    [['--lesson'], '--lesson needs a value'],
    [['--trace'], "--trace only applies to 'repl-tutor batch'"],
    [['--lesson', 'a', '--sandbox'], '--lesson and --sandbox cannot be used together'],
    [['batch', 'a', 'b'], 'batch takes one FILE, got 2'],
    [['batch', '--set', 'novalue'], "--set needs NAME=VALUE, got 'novalue'"],
    [['progress', '--reset', '--export', 'f'], 'usage: repl-tutor progress [--export FILE | --import FILE | --reset] [--lessons DIR]'],
    [['lessons', 'burn'], 'usage: repl-tutor lessons check [DIR] | repl-tutor lessons list [DIR] | repl-tutor lessons diagram ID [FILE]'],
  ])('%j is refused with a one-line message', (argv, message) => {
    expect(parseCliArgs(argv)).toEqual({ kind: 'error', message });
  });
});
