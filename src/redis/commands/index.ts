/**
 * The data command table (server.c's redisCommandTable, data part) for the simulated Redis 7.0.
 *
 * How the server (server.ts) uses it:
 * - Look the lowercase name up in `dataCommands`, check `arity` (ERR wrong number of arguments),
 *   READONLY/NOREPLICAS/MASTERDOWN by `flags`, then call `handler(ctx, argv)` with a fresh
 *   CommandContext; the returned Reply goes to the client.
 * - Propagation (call() + alsoPropagate): if the handler called `ctx.propagate(argv)` one or
 *   more times, propagate exactly those commands (several → wrapped in MULTI/EXEC); otherwise, if
 *   it called `ctx.dirty()`, propagate argv as typed; otherwise nothing. DELs reported through
 *   `ctx.expired` (lazy expiry on a master) go first. Handlers always call `ctx.dirty()` when the
 *   dataset changed, also when they rewrite, so `rdb_changes_since_last_save` stays right.
 * - Not in this table, because they act on the client or the server, not the dataset:
 *   SELECT — call `selectDbIndex(argv)`: a number is the db to switch the client to (reply +OK),
 *   a Reply is the error to send; MULTI/EXEC/DISCARD — the server queues commands and runs them
 *   through this table at EXEC. Everything in this table may be queued inside MULTI.
 * - Values of list/hash/set/zset keys are mutated in place: a checkpoint must deep-copy them.
 */

import type { CommandSpec } from '../command-types.js';
import { hashCommands } from './hashes.js';
import { keyspaceCommands } from './keyspace.js';
import { listCommands } from './lists.js';
import { objectCommands } from './object.js';
import { serverDataCommands } from './server.js';
import { setCommands } from './sets.js';
import { stringCommands } from './strings.js';
import { streamCommands } from './streams.js';
import { zsetStoreCommands } from './zset-store.js';
import { zsetCommands } from './zsets.js';

export { selectDbIndex } from './server.js';
export {
  activeExpireCycle,
  dbDelete,
  expireIfNeeded,
  getExpire,
  keyIsExpired,
  lookupKeyRead,
  lookupKeyWrite,
} from './expire.js';
export { stringMatch } from './glob.js';
export { formatDouble17g } from './numbers.js';
export { setMembersInOrder } from './sets.js';
export { objectEncoding } from './object.js';
export { zsetOrdered } from './zsets.js';

/** Every data command, by lowercase name. */
export const dataCommands: ReadonlyMap<string, CommandSpec> = new Map(
  [
    ...serverDataCommands,
    ...stringCommands,
    ...keyspaceCommands,
    ...listCommands,
    ...hashCommands,
    ...setCommands,
    ...zsetCommands,
    ...zsetStoreCommands,
    ...objectCommands,
    ...streamCommands,
  ].map((spec) => [spec.name, spec]),
);

/** The same commands as a list, in table order (COMMAND, COMMAND COUNT). */
export const dataCommandList: readonly CommandSpec[] = Array.from(dataCommands.values());
