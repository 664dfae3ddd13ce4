/** The command table's shape (server.h redisCommand): name, arity, flags, docs and a handler. */

import type { RedisDb } from './keyspace.js';
import type { Reply } from './reply.js';
import type { Rng } from '../sim/rng.js';

/** Command flags we use, named as in Redis's command JSON files. */
export type CommandFlag =
  | 'write'
  | 'readonly'
  | 'denyoom'
  | 'admin'
  | 'noscript'
  | 'stale' // allowed on a replica whose link is down with replica-serve-stale-data no
  | 'loading' // allowed while loading
  | 'fast'
  | 'no-multi' // cannot be queued inside MULTI
  | 'may-replicate';

/**
 * What a data command may touch. The server (server.ts) builds one per call.
 * Time is virtual Unix milliseconds (the engine's epoch plus the virtual clock).
 */
export interface CommandContext {
  /** The client's selected database. */
  db: RedisDb;
  /** All databases (FLUSHALL, SELECT, SWAPDB). */
  dbs: RedisDb[];
  /** Virtual Unix time in ms (for expiry). */
  nowUnixMs: number;
  /** This node is a master (iAmMaster()): only masters delete expired keys. */
  isMaster: boolean;
  /** The command came from this node's master (replication stream): keys are never seen as expired. */
  fromMaster: boolean;
  /** server.dirty += n: a command is propagated iff it made the dataset dirty (or called `propagate`). */
  dirty(n?: number): void;
  /**
   * alsoPropagate: propagate `argv` instead of the command as typed (the 7.0 rewrites:
   * EXPIRE → PEXPIREAT, SET EX → SET PXAT, INCRBYFLOAT → SET KEEPTTL, GETSET → SET).
   * Several calls propagate several commands, in order (wrapped in MULTI/EXEC by the server).
   */
  propagate(argv: string[]): void;
  /**
   * A key in `db` was found expired on a master and deleted (lazy expiry): the server propagates
   * `DEL key` before the command's own writes (db.c:propagateDeletion).
   */
  expired(db: RedisDb, key: string): void;
  /** Seeded randomness (RANDOMKEY, SRANDMEMBER). */
  rng: Rng;
}

export type CommandHandler<C extends CommandContext = CommandContext> = (ctx: C, argv: string[]) => Reply;

export interface CommandSpec<C extends CommandContext = CommandContext> {
  /** Lowercase name, e.g. "set". */
  name: string;
  /** Redis arity: N exactly, or -N at least N (argv[0] included). */
  arity: number;
  flags: readonly CommandFlag[];
  /** Key positions (first, last, step), 0 when keyless — for COMMAND INFO. */
  firstKey: number;
  lastKey: number;
  keyStep: number;
  handler: CommandHandler<C>;
}
