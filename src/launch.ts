/**
 * dist/cli.js: runs the bundled program (dist/app.cjs) with a V8 code cache (dist/app.cjs.cache), so
 * that start-up skips compiling ~0.9 MB of JavaScript and the functions the first frame needs.
 *
 * Why: Node 20 has no compile cache of its own (module.enableCompileCache is Node 22), and compiling
 * the bundle plus its first-frame functions is ~100 ms of the ~400 ms to first frame
 * (stack-notes.md). The cache is written the first time the program runs for a second without one
 * (the build primes it), and again whenever V8 rejects it (another Node version or V8 flags). It is
 * only an optimisation: a missing, unreadable, foreign or damaged cache means a normal compile.
 */

import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const here = dirname(fileURLToPath(import.meta.url));
const appFile = join(here, 'app.cjs');
const cacheFile = join(here, 'app.cjs.cache');
/** How long the program runs before its compiled code is saved: past the first frame. */
const SAVE_AFTER_MS = 1000;

const sha1 = (data: Uint8Array | string) => createHash('sha1').update(data).digest();

/**
 * The cache file is sha1(source) + sha1(data) + data: V8 checks that cached code matches its source
 * and flags, the hashes add a check that the file is whole (a torn write is never handed to V8).
 */
function readCache(sourceHash: Buffer): Buffer | undefined {
  try {
    const file = readFileSync(cacheFile);
    if (file.length <= 40 || !file.subarray(0, 20).equals(sourceHash)) return undefined;
    const data = file.subarray(40);
    return file.subarray(20, 40).equals(sha1(data)) ? data : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(sourceHash: Buffer, data: Buffer): void {
  try {
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.concat([sourceHash, sha1(data), data]));
    renameSync(tmp, cacheFile);
  } catch {
    // A read-only install: every start compiles, nothing else changes.
  }
}

const source = readFileSync(appFile, 'utf8');
const sourceHash = sha1(source);
const cachedData = readCache(sourceHash);
// CommonJS's own wrapper (Module.wrap), so the bundle runs exactly as `require` would run it.
const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
const script = new Script(wrapped, { filename: appFile, cachedData });
if (cachedData === undefined || script.cachedDataRejected) {
  setTimeout(() => writeCache(sourceHash, script.createCachedData()), SAVE_AFTER_MS).unref();
}
const moduleObject = { exports: {} };
script.runInThisContext()(moduleObject.exports, createRequire(appFile), moduleObject, appFile, here);
