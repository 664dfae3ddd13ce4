// The shipped lessons: every file validates, both languages are complete, and every lesson's
// solution, run headless through the engine and the REPL, meets every goal while an empty attempt meets none.
import { mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLessons, hintPrompt, hintPromptProblem } from '../../src/lessons/check.js';
import { createTutorRepl, defaultReplFactory } from '../../src/lessons/default-repl.js';
import { defaultLessonsDir, loadLessons } from '../../src/lessons/loader.js';
import { evaluateGoals, playStep, runSetup } from '../../src/lessons/runner.js';
import { LANGUAGES } from '../../src/language.js';
import type { Lesson } from '../../src/lessons/types.js';

const dir = defaultLessonsDir();
const { lessons, errors } = loadLessons(dir);
const CJK = /[\u4e00-\u9fff]/;

describe('the lesson files', () => {
  it('all validate', () => {
    expect(errors).toEqual([]);
  });

  it('are the eight lessons of the seed, in order, plus the sandbox', () => {
    expect(lessons.map((l) => l.id)).toEqual([
      'build-it', 'full-sync', 'propagation', 'sync-reconnect', 'psync-backlog', 'consistency', 'safer-writes', 'failover', 'sandbox',
    ]);
    expect(lessons.filter((l) => l.kind === 'sandbox').map((l) => l.id)).toEqual(['sandbox']);
    for (const l of lessons.filter((x) => x.kind === 'lesson')) {
      expect(l.steps.length, l.id).toBeGreaterThanOrEqual(4);
      expect(l.steps.length, l.id).toBeLessThanOrEqual(8);
    }
  });

  it('every language has every lesson and every step, hints included', () => {
    const texts = (l: Lesson) => [
      l.title, l.summary, ...l.steps.flatMap((s) => [s.text, ...(s.why ? [s.why] : []), ...s.goals.flatMap((g) => (g.text ? [g.text] : []))]),
    ];
    for (const l of lessons) {
      for (const t of texts(l)) for (const lang of LANGUAGES) expect(t[lang].trim(), `${l.id}: ${t.en}`).not.toBe('');
      for (const t of texts(l)) expect(t.zh, `${l.id}: Chinese text for "${t.en}"`).toMatch(CJK);
      for (const s of l.steps) {
        expect(s.hints.zh.length, `${l.id}/${s.id} hints`).toBe(s.hints.en.length);
        if (l.kind === 'lesson') expect(s.hints.en.length, `${l.id}/${s.id} hints`).toBeGreaterThan(0);
      }
    }
  });

  it('keep steps short: a heading, then at most six lines of text', () => {
    for (const l of lessons) {
      for (const s of l.steps) {
        for (const lang of LANGUAGES) {
          const [heading, ...body] = s.text[lang].trim().split('\n');
          expect(heading, `${l.id}/${s.id} (${lang}) heading`).toMatch(/^# \S/);
          expect(body.length, `${l.id}/${s.id} (${lang})`).toBeLessThanOrEqual(6);
        }
      }
    }
  });
});

describe.each(lessons.filter((l) => l.kind === 'lesson').map((l) => [l.id, l] as const))('lesson %s, played headless', (_id, lesson) => {
  it('every step starts unsolved, and its solution meets every goal', () => {
    const repl = createTutorRepl();
    for (const step of lesson.steps) {
      const run = playStep(repl, step);
      expect({ step: step.id, metBeforeTheLearnerActs: run.metAfterSetup }).toEqual({ step: step.id, metBeforeTheLearnerActs: [] });
      expect({ step: step.id, unmet: run.unmetAfterSolution, transcript: run.unmetAfterSolution.length ? run.transcript : [] }).toEqual({
        step: step.id, unmet: [], transcript: [],
      });
    }
  });

  it('an empty attempt meets no goal: nothing typed, and in settled time the world left to settle', () => {
    const repl = createTutorRepl();
    for (const step of lesson.steps) {
      const since = runSetup(repl, step);
      // In manual time, moving time is the learner's move; in settled time it is just waiting.
      if (repl.timeMode === 'settled') repl.submit(':run idle');
      expect({ step: step.id, met: evaluateGoals(repl.world, step.goals, since) }).toEqual({ step: step.id, met: step.goals.map(() => false) });
      // Move on the way a learner who solved it would.
      for (const line of step.solution) repl.submit(line);
    }
  });
});

describe('the sandbox', () => {
  it('starts three servers, 6380 the master of 6381 and 6382', () => {
    const sandbox = lessons.find((l) => l.id === 'sandbox')!;
    const repl = createTutorRepl();
    runSetup(repl, sandbox.steps[0]);
    expect(repl.world.node(6381)?.master?.port).toBe(6380);
    expect(repl.world.node(6382)?.master?.port).toBe(6380);
    expect(repl.world.node(6380)?.role).toBe('master');
  });
});

describe('checkLessons (repl-tutor lessons check)', () => {
  it('passes on the shipped lessons', () => {
    const r = checkLessons(dir, defaultReplFactory);
    expect(r.lines.filter((l) => l.startsWith('✗'))).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.lines[r.lines.length - 1]).toBe(`ok: ${lessons.length} lesson files`);
  });

  it('reports a step whose goal is already met, a solution that falls short, and broken files, and still checks the rest', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'lessons-check-'));
    try {
      copyFileSync(join(dir, 'sandbox.yaml'), join(tmp, 'sandbox.yaml'));
      writeFileSync(join(tmp, 'broken.yaml'), 'id: broken\norder: 3\ntitle: {en: x\n');
      writeFileSync(join(tmp, 'bad.yaml'), `id: bad
order: 1
title: {en: Bad, zh: 坏}
summary: {en: Bad, zh: 坏}
steps:
  - id: already
    text: {en: Nothing to do., zh: 无事可做。}
    setup: [redis-server /data/6380/redis.conf]
    goals: [{type: server, port: 6380, status: running}]
    hints: {en: [h], zh: [提示]}
    solution: [redis-cli -p 6380 ping]
    why: {en: w, zh: 因}
  - id: short
    text: {en: Make 6381 a replica., zh: 让 6381 成为从库。}
    setup: [redis-server /data/6381/redis.conf]
    goals: [{type: replica-of, replica: 6381, master: 6380}]
    hints: {en: [h], zh: [提示]}
    solution: [redis-cli -p 6381 ping]
    why: {en: w, zh: 因}
`);
      const r = checkLessons(tmp, defaultReplFactory);
      expect(r.ok).toBe(false);
      const text = r.lines.join('\n');
      expect(text).toMatch(/^✗ broken\.yaml:\d+: YAML syntax/m);
      expect(text).toContain('has 2 steps; a lesson has 4–8');
      expect(text).toContain('step already: already met before the learner acts: 6380 is running');
      expect(text).toContain('step short: the solution does not meet: 6381 is a replica of 6380 with its link up');
      expect(text).toMatch(/^✓ sandbox \(sandbox\.yaml\): sandbox, en \+ zh, its setup runs$/m);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('the hint rule: every hint names the prompt its line is typed at', () => {
  const solution = ['redis-cli -p 6381', 'slaveof 127.0.0.1 6380', ':run 2s', 'exit', 'redis-cli -p 6380'];
  const prompts = ['$ ', '127.0.0.1:6381> ', '127.0.0.1:6381> ', '127.0.0.1:6381> ', '$ '];

  it('a hint answers for the first solution line it quotes, else for the first one; tutor lines need no prompt', () => {
    expect(hintPrompt('First `redis-cli -p 6381`.', solution, prompts)).toBe('$ ');
    expect(hintPrompt('Then `slaveof 127.0.0.1 6380`.', solution, prompts)).toBe('127.0.0.1:6381> ');
    expect(hintPrompt('Make 6381 a replica.', solution, prompts)).toBe('$ ');
    expect(hintPrompt('`:run 2s`, or `:step` a few times.', solution, prompts)).toBeNull();
    expect(hintPrompt('`:run 2s`', [':run 2s'], ['$ '])).toBeNull();
  });

  it('the shell is named by `$`, "shell" or 命令行; a node by its port as a whole number', () => {
    expect(hintPromptProblem('At the `$` prompt, `redis-cli -p 6381`.', '$ ', 'en')).toBeNull();
    expect(hintPromptProblem('From the shell, `redis-cli -p 6381`.', '$ ', 'en')).toBeNull();
    expect(hintPromptProblem('在命令行执行 `redis-cli -p 6381`。', '$ ', 'zh')).toBeNull();
    expect(hintPromptProblem('First `redis-cli -p 6381`.', '$ ', 'en')).toBe('does not name the shell prompt `$`');
    expect(hintPromptProblem('At `127.0.0.1:6381>`: `slaveof 127.0.0.1 6380`.', '127.0.0.1:6381> ', 'en')).toBeNull();
    expect(hintPromptProblem('Then `slaveof 127.0.0.1 6380`.', '127.0.0.1:6381> ', 'en')).toBe(
      'does not name the prompt 127.0.0.1:6381> (mention 6381)',
    );
    expect(hintPromptProblem('On 16381, `get a`.', '127.0.0.1:6381> ', 'en')).not.toBeNull();
  });

  it('lessons check names the step, the hint and its language when a hint misses its prompt', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'lessons-hints-'));
    try {
      const step = (id: string, port: number, hintEn: string, hintZh: string) => `  - id: ${id}
    text: {en: Start ${port}., zh: 启动 ${port}。}
    goals: [{type: server, port: ${port}, status: running}]
    hints: {en: ['${hintEn}'], zh: ['${hintZh}']}
    solution: [redis-server --port ${port}]
    why: {en: w, zh: 因}
`;
      writeFileSync(
        join(tmp, 'hints.yaml'),
        `id: hints
order: 1
title: {en: Hints, zh: 提示}
summary: {en: Hints, zh: 提示}
steps:
` +
          step('one', 6380, 'At the `$` prompt: `redis-server --port 6380`', '在 `$` 提示符下执行 `redis-server --port 6380`') +
          step('two', 6381, '`redis-server --port 6381`', '在命令行执行 `redis-server --port 6381`') +
          step('three', 6382, 'In the shell, start 6382.', '`redis-server --port 6382`') +
          step('four', 6383, 'Start 6383 from the shell.', '在命令行启动 6383。'),
      );
      const text = checkLessons(tmp, defaultReplFactory).lines.join('\n');
      expect(text).toContain('step two: hint 1 (en) does not name the shell prompt `$`: `redis-server --port 6381`');
      expect(text).toContain('step three: hint 1 (zh) does not name the shell prompt `$`: `redis-server --port 6382`');
      expect(text).not.toContain('step one: hint');
      expect(text).not.toContain('step four: hint');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
