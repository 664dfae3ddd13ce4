/**
 * Real time as a driver: a served session's inputs are recorded with their virtual times, and
 * `repl-tutor batch --replay FILE` rebuilds it byte for byte — every byte written to every
 * connection (replies, a real replica's RDB and stream) and every trace line.
 */

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { replayRecording } from '../../src/serve/replay.js';
import { headlessTraceLine } from '../../src/serve/setup.js';
import { HAVE_REDIS, INSTALL_HINT, freePortRun, redisCli, startRealRedis, startServe, waitFor } from '../helpers/serve.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'serve-record-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!HAVE_REDIS)('serve — --record and batch --replay reproduce a session byte for byte', () => {
  it('replays clients, a typed line and a real replica: same bytes on every connection, same trace', async () => {
    const file = join(dir, 'session.jsonl');
    const served = await startServe({ recordFile: file });
    const replica = await startRealRedis(['--replicaof', '127.0.0.1', String(served.port(6380))]);
    try {
      await redisCli(['-p', String(served.port(6380))], 'SET a 1\nINCR n\nRPUSH l x y\nMULTI\nSET b 2\nEXEC\nHELLO 3\nHGETALL nope\n');
      served.live.submitLine('redis-cli -p 6381 replicaof 127.0.0.1 6380');
      await redisCli(['-p', String(served.port(6380)), 'DEBUG', 'POPULATE', '50']);
      await redisCli(['-p', String(served.port(6380)), 'SET', 'last', 'write']);
      await waitFor(async () => (await replica.cli('GET', 'last')) === 'write', 10_000, 'the real replica to follow');
    } finally {
      await replica.stop();
      await served.close();
    }
    const printed: string[] = [];
    const result = replayRecording(readFileSync(file, 'utf8'), (s) => printed.push(s));
    expect(result.message).toBe('');
    expect(result.ok).toBe(true);
    expect(result.bytes).toBeGreaterThan(1000);
    const replayedTrace = printed.filter((l) => l.startsWith('# ')).join('');
    expect(replayedTrace).toBe(served.trace.map((e) => headlessTraceLine(e) + '\n').join(''));
  });

  it('a changed byte in the recording is caught', async () => {
    const file = join(dir, 'tampered.jsonl');
    const served = await startServe({ recordFile: file, setup: ['redis-server --port 6380'] });
    await redisCli(['-p', String(served.port(6380)), 'SET', 'k', 'v']);
    await served.close();
    const lines = readFileSync(file, 'utf8').split('\n');
    const i = lines.findIndex((l) => l.includes('"out"'));
    const row = JSON.parse(lines[i]) as { data: string };
    row.data = Buffer.from('+NO\r\n').toString('base64');
    lines[i] = JSON.stringify({ ...JSON.parse(lines[i]), data: row.data });
    const r = replayRecording(lines.join('\n'), () => {});
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/output differs|bytes/);
  });

  it('the CLI: serve --headless --record, then batch --replay prints the same lines', async () => {
    const file = join(dir, 'cli.jsonl');
    const port = await freePortRun(3);
    // Port offset so that 6380 lands on a port that was free a moment ago (6381, 6382 follow it).
    const offset = port - 6380;
    const child = spawn(process.execPath, [CLI, 'serve', '--sandbox', '--headless', '--port-offset', String(offset), '--record', file], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      await waitFor(() => err.includes('Ctrl-C stops'), 15_000, `serve to start: ${err}`);
      expect(await redisCli(['-p', String(port), 'SET', 'x', '1'])).toBe('OK');
      child.stdin.write('redis-cli -p 6380 GET x\n');
      await waitFor(() => out.includes('"1"'), 5000, 'the typed line');
      // The sandbox's 6381 replicates 6380, on its own real port.
      await waitFor(async () => (await redisCli(['-p', String(port + 1), 'GET', 'x'])) === '1', 5000, 'the write on 6381');
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    const replay = spawn(process.execPath, [CLI, 'batch', '--replay', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let rout = '';
    let rerr = '';
    replay.stdout.on('data', (d) => (rout += d));
    replay.stderr.on('data', (d) => (rerr += d));
    const code = await new Promise<number | null>((r) => replay.once('exit', (c) => r(c)));
    expect(rerr).toMatch(/all \d+ output bytes identical/);
    expect(code).toBe(0);
    expect(rout).toBe(out);
  });
});

describe.skipIf(HAVE_REDIS)('serve — record and replay', () => {
  it.skip(`skipped: ${INSTALL_HINT}`, () => {});
});
