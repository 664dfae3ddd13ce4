import { describe, expect, it } from 'vitest';
import { World } from '../../src/redis/world.js';
import { cmd, info, run, text, worldWith } from '../helpers/world.js';

/** A second client on `port`, to touch keys while the first one watches. */
function other(w: World, port: number) {
  const c = w.connect('127.0.0.1', port);
  if ('error' in c) throw new Error(c.error);
  return (...argv: string[]) => {
    let got = '';
    c.send(argv, (r) => (got = text(r)));
    return got;
  };
}

const NIL_ARRAY = 'null';

describe('WATCH and MULTI/EXEC', () => {
  it('EXEC answers a null array when another client modified a watched key', () => {
    const w = worldWith([6380]);
    const b = other(w, 6380);
    run(w, 6380, 'SET', 'a', '1');
    expect(run(w, 6380, 'WATCH', 'a')).toBe('OK');
    b('SET', 'a', '2');
    run(w, 6380, 'MULTI');
    run(w, 6380, 'INCR', 'a');
    expect(run(w, 6380, 'EXEC')).toBe(NIL_ARRAY);
    expect(run(w, 6380, 'GET', 'a')).toBe('2');
  });

  it('runs when nothing touched the key, and UNWATCH / DISCARD / EXEC forget the watched keys', () => {
    const w = worldWith([6380]);
    const b = other(w, 6380);
    run(w, 6380, 'WATCH', 'a');
    run(w, 6380, 'UNWATCH');
    b('SET', 'a', '1');
    run(w, 6380, 'MULTI');
    run(w, 6380, 'INCR', 'a');
    expect(run(w, 6380, 'EXEC')).toBe(JSON.stringify([{ kind: 'integer', value: 2 }]));
    run(w, 6380, 'WATCH', 'a');
    run(w, 6380, 'MULTI');
    run(w, 6380, 'DISCARD');
    b('SET', 'a', '5');
    run(w, 6380, 'MULTI');
    run(w, 6380, 'INCR', 'a');
    expect(run(w, 6380, 'EXEC')).toContain('"value":6');
    expect(w.server(6380)!.watchedKeys.size).toBe(0);
  });

  it('a DEL of a missing watched key touches nothing; FLUSHDB touches the keys it removed', () => {
    const w = worldWith([6380]);
    const b = other(w, 6380);
    run(w, 6380, 'WATCH', 'nokey');
    b('DEL', 'nokey');
    run(w, 6380, 'MULTI');
    run(w, 6380, 'SET', 'nokey', '1');
    expect(run(w, 6380, 'EXEC')).toContain('OK');
    run(w, 6380, 'WATCH', 'nokey');
    b('FLUSHDB');
    run(w, 6380, 'MULTI');
    run(w, 6380, 'PING');
    expect(run(w, 6380, 'EXEC')).toBe(NIL_ARRAY);
    run(w, 6380, 'WATCH', 'absent');
    b('FLUSHDB');
    run(w, 6380, 'MULTI');
    run(w, 6380, 'PING');
    expect(run(w, 6380, 'EXEC')).toContain('PONG');
  });

  it('WATCH inside MULTI is refused without aborting the transaction; UNWATCH is queued', () => {
    const w = worldWith([6380]);
    run(w, 6380, 'MULTI');
    expect(run(w, 6380, 'WATCH', 'x')).toBe('ERR WATCH inside MULTI is not allowed');
    expect(run(w, 6380, 'UNWATCH')).toBe('QUEUED');
    expect(run(w, 6380, 'EXEC')).toContain('OK');
    expect(run(w, 6380, 'WATCH')).toBe("ERR wrong number of arguments for 'watch' command");
  });

  it('a watched key that expires between WATCH and EXEC aborts the transaction', () => {
    const w = worldWith([6380]);
    run(w, 6380, 'SET', 'v', '1', 'PX', '500');
    run(w, 6380, 'WATCH', 'v');
    w.runFor(700);
    run(w, 6380, 'MULTI');
    run(w, 6380, 'GET', 'v');
    expect(run(w, 6380, 'EXEC')).toBe(NIL_ARRAY);
  });

  it('on a replica, a write from the master stream touches a watched key', () => {
    const w = worldWith([6380, 6381]);
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    w.runUntilSettled();
    run(w, 6381, 'WATCH', 'k');
    run(w, 6380, 'SET', 'k', 'from-master');
    w.runUntilSettled();
    run(w, 6381, 'MULTI');
    run(w, 6381, 'GET', 'k');
    expect(run(w, 6381, 'EXEC')).toBe(NIL_ARRAY);
  });

  it('WAIT inside MULTI answers at once and sends no REPLCONF GETACK', () => {
    const w = worldWith([6380, 6381]);
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    w.runUntilSettled();
    run(w, 6380, 'SET', 'w', '1');
    w.runUntilSettled();
    const before = Number(info(w, 6380).master_repl_offset);
    run(w, 6380, 'MULTI');
    run(w, 6380, 'SET', 'w', '2');
    run(w, 6380, 'WAIT', '1', '1000');
    const r = cmd(w, 6380, 'EXEC');
    expect(r?.kind === 'array' && r.items?.[1]).toEqual({ kind: 'integer', value: 1 });
    w.runUntilSettled();
    // Only the SET (27 bytes): no 37-byte GETACK followed it.
    expect(Number(info(w, 6380).master_repl_offset)).toBe(before + 27);
  });
});

describe('a writable replica', () => {
  it('expires the keys its own clients gave a TTL (7.0 slaveKeysWithExpire), not the master\'s', () => {
    const w = worldWith([6380, 6381]);
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    w.runUntilSettled();
    run(w, 6381, 'CONFIG', 'SET', 'replica-read-only', 'no');
    run(w, 6381, 'SET', 'local', '1', 'PX', '500');
    run(w, 6380, 'SET', 'remote', '1', 'PX', '500');
    run(w, 6380, 'DEBUG', 'SET-ACTIVE-EXPIRE', '0');
    w.runUntilSettled();
    w.runFor(2000);
    const keys = w.keys(6381).map((k) => k.key).sort();
    expect(keys).toEqual(['remote']);
    expect(info(w, 6381, 'stats').expired_keys).toBe('1');
  });
});
