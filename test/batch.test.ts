import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runBatch, inputLines } from '../src/batch.js';

const walkthrough = fs.readFileSync(
  path.join(path.dirname(fileURLToPath(import.meta.url)), 'repl/fixtures/seed-walkthrough.txt'),
  'utf8',
);

async function batch(input: string, opts: Partial<Parameters<typeof runBatch>[0]> = {}) {
  let text = '';
  const code = await runBatch({ input, out: (s) => (text += s), ...opts });
  return { code, text, lines: text.split('\n').slice(0, -1) };
}

/** The lines printed after the echoed input line `echo` (up to the next prompt). */
function after(lines: string[], echo: string, nth = 0): string[] {
  let seen = -1;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === echo && ++seen === nth) {
      const out: string[] = [];
      for (let j = i + 1; j < lines.length && !/^(\$ |\S+:\d+(\[\d+\])?(\(TX\))?> |not connected> )/.test(lines[j]); j++) out.push(lines[j]);
      return out;
    }
  }
  throw new Error(`no echo ${echo}`);
}

describe('batch mode — the seed walkthrough typed verbatim', () => {
  it('prints the session as a terminal would, with the replies of real Redis 7.0', async () => {
    const { code, lines } = await batch(walkthrough);
    expect(code).toBe(0);
    expect(lines[0]).toBe('$ mkdir /data/638{0..2}');
    expect(after(lines, '$ mkdir /data/638{0..2}')).toEqual([
      "mkdir: cannot create directory '/data/6380': File exists",
      "mkdir: cannot create directory '/data/6381': File exists",
      "mkdir: cannot create directory '/data/6382': File exists",
    ]);
    expect(after(lines, '$ redis-server /data/6380/redis.conf')).toEqual([]);
    expect(after(lines, '$ netstat -tlnp|grep 638')).toEqual([
      'tcp        0      0 0.0.0.0:6380            0.0.0.0:*               LISTEN      4598/redis-server * ',
      'tcp        0      0 0.0.0.0:6381            0.0.0.0:*               LISTEN      4602/redis-server * ',
      'tcp        0      0 0.0.0.0:6382            0.0.0.0:*               LISTEN      4606/redis-server * ',
      'tcp6       0      0 :::6380                 :::*                    LISTEN      4598/redis-server * ',
      'tcp6       0      0 :::6381                 :::*                    LISTEN      4602/redis-server * ',
      'tcp6       0      0 :::6382                 :::*                    LISTEN      4606/redis-server * ',
    ]);
    expect(after(lines, '127.0.0.1:6381> slaveof 127.0.0.1 6380')).toEqual(['OK']);
    expect(after(lines, '127.0.0.1:6382> slaveof 127.0.0.1 6380')).toEqual(['OK']);

    const replicaInfo = after(lines, '127.0.0.1:6382> info replication');
    expect(replicaInfo.slice(0, 5)).toEqual(['# Replication', 'role:slave', 'master_host:127.0.0.1', 'master_port:6380', 'master_link_status:up']);

    const masterInfo = after(lines, '127.0.0.1:6380> info replication');
    expect(masterInfo.slice(0, 2)).toEqual(['# Replication', 'role:master']);
    expect(masterInfo).toContain('connected_slaves:2');
    expect(masterInfo.find((l) => l.startsWith('slave0:'))).toMatch(/^slave0:ip=127\.0\.0\.1,port=6381,state=online,offset=\d+,lag=\d+$/);
    expect(masterInfo.find((l) => l.startsWith('slave1:'))).toMatch(/^slave1:ip=127\.0\.0\.1,port=6382,state=online,offset=\d+,lag=\d+$/);

    expect(after(lines, '127.0.0.1:6380> set k1 v1')).toEqual(['OK']);
    expect(after(lines, '127.0.0.1:6380> keys *')).toEqual(['1) "k1"']);
    expect(after(lines, '$ redis-cli -p 6380 shutdown')).toEqual([]);

    const downInfo = after(lines, '127.0.0.1:6381> info replication');
    expect(downInfo.slice(0, 5)).toEqual(['# Replication', 'role:slave', 'master_host:127.0.0.1', 'master_port:6380', 'master_link_status:down']);
    expect(after(lines, '127.0.0.1:6381> set a 10')).toEqual(["(error) READONLY You can't write against a read only replica."]);
    expect(after(lines, '127.0.0.1:6381> keys *', 0)).toEqual(['1) "k1"']);
    expect(after(lines, '127.0.0.1:6381> slaveof no one')).toEqual(['OK']);
    expect(after(lines, '127.0.0.1:6381> set a 20')).toEqual(['OK']);
    // KEYS order is the dict's order; numbering is 1) 2) whatever the order.
    const keys = after(lines, '127.0.0.1:6381> keys *', 1);
    expect(keys.map((l) => l.slice(0, 3))).toEqual(['1) ', '2) ']);
    expect(keys.map((l) => l.slice(3)).sort()).toEqual(['"a"', '"k1"']);
    expect(after(lines, '127.0.0.1:6382> slaveof no one')).toEqual(['OK']);
    expect(after(lines, '127.0.0.1:6382> slaveof 127.0.0.1 6381')).toEqual(['OK']);
    const finalInfo = after(lines, '127.0.0.1:6382> info replication', 1);
    expect(finalInfo.slice(0, 5)).toEqual(['# Replication', 'role:slave', 'master_host:127.0.0.1', 'master_port:6381', 'master_link_status:up']);
  });

  it('is deterministic: the same input and seed print the same transcript', async () => {
    const a = await batch(walkthrough, { seed: 3, trace: true });
    const b = await batch(walkthrough, { seed: 3, trace: true });
    expect(a.text).toBe(b.text);
  });
});

