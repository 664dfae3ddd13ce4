import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDbs, type RedisDb } from '../../../src/redis/keyspace.js';
import { decodeRdb, encodeRdb } from '../../../src/redis/rdb/index.js';
import { hash, list, range, set, str, zset } from './helpers.js';
import { RespClient } from './resp-client.js';

const HAVE_REDIS = spawnSync('redis-server', ['--version']).status === 0;

const ALL_BYTES = String.fromCharCode(...range(256, (i) => i));
const EXPIRE_MS = 4102444800000; // 2100-01-01, far enough to survive the test

/** Every type at both sides of every encoding threshold, over three databases. */
function sampleKeyspace(): RedisDb[] {
  const dbs = createDbs();
  const d0 = dbs[0].dict;
  d0.set('str', str('hello'));
  d0.set('int', str('12345'));
  d0.set('notint', str('007'));
  d0.set('lzf', str('abcdefgh'.repeat(40)));
  d0.set('binary', str(ALL_BYTES));
  d0.set('list', list('a', '1', '-0', '+1', 'x'.repeat(200), 'end'));
  d0.set('biglist', list(...range(5000, (i) => `item:${i}`)));
  d0.set('intset', set(...range(511, (i) => String(i * 3 - 700)), '9223372036854775807'));
  d0.set('bigset', set(...range(1000, String)));
  d0.set('strset', set('apple', 'banana', ALL_BYTES));
  d0.set('smallhash', hash([['name', 'redis'], ['version', '7'], ['n', '-3']]));
  d0.set('widehash', hash([['f', 'v'.repeat(65)]]));
  d0.set('bighash', hash(range(600, (i) => [`f:${i}`, `v:${i}`])));
  d0.set('smallzset', zset([['a', 1], ['b', 2.5], ['c', -3], ['d', 0.1], ['e', Infinity]]));
  d0.set('bigzset', zset(range(200, (i) => [`m:${i}`, i / 3])));
  dbs[0].expires.set('str', EXPIRE_MS);
  dbs[3].dict.set('db3key', str('in db three'));
  dbs[15].dict.set('db15list', list('z'));
  return dbs;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

describe.skipIf(!HAVE_REDIS)('encodeRdb interop — a real redis-server 7.0 loads our dump.rdb', () => {
  const dbs = sampleKeyspace();
  let dir = '';
  let server: ChildProcess | null = null;
  let client: RespClient;
  let log = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rdb-interop-'));
    writeFileSync(join(dir, 'dump.rdb'), encodeRdb(dbs, null));
    const port = await freePort();
    server = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--dbfilename', 'dump.rdb', '--save', '', '--appendonly', 'no', '--daemonize', 'no',
        // Deep-validate every listpack and intset we wrote, not just their headers.
        '--sanitize-dump-payload', 'yes'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    server.stdout!.on('data', (d) => (log += d));
    server.stderr!.on('data', (d) => (log += d));
    const exited = new Promise<never>((_, reject) => server!.once('exit', (code) => reject(new Error(`redis-server exited (${code}):\n${log}`))));
    // Wait until it answers PING (it does not listen before the RDB is loaded).
    for (let attempt = 0; ; attempt++) {
      try {
        client = await Promise.race([RespClient.open(port), exited]);
        if ((await client.call('PING')) === 'PONG') break;
        client.close();
      } catch (err) {
        if (attempt > 100 || (err as Error).message.startsWith('redis-server exited')) throw err;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }, 30_000);

  afterAll(async () => {
    client?.close();
    if (server?.pid && server.exitCode === null) {
      const gone = new Promise((r) => server!.once('exit', r));
      process.kill(server.pid, 'SIGTERM');
      await gone;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads every key into the right database (DBSIZE)', async () => {
    expect(await client.call('SELECT', '0')).toBe('OK');
    expect(await client.call('DBSIZE')).toBe(dbs[0].dict.size);
    await client.call('SELECT', '3');
    expect(await client.call('DBSIZE')).toBe(1);
    expect(await client.call('GET', 'db3key')).toBe('in db three');
    await client.call('SELECT', '15');
    expect(await client.call('LRANGE', 'db15list', '0', '-1')).toEqual(['z']);
    await client.call('SELECT', '0');
    expect(log).toMatch(/DB loaded from disk/);
  });

  it('reads back strings: plain, integer, not-quite-integer, LZF, every byte value', async () => {
    expect(await client.call('GET', 'str')).toBe('hello');
    expect(await client.call('GET', 'int')).toBe('12345');
    expect(await client.call('GET', 'notint')).toBe('007');
    expect(await client.call('GET', 'lzf')).toBe('abcdefgh'.repeat(40));
    expect(await client.call('GET', 'binary')).toBe(ALL_BYTES);
    expect(await client.call('PEXPIRETIME', 'str')).toBe(EXPIRE_MS);
    expect(await client.call('PEXPIRETIME', 'int')).toBe(-1);
  });

  it('reads back lists, sets, hashes and zsets', async () => {
    expect(await client.call('LRANGE', 'list', '0', '-1')).toEqual(['a', '1', '-0', '+1', 'x'.repeat(200), 'end']);
    // Walking from the tail follows each entry's backlen (2 bytes for the 202-byte entry).
    expect(await client.call('LINDEX', 'list', '-2')).toBe('x'.repeat(200));
    expect(await client.call('LINDEX', 'list', '-3')).toBe('+1');
    expect(await client.call('LLEN', 'biglist')).toBe(5000);
    expect(await client.call('LINDEX', 'biglist', '4321')).toBe('item:4321');
    expect(await client.call('SCARD', 'intset')).toBe(512);
    expect(await client.call('SISMEMBER', 'intset', '9223372036854775807')).toBe(1);
    expect(await client.call('SCARD', 'bigset')).toBe(1000);
    expect(await client.call('SISMEMBER', 'strset', ALL_BYTES)).toBe(1);
    expect(await client.call('HGETALL', 'smallhash')).toEqual(['name', 'redis', 'version', '7', 'n', '-3']);
    expect(await client.call('HGET', 'widehash', 'f')).toBe('v'.repeat(65));
    expect(await client.call('HLEN', 'bighash')).toBe(600);
    expect(await client.call('HGET', 'bighash', 'f:599')).toBe('v:599');
    expect(await client.call('ZRANGE', 'smallzset', '0', '-1', 'WITHSCORES')).toEqual(['c', '-3', 'd', '0.10000000000000001', 'a', '1', 'b', '2.5', 'e', 'inf']);
    expect(await client.call('ZCARD', 'bigzset')).toBe(200);
    expect(await client.call('ZSCORE', 'bigzset', 'm:199')).toBe('66.333333333333329'); // %.17g
  });

  it('holds each value in the encoding we wrote (OBJECT ENCODING)', async () => {
    const encodings: Record<string, string> = {
      int: 'int',
      list: 'quicklist',
      biglist: 'quicklist',
      intset: 'intset', // 512 integers: exactly set-max-intset-entries
      bigset: 'hashtable',
      strset: 'hashtable',
      smallhash: 'listpack',
      widehash: 'hashtable',
      bighash: 'hashtable',
      smallzset: 'listpack',
      bigzset: 'skiplist',
    };
    for (const [key, encoding] of Object.entries(encodings)) {
      expect(await client.call('OBJECT', 'ENCODING', key), key).toBe(encoding);
    }
  });

  it('saves the same keyspace back: its own dump.rdb decodes to what we encoded', async () => {
    expect(await client.call('SAVE')).toBe('OK');
    const back = decodeRdb(readFileSync(join(dir, 'dump.rdb'))).dbs;
    for (let i = 0; i < dbs.length; i++) {
      expect(new Map(back[i].dict)).toEqual(new Map(dbs[i].dict));
      expect(back[i].expires).toEqual(dbs[i].expires);
    }
  });
});

describe.skipIf(HAVE_REDIS)('encodeRdb interop (skipped: redis-server is not on PATH)', () => {
  it('needs redis-server 7.0 on PATH to load our dump.rdb', () => {});
});
