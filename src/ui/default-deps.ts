/** The app's real dependencies: the lesson catalogue (src/lessons/catalog.ts), the trace's readable lines, and writing an exported file. */

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createCatalog, type CatalogOptions } from '../lessons/catalog.js';
import { formatTrace } from '../repl/trace-format.js';
import type { UiDeps } from './deps.js';

export type DefaultDepsOptions = CatalogOptions;

export function defaultDeps(opts: DefaultDepsOptions = {}): UiDeps {
  return { catalog: createCatalog(opts), formatTrace, writeFile };
}

/** Write `text` to `path` (relative to the current folder); a bad path is a message, never a crash. */
function writeFile(path: string, text: string): { path: string } | { error: string } {
  const full = resolve(path);
  try {
    writeFileSync(full, text);
    return { path: full };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
