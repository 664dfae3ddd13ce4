/** The app's real dependencies: the lesson catalogue (src/lessons/catalog.ts) and the trace's readable lines. */

import { createCatalog, type CatalogOptions } from '../lessons/catalog.js';
import { formatTrace } from '../repl/trace-format.js';
import type { UiDeps } from './deps.js';

export type DefaultDepsOptions = CatalogOptions;

export function defaultDeps(opts: DefaultDepsOptions = {}): UiDeps {
  return { catalog: createCatalog(opts), formatTrace };
}
