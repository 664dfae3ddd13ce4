import { describe, it, expect } from 'vitest';
import { runShellLine, type ShellEnv } from '../../src/repl/shell.js';
import { parseShellLine } from '../../src/repl/shell-words.js';
import { Vfs, seedConfig } from '../../src/repl/vfs.js';
import type { ServerStartOptions, StartResult, WorldApi } from '../../src/redis/api.js';
import type { OutputLine } from '../../src/repl/api.js';
import { tutorStrings } from '../../src/repl/tutor-strings.js';
import type { CliOptions } from '../../src/repl/redis-cli.js';

/** A shell environment over a world that only knows which ports listen (what the shell reads). */
function env(opts: { listening?: number[]; disk?: Map<string, Uint8Array> } = {}) {
  const listening = new Set(opts.listening ?? []);
  const started: ServerStartOptions[] = [];
  const cli: Array<{ opts: CliOptions; argv: string[] | null }> = [];
  const pids = new Map<number, number>();
  let nextPid = 4598;
  const world = {
    listeningPorts: () => [...listening],
    node: () => undefined,
    disk: opts.disk ?? new Map(),
  } as unknown as WorldApi;
  const e: ShellEnv = {
    world,
    vfs: new Vfs(() => world.disk),
    redisCli: (o, argv, out: OutputLine[]) => {
      cli.push({ opts: o, argv });
      out.push({ text: 'PONG', kind: 'reply' });
    },
    startServer: (o): StartResult => {
      started.push(o);
      const port = Number(/port (\d+)/.exec(o.configText ?? '')?.[1] ?? o.flags?.find((f) => f[0] === 'port')?.[1] ?? 6379);
      if (listening.has(port)) return { ok: false, lines: [`Warning: Could not create server TCP listening socket *:${port}: bind: Address already in use`] };
      listening.add(port);
      pids.set(port, nextPid);
      nextPid += 4;
      return { ok: true, port };
    },
    pidOf: (p) => pids.get(p),
    nextPid: () => {
      nextPid += 4;
      return nextPid - 4;
    },
    clear: () => {},
    say: tutorStrings('en'),
  };
  return { env: e, started, cli };
}
const texts = (lines: OutputLine[]) => lines.map((l) => l.text);

describe('shell words', () => {
  it('splits pipelines with or without spaces around |', () => {
    expect(parseShellLine('netstat -tlnp|grep 638')).toEqual({ ok: true, pipeline: [['netstat', '-tlnp'], ['grep', '638']] });
    expect(parseShellLine('netstat -tlnp | grep 638')).toEqual({ ok: true, pipeline: [['netstat', '-tlnp'], ['grep', '638']] });
  });
  it('expands braces like bash: mkdir /data/638{0..2}', () => {
    expect(parseShellLine('mkdir /data/638{0..2}')).toEqual({ ok: true, pipeline: [['mkdir', '/data/6380', '/data/6381', '/data/6382']] });
    expect(parseShellLine('ls {a,b}.conf "x{1..2}"')).toEqual({ ok: true, pipeline: [['ls', 'a.conf', 'b.conf', 'x{1..2}']] });
  });
  it('quotes and comments', () => {
    expect(parseShellLine(`redis-cli set k "a b" 'c d' e\\ f # comment`)).toEqual({
      ok: true,
      pipeline: [['redis-cli', 'set', 'k', 'a b', 'c d', 'e f']],
    });
    expect(parseShellLine('# only a comment')).toEqual({ ok: true, pipeline: [] });
  });
  it('an unterminated quote is a bash error', () => {
    expect(parseShellLine('echo "abc')).toEqual({ ok: false, error: 'bash: unexpected EOF while looking for matching `"\'' });
  });
});

