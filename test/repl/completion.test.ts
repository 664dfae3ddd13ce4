import { describe, it, expect } from 'vitest';
import { complete, hint, commandHelpLines, shellHint } from '../../src/repl/completion.js';
import { Vfs } from '../../src/repl/vfs.js';
import { CONFIG_DEFS } from '../../src/redis/config.js';
import { cmd, text, worldWith } from '../helpers/world.js';

const ctx = { atShell: false, vfs: new Vfs(), ports: [6380, 6381] };
const SET_REST = '[NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]';

// Expected strings are what a real redis-cli 7.0.15 showed in tmux for the same typed text.
describe('hints at a node prompt — as redis-cli 7.0 greys them', () => {
  it('the whole synopsis after the command name, with a leading space unless one was typed', () => {
    expect(hint('set')).toBe(` key value ${SET_REST}`);
    expect(hint('set ')).toBe(`key value ${SET_REST}`);
  });
  it('typed arguments are removed from the hint, up to the first optional part', () => {
    expect(hint('set k')).toBe(` value ${SET_REST}`);
    expect(hint('set k v ')).toBe(SET_REST);
    expect(hint('slaveof 127.0.0.1')).toBe(' port|NO ONE');
    expect(hint('wait')).toBe(' numreplicas timeout');
    expect(hint('zadd z')).toBe(' [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]');
  });
  it('subcommands match longest first, case-insensitively', () => {
    expect(hint('config get')).toBe(' parameter [parameter ...]');
    expect(hint('CONFIG SET a')).toBe(' value [parameter value ...]');
  });
  it('no hint for unknown commands, blank or unsplittable lines', () => {
    expect(hint('frob')).toBe('');
    expect(hint('')).toBe('');
    expect(hint('set "a')).toBe('');
  });
});

describe('completion', () => {
  it('command names and subcommands, spelled as redis-cli spells them', () => {
    expect(complete('conf', ctx).slice(0, 2)).toEqual(['CONFIG', 'CONFIG GET']);
    expect(complete('config s', ctx)).toEqual(['CONFIG SET']);
    expect(complete('help wa', ctx)).toEqual(['help WAIT', 'help WATCH']);
    expect(complete('help @so', ctx)).toEqual(['help @sorted-set']);
  });
  it('tutor words at any prompt', () => {
    expect(complete(':re', ctx)).toEqual([':restart', ':resume', ':reset']);
  });
  it('shell words, paths and listening ports at $', () => {
    const shell = { ...ctx, atShell: true };
    expect(complete('redis-s', shell)).toEqual(['redis-server']);
    expect(complete('redis-server /data/63', shell)).toEqual(['redis-server /data/6380/', 'redis-server /data/6381/', 'redis-server /data/6382/']);
    expect(complete('cat /data/6380/r', shell)).toEqual(['cat /data/6380/redis.conf']);
    expect(complete('redis-cli -p 638', shell)).toEqual(['redis-cli -p 6380', 'redis-cli -p 6381']);
  });
});

describe('help COMMAND', () => {
  it('prints the usage block like redis-cli (checked against redis-cli 7.0 `help get`)', () => {
    expect(commandHelpLines(['get'])).toEqual(['', '  GET key', '  summary: Get the value of a key', '  since: 1.0.0', '  group: string', '']);
    expect(commandHelpLines(['nosuch'])).toBeNull();
    expect(commandHelpLines(['@string'])!.length).toBeGreaterThan(6);
  });
});

describe('hints at the shell and for tutor lines', () => {
  it('shell commands and : lines get their synopsis', () => {
    expect(shellHint('redis-cli')).toBe(' [-h HOST] [-p PORT] [-n DB] [COMMAND ARGS ...]');
    expect(shellHint('cat ')).toBe('PATH');
    expect(shellHint(':latency 6380')).toBe(' B MS');
    expect(shellHint(':heal')).toBe('');
    expect(shellHint('frob')).toBe('');
  });
});

describe('completion of arguments from a fixed set', () => {
  const table: [string, string[]][] = [
    ['info rep', ['info replication']],
    ['INFO Rep', ['INFO replication']],
    ['info server rep', ['info server replication']],
    ['info c', ['info clients', 'info cpu', 'info commandstats', 'info cluster']],
    ['info ev', ['info everything']],
    ['config get repl-ti', ['config get repl-timeout']],
    ['config get maxmemory repl-ti', ['config get maxmemory repl-timeout']],
    ['config set repl-backlog-s', ['config set repl-backlog-size']],
    ['config set repl-diskless-sync ', ['config set repl-diskless-sync yes', 'config set repl-diskless-sync no']],
    ['config set repl-diskless-load s', ['config set repl-diskless-load swapdb']],
    ['config set repl-timeout ', []],
    ['client kill type ', ['client kill type normal', 'client kill type master', 'client kill type replica', 'client kill type pubsub']],
    ['client kill type r', ['client kill type replica']],
    ['debug ', ['debug CHANGE-REPL-ID', 'debug DIGEST', 'debug DIGEST-VALUE', 'debug ERROR', 'debug LOG', 'debug POPULATE', 'debug RELOAD', 'debug SET-ACTIVE-EXPIRE', 'debug SLEEP', 'debug HELP']],
    ['debug po', ['debug POPULATE']],
    ['object ', ['OBJECT ENCODING', 'OBJECT FREQ', 'OBJECT HELP', 'OBJECT IDLETIME', 'OBJECT REFCOUNT']],
    ['replicaof n', ['replicaof no one']],
    ['replicaof no', ['replicaof no one']],
    ['replicaof no ', ['replicaof no one']],
    ['slaveof NO o', ['slaveof NO one']],
    ['replicaof 127.0.0.1 ', []],
    ['get rep', []],
    ['info replication', ['info replication']],
  ];
  it.each(table)('%j → %j', (input, want) => {
    expect(complete(input, ctx)).toEqual(want);
  });

  it('config get repl- lists every repl-* parameter of the config table', () => {
    const repl = CONFIG_DEFS.map((d) => d.name).filter((n) => n.startsWith('repl-'));
    expect(repl.length).toBeGreaterThan(5);
    expect(complete('config get repl-', ctx)).toEqual(repl.map((n) => `config get ${n}`));
  });

  it('every completed DEBUG subcommand and CLIENT KILL TYPE is one the servers accept', () => {
    const w = worldWith([6380]);
    // DEBUG HELP (7.0.15's whole list): a title line, then each subcommand's line (starting with
    // its name) and its indented description. Completion offers those the servers run, in order.
    const help = (JSON.parse(text(cmd(w, 6380, 'DEBUG', 'HELP'))) as { text: string }[])
      .slice(1)
      .map((l) => l.text.split(' ')[0])
      .filter((name) => name !== '');
    const completed = complete('debug ', ctx).map((l) => l.split(' ')[1]);
    expect(completed).toEqual(help.filter((name) => completed.includes(name)));
    for (const sub of completed) {
      expect(text(cmd(w, 6380, 'DEBUG', sub, 'x'))).not.toMatch(/not simulated|shows Redis's C internals/);
    }
    for (const line of complete('client kill type ', ctx)) {
      expect(text(cmd(w, 6380, 'CLIENT', 'KILL', 'TYPE', line.split(' ')[3]))).not.toContain('Unknown client type');
    }
  });
});
