/**
 * Saved sandboxes: `:save NAME` writes the sandbox's seed and recorded inputs to
 * sandboxes/NAME.json beside progress.json; `--sandbox NAME` rebuilds the world from them
 * (deterministic replay, as rewind does). A bad or missing file is a message, never a crash.
 */

import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionInput } from '../repl/api.js';

export interface SavedSandbox {
  version: 1;
  seed: number;
  inputs: SessionInput[];
}

/** A name is a file name: letters, digits, `.`, `_`, `-`, at most 64, not starting with a dot. */
export const SANDBOX_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$/;

export const sandboxFile = (home: string, name: string): string => join(home, 'sandboxes', `${name}.json`);

function isInput(v: unknown): v is SessionInput {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  if (o.kind === 'line') return typeof o.line === 'string';
  if (o.kind === 'mode') return o.mode === 'settled' || o.mode === 'manual';
  if (o.kind === 'advance') return Number.isInteger(o.toEvent) && typeof o.toMs === 'number' && Number.isFinite(o.toMs);
  return false;
}

/** Write a sandbox (temp file + rename in the same folder). Returns an error message or null. */
export function saveSandbox(home: string, name: string, saved: Omit<SavedSandbox, 'version'>): string | null {
  if (!SANDBOX_NAME.test(name)) return `not a name for a saved sandbox: ${JSON.stringify(name)} (letters, digits, . _ -)`;
  const file = sandboxFile(home, name);
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    mkdirSync(join(home, 'sandboxes'), { recursive: true });
    writeFileSync(tmp, JSON.stringify({ version: 1, ...saved }) + '\n', 'utf8');
    renameSync(tmp, file);
    return null;
  } catch (e) {
    rmSync(tmp, { force: true });
    return `could not save ${file}: ${(e as Error).message}`;
  }
}

/** Read a saved sandbox, or the reason it cannot be read. */
export function loadSandbox(home: string, name: string): SavedSandbox | { error: string } {
  if (!SANDBOX_NAME.test(name)) return { error: `not a name for a saved sandbox: ${JSON.stringify(name)}` };
  const file = sandboxFile(home, name);
  let v: unknown;
  try {
    v = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? `no saved sandbox "${name}" (${file})` : `${file} is not a saved sandbox: ${(e as Error).message}` };
  }
  const o = v as Record<string, unknown>;
  if (typeof o !== 'object' || o === null || o.version !== 1 || !Number.isSafeInteger(o.seed) || !Array.isArray(o.inputs) || !o.inputs.every(isInput)) {
    return { error: `${file} is not a saved sandbox` };
  }
  return { version: 1, seed: o.seed as number, inputs: o.inputs as SessionInput[] };
}