describe('the $ prompt', () => {
  it('unknown commands get bash wording', () => {
    expect(texts(runShellLine('foo bar', env().env))).toEqual(['bash: foo: command not found']);
  });

  it('a blank line prints nothing', () => {
    expect(runShellLine('   ', env().env)).toEqual([]);
  });

  it('cat prints the seed config file verbatim', () => {
    expect(texts(runShellLine('cat /data/6380/redis.conf', env().env)).join('\n') + '\n').toBe(seedConfig(6380));
    expect(seedConfig(6381)).toContain('logfile "/data/6381/redis.log"');
  });

  it('cat and ls use coreutils wording for missing paths and directories', () => {
    const { env: e } = env();
    expect(texts(runShellLine('cat /x', e))).toEqual(['cat: /x: No such file or directory']);
    expect(texts(runShellLine('cat /data', e))).toEqual(['cat: /data: Is a directory']);
    expect(texts(runShellLine('ls /x', e))).toEqual(["ls: cannot access '/x': No such file or directory"]);
  });

  it('ls lists the data directories and, once written, dump.rdb files from the virtual disk', () => {
    const disk = new Map([['/data/6381/dump.rdb', new Uint8Array([82, 69, 68, 73, 83])]]);
    const { env: e } = env({ disk });
    expect(texts(runShellLine('ls', e))).toEqual(['6380  6381  6382']);
    expect(texts(runShellLine('ls /data/6381', e))).toEqual(['dump.rdb  redis.conf']);
    expect(texts(runShellLine('ls /data/6380/', e))).toEqual(['redis.conf']);
  });

  it('cd and relative paths', () => {
    const { env: e } = env();
    expect(runShellLine('cd 6380', e)).toEqual([]);
    expect(texts(runShellLine('pwd', e))).toEqual(['/data/6380']);
    expect(texts(runShellLine('cat redis.conf | grep port', e))).toEqual(['port 6380']);
    expect(texts(runShellLine('cd /nope', e))).toEqual(['bash: cd: /nope: No such file or directory']);
  });

  it("mkdir of the seed's existing directories says File exists", () => {
    expect(texts(runShellLine('mkdir /data/638{0..2}', env().env))).toEqual([
      "mkdir: cannot create directory '/data/6380': File exists",
      "mkdir: cannot create directory '/data/6381': File exists",
      "mkdir: cannot create directory '/data/6382': File exists",
    ]);
  });

  it('redis-server PATH reads the virtual file; daemonize yes prints nothing', () => {
    const { env: e, started } = env();
    expect(runShellLine('redis-server /data/6380/redis.conf', e)).toEqual([]);
    expect(started[0].configText).toBe(seedConfig(6380));
    expect(started[0].configPath).toBe('/data/6380/redis.conf');
  });

  it('redis-server with a missing config file fails like the real binary', () => {
    expect(texts(runShellLine('redis-server /nonexist/redis.conf', env().env))).toEqual([
      "Fatal error, can't open config file '/nonexist/redis.conf': No such file or directory",
    ]);
  });

  it('redis-server --port N --name value … passes flags; PATH --name value too', () => {
    const { env: e, started } = env();
    runShellLine('redis-server --port 6390 --replicaof 127.0.0.1 6380', e);
    expect(started[0].flags).toEqual([['port', '6390'], ['replicaof', '127.0.0.1', '6380']]);
    runShellLine('redis-server /data/6381/redis.conf --loglevel verbose', e);
    expect(started[1].flags).toEqual([['loglevel', 'verbose']]);
  });

  it('redis-server on a port in use prints what the engine says', () => {
    const { env: e } = env({ listening: [6380] });
    expect(texts(runShellLine('redis-server /data/6380/redis.conf', e))[0]).toContain('Address already in use');
  });

  it('the seed’s line typed twice: like the real daemonized binary it prints nothing of its own, the tutor says where the log is', async () => {
    const { ReplSession } = await import('../../src/repl/session.js');
    const s = new ReplSession({ seed: 1 });
    expect(s.submit('redis-server /data/6380/redis.conf')).toEqual([]);
    expect(s.submit('redis-server /data/6380/redis.conf')).toEqual([
      { text: '(a real redis-server prints nothing here: it could not listen on its port, which is taken, and exited; see tail /data/6380/redis.log)', kind: 'info' },
    ]);
    expect(texts(s.submit('tail -n 1 /data/6380/redis.log'))).toEqual([expect.stringMatching(/# Failed listening on port 6380 \(TCP\), aborting\.$/)]);
  });

  it('netstat -tlnp | grep 638 prints the listeners exactly like the seed (tcp then tcp6)', () => {
    const { env: e } = env();
    for (const p of [6380, 6381, 6382]) runShellLine(`redis-server /data/${p}/redis.conf`, e);
    expect(texts(runShellLine('netstat -tlnp|grep 638', e))).toEqual([
      'tcp        0      0 0.0.0.0:6380            0.0.0.0:*               LISTEN      4598/redis-server * ',
      'tcp        0      0 0.0.0.0:6381            0.0.0.0:*               LISTEN      4602/redis-server * ',
      'tcp        0      0 0.0.0.0:6382            0.0.0.0:*               LISTEN      4606/redis-server * ',
      'tcp6       0      0 :::6380                 :::*                    LISTEN      4598/redis-server * ',
      'tcp6       0      0 :::6381                 :::*                    LISTEN      4602/redis-server * ',
      'tcp6       0      0 :::6382                 :::*                    LISTEN      4606/redis-server * ',
    ]);
  });

  it('netstat without grep has the real headers', () => {
    expect(texts(runShellLine('netstat -tlnp', env().env))).toEqual([
      'Active Internet connections (only servers)',
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    ',
    ]);
  });

  it('grep with no match prints nothing; pipes other than grep are refused clearly', () => {
    const { env: e } = env();
    expect(runShellLine('netstat -tlnp | grep 999', e)).toEqual([]);
    expect(texts(runShellLine('netstat -tlnp | wc -l', e))[0]).toMatch(/only `\| grep PATTERN` pipes/);
  });

  it('redis-cli options: -h -p -n, the rest is the command (UTF-8 encoded)', () => {
    const { env: e, cli } = env();
    runShellLine('redis-cli -p 6381', e);
    runShellLine('redis-cli -h localhost -p 6380 -n 2 set k €', e);
    expect(cli[0]).toEqual({ opts: { host: '127.0.0.1', port: 6381, db: 0 }, argv: null });
    expect(cli[1]).toEqual({ opts: { host: 'localhost', port: 6380, db: 2 }, argv: ['set', 'k', '\xe2\x82\xac'] });
  });

  it('redis-cli rejects unknown options with its own wording', () => {
    expect(texts(runShellLine('redis-cli --foo', env().env))).toEqual(["Unrecognized option or bad number of args for: '--foo'"]);
    expect(texts(runShellLine('redis-cli -p', env().env))).toEqual(["Unrecognized option or bad number of args for: '-p'"]);
  });

  it('help lists the shell commands and tutor lines', () => {
    const out = texts(runShellLine('help', env().env)).join('\n');
    expect(out).toContain('redis-server PATH');
    expect(out).toContain(':step');
  });
});
