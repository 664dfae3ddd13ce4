// QUIT, RESET, TIME and TOUCH as Redis 7.0.15 answers them.
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/redis/reply.js';
import { EPOCH_UNIX_MS } from '../../src/redis/world.js';
import { cmd, info, run, text, worldWith } from '../helpers/world.js';

describe('RESET', () => {
  it('answers +RESET and leaves MULTI, WATCH, subscriptions, the db, the name and RESP3', () => {
    const w = worldWith([6380]);
    const c = w.connect('127.0.0.1', 6380);
    if ('error' in c) throw new Error(c.error);
    const got: string[] = [];
    const say = (r: Reply | null) => got.push(text(r));
    c.onPush!(say);
    for (const argv of [['SELECT', '2'], ['CLIENT', 'SETNAME', 'app'], ['HELLO', '3'], ['SUBSCRIBE', 'ch'], ['WATCH', 'k'], ['MULTI'], ['RESET']]) c.send(argv, say);
    expect(got.at(-1)).toBe('RESET');
    expect(c.db).toBe(0);
    got.length = 0;
    c.send(['CLIENT', 'INFO'], say);
    expect(got[0]).toMatch(/ name= .*flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 .*resp=2/);
    expect(run(w, 6380, 'PUBLISH', 'ch', 'x')).toBe('0');
  });

  it('is not queued inside MULTI: it runs at once and the transaction is gone', () => {
    const w = worldWith([6380]);
    expect(run(w, 6380, 'MULTI')).toBe('OK');
    expect(run(w, 6380, 'RESET')).toBe('RESET');
    expect(run(w, 6380, 'EXEC')).toBe('ERR EXEC without MULTI');
  });

  it('with requirepass it runs before AUTH, and leaves the client unauthenticated again', () => {
    const w = worldWith([6380], { extra: 'requirepass secret' });
    expect(run(w, 6380, 'RESET')).toBe('RESET');
    expect(run(w, 6380, 'AUTH', 'secret')).toBe('OK');
    expect(run(w, 6380, 'RESET')).toBe('RESET');
    expect(run(w, 6380, 'GET', 'k')).toBe('NOAUTH Authentication required.');
  });
});

describe('TIME', () => {
  it('is the world\'s virtual Unix time (2026-01-01 00:00:00 UTC at the start), seconds and microseconds', () => {
    const w = worldWith([6380]);
    w.runFor(1234);
    const r = cmd(w, 6380, 'TIME');
    const ms = EPOCH_UNIX_MS + w.now;
    expect(r).toEqual({ kind: 'array', items: [{ kind: 'bulk', value: String(Math.floor(ms / 1000)) }, { kind: 'bulk', value: String((ms % 1000) * 1000) }] });
  });
});

describe('TOUCH', () => {
  it('counts the keys that exist, and is not propagated (it writes nothing)', () => {
    const w = worldWith([6380, 6381]);
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    w.runUntilSettled();
    run(w, 6380, 'SET', 'a', '1');
    run(w, 6380, 'SET', 'b', '1');
    const offset = info(w, 6380).master_repl_offset;
    expect(run(w, 6380, 'TOUCH', 'a', 'b', 'nope')).toBe('2');
    expect(info(w, 6380).master_repl_offset).toBe(offset);
  });

  it('refreshes the access time OBJECT IDLETIME reports', () => {
    const w = worldWith([6380]);
    run(w, 6380, 'SET', 'a', '1');
    run(w, 6380, 'OBJECT', 'IDLETIME', 'a');
    w.runFor(5000);
    expect(Number(run(w, 6380, 'OBJECT', 'IDLETIME', 'a'))).toBeGreaterThanOrEqual(4);
    run(w, 6380, 'TOUCH', 'a');
    expect(run(w, 6380, 'OBJECT', 'IDLETIME', 'a')).toBe('0');
  });
});

describe('QUIT', () => {
  it('answers +OK, even before AUTH', () => {
    const w = worldWith([6380], { extra: 'requirepass secret' });
    expect(run(w, 6380, 'QUIT')).toBe('OK');
  });
});
