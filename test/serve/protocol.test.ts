/**
 * Serve mode's RESP against a real redis-server 7.0: the same bytes, on fresh connections, get the
 * same bytes back and the same close — pipelining, inline commands, arguments split across reads,
 * every protocol error, proto-max-bulk-len, the query buffer limit, requirepass's limits.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_REDIS, INSTALL_HINT, rawExchange, startRealRedis, startServe, type RealRedis, type ServedWorld } from '../helpers/serve.js';

const cmd = (...argv: string[]) => `*${argv.length}\r\n` + argv.map((a) => `$${a.length}\r\n${a}\r\n`).join('');

/** [name, chunks written one by one] — run in this order on both servers. */
const CASES: Array<[string, Array<string | Buffer>]> = [
  ['inline PING', ['PING\r\n']],
  ['multibulk PING', [cmd('PING')]],
  ['pipelined inline and multibulk', ['PING\r\nPING\r\n' + cmd('SET', 'a', '1') + cmd('GET', 'a')]],
  ['a command split across reads', ['*3\r\n$3\r\nSE', 'T\r\n$1\r\nk\r\n$', '2\r\nvv\r\n', cmd('GET', 'k')]],
  ['one byte per read', [...cmd('ECHO', 'hello').split(''), 'PING\r\n']],
  ['inline quotes and escapes', ['SET q "a\\x41b c"\r\nGET q\r\nSET r \'it\\\'s\'\r\nGET r\r\n']],
  ['bare LF and empty lines', ['\r\n\r\nPING\nPING\n\n']],
  ['*0 and *-1 are skipped', ['*0\r\n*-1\r\nPING\r\n']],
  ['unknown command and wrong arity', ['NOPE a b\r\nGET\r\n']],
  ['invalid multibulk length', ['*abc\r\nPING\r\n']],
  ['multibulk length above INT_MAX', ['*3000000000\r\n']],
  ['multibulk length with a plus sign', ['*+1\r\n$4\r\nPING\r\n']],
  ["expected '$'", ['*1\r\n+foo\r\n']],
  ['negative bulk length', ['*1\r\n$-5\r\n']],
  ['bulk length above proto-max-bulk-len', ['*1\r\n$600000000\r\n']],
  ['bulk length with leading zero', ['*1\r\n$04\r\nPING\r\n']],
  ['unbalanced quotes', ['SET a "b\r\nPING\r\n']],
  ['closing quote followed by a letter', ['SET a "b"c\r\n']],
  ['too big inline request', ['x'.repeat(70_000)]],
  ['too big mbulk count string', ['*' + '1'.repeat(70_000)]],
  ['too big bulk count string', ['*1\r\n$' + '1'.repeat(70_000)]],
  ['bytes after a bulk are skipped unchecked', ['*1\r\n$4\r\nPINGxx' + cmd('PING')]],
  ['a NUL before the count line end', ['*1\0\r\n$4\r\nPING\r\n']],
  ['commands before an error still run', [cmd('SET', 'before', 'yes') + '*x\r\n', ]],
  ['binary values round-trip', [Buffer.concat([Buffer.from('*3\r\n$3\r\nSET\r\n$3\r\nbin\r\n$4\r\n'), Buffer.from([0, 255, 13, 10]), Buffer.from('\r\n' + cmd('GET', 'bin'))])]],
  ['HELLO 3 and RESP3 replies', [cmd('HELLO', '3') + cmd('HSET', 'h', 'f', 'v') + cmd('HGETALL', 'h') + cmd('GET', 'missing') + cmd('SADD', 's', 'x') + cmd('SMEMBERS', 's') + cmd('ZADD', 'z', '1.5', 'm') + cmd('ZSCORE', 'z', 'm') + cmd('ZRANGE', 'z', '0', '-1', 'WITHSCORES') + cmd('MULTI') + cmd('HGETALL', 'h') + cmd('ZSCORE', 'z', 'm') + cmd('EXEC')]],
  ['RESP3 verbatim strings and nulls', [cmd('HELLO', '3') + cmd('INFO', 'keyspace') + cmd('LPOS', 'nope', 'a') + cmd('ZSCORE', 'z', 'nope') + cmd('HMGET', 'h', 'a', 'zz') + cmd('INCRBYFLOAT', 'f', '1.5') + cmd('ZPOPMIN', 'nope') + cmd('SPOP', 'nope') + cmd('ROLE')]],
  ['HELLO errors', [cmd('HELLO', '4') + cmd('HELLO', 'x') + cmd('HELLO', '2', 'FOO') + cmd('HELLO', '2', 'AUTH', 'default', 'x')]],
  ['AUTH without a password configured', [cmd('AUTH', 'x') + cmd('AUTH', 'a', 'b', 'c') + cmd('AUTH', 'bob', 'x')]],
  ['CLIENT SETNAME and GETNAME', [cmd('CLIENT', 'SETNAME', 'app-1') + cmd('CLIENT', 'GETNAME') + cmd('CLIENT', 'SETNAME', 'has space')]],
  ['QUIT', [cmd('QUIT') + cmd('PING')]],
  ['a lower proto-max-bulk-len', [cmd('CONFIG', 'SET', 'proto-max-bulk-len', '1mb') + '*2\r\n$4\r\nECHO\r\n$2000000\r\n']],
  ['the query buffer limit closes without a reply', [cmd('CONFIG', 'SET', 'proto-max-bulk-len', '512mb') + cmd('CONFIG', 'SET', 'client-query-buffer-limit', '1mb'), '*2\r\n$4\r\nECHO\r\n$1500000\r\n' + 'a'.repeat(1_100_000)]],
];

