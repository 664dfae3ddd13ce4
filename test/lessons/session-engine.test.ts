// The lesson session over the real engine and REPL: a learner typing a solution, moving on, restarting a step.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultReplFactory } from '../../src/lessons/default-repl.js';
import { defaultLessonsDir, loadLessons } from '../../src/lessons/loader.js';
import { ProgressStore } from '../../src/lessons/progress.js';
import type { Outcome } from '../../src/lessons/api.js';
import { LessonSession } from '../../src/lessons/session.js';

const { lessons } = loadLessons(defaultLessonsDir());
let home = '';
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'lesson-engine-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const newSession = () => new LessonSession({ lessons, createRepl: defaultReplFactory, progress: new ProgressStore(home), language: 'zh' });

/** What a line printed, without its echo. */
const replies = (o: Outcome) => o.lines.filter((l) => l.kind !== 'echo');

describe('LessonSession over ReplSession', () => {
  it('failover — the learner types the seed’s lines and each step completes in turn', () => {
    const s = newSession();
    s.open('failover');
    expect(s.repl.prompt).toBe('$ ');
    expect(s.submit('redis-cli -p 6380 shutdown')).toBeDefined();
    expect(s.completed).toBe(true);
    expect(s.why).toMatch(/Sentinel/);
    expect(s.next()).toBe(true);
    s.submit('redis-cli -p 6381');
    s.submit('info replication');
    expect(s.goals.map((g) => g.met)).toEqual([true, false]);
    const out = replies(s.submit('set a 10'));
    expect(out.map((o) => o.text)).toEqual(["(error) READONLY You can't write against a read only replica."]);
    expect(s.completed).toBe(true);
    expect(new ProgressStore(home).completedSteps('failover')).toEqual(['master-down', 'replica-view']);
  });

  it('restarting a step rewinds the world to just after its setup', () => {
    const s = newSession();
    s.open('failover', 'promote');
    expect(s.repl.world.node(6380)?.status).toBe('shutdown');
    s.submit('redis-cli -p 6381');
    s.submit('slaveof no one');
    expect(s.repl.world.node(6381)?.role).toBe('master');
    s.restartStep();
    expect(s.repl.world.node(6381)?.role).toBe('replica');
    expect(s.goals.every((g) => !g.met)).toBe(true);
  });

  it('moving to a step with a setup from a node prompt returns to that prompt', () => {
    const s = newSession();
    s.open('consistency', 'promote');
    s.submit('exit');
    s.submit('redis-cli -p 6381');
    s.submit('slaveof no one');
    s.submit('get balance');
    expect(s.completed).toBe(true);
    s.next(); // its setup re-points 6382 from the shell
    expect(s.repl.prompt).toBe('127.0.0.1:6381> ');
    expect(s.repl.world.node(6382)?.master?.port).toBe(6381);
  });

  it('a manual-time step leaves time to the learner', () => {
    const s = newSession();
    s.open('build-it', 'asynchronous');
    expect(s.repl.timeMode).toBe('manual');
    expect(s.repl.prompt).toBe('127.0.0.1:6381> ');
    s.submit('exit');
    s.submit('redis-cli -p 6380');
    s.submit('set b 1');
    s.submit('exit');
    s.submit('redis-cli -p 6381');
    expect(replies(s.submit('get b')).map((o) => o.text)).toEqual(['(nil)']);
    s.submit(':run 3s');
    s.check();
    expect(replies(s.submit('get b')).map((o) => o.text)).toEqual(['"1"']);
    expect(s.completed).toBe(true);
  });

  it('the REPL speaks the learner’s language in its own lines — after a rebuild and after a switch', () => {
    const s = newSession();
    s.open('failover');
    expect(s.repl.language).toBe('zh');
    expect(replies(s.submit(':heal')).map((o) => o.text)).toEqual(['所有切断的链路都已修复']);
    expect(replies(s.submit('redis-cli -p 6381 ping')).map((o) => o.text)).toEqual(['PONG']);
    const first = s.repl;
    s.next();
    s.prev(); // a new REPL, rebuilt from scratch
    expect(s.repl).not.toBe(first);
    expect(replies(s.submit(':heal')).map((o) => o.text)).toEqual(['所有切断的链路都已修复']);
    s.setLanguage('en');
    expect(replies(s.submit(':heal')).map((o) => o.text)).toEqual(['healed every dropped link']);
    s.next();
    s.prev();
    expect(s.repl.language).toBe('en');
  });
});
