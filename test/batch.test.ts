import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBatch, inputLines } from '../src/batch.js';
import { defaultLessonsDir } from '../src/lessons/loader.js';
import { sandboxSetupLines } from '../src/lessons/setup-lines.js';
import { SEED_PORTS } from '../src/repl/vfs.js';
import { defaultDeps } from '../src/ui/default-deps.js';

const walkthrough = fs.readFileSync(
  path.join(path.dirname(fileURLToPath(import.meta.url)), 'repl/fixtures/seed-walkthrough.txt'),
  'utf8',
);

/** Three masters from the seed's config files, no replication yet. */
const THREE_MASTERS = SEED_PORTS.map((p) => `redis-server /data/${p}/redis.conf`);

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

  it('--sandbox starts the app\'s sandbox: 6381 and 6382 replicating 6380, the same info replication on every node', async () => {
    const found = sandboxSetupLines(defaultLessonsDir());
    if (!found.ok) throw new Error(found.message);
    const lines = SEED_PORTS.map((p) => `redis-cli -p ${p} info replication`);
    const { lines: printed } = await batch(lines.join('\n') + '\n', { lessonSetup: found.lines });
    // The app's sandbox, opened as the menu opens it, typed the same lines.
    const run = defaultDeps({ lessonsDir: defaultLessonsDir(), env: { REPL_TUTOR_HOME: mkdtempSync(join(tmpdir(), 'rt-sandbox-')) } }).catalog.sandbox('en', 1);
    for (const line of lines) {
      const app = run.session.submit(line).map((o) => o.text);
      expect(after(printed, `$ ${line}`), line).toEqual(app);
    }
    expect(after(printed, '$ redis-cli -p 6380 info replication')).toContain('connected_slaves:2');
    expect(after(printed, '$ redis-cli -p 6382 info replication')).toContain('master_link_status:up');
  });

  it('--trace interleaves readable trace lines prefixed with #', async () => {
    const { lines } = await batch('redis-cli -p 6381 slaveof 127.0.0.1 6380\n', { lessonSetup: THREE_MASTERS, trace: true });
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

  it('--json round-trips UTF-8: typed Chinese comes back as the same text in argv and replies', async () => {
    const long = '中文'.repeat(40);
    const { lines } = await batch(`redis-server --port 6380\nredis-cli -p 6380 set a 中文\nredis-cli -p 6380 get a\nredis-cli -p 6380 set b ${long}\nredis-cli -p 6380 get b\n`, { json: true });
    const objs = lines.map((l) => JSON.parse(l));
    const commands = objs.filter((o) => o.type === 'command');
    expect(commands[0].argv).toEqual(['set', 'a', '中文']);
    expect(commands[1].reply).toBe('"中文"');
    expect(commands[2].argv[2]).toBe(long);
    // A long reply is cut on a character boundary, with '…'.
    expect(commands[3].reply).toMatch(/^"(中文)+中?…"$/);
    expect(objs).toContainEqual({ type: 'input', prompt: '$ ', line: 'redis-cli -p 6380 set a 中文' });
    expect(lines.join('\n')).not.toMatch(/[\u0080-\u00ff]/);
  });

  it('--trace prints a command before what it did (its propagation); --json keeps the engine’s order with effectsFrom', async () => {
    const input = 'redis-server --port 6380\nredis-server --port 6381\nredis-cli -p 6381 replicaof 127.0.0.1 6380\nredis-cli -p 6380 set a 10\n';
    const { lines } = await batch(input, { trace: true });
    const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
    expect(at(/6380 > set a 10 {2}→ OK/)).toBeGreaterThan(0);
    expect(at(/6380 > set a 10/)).toBeLessThan(at(/propagates set a 10/));
    const json = (await batch(input, { json: true })).lines.map((l) => JSON.parse(l) as { type: string; seq?: number; argv?: string[]; effectsFrom?: number });
    const set = json.find((e) => e.type === 'command' && e.argv?.[0] === 'set')!;
    const propagate = json.find((e) => e.type === 'propagate')!;
    expect(propagate.seq).toBeLessThan(set.seq!);
    expect(set.effectsFrom).toBeLessThanOrEqual(propagate.seq!);
  });

  it('--trace cuts a long reply with …, never a stray byte', async () => {
    const { lines } = await batch(`redis-server --port 6380\nredis-cli -p 6380 set a ${'x'.repeat(200)}\nredis-cli -p 6380 get a\n`, { trace: true });
    const get = lines.find((l) => l.includes('> get a'))!;
    expect(get).toMatch(/→ "x{60}…"$/);
    expect(lines.join('\n')).not.toContain('&');
  });

  it('--lang zh: the tutor\'s own lines and the trace speak Chinese; Redis\'s replies stay as Redis prints them', async () => {
    const { lines } = await batch('redis-server --port 6380\nredis-server --port 6381\n:latency 6380 6381 100\nredis-cli -p 6381 replicaof 127.0.0.1 6380\n', { language: 'zh', trace: true });
    expect(lines).toContain('6380 与 6381 之间的链路时延现在是 100 ms');
    expect(after(lines, '$ redis-cli -p 6381 replicaof 127.0.0.1 6380').filter((l) => !l.startsWith('# '))).toEqual(['OK']);
    expect(lines.some((l) => l.startsWith('# [') && l.includes('全量同步'))).toBe(true);
    const en = await batch('redis-server --port 6380\n:latency 6380 6381 100\n');
    expect(en.lines).toContain('latency between 6380 and 6381 is now 100 ms');
  });

  it('--manual leaves time to :run', async () => {
    const { lines } = await batch('redis-cli -p 6381 slaveof 127.0.0.1 6380\nredis-cli -p 6381 role\n:run 2s\nredis-cli -p 6381 role\n', { lessonSetup: THREE_MASTERS, manual: true });
    expect(after(lines, '$ redis-cli -p 6381 role', 0)[3]).not.toBe('4) "connected"');
    expect(after(lines, '$ redis-cli -p 6381 role', 1)[3]).toBe('4) "connected"');
  });

  it('server overrides apply to every server started', async () => {
    const { lines } = await batch('redis-cli -p 6380 config get repl-ping-replica-period\n', {
      lessonSetup: THREE_MASTERS,
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
