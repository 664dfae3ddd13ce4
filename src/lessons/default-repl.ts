/** The REPL a lesson runs in: a ReplSession over a fresh simulated World (seeded, deterministic). */

import type { ReplSessionApi } from '../repl/api.js';
import { ReplSession } from '../repl/session.js';
import type { ReplFactory } from './runner.js';

/** A new REPL session at the `$ ` prompt over an empty world with `seed`. */
export function createTutorRepl(seed = 1): ReplSessionApi {
  return new ReplSession({ seed });
}

export const defaultReplFactory: ReplFactory = () => createTutorRepl();
