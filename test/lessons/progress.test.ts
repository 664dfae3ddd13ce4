// The progress store: atomic saves keyed by lesson and step ids, corrupt files set aside, export/import/reset.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProgressStore, progressDir } from '../../src/lessons/progress.js';

let home = '';
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'repl-tutor-home-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('progressDir', () => {
  it('REPL_TUTOR_HOME, then XDG_CONFIG_HOME/repl-tutor, then ~/.config/repl-tutor', () => {
    expect(progressDir({ REPL_TUTOR_HOME: '/h', XDG_CONFIG_HOME: '/x' })).toBe('/h');
    expect(progressDir({ XDG_CONFIG_HOME: '/x' })).toBe(join('/x', 'repl-tutor'));
    expect(progressDir({})).toMatch(/\.config[\\/]repl-tutor$/);
  });
});

describe('ProgressStore', () => {
  it('saves each completed step at once, keyed by lesson and step id, leaving no temp file', () => {
    const s = new ProgressStore(home);
    s.completeStep('full-sync', 'bgsave', 'buffered-writes');
    const saved = JSON.parse(readFileSync(join(home, 'progress.json'), 'utf8'));
    expect(saved).toEqual({ version: 1, lessons: { 'full-sync': { completed: ['bgsave'], current: 'buffered-writes' } } });
    expect(readdirSync(home)).toEqual(['progress.json']);
    const again = new ProgressStore(home);
    expect(again.isCompleted('full-sync', 'bgsave')).toBe(true);
    expect(again.currentStep('full-sync')).toBe('buffered-writes');
  });

  it('creates its folder when missing', () => {
    const s = new ProgressStore(join(home, 'deep', 'er'));
    s.setLanguage('zh');
    expect(new ProgressStore(join(home, 'deep', 'er')).language).toBe('zh');
  });

  it('a corrupt file is renamed aside with a one-line warning, never a crash', () => {
    writeFileSync(join(home, 'progress.json'), '{"version": 1, "lessons": ');
    writeFileSync(join(home, 'progress.json.corrupt-1'), 'older');
    const s = new ProgressStore(home);
    expect(s.completedSteps('x')).toEqual([]);
    expect(s.warnings).toHaveLength(1);
    expect(s.warnings[0]).toMatch(/corrupt; moved it to .*progress\.json\.corrupt-2/);
    expect(s.warnings[0]).not.toMatch(/\n/);
    expect(readFileSync(join(home, 'progress.json.corrupt-2'), 'utf8')).toBe('{"version": 1, "lessons": ');
    expect(existsSync(join(home, 'progress.json'))).toBe(false);
    s.completeStep('a', 'b');
    expect(new ProgressStore(home).completedSteps('a')).toEqual(['b']);
  });

  it('valid JSON of the wrong shape counts as corrupt', () => {
    writeFileSync(join(home, 'progress.json'), JSON.stringify({ version: 1, lessons: { a: { completed: 'nope' } } }));
    const s = new ProgressStore(home);
    expect(s.completedSteps('a')).toEqual([]);
    expect(s.warnings[0]).toMatch(/corrupt-1/);
  });

  it('export, import and reset', () => {
    const s = new ProgressStore(home);
    s.completeStep('build-it', 'start-servers');
    const file = join(home, 'backup.json');
    s.exportTo(file);
    s.reset();
    expect(existsSync(join(home, 'progress.json'))).toBe(false);
    expect(s.completedSteps('build-it')).toEqual([]);
    expect(s.importFrom(file)).toBeNull();
    expect(new ProgressStore(home).completedSteps('build-it')).toEqual(['start-servers']);
  });

  it('importing a bad file changes nothing and says why', () => {
    const s = new ProgressStore(home);
    s.completeStep('l', 's');
    const bad = join(home, 'bad.json');
    writeFileSync(bad, '[1,2,3]');
    expect(s.importFrom(bad)).toMatch(/not a repl-tutor progress file/);
    expect(s.importFrom(join(home, 'missing.json'))).toMatch(/cannot read/);
    expect(new ProgressStore(home).completedSteps('l')).toEqual(['s']);
  });
});
