// The built CLI's promises: --help/--version, batch from a file or a pipe, and a clear message (never a crash) for bad input.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

function run(args: string[], input = '', env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe.skipIf(!existsSync(cli))('repl-tutor, the built command', () => {
  it('--version and --help answer like any good CLI', () => {
    expect(run(['--version'])).toMatchObject({ code: 0, out: `repl-tutor ${pkg.version}\n` });
    const help = run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: repl-tutor');
    expect(help.out).toContain('batch [FILE]');
  });

  it('runs batch mode when standard input is a pipe, instead of failing on raw mode', () => {
    const r = run([], 'redis-server --port 6380\nredis-cli -p 6380 ping\n');
    expect(r.code).toBe(0);
    expect(r.out).toContain('$ redis-cli -p 6380 ping\nPONG\n');
    expect(r.err).not.toContain('Raw mode');
  });

  it('prints a batch file as a terminal would show it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rt-cli-'));
    const file = join(dir, 'walk.txt');
    writeFileSync(file, 'redis-server /data/6380/redis.conf\nredis-cli -p 6380\nset a 10\nget a\n');
    const r = run(['batch', file]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('$ redis-server /data/6380/redis.conf\n$ redis-cli -p 6380\n127.0.0.1:6380> set a 10\nOK\n127.0.0.1:6380> get a\n"10"\n');
  });

  it.each([
    [['--frob'], 2, "repl-tutor: unknown option '--frob'"],
    [['batch', '/nonexistent/walk.txt'], 1, 'repl-tutor: cannot read /nonexistent/walk.txt: No such file or directory'],
    [['batch', tmpdir()], 1, `repl-tutor: cannot read ${tmpdir()}: Is a directory`],
    [['batch', '--lesson', 'nope'], 2, 'repl-tutor: no lesson "nope"'],
    [['--seed', 'x'], 2, "--seed needs a whole number from 0 to 4294967295, got 'x'"],
  ])('%j exits %i with a one-line message', (args, code, message) => {
    const r = run(args);
    expect(r.code).toBe(code);
    expect(r.err.split('\n')[0]).toContain(message);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('--lang zh is honoured before a subcommand and in batch mode', () => {
    const list = run(['--lang', 'zh', 'lessons', 'list']);
    expect(list.code).toBe(0);
    expect(list.out).toContain('手工搭建主从复制（');
    const r = run(['--lang', 'zh', 'batch', '--sandbox'], ':latency 6380 6381 5\n');
    expect(r).toMatchObject({ code: 0, out: '$ :latency 6380 6381 5\n6380 与 6381 之间的链路时延现在是 5 ms\n' });
  });

  it('every transcript ends with its newline: plain, --trace, --json, input without a final newline, a reply still pending', () => {
    const cases: Array<[string[], string]> = [
      [['batch'], 'redis-server --port 6380\nredis-cli -p 6380 set a 1'],
      [['batch', '--trace', '--sandbox'], 'redis-cli -p 6381 info replication'],
      [['batch', '--json', '--sandbox'], 'redis-cli -p 6380 get 中文'],
      [['batch', '--manual', '--sandbox'], 'redis-cli -p 6380\nwait 2 0'],
      [['batch'], ''],
    ];
    for (const [args, input] of cases) {
      const r = run(args, input);
      expect(r.code, args.join(' ')).toBe(0);
      if (r.out !== '') expect(r.out.endsWith('\n'), `${args.join(' ')}: ${JSON.stringify(r.out.slice(-40))}`).toBe(true);
    }
  });

  it('bad lines in a pipe get their message and the session carries on', () => {
    const r = run([], 'redis-cli -p 6399 ping\nfrobnicate\nredis-cli -p 6380 set "a\nredis-server --port 6380\nredis-cli -p 6380 ping\n');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Could not connect to Redis at 127.0.0.1:6399: Connection refused');
    expect(r.out).toContain('bash: frobnicate: command not found');
    expect(r.out).toContain('$ redis-cli -p 6380 ping\nPONG\n');
  });

  it('a corrupt progress file is set aside with a warning, never a crash', () => {
    const home = mkdtempSync(join(tmpdir(), 'rt-progress-'));
    writeFileSync(join(home, 'progress.json'), '{not json');
    const r = run(['progress'], '', { REPL_TUTOR_HOME: home });
    expect(r.code).toBe(0);
    expect(r.out + r.err).toContain('progress file was corrupt');
    expect(readdirSync(home)).toContain('progress.json.corrupt-1');
  });

  it('batch … | head -1: a reader that goes away ends batch quietly with status 0 (reproducer 8)', () => {
    const lines = ['redis-server --port 6380', ...Array.from({ length: 3000 }, (_, i) => `redis-cli -p 6380 ping #${i}`)];
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${cli}" batch | head -1`], { input: lines.join('\n') + '\n', encoding: 'utf8' });
    expect(r.stdout).toBe('$ redis-server --port 6380\n');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('batch /dev/zero and batch < /dev/zero stop at the line limit with a message, in bounded memory (reproducer 4)', () => {
    const viaStdin = spawnSync('bash', ['-c', `"${process.execPath}" "${cli}" batch < /dev/zero`], { encoding: 'utf8' });
    for (const r of [run(['batch', '/dev/zero']), { code: viaStdin.status, err: viaStdin.stderr }]) {
      expect(r.code).toBe(1);
      expect(r.err).toBe('repl-tutor batch: line 1 is longer than 16 MiB; stopped reading there\n');
    }
  });

  it('progress --import /dev/zero is refused with a message (reproducer 4)', () => {
    const home = mkdtempSync(join(tmpdir(), 'rt-progress-'));
    const r = run(['progress', '--import', '/dev/zero'], '', { REPL_TUTOR_HOME: home });
    expect(r.code).toBe(1);
    expect(r.err).toBe('cannot read /dev/zero: /dev/zero is not a regular file (a device, FIFO or directory)\n');
  });

  it('--max-memory sets the tutor\'s budget; a bad size is a one-line error', () => {
    const r = run(['batch', '--max-memory', '2mb'], 'redis-server --port 6380\nredis-cli -p 6380 debug populate 30000\n');
    expect(r.out).toContain("(error) OOM command not allowed when used memory > 'maxmemory'.\n(the tutor's memory budget of 2 MB");
    const bad = run(['batch', '--max-memory', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.err.split('\n')[0]).toBe("repl-tutor: --max-memory needs a size of at least 1mb (like 512mb or 2gb), got 'lots'");
  });

  it('lessons check passes on the shipped lessons', () => {
    const r = run(['lessons', 'check']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('ok: 9 lesson files');
  });

  describe('a teacher’s lesson folder', () => {
    /** One small lesson of four steps; its first step's setup starts a server on 6379. */
    const LESSON = `id: first-pair
order: 1
title: {en: A first pair, zh: 第一对主从}
summary: {en: One master and one replica., zh: 一个主库和一个从库。}
steps:
  - id: master
    setup: [redis-server --port 6379]
    text: {en: "# The master\\nStart 6380 with \`redis-server --port 6380\`.", zh: "# 主库\\n用 \`redis-server --port 6380\` 启动 6380。"}
    goals: [{type: server, port: 6380, status: running}]
    hints: {en: ['At the \`$\` prompt: \`redis-server --port 6380\`.'], zh: ['在 \`$\` 提示符下执行 \`redis-server --port 6380\`。']}
    solution: [redis-server --port 6380]
    why: {en: It starts as a master., zh: 它启动时是主库。}
  - id: write
    text: {en: "# A write\\nConnect with \`redis-cli -p 6380\` and \`set a 1\`.", zh: "# 写入\\n用 \`redis-cli -p 6380\` 连接，然后 \`set a 1\`。"}
    goals: [{type: key, port: 6380, key: a, value: 1}]
    hints: {en: ['At the \`$\` prompt: \`redis-cli -p 6380\`, then \`set a 1\`.'], zh: ['在 \`$\` 提示符下执行 \`redis-cli -p 6380\`，然后 \`set a 1\`。']}
    solution: [redis-cli -p 6380, set a 1]
    why: {en: The key is on the master., zh: 键在主库上。}
  - id: replica
    text: {en: "# A second server\\nLeave with \`exit\` and start 6381.", zh: "# 第二个实例\\n用 \`exit\` 退出，再启动 6381。"}
    goals: [{type: server, port: 6381, status: running}]
    hints: {en: ['Leave 6380 with \`exit\`, then \`redis-server --port 6381\`.'], zh: ['用 \`exit\` 离开 6380，然后 \`redis-server --port 6381\`。']}
    solution: [exit, redis-server --port 6381]
    why: {en: Two masters now., zh: 现在有两个主库。}
  - id: follow
    text: {en: "# Follow\\nMake 6381 a replica of 6380.", zh: "# 复制\\n让 6381 成为 6380 的从库。"}
    goals: [{type: replica-of, replica: 6381, master: 6380}]
    hints: {en: ['At the \`$\` prompt: \`redis-cli -p 6381\`, then \`slaveof 127.0.0.1 6380\`.'], zh: ['在 \`$\` 提示符下执行 \`redis-cli -p 6381\`，然后 \`slaveof 127.0.0.1 6380\`。']}
    solution: [redis-cli -p 6381, slaveof 127.0.0.1 6380]
    why: {en: It copies the master., zh: 它复制主库。}
`;
    const folder = (files: Record<string, string>) => {
      const dir = mkdtempSync(join(tmpdir(), 'rt-teacher-'));
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      return dir;
    };

    it('lessons check DIR and lessons list DIR validate and list it', () => {
      const dir = folder({ 'intro.yaml': LESSON });
      const check = run(['lessons', 'check', dir]);
      expect(check.code).toBe(0);
      expect(check.out).toContain('✓ first-pair (intro.yaml): 4 steps');
      expect(check.out).toContain('ok: 1 lesson files');
      expect(run(['lessons', 'list', dir])).toMatchObject({ code: 0, out: ' 1  first-pair  A first pair (4 steps)\n' });
    });

    it('lessons check DIR gives file:line errors, and refuses an id the bundled lessons have unless --no-bundled', () => {
      const dir = folder({ 'intro.yaml': LESSON.replace('id: first-pair', 'id: build-it'), 'broken.yaml': 'id: broken\ntitle: {en: x\n' });
      const check = run(['lessons', 'check', dir]);
      expect(check.code).toBe(1);
      expect(check.out).toMatch(/^✗ broken\.yaml:\d+: YAML syntax/m);
      expect(check.out).toContain('✗ intro.yaml:1: id: lesson id "build-it" is taken by the bundled lesson 01-build-it.yaml: rename yours, or use --no-bundled');
      const alone = run(['lessons', 'check', dir, '--no-bundled']);
      expect(alone.out).toContain('✓ build-it (intro.yaml): 4 steps');
      expect(alone.out).not.toContain('is taken by');
    });

    it('batch --lessons DIR --lesson ID sets up that lesson; --lessons beside the bundled ones keeps the bundled ids', () => {
      const dir = folder({ 'intro.yaml': LESSON });
      const r = run(['batch', '--lessons', dir, '--lesson', 'first-pair'], 'redis-cli -p 6379 ping\n');
      expect(r).toMatchObject({ code: 0, out: '$ redis-cli -p 6379 ping\nPONG\n' });
      expect(run(['batch', '--lessons', dir, '--lesson', 'build-it'], '').code).toBe(0);
      expect(run(['batch', '--lessons', dir, '--no-bundled', '--lesson', 'build-it'], '').err).toContain('no lesson "build-it"; lessons: first-pair, sandbox');
      expect(run(['batch', '--lessons', join(dir, 'nope'), '--lesson', 'first-pair'], '').err).toContain(`--lessons ${join(dir, 'nope')}: No such file or directory`);
    });
  });
});
