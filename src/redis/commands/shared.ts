/** Helpers shared by the command families: the spec builder, shared replies, argument parsing. */

import type { CommandFlag, CommandHandler, CommandSpec } from '../command-types.js';
import type { RedisDb, RedisValue } from '../keyspace.js';
import { error, integer, type Reply } from '../reply.js';
import { parseLongLong } from './numbers.js';
import { dbDelete } from './expire.js';

/** Build a CommandSpec (server.h redisCommand): name, arity, flags, key positions, handler. */
export function command(
  name: string,
  arity: number,
  flags: readonly CommandFlag[],
  keys: readonly [first: number, last: number, step: number],
  handler: CommandHandler,
): CommandSpec {
  return { name, arity, flags, firstKey: keys[0], lastKey: keys[1], keyStep: keys[2], handler };
}

export const NO_KEYS = [0, 0, 0] as const;
export const ONE_KEY = [1, 1, 1] as const;
export const ALL_KEYS = [1, -1, 1] as const;

/** shared.czero / shared.cone and friends: immutable, reused to keep replies allocation-free. */
export const ZERO = integer(0);
export const ONE = integer(1);
export const MINUS_ONE = integer(-1);
export const MINUS_TWO = integer(-2);
export const EMPTY_BULK: Reply = { kind: 'bulk', value: '' };

/** Case-insensitive compare of an argument with a lowercase ASCII word (strcasecmp == 0). */
export function eqi(arg: string, lowerWord: string): boolean {
  if (arg.length !== lowerWord.length) return false;
  for (let i = 0; i < arg.length; i++) {
    let c = arg.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== lowerWord.charCodeAt(i)) return false;
  }
  return true;
}

/** getPositiveLongFromObjectOrReply (LPOP/RPOP/SPOP count). */
export function parsePositiveArg(arg: string): number | Reply {
  // getRangeLongFromObjectOrReply passes its message on, so a non-integer gets it too.
  const n = parseLongLong(arg);
  if (n === null || n < 0) return MUST_BE_POSITIVE;
  return n;
}

const MUST_BE_POSITIVE = error('ERR value is out of range, must be positive');

/**
 * setKey: store `value` at `key`, dropping any expire time unless `keepTtl` (SET KEEPTTL).
 * Overwriting keeps the key's place in the dict (like Redis's dbOverwrite).
 */
export function setKey(db: RedisDb, key: string, value: RedisValue, keepTtl = false): void {
  db.dict.set(key, value);
  if (!keepTtl && db.expires.size !== 0) db.expires.delete(key);
}


/** addReplyErrorExpireTime: `invalid expire time in '<command>' command`. */
export function invalidExpireTime(name: string): Reply {
  return error(`ERR invalid expire time in '${name}' command`);
}

/** proto-max-bulk-len (512 MB): checkStringLength's limit for APPEND and SETRANGE. */
export const PROTO_MAX_BULK_LEN = 512 * 1024 * 1024;
export const STRING_TOO_LONG = error('ERR string exceeds maximum allowed size (proto-max-bulk-len)');

/** Normalise Redis range indexes the way LRANGE/ZRANGE/LTRIM do; null if the range is empty. */
export function clampRange(start: number, end: number, len: number): [number, number] | null {
  if (start < 0) start = len + start;
  if (end < 0) end = len + end;
  if (start < 0) start = 0;
  if (start > end || start >= len) return null;
  if (end >= len) end = len - 1;
  return [start, end];
}

/**
 * HDEL / SREM / ZREM's common body: remove `argv[2..]` from a hash, set or sorted set held at
 * `argv[1]`, deleting the key when it empties (Redis never keeps empty collections).
 * Returns how many were removed; the caller has already looked up and type-checked `members`.
 */
export function removeMembers(
  ctx: { db: RedisDb; dirty(n?: number): void },
  argv: string[],
  members: Map<string, unknown> | Set<string>,
): Reply {
  let removed = 0;
  for (let j = 2; j < argv.length; j++) {
    if (members.delete(argv[j])) {
      removed++;
      if (members.size === 0) {
        dbDelete(ctx.db, argv[1]);
        break;
      }
    }
  }
  if (removed > 0) ctx.dirty(removed);
  return integer(removed);
}
