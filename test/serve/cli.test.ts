/**
 * `repl-tutor serve` from the command line without a terminal: it serves headless and says why,
 * and a recording path it cannot write is one clear line and exit 1 (no crash). Needs the build
 * (dist/cli.js, made by `npm test`'s pretest) and no redis tools.
 */

import { spawn } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePortRun, waitFor } from '../helpers/serve.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

function run(args: string[]) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, CI: '' } });
  const r = { child, out: '', err: '', code: new Promise<number | null>((res) => child.once('exit', (c) => res(c))) };
  child.stdout.on('data', (d) => (r.out += d));
  child.stderr.on('data', (d) => (r.err += d));
  return r;
}

describe('serve — the command line', () => {
  it('without a terminal it serves headless, says so, and answers a real client', async () => {
    const port = await freePortRun(3);
    const r = run(['serve', '--sandbox', '--port-offset', String(port - 6380)]);
    try {
      await waitFor(() => r.err.includes('Ctrl-C stops'), 15_000, `serve to start: ${r.err}`);
      expect(r.err).toContain('not a terminal, so no app: serving headless');
      const reply = await new Promise<string>((resolve, reject) => {
        const sock = net.connect({ host: '127.0.0.1', port }, () => sock.write('PING\r\n'));
        sock.once('data', (d) => {
          resolve(d.toString('latin1'));
          sock.destroy();
        });
        sock.once('error', reject);
      });
      expect(reply).toBe('+PONG\r\n');
    } finally {
      r.child.kill('SIGINT');
    }
    expect(await r.code).toBe(0);
  });

  it('a recording it cannot write is one line and exit 1', async () => {
    const r = run(['serve', '--headless', '--record', '/nonexistent-dir/x.jsonl']);
    r.child.stdin.end();
    expect(await r.code).toBe(1);
    expect(r.err).toMatch(/^repl-tutor serve: cannot record to \/nonexistent-dir\/x\.jsonl: ENOENT/m);
    expect(r.err).not.toContain('unexpected error');
  });
});
