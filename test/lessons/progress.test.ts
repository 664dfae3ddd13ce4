// The progress store: atomic saves keyed by lesson and step ids, corrupt files set aside, export/import/reset.
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PROGRESS_BYTES, mergeProgress, ProgressStore, progressDir, progressFileFor } from '../../src/lessons/progress.js';

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

describe('progressFileFor: one progress file per lesson folder', () => {
  it('the bundled lessons keep progress.json; a teacher’s folder has its own file, named by its real path', () => {
    expect(progressFileFor()).toBe('progress.json');
    const a = join(home, 'my lessons');
    const b = join(home, 'other', 'my lessons');
    mkdirSync(a);
    expect(progressFileFor(a)).toMatch(/^folders[\\/]my_lessons-[0-9a-f]{12}\.json$/);
    expect(progressFileFor(b)).not.toBe(progressFileFor(a)); // same name, another folder
    expect(progressFileFor(join(a, '..', 'my lessons'))).toBe(progressFileFor(a)); // another spelling, same folder
  });

  it('a teacher folder’s store saves in its own file, beside progress.json', () => {
    const teacher = new ProgressStore(home, progressFileFor(join(home, 'mine')));
    teacher.completeStep('build-it', 'start-servers');
    expect(new ProgressStore(home).completedSteps('build-it')).toEqual([]);
    expect(new ProgressStore(home, progressFileFor(join(home, 'mine'))).completedSteps('build-it')).toEqual(['start-servers']);
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

describe('ProgressStore — saves that lose nothing (issue 12, reproducers 6 and 7)', () => {
  const file = () => join(home, 'progress.json');
  const saved = () => JSON.parse(readFileSync(file(), 'utf8'));

  it('two instances: B completes a step while A sits at the menu; A then switches language; both survive', () => {
    const a = new ProgressStore(home);
    expect(a.completedSteps('build-it')).toEqual([]);
    const b = new ProgressStore(home);
    b.completeStep('build-it', 'start-servers', 'replicaof');
    a.setLanguage('zh');
    expect(saved()).toEqual({ version: 1, language: 'zh', lessons: { 'build-it': { completed: ['start-servers'], current: 'replicaof' } } });
    // A learns B's step from its own save.
    expect(a.completedSteps('build-it')).toEqual(['start-servers']);
  });

  it('two instances completing different steps of the same lesson keep the union', () => {
    const a = new ProgressStore(home);
    const b = new ProgressStore(home);
    a.completeStep('failover', 'one', 'two');
    b.completeStep('failover', 'three');
    a.completeStep('failover', 'two', 'three');
    expect(saved().lessons.failover.completed).toEqual(['one', 'three', 'two']);
    expect(saved().lessons.failover.current).toBe('three');
  });

  it('two processes saving 40 steps each at the same time lose none of them (the advisory lock)', async () => {
    const { spawn } = await import('node:child_process');
    const src = join(process.cwd(), 'src/lessons/progress.ts');
    const script = (who: string) =>
      `import { ProgressStore } from ${JSON.stringify(src)}; const s = new ProgressStore(${JSON.stringify(home)});` +
      `for (let i = 0; i < 40; i++) s.completeStep('lesson', '${who}' + i); if (s.warnings.length) { console.error(s.warnings.join('\\n')); process.exit(1); }`;
    const run = (who: string) =>
      new Promise<number>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script(who)], { stdio: 'inherit' });
        child.on('exit', (code) => resolve(code ?? 1));
      });
    expect(await Promise.all([run('a'), run('b')])).toEqual([0, 0]);
    const done = saved().lessons.lesson.completed as string[];
    expect(done).toHaveLength(80);
    expect(readdirSync(home)).toEqual(['progress.json']);
  }, 60_000);

  it('a symlinked progress.json is written through: the link stays, its target changes', () => {
    const real = join(home, 'real.json');
    writeFileSync(real, JSON.stringify({ version: 1, lessons: {} }));
    symlinkSync('real.json', file());
    new ProgressStore(home).completeStep('l', 's');
    expect(lstatSync(file()).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(real, 'utf8')).lessons.l.completed).toEqual(['s']);
  });

  it('--export to a symlink writes through it; to a device or a FIFO it refuses and leaves it alone', () => {
    const s = new ProgressStore(home);
    s.completeStep('l', 's');
    const target = join(home, 'target.json');
    writeFileSync(target, '');
    symlinkSync(target, join(home, 'link.json'));
    s.exportTo(join(home, 'link.json'));
    expect(lstatSync(join(home, 'link.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(target, 'utf8')).lessons.l.completed).toEqual(['s']);
    expect(() => s.exportTo('/dev/null')).toThrow(/not a regular file/);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
    const fifo = join(home, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(() => s.exportTo(fifo)).toThrow(/not a regular file/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('a progress.json that links to /dev/zero is neither read forever nor replaced', () => {
    symlinkSync('/dev/zero', file());
    const s = new ProgressStore(home);
    expect(s.completedSteps('l')).toEqual([]);
    expect(s.warnings[0]).toMatch(/not a regular file/);
    s.completeStep('l', 's');
    expect(s.warnings[1]).toMatch(/could not save progress .*refusing to replace it/);
    expect(lstatSync(file()).isSymbolicLink()).toBe(true);
  });

  it('--import refuses /dev/zero, a FIFO (without waiting for a writer) and a file too big to be progress', () => {
    const s = new ProgressStore(home);
    expect(s.importFrom('/dev/zero')).toMatch(/not a regular file/);
    const fifo = join(home, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(s.importFrom(fifo)).toMatch(/not a regular file/);
    const big = join(home, 'big.json');
    writeFileSync(big, Buffer.alloc(MAX_PROGRESS_BYTES + 10, 0x20));
    expect(s.importFrom(big)).toMatch(/larger than 1 MiB/);
  });

  it('temp files a killed save left behind are removed by the next save', () => {
    writeFileSync(join(home, 'progress.json.tmp-4242'), 'x'.repeat(1000));
    writeFileSync(join(home, 'progress.json.3735928559'), 'half a save');
    writeFileSync(join(home, 'progress.json.corrupt-1'), 'kept: the learner may want it');
    new ProgressStore(home).completeStep('l', 's');
    expect(readdirSync(home).sort()).toEqual(['progress.json', 'progress.json.corrupt-1']);
  });

  it('merge: completed steps are the union, current and language are ours only where we set them', () => {
    const disk = { version: 1 as const, language: 'en' as const, lessons: { a: { completed: ['x'], current: 'y' } } };
    const ours = { version: 1 as const, language: 'zh' as const, lessons: { a: { completed: ['z'], current: 'q' }, b: { completed: ['w'] } } };
    expect(mergeProgress(disk, ours, { language: false, current: new Set() })).toEqual({
      version: 1,
      language: 'en',
      lessons: { a: { completed: ['x', 'z'], current: 'y' }, b: { completed: ['w'] } },
    });
    expect(mergeProgress(disk, ours, { language: true, current: new Set(['a']) }).lessons.a.current).toBe('q');
  });
});
