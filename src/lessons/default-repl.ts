/** The REPL a lesson runs in: a ReplSession over a fresh simulated World (seeded, deterministic). */

import { World } from '../redis/world.js';
import { ReplSession } from '../repl/session.js';
import type { ReplFactory, TutorRepl } from './runner.js';

/** A new REPL session at the `$ ` prompt over an empty world with `seed`. */
export function createTutorRepl(seed = 1): TutorRepl {
  return new ReplSession({ seed, createWorld: (s) => new World({ seed: s }) });
}

export const defaultReplFactory: ReplFactory = () => createTutorRepl();
