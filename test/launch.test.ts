// The launcher (dist/cli.js): runs dist/app.cjs with a V8 code cache it keeps whole, and never fails because of it.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const lessons = fileURLToPath(new URL('../lessons/', import.meta.url));
const sha1 = (data: Uint8Array | string) => createHash('sha1').update(data).digest();

/** A copy of the built program in its own folder (so each test owns its cache), without a cache. */
function installCopy(): { cli: string; cache: string; source: string } {
  const root = mkdtempSync(join(tmpdir(), 'rt-launch-'));
  mkdirSync(join(root, 'dist'));
  for (const f of ['cli.js', 'package.json', 'app.cjs', 'lessons.json']) copyFileSync(join(dist, f), join(root, 'dist', f));
  symlinkSync(lessons, join(root, 'lessons'));
  return { cli: join(root, 'dist', 'cli.js'), cache: join(root, 'dist', 'app.cjs.cache'), source: readFileSync(join(dist, 'app.cjs'), 'utf8') };
}

const version = (cli: string) => spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' });

/** Batch mode kept open for `ms` on a pipe: long enough for the launcher to save its cache. */
function runFor(cli: string, ms: number): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'batch'], { stdio: ['pipe', 'ignore', 'ignore'] });
    setTimeout(() => child.stdin.end('redis-server --port 6380\n'), ms);
    child.on('exit', (code) => resolve(code));
  });
}

/**
 * Batch mode kept open until the launcher has written a new cache (it does a second after it
 * started; on a loaded machine start-up alone can take that long, so a fixed wait is not enough).
 */
function runUntilCacheWritten(cli: string, cache: string, after = 0): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'batch'], { stdio: ['pipe', 'ignore', 'ignore'] });
    const started = Date.now();
    const poll = setInterval(() => {
      const written = existsSync(cache) && statSync(cache).mtimeMs > after && statSync(cache).size > 40;
      if (written || Date.now() - started > 20_000) {
        clearInterval(poll);
        // A moment for the write to finish before the program exits.
        setTimeout(() => child.stdin.end('redis-server --port 6380\n'), 200);
      }
    }, 50);
    child.on('exit', (code) => resolve(code));
  });
}

describe.skipIf(!existsSync(join(dist, 'app.cjs')))('the launcher and its code cache', () => {
  it('runs the program when there is no cache', () => {
    const { cli, cache } = installCopy();
    expect(version(cli)).toMatchObject({ status: 0, stdout: `repl-tutor ${pkg.version}\n`, stderr: '' });
    expect(existsSync(cache)).toBe(false); // a run under a second leaves no cache behind
  });

  it('saves the compiled code after a second: the source hash, a hash of the data, the data', async () => {
    const { cli, cache, source } = installCopy();
    expect(await runUntilCacheWritten(cli, cache)).toBe(0);
    const file = readFileSync(cache);
    expect(file.subarray(0, 20)).toEqual(sha1(source));
    expect(file.subarray(20, 40)).toEqual(sha1(file.subarray(40)));
    expect(file.length).toBeGreaterThan(100_000);
  });

  it('uses a good cache and leaves it alone', async () => {
    const { cli, cache } = installCopy();
    await runUntilCacheWritten(cli, cache);
    const before = statSync(cache).mtimeMs;
    expect(await runFor(cli, 1500)).toBe(0);
    expect(statSync(cache).mtimeMs).toBe(before);
  });

  it.each([
    ['truncated', (good: Buffer) => good.subarray(0, good.length >> 1)],
    ['with a damaged byte', (good: Buffer) => Buffer.from(good.map((b, i) => (i === good.length - 7 ? b ^ 0xff : b)))],
    ['made for other source', (good: Buffer) => Buffer.concat([sha1('other source'), good.subarray(20)])],
    ['empty', () => Buffer.alloc(0)],
    ['not a cache at all', () => Buffer.from('hello')],
  ])('ignores a cache that is %s, runs, and replaces it with a good one', async (_, spoil) => {
    const { cli, cache, source } = installCopy();
    await runUntilCacheWritten(cli, cache);
    writeFileSync(cache, spoil(readFileSync(cache)));
    const spoiledAt = statSync(cache).mtimeMs;
    expect(version(cli)).toMatchObject({ status: 0, stdout: `repl-tutor ${pkg.version}\n`, stderr: '' });
    expect(await runUntilCacheWritten(cli, cache, spoiledAt)).toBe(0);
    const file = readFileSync(cache);
    expect(file.subarray(0, 20)).toEqual(sha1(source));
    expect(file.subarray(20, 40)).toEqual(sha1(file.subarray(40)));
  });
});
