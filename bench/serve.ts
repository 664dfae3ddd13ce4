// Serve mode figures: redis-benchmark -t set,get -P 16 against a served master with one simulated
// replica, beside a real redis-server master with one real replica in the same run; and the time
// from writing a PING to the first byte of its answer, on both.
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LiveServe } from '../src/serve/live.js';
import { createServedSession } from '../src/serve/setup.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { encoding: 'utf8', timeout: 600_000, maxBuffer: 1 << 24 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

async function waitFor(cond: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export interface BenchRates {
  set: number;
  get: number;
}

/** `redis-benchmark -t set,get -P 16 -n requests -q` against 127.0.0.1:port. */
async function benchmark(port: number, requests: number): Promise<BenchRates> {
  const out = await run('redis-benchmark', ['-p', String(port), '-t', 'set,get', '-P', '16', '-n', String(requests), '-q']);
  const rate = (name: string) => Number(new RegExp(`${name}: ([\\d.]+) requests per second`).exec(out)?.[1] ?? NaN);
  return { set: rate('SET'), get: rate('GET') };
}

/** Median ms from writing `PING\r\n` on an open connection to the first byte back. */
async function pingFirstByteMs(port: number, samples: number): Promise<number> {
  const sock = net.connect({ host: '127.0.0.1', port });
  sock.setNoDelay(true);
  await new Promise((r) => sock.once('connect', r));
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      sock.once('data', () => resolve());
      sock.write('PING\r\n');
    });
    times.push(performance.now() - t0);
  }
  sock.destroy();
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export interface ServeFigures {
  served: BenchRates;
  real: BenchRates;
  servedPingMs: number;
  realPingMs: number;
}

/** Both sides measured in this run; every process and listener is stopped before returning. */
export async function serveVersusReal(requests: number): Promise<ServeFigures> {
  // Real: a master and one replica.
  const dir = mkdtempSync(join(tmpdir(), 'repl-tutor-serve-bench-'));
  const procs: ChildProcess[] = [];
  let live: LiveServe | null = null;
  try {
    const [mp, rp] = [await freePort(), await freePort()];
    for (const port of [mp, rp]) {
      procs.push(spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir, '--dbfilename', `d${port}.rdb`], { stdio: 'ignore' }));
    }
    const cli = (port: number, ...a: string[]) => run('redis-cli', ['-p', String(port), ...a]).then((s) => s.trim()).catch(() => '');
    await waitFor(async () => (await cli(mp, 'ping')) === 'PONG' && (await cli(rp, 'ping')) === 'PONG', 10_000, 'redis-server');
    await cli(rp, 'replicaof', '127.0.0.1', String(mp));
    await waitFor(async () => /slave0:.*state=online/.test(await cli(mp, 'info', 'replication')), 30_000, 'the real replica');
    const real = await benchmark(mp, requests);
    const realPingMs = await pingFirstByteMs(mp, 500);

    // Served: a simulated master and one simulated replica, virtual time following the wall clock.
    const header = { seed: 1, setup: ['redis-server --port 6380', 'redis-server --port 6381 --replicaof 127.0.0.1 6380'], serverOverrides: [] as Array<[string, string]> };
    const free = await freePort();
    live = new LiveServe({ session: createServedSession(header), header, portOffset: free - 6380, host: '127.0.0.1', speed: 1 });
    await live.start();
    const served = await benchmark(free, requests);
    const servedPingMs = await pingFirstByteMs(free, 500);
    return { served, real, servedPingMs, realPingMs };
  } finally {
    await live?.close();
    for (const p of procs) p.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

export function hasRedisBenchmark(): boolean {
  return ['redis-server', 'redis-cli', 'redis-benchmark'].every((b) => spawnSync('sh', ['-c', `command -v ${b}`]).status === 0);
}