/** requirepass: the stricter limits before AUTH, NOAUTH, then AUTH. */
const AUTH_CASES: Array<[string, Array<string | Buffer>]> = [
  ['NOAUTH before AUTH', [cmd('GET', 'a') + cmd('AUTH', 'wrong') + cmd('AUTH', 'secret') + cmd('GET', 'a')]],
  ['unauthenticated multibulk length', [cmd(...Array.from({ length: 11 }, () => 'x'))]],
  ['unauthenticated bulk length', ['*1\r\n$20000\r\n']],
  ['authenticated: the same lengths are fine', [cmd('AUTH', 'default', 'secret') + cmd('ECHO', 'y'.repeat(20_000)).slice(0, 40)]],
  ['HELLO needs AUTH or its AUTH option', [cmd('HELLO', '3') + cmd('HELLO', '3', 'AUTH', 'default', 'secret') + cmd('PING')]],
];

/** The bytes as text; HELLO's client id differs between two servers' histories, so it reads `:<id>`. */
function show(b: Buffer): string {
  const s = b.toString('latin1').replace(/(\$2\r\nid\r\n:)\d+/g, '$1<id>');
  return s.length > 400 ? s.slice(0, 400) + `… (${s.length} bytes)` : s;
}

describe.skipIf(!HAVE_REDIS)('serve — RESP framing and protocol errors are byte-identical to redis-server 7.0', () => {
  let real: RealRedis;
  let served: ServedWorld;

  beforeAll(async () => {
    real = await startRealRedis();
    served = await startServe({ setup: ['redis-server --port 6380'] });
  });

  afterAll(async () => {
    await served?.close();
    await real?.stop();
  });

  for (const [name, chunks] of CASES) {
    it(name, async () => {
      const want = await rawExchange(real.port, chunks);
      const got = await rawExchange(served.port(6380), chunks);
      expect(show(got.data)).toBe(show(want.data));
      expect(got.closed).toBe(want.closed);
    });
  }
});

describe.skipIf(!HAVE_REDIS)('serve — requirepass: NOAUTH, AUTH and the unauthenticated limits as in 7.0', () => {
  let real: RealRedis;
  let served: ServedWorld;

  beforeAll(async () => {
    real = await startRealRedis(['--requirepass', 'secret']);
    served = await startServe({ setup: ['redis-server --port 6380'], serverOverrides: [['requirepass', 'secret']] });
  });

  afterAll(async () => {
    await served?.close();
    await real?.stop();
  });

  for (const [name, chunks] of AUTH_CASES) {
    it(name, async () => {
      const want = await rawExchange(real.port, chunks);
      const got = await rawExchange(served.port(6380), chunks);
      expect(show(got.data)).toBe(show(want.data));
      expect(got.closed).toBe(want.closed);
    });
  }
});

describe.skipIf(HAVE_REDIS)('serve — RESP against redis-server', () => {
  it.skip(`skipped: ${INSTALL_HINT}`, () => {});
});
