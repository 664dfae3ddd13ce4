// Real redis-server 7.0 figures for the benchmark table, measured in the same run when installed.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function hasRealRedis(): boolean {
  return ['redis-server', 'redis-cli', 'redis-benchmark'].every((b) => spawnSync('sh', ['-c', `command -v ${b}`]).status === 0);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out waiting for redis-server');
}

function cli(port: number, ...args: string[]): string {
  return execFileSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' }).trim();
}

/** Real Redis: `redis-benchmark -P 16 -t set` against a master with two online replicas (SET/s). */
export async function realRedisSetPerSec(requests: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'repl-tutor-bench-'));
  const procs: ChildProcess[] = [];
  try {
    const ports = [await freePort(), await freePort(), await freePort()];
    for (const port of ports) {
      procs.push(
        spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir, '--dbfilename', `d${port}.rdb`, '--daemonize', 'no'], {
          stdio: 'ignore',
        }),
      );
    }
    await waitFor(() => ports.every((p) => spawnSync('redis-cli', ['-p', String(p), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG'), 10_000);
    cli(ports[1], 'replicaof', '127.0.0.1', String(ports[0]));
    cli(ports[2], 'replicaof', '127.0.0.1', String(ports[0]));
    await waitFor(() => /connected_slaves:2/.test(cli(ports[0], 'info', 'replication')) && !/wait_bgsave|send_bulk/.test(cli(ports[0], 'info', 'replication')), 30_000);
    const out = execFileSync('redis-benchmark', ['-p', String(ports[0]), '-P', '16', '-t', 'set', '-n', String(requests), '-q'], { encoding: 'utf8' });
    // "SET: 740740.75 requests per second, p50=…"
    const m = /SET: ([\d.]+) requests per second/.exec(out);
    return m ? Number(m[1]) : NaN;
  } finally {
    for (const p of procs) p.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}
