/**
 * The config files the real side can start servers from: the seed's /data/638N/redis.conf, taken
 * from the engine's own virtual file system (src/repl/vfs.ts) so both sides read the same text.
 */

import { SEED_PORTS, seedConfig } from '../src/repl/vfs.js';

/** Path → file text. */
export const SEED_FILES: ReadonlyMap<string, string> = new Map(
  SEED_PORTS.map((p) => [`/data/${p}/redis.conf`, seedConfig(p)]),
);
