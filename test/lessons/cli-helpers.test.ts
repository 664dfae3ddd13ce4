// What the CLI uses from src/lessons: a lesson's setup for batch mode, the lesson list, and the progress command.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultLessonsDir } from '../../src/lessons/loader.js';
import { runProgressCommand } from '../../src/lessons/progress-cli.js';
import { ProgressStore } from '../../src/lessons/progress.js';
import { lessonSetupLines, listLessonsText } from '../../src/lessons/setup-lines.js';

const dir = defaultLessonsDir();

describe('lessonSetupLines', () => {
  it('gives the first step’s setup by id or by number, with its time mode', () => {
    const byId = lessonSetupLines(dir, 'full-sync');
    expect(byId.ok && byId.lines[0]).toBe('redis-server /data/6380/redis.conf');
    expect(byId.ok && byId.mode).toBe('manual');
    const byNumber = lessonSetupLines(dir, '2');
    expect(byNumber.ok && byNumber.lesson.id).toBe('full-sync');
  });

  it('an unknown lesson lists the known ones', () => {
    const r = lessonSetupLines(dir, 'nope');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/^no lesson "nope"; lessons: build-it, full-sync/);
  });
});

describe('listLessonsText', () => {
  it('lists every lesson with its number and title in the chosen language', () => {
    const en = listLessonsText(dir, 'en').split('\n');
    expect(en[0]).toMatch(/^ 1 {2}build-it\s+Build it by hand \(6 steps\)$/);
    expect(en).toHaveLength(9);
    expect(listLessonsText(dir, 'zh')).toContain('手工搭建主从复制（6 步）');
  });

  it('names broken files after the list', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'lessons-list-'));
    try {
      writeFileSync(join(tmp, 'x.yaml'), 'id: [');
      expect(listLessonsText(tmp, 'en')).toMatch(/Lesson files that could not be loaded:\n {2}x\.yaml:1: YAML syntax/);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('runProgressCommand', () => {
  let home = '';
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'progress-cli-'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('show, export, reset, import', () => {
    new ProgressStore(home).completeStep('build-it', 'start-servers', 'first-replica');
    expect(runProgressCommand('show', undefined, home).lines).toContain('build-it: 1 step done (start-servers), at first-replica');
    const file = join(home, 'out.json');
    expect(runProgressCommand('export', file, home)).toEqual({ ok: true, lines: [`progress exported to ${file}`] });
    expect(JSON.parse(readFileSync(file, 'utf8')).lessons['build-it'].completed).toEqual(['start-servers']);
    expect(runProgressCommand('reset', undefined, home).ok).toBe(true);
    expect(existsSync(join(home, 'progress.json'))).toBe(false);
    expect(runProgressCommand('show', undefined, home).lines).toContain('no lesson steps completed yet');
    expect(runProgressCommand('import', file, home).ok).toBe(true);
    expect(new ProgressStore(home).completedSteps('build-it')).toEqual(['start-servers']);
  });

  it('a bad import fails with a message and no crash; a corrupt store warns', () => {
    const bad = join(home, 'bad.json');
    writeFileSync(bad, 'nope');
    expect(runProgressCommand('import', bad, home)).toEqual({ ok: false, lines: [`${bad} is not a repl-tutor progress file`] });
    writeFileSync(join(home, 'progress.json'), '{');
    const shown = runProgressCommand('show', undefined, home);
    expect(shown.ok).toBe(true);
    expect(shown.lines[0]).toMatch(/^warning: progress file was corrupt; moved it to .*corrupt-1/);
    expect(runProgressCommand('export', undefined, home).ok).toBe(false);
  });
});