describe('batch options', () => {
  it('reads a stream (stdin) as well as a string, CRLF or LF', async () => {
    let text = '';
    await runBatch({ input: Readable.from(['help\r\n', 'foo\n']), out: (s) => (text += s) });
    expect(text).toContain('$ foo\nbash: foo: command not found\n');
    expect(inputLines('a\r\nb\n')).toEqual(['a', 'b']);
  });

  it('--sandbox starts the three seed servers without replication', async () => {
    const { lines } = await batch('redis-cli -p 6381 role\nnetstat -tlnp | grep tcp6\n', { sandbox: true });
    expect(after(lines, '$ redis-cli -p 6381 role')).toEqual(['1) "master"', '2) (integer) 0', '3) (empty array)']);
    expect(after(lines, '$ netstat -tlnp | grep tcp6')).toHaveLength(3);
  });

  it('--trace interleaves readable trace lines prefixed with #', async () => {
    const { lines } = await batch('redis-cli -p 6381 slaveof 127.0.0.1 6380\n', { sandbox: true, trace: true });
    const trace = lines.filter((l) => l.startsWith('# ['));
    expect(trace.length).toBeGreaterThan(5);
    expect(trace.some((l) => /\+FULLRESYNC [0-9a-f]{6}… 0/.test(l))).toBe(true);
    expect(lines.indexOf('$ redis-cli -p 6381 slaveof 127.0.0.1 6380')).toBeLessThan(lines.indexOf(trace[trace.length - 1]));
  });

  it('--json prints inputs, outputs and trace events as JSON lines', async () => {
    const { lines } = await batch('redis-server /data/6380/redis.conf\nredis-cli -p 6380 ping\n', { json: true });
    const objs = lines.map((l) => JSON.parse(l));
    expect(objs[0]).toEqual({ type: 'input', prompt: '$ ', line: 'redis-server /data/6380/redis.conf' });
    expect(objs).toContainEqual({ type: 'output', kind: 'reply', text: 'PONG' });
    expect(objs.some((o) => o.type === 'server.start' && o.port === 6380)).toBe(true);
  });

  it('--manual leaves time to :run', async () => {
    const { lines } = await batch('redis-cli -p 6381 slaveof 127.0.0.1 6380\nredis-cli -p 6381 role\n:run 2s\nredis-cli -p 6381 role\n', { sandbox: true, manual: true });
    expect(after(lines, '$ redis-cli -p 6381 role', 0)[3]).not.toBe('4) "connected"');
    expect(after(lines, '$ redis-cli -p 6381 role', 1)[3]).toBe('4) "connected"');
  });

  it('server overrides apply to every server started', async () => {
    const { lines } = await batch('redis-cli -p 6380 config get repl-ping-replica-period\n', {
      sandbox: true,
      serverOverrides: [['repl-ping-replica-period', '3600']],
    });
    expect(after(lines, '$ redis-cli -p 6380 config get repl-ping-replica-period')).toEqual(['1) "repl-ping-replica-period"', '2) "3600"']);
  });

  it('bad lines never stop the batch', async () => {
    const { code, lines } = await batch('redis-cli -p 6399\nset a "b\nexit\nredis-server /nope\n:kill\n' + 'x'.repeat(1 << 20) + '\n\u0000\u0001\n');
    expect(code).toBe(0);
    expect(lines).toContain('Could not connect to Redis at 127.0.0.1:6399: Connection refused');
    expect(lines).toContain('Invalid argument(s)');
    expect(lines).toContain("Fatal error, can't open config file '/nope': No such file or directory");
    expect(lines).toContain('usage: :kill PORT');
  });
});
