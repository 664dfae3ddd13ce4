import { describe, expect, it } from 'vitest';
import { sha1 } from '../../src/redis/sha1.js';
import { cmd, info, run, text, worldWith } from '../helpers/world.js';

const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
const items = (r: ReturnType<typeof cmd>) => (r?.kind === 'array' ? (r.items ?? []).map(text) : []);

describe('DEBUG (7.0)', () => {
  it('sha1 — the FIPS 180-1 test vectors', () => {
    expect(hex(sha1(new TextEncoder().encode('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(hex(sha1(new Uint8Array(0)))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    const long = new TextEncoder().encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq');
    expect(hex(sha1(long))).toBe('84983e441c3bd26ebaae4aa1f95129e5e54670f1');
  });

  it('DIGEST and DIGEST-VALUE equal the values redis-server 7.0.15 printed for the same data', () => {
    const w = worldWith([6380]);
    expect(run(w, 6380, 'DEBUG', 'DIGEST')).toBe('0'.repeat(40));
    run(w, 6380, 'SET', 'a', '1');
    expect(run(w, 6380, 'DEBUG', 'DIGEST')).toBe('943d800368fb9c0e951138f1bc0e313ac769d91f');
    expect(items(cmd(w, 6380, 'DEBUG', 'DIGEST-VALUE', 'a', 'nokey'))).toEqual(['b4fc66738120fba0b5aa500ab5c2bf89cea1c5da', '0'.repeat(40)]);
    run(w, 6380, 'ZADD', 'z', '0.1', 'm', '2', 'n');
    run(w, 6380, 'RPUSH', 'l', 'a', 'b', '3');
    run(w, 6380, 'SADD', 's', '1', '2', 'x');
    run(w, 6380, 'HSET', 'h', 'f', 'v');
    run(w, 6380, 'SET', 'e', 'v', 'EX', '100');
    expect(items(cmd(w, 6380, 'DEBUG', 'DIGEST-VALUE', 'z', 'l', 's', 'h', 'e'))).toEqual([
      'b3b72e61acbf8ed8fa94f42788af98b02acee3e7',
      '09eb1fc9381ee92790d59930ab462945f8cd948b',
      '4c6eef6b7853d1b76391c849d71b0d35d3faf18f',
      '90c76e9e9f4c62d642a34fc97c7dad503b51f906',
      '311b17018163335616e089f6b951c82c477335ac',
    ]);
    expect(run(w, 6380, 'DEBUG', 'DIGEST')).toBe('1def5e16e52475eea22d821d13085c6d981d3010');
    // The same key in db 1 as well: the db id is part of the digest.
    run(w, 6380, 'SELECT', '1');
    run(w, 6380, 'SET', 'a', '1');
    expect(run(w, 6380, 'DEBUG', 'DIGEST')).toBe('ee1c43550534ecfde28bc745eeac43dc0cd43478');
  });

  it('HELP is 7.0.15\'s whole list; POPULATE and unknown subcommands answer 7.0\'s errors', () => {
    const w = worldWith([6380]);
    const help = items(cmd(w, 6380, 'DEBUG', 'HELP'));
    expect(help).toHaveLength(106);
    expect(help[0]).toBe('DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:');
    expect(help.at(-1)).toBe('    Prints this help.');
    expect(run(w, 6380, 'DEBUG', 'POPULATE')).toBe("ERR unknown subcommand or wrong number of arguments for 'POPULATE'. Try DEBUG HELP.");
    expect(run(w, 6380, 'DEBUG', 'POPULATE', '-1')).toBe('ERR value is out of range, must be positive');
    expect(run(w, 6380, 'DEBUG', 'POPULATE', 'abc')).toBe('ERR value is out of range, must be positive');
    expect(run(w, 6380, 'DEBUG', 'POPULATE', '1', 'a', 'abc')).toBe('ERR value is out of range, must be positive');
    expect(run(w, 6380, 'DEBUG', 'POPULATE', '2', 'a', '0')).toBe('OK');
    expect(run(w, 6380, 'DEBUG', 'BOGUS', 'x')).toBe("ERR unknown subcommand or wrong number of arguments for 'BOGUS'. Try DEBUG HELP.");
    expect(run(w, 6380, 'DEBUG', 'SEGFAULT')).toMatch(/not simulated by the tutor: use :kill PORT/);
    expect(run(w, 6380, 'DEBUG', 'RELOAD', 'bogus')).toBe('ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.');
  });

  it('RELOAD NOSAVE NOFLUSH MERGE adds the saved keys to the current ones', () => {
    const w = worldWith([6380]);
    run(w, 6380, 'SET', 'saved', '1');
    run(w, 6380, 'SAVE');
    run(w, 6380, 'DEL', 'saved');
    run(w, 6380, 'SET', 'new', '1');
    expect(run(w, 6380, 'DEBUG', 'RELOAD', 'NOSAVE', 'NOFLUSH', 'MERGE')).toBe('OK');
    expect(run(w, 6380, 'DBSIZE')).toBe('2');
    expect(run(w, 6380, 'DEBUG', 'RELOAD', 'NOSAVE')).toBe('OK');
    expect(run(w, 6380, 'DBSIZE')).toBe('1');
  });

  it('SET-ACTIVE-EXPIRE 0 keeps expired keys in memory until it is turned back on', () => {
    const w = worldWith([6380]);
    run(w, 6380, 'DEBUG', 'SET-ACTIVE-EXPIRE', '0');
    run(w, 6380, 'SET', 't', '1', 'PX', '100');
    w.runFor(2000);
    expect(run(w, 6380, 'DBSIZE')).toBe('1');
    run(w, 6380, 'DEBUG', 'SET-ACTIVE-EXPIRE', '1');
    w.runFor(1000);
    expect(run(w, 6380, 'DBSIZE')).toBe('0');
  });

  it('CHANGE-REPL-ID gives a new replication id and clears replid2', () => {
    const w = worldWith([6380]);
    const before = info(w, 6380).master_replid;
    expect(run(w, 6380, 'DEBUG', 'CHANGE-REPL-ID')).toBe('OK');
    expect(info(w, 6380).master_replid).not.toBe(before);
    expect(info(w, 6380).master_replid2).toBe('0'.repeat(40));
  });
});

describe('CONFIG and CLIENT (7.0)', () => {
  it('CONFIG SET refuses a parameter given twice, after checking every name, before any value', () => {
    const w = worldWith([6380]);
    expect(run(w, 6380, 'CONFIG', 'SET', 'maxmemory', '10', 'MAXMEMORY', '20')).toBe(
      "ERR CONFIG SET failed (possibly related to argument 'MAXMEMORY') - duplicate parameter",
    );
    expect(run(w, 6380, 'CONFIG', 'SET', 'maxmemory', 'abc', 'daemonize', 'yes')).toBe(
      "ERR CONFIG SET failed (possibly related to argument 'daemonize') - can't set immutable config",
    );
    // A name and its alias are two entries in 7.0's table.
    expect(run(w, 6380, 'CONFIG', 'SET', 'replica-read-only', 'no', 'slave-read-only', 'yes')).toBe('OK');
    expect(run(w, 6380, 'CONFIG', 'SET', 'slave-ignore-maxmemory', 'no')).toBe('OK');
    expect(items(cmd(w, 6380, 'CONFIG', 'GET', 'replica-ignore-maxmemory'))).toEqual(['replica-ignore-maxmemory', 'no']);
    expect(items(cmd(w, 6380, 'CONFIG', 'GET', 'rdb-del-sync-files'))).toEqual(['rdb-del-sync-files', 'no']);
  });

  it('CLIENT LIST shows the subcommand: cmd=client|list', () => {
    const w = worldWith([6380]);
    expect(run(w, 6380, 'CLIENT', 'LIST')).toContain(' cmd=client|list ');
    run(w, 6380, 'CONFIG', 'GET', 'port');
    expect(run(w, 6380, 'CLIENT', 'INFO')).toContain(' cmd=client|info ');
  });

  it('replica-announce-ip/-port are what the master shows in INFO and ROLE', () => {
    const w = worldWith([6380, 6381]);
    run(w, 6381, 'CONFIG', 'SET', 'replica-announce-ip', '10.0.0.7');
    run(w, 6381, 'CONFIG', 'SET', 'replica-announce-port', '7000');
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    w.runUntilSettled();
    expect(info(w, 6380).slave0).toMatch(/^ip=10\.0\.0\.7,port=7000,state=online,/);
    expect(JSON.stringify(cmd(w, 6380, 'ROLE'))).toContain('"10.0.0.7"');
  });

  it('repl-diskless-load swapdb writes no dump.rdb; rdb-del-sync-files removes the one a sync wrote', () => {
    const w = worldWith([6380, 6381, 6382]);
    run(w, 6380, 'SET', 'k', 'v');
    run(w, 6381, 'CONFIG', 'SET', 'repl-diskless-load', 'swapdb');
    run(w, 6382, 'CONFIG', 'SET', 'rdb-del-sync-files', 'yes');
    run(w, 6381, 'REPLICAOF', '127.0.0.1', '6380');
    run(w, 6382, 'REPLICAOF', '127.0.0.1', '6380');
    w.runUntilSettled();
    w.runFor(1000);
    expect(run(w, 6381, 'DBSIZE')).toBe('1');
    const files = [...w.disk.keys()];
    expect(files).not.toContain('/data/6381/dump.rdb');
    expect(files).not.toContain('/data/6382/dump.rdb');
  });
});
