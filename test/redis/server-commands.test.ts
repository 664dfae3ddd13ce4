import { describe, expect, it } from 'vitest';
import { World } from '../../src/redis/world.js';
import { cmd, info, run, send, text, worldWith } from '../helpers/world.js';

describe('startServer', () => {
  it('reads a seed-style config file and listens on its port', () => {
    const w = new World({ seed: 7 });
    const conf = 'port 6380\ndaemonize yes\npidfile /var/run/redis_6380.pid\nloglevel notice\nlogfile /data/6380/redis.log\ndbfilename dump.rdb\ndir /data/6380\nprotected-mode no\n';
    expect(w.startServer({ configText: conf, configPath: '/data/6380/redis.conf' })).toEqual({ ok: true, port: 6380 });
    expect(w.listeningPorts()).toEqual([6380]);
    expect(info(w, 6380, 'server').config_file).toBe('/data/6380/redis.conf');
    expect(text(cmd(w, 6380, 'CONFIG', 'GET', 'dir'))).toContain('/data/6380');
  });

  it('an unknown directive prints redis-server\'s FATAL CONFIG FILE ERROR block', () => {
    const w = new World();
    const r = w.startServer({ configText: 'port 6380\nfoo bar\n' });
    expect(r).toEqual({
      ok: false,
      lines: ['', '*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***', 'Reading the configuration file, at line 2', ">>> 'foo bar'", 'Bad directive or wrong number of arguments'],
    });
    const r2 = w.startServer({ configText: 'port 6380\nrepl-backlog-size abc' });
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.lines.at(-1)).toBe('argument must be a memory value');
  });

  it('a port in use fails like bind(): Address already in use', () => {
    const w = worldWith([6380]);
    const r = w.startServer({ flags: [['--port', '6380']] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.lines.some((l) => l.endsWith('# Warning: Could not create server TCP listening socket *:6380: bind: Address already in use'))).toBe(true);
      expect(r.lines.at(-1)).toMatch(/# Failed listening on port 6380 \(TCP\), aborting\.$/);
    }
  });

  it('a port in use with a logfile set (the seed’s files) writes the six lines to that file and nothing to the terminal, as 7.0.15 does', () => {
    const w = worldWith([6380]);
    const r = w.startServer({ configText: 'port 6380\ndaemonize yes\ndir /data/6380\nlogfile redis.log' });
    expect(r).toEqual({ ok: false, lines: [], loggedTo: '/data/6380/redis.log' });
    const log = w.logs.files.get('/data/6380/redis.log')!.trimEnd().split('\n').slice(-6);
    expect(log.map((l) => l.replace(/^\d+:([CM]) \S+ \S+ \S+ \S+ /, '$1 '))).toEqual([
      'C # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
      expect.stringMatching(/^C # Redis version=7\.0\.15, bits=64, commit=00000000, modified=0, pid=\d+, just started$/),
      'C # Configuration loaded',
      'M * monotonic clock: POSIX clock_gettime',
      'M # Warning: Could not create server TCP listening socket *:6380: bind: Address already in use',
      'M # Failed listening on port 6380 (TCP), aborting.',
    ]);
  });

  it('flags override the file and replicaof in the config connects from the first cron', () => {
    const w = worldWith([6380]);
    expect(w.startServer({ configText: 'port 6390', flags: [['--port', '6381'], ['--replicaof', '127.0.0.1', '6380']] }).ok).toBe(true);
    expect(info(w, 6381).master_link_status).toBe('down');
    w.runUntilSettled();
    expect(info(w, 6381).master_link_status).toBe('up');
  });
});

describe('processCommand', () => {
  it('unknown commands and wrong arity get 7.0\'s exact errors', () => {
    const w = worldWith([6380]);
    expect(run(w, 6380, 'FOO', 'a', 'b')).toBe("ERR unknown command 'FOO', with args beginning with: 'a' 'b' ");
    expect(run(w, 6380, 'foo')).toBe("ERR unknown command 'foo', with args beginning with: ");
    expect(run(w, 6380, 'GET')).toBe("ERR wrong number of arguments for 'get' command");
    expect(run(w, 6380, 'REPLICAOF', 'x')).toBe("ERR wrong number of arguments for 'replicaof' command");
    expect(run(w, 6380, 'CONFIG', 'GET')).toBe("ERR wrong number of arguments for 'config|get' command");
    expect(run(w, 6380, 'CONFIG', 'FOO')).toBe("ERR unknown subcommand 'FOO'. Try CONFIG HELP.");
    expect(run(w, 6380, 'REPLICAOF', 'localhost', 'abc')).toBe('ERR Invalid master port');
  });

  it('MULTI queues, EXEC runs, an error while queueing aborts with EXECABORT', () => {
    const w = worldWith([6380]);
    expect(run(w, 6380, 'MULTI')).toBe('OK');
    expect(run(w, 6380, 'SET', 'a', '1')).toBe('QUEUED');
    expect(text(cmd(w, 6380, 'EXEC'))).toContain('OK');
    run(w, 6380, 'MULTI');
    run(w, 6380, 'NOPE');
    expect(run(w, 6380, 'EXEC')).toBe('EXECABORT Transaction discarded because of previous errors.');
  });

  it('propagation — MULTI/EXEC with two writes goes wrapped, SELECT precedes a write to another db', () => {
    const w = worldWith([6380, 6381]);
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    w.runUntilSettled();
    const seq = w.trace.total;
    run(w, 6380, 'MULTI');
    run(w, 6380, 'SET', 'a', '1');
    run(w, 6380, 'GET', 'a');
    run(w, 6380, 'SET', 'b', '2');
    run(w, 6380, 'EXEC');
    run(w, 6380, 'SELECT', '1');
    run(w, 6380, 'SET', 'c', '3');
    const props = w.trace.since(seq).filter((e) => e.type === 'propagate').map((e) => (e as { argv: string[] }).argv.join(' '));
    expect(props).toEqual(['SELECT 0', 'MULTI', 'SET a 1', 'SET b 2', 'EXEC', 'SELECT 1', 'SET c 3']);
    w.runUntilSettled();
    expect(w.keys(6381, 1).map((k) => k.key)).toEqual(['c']);
  });

  it('a read-only replica answers READONLY; reads are served', () => {
    const w = worldWith([6380, 6381]);
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    w.runUntilSettled();
    expect(run(w, 6381, 'SET', 'a', '1')).toBe("READONLY You can't write against a read only replica.");
    expect(run(w, 6381, 'GET', 'a')).toBe('(nil)');
  });

  it('-LOADING while a replica loads its RDB', () => {
    const w = worldWith([6380, 6381]);
    for (let i = 0; i < 50_000; i++) run(w, 6380, 'SET', `k${i}`, 'v');
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    while (!w.node(6381)!.loading) w.step();
    expect(run(w, 6381, 'GET', 'k1')).toBe('LOADING Redis is loading the dataset in memory');
    expect(info(w, 6381, 'persistence').loading).toBe('1');
    w.runUntilSettled();
    expect(run(w, 6381, 'GET', 'k1')).toBe('v');
  });
});

describe('process life', () => {
  it('SHUTDOWN saves with the default save points and restart loads dump.rdb', () => {
    const w = new World();
    w.startServer({ configText: 'port 6380\ndir /data/6380' });
    run(w, 6380, 'SET', 'a', '1');
    expect(cmd(w, 6380, 'SHUTDOWN')).toBe(null);
    expect(w.listeningPorts()).toEqual([]);
    expect(w.disk.has('/data/6380/dump.rdb')).toBe(true);
    expect(w.node(6380)!.status).toBe('shutdown');
    expect(w.restart(6380)).toEqual({ ok: true, port: 6380 });
    expect(run(w, 6380, 'GET', 'a')).toBe('1');
  });

  it('SHUTDOWN NOSAVE and a crash lose the data', () => {
    const w = worldWith([6380]);
    run(w, 6380, 'SET', 'a', '1');
    w.crash(6380);
    expect(w.connect('127.0.0.1', 6380)).toEqual({ error: 'Connection refused' });
    w.restart(6380);
    expect(run(w, 6380, 'GET', 'a')).toBe('(nil)');
  });

  it('a paused server queues commands and answers on resume; DEBUG SLEEP answers later', () => {
    const w = worldWith([6380]);
    w.pause(6380);
    const r = send(w, 6380, 'PING');
    w.runFor(5000);
    expect(r()).toBeUndefined();
    w.resume(6380);
    expect(r()).toEqual({ kind: 'status', text: 'PONG' });
    const s = send(w, 6380, 'DEBUG', 'SLEEP', '2');
    const p = send(w, 6380, 'PING');
    expect(s()).toBeUndefined();
    w.runFor(1999);
    expect(p()).toBeUndefined();
    w.runFor(1);
    expect(s()).toEqual({ kind: 'status', text: 'OK' });
    expect(p()).toEqual({ kind: 'status', text: 'PONG' });
  });

  it('restarted master keeps its history as replid2, so its replica continues with PSYNC', () => {
    const w = new World();
    w.startServer({ configText: 'port 6380\ndir /data/6380' });
    w.startServer({ configText: 'port 6381\ndir /data/6381\nsave ""' });
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    w.runUntilSettled();
    run(w, 6380, 'SET', 'a', '1');
    w.runUntilSettled();
    const before = info(w, 6380);
    cmd(w, 6380, 'SHUTDOWN');
    w.restart(6380);
    const after = info(w, 6380);
    expect(after.master_replid2).toBe(before.master_replid);
    expect(after.master_repl_offset).toBe(before.master_repl_offset);
    expect(after.second_repl_offset).toBe(String(Number(before.master_repl_offset) + 1));
    w.runUntilSettled();
    expect(info(w, 6380, 'stats').sync_partial_ok).toBe('1');
    expect(run(w, 6381, 'GET', 'a')).toBe('1');
  });
});

describe('INFO and CONFIG', () => {
  it('INFO replication of a fresh master is exactly 7.0\'s', () => {
    const w = worldWith([6380]);
    const body = run(w, 6380, 'INFO', 'replication');
    const replid = info(w, 6380).master_replid;
    expect(body).toBe(
      ['# Replication', 'role:master', 'connected_slaves:0', 'master_failover_state:no-failover', `master_replid:${replid}`,
        'master_replid2:0000000000000000000000000000000000000000', 'master_repl_offset:0', 'second_repl_offset:-1',
        'repl_backlog_active:0', 'repl_backlog_size:1048576', 'repl_backlog_first_byte_offset:0', 'repl_backlog_histlen:0', ''].join('\r\n'),
    );
  });

  it('CONFIG GET globs names and aliases; CONFIG SET validates like 7.0', () => {
    const w = worldWith([6380]);
    expect(cmd(w, 6380, 'CONFIG', 'GET', 'min*')).toEqual({
      kind: 'array',
      items: ['min-replicas-to-write', '0', 'min-slaves-to-write', '0', 'min-replicas-max-lag', '10', 'min-slaves-max-lag', '10'].map((v) => ({ kind: 'bulk', value: v })),
    });
    expect(run(w, 6380, 'CONFIG', 'SET', 'foo', 'bar')).toBe("ERR Unknown option or number of arguments for CONFIG SET - 'foo'");
    expect(run(w, 6380, 'CONFIG', 'SET', 'repl-backlog-size', '1k')).toBe('OK');
    expect(text(cmd(w, 6380, 'CONFIG', 'GET', 'repl-backlog-size'))).toContain('16384');
    expect(run(w, 6380, 'CONFIG', 'SET', 'repl-timeout', 'x')).toBe("ERR CONFIG SET failed (possibly related to argument 'repl-timeout') - argument couldn't be parsed into an integer");
    expect(text(cmd(w, 6380, 'CONFIG', 'GET', 'repl-diskless-sync'))).toContain('"no"');
  });
});

describe('diskless sync', () => {
  it('repl-diskless-sync yes waits repl-diskless-sync-delay, then streams $EOF: to the replica', () => {
    const w = worldWith([6380, 6381], { extra: 'repl-diskless-sync yes\nrepl-diskless-sync-delay 2' });
    run(w, 6380, 'SET', 'a', '1');
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    w.runUntilSettled();
    const start = w.trace.all().find((e) => e.type === 'rdb.transfer.start') as { diskless: boolean; t: number };
    expect(start.diskless).toBe(true);
    expect(start.t).toBeGreaterThanOrEqual(2000);
    expect(run(w, 6381, 'GET', 'a')).toBe('1');
    run(w, 6380, 'SET', 'b', '2');
    w.runUntilSettled();
    expect(run(w, 6381, 'GET', 'b')).toBe('2');
    expect(info(w, 6381).slave_repl_offset).toBe(info(w, 6380).master_repl_offset);
  });
});
