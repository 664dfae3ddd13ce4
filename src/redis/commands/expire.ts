/**
 * Key lookup with expiry, and the master's active expire cycle (db.c: lookupKey*,
 * expireIfNeeded, deleteExpiredKeyAndPropagate; expire.c: activeExpireCycle) as in Redis 7.0.
 *
 * Who deletes an expired key: only a master. A replica answers reads as if the key were gone but
 * keeps it until the master's `DEL` arrives; commands from the master itself never see a key as
 * expired (they must apply exactly what the master did).
 */

import type { CommandContext } from '../command-types.js';
import type { CollectionValue, RedisDb, RedisValue } from '../keyspace.js';
import { ERR, type Reply } from '../reply.js';

/** keyIsExpired: the key has an expire time strictly in the past (`now > when`). */
export function keyIsExpired(db: RedisDb, key: string, nowUnixMs: number): boolean {
  const when = db.expires.get(key);
  return when !== undefined && nowUnixMs > when;
}

/** getExpire: the absolute expire time in Unix ms, or -1 when the key has none. */
export function getExpire(db: RedisDb, key: string): number {
  const when = db.expires.get(key);
  return when === undefined ? -1 : when;
}

/** setExpire: set the key's absolute expire time (the key must exist). */
export function setExpire(db: RedisDb, key: string, whenUnixMs: number): void {
  db.expires.set(key, whenUnixMs);
}

/** removeExpire: drop the key's expire time; true if it had one (PERSIST's reply). */
export function removeExpire(db: RedisDb, key: string): boolean {
  return db.expires.delete(key);
}

/** dbDelete: remove a key, its expire time and its access clock; true if it existed. */
export function dbDelete(db: RedisDb, key: string): boolean {
  if (!db.dict.delete(key)) return false;
  if (db.expires.size !== 0) db.expires.delete(key);
  if (db.accessTimes.size !== 0) db.accessTimes.delete(key);
  return true;
}

/**
 * expireIfNeeded: returns true if the key is logically expired (the caller treats it as missing).
 * On a master it is deleted and `ctx.expired` is told (the server propagates `DEL key`).
 * On a replica it is kept — except for a write lookup (`forceDelete`) on a writable replica,
 * which deletes it locally without propagation. From the master's stream nothing is expired.
 */
export function expireIfNeeded(ctx: CommandContext, db: RedisDb, key: string, forceDelete: boolean): boolean {
  const when = db.expires.get(key);
  if (when === undefined || !(ctx.nowUnixMs > when)) return false;
  if (!ctx.isMaster) {
    if (ctx.fromMaster) return false;
    if (!forceDelete) return true;
    dbDelete(db, key);
    return true;
  }
  dbDelete(db, key);
  ctx.expired(db, key);
  return true;
}

/**
 * lookupKeyRead: the value of `key` in `db` for a reading command, or undefined if it is missing
 * or (logically) expired. May delete the key on a master (see expireIfNeeded).
 */
export function lookupKeyRead(ctx: CommandContext, db: RedisDb, key: string): RedisValue | undefined {
  const value = db.dict.get(key);
  if (value === undefined) return undefined;
  // Hot path: most databases have no volatile keys at all.
  if (db.expires.size !== 0 && expireIfNeeded(ctx, db, key, false)) return undefined;
  return value;
}

/**
 * lookupKeyWrite: like lookupKeyRead, for a command about to modify the key: an expired key is
 * deleted first (on a master with propagation; on a writable replica locally).
 */
export function lookupKeyWrite(ctx: CommandContext, db: RedisDb, key: string): RedisValue | undefined {
  const value = db.dict.get(key);
  if (value === undefined) return undefined;
  if (db.expires.size !== 0 && expireIfNeeded(ctx, db, key, true)) return undefined;
  return value;
}

/** One collection type's value (`CollectionOf<'list'>` is `{ type: 'list'; value: string[] }`). */
export type CollectionOf<T extends CollectionValue['type']> = Extract<CollectionValue, { type: T }>;

/**
 * The value of `type` at `key`, looked up for a read (lookupKeyRead) or a write (lookupKeyWrite),
 * then type-checked as t_list.c, t_hash.c, t_set.c and t_zset.c do with checkType: the value,
 * undefined when the key is missing, or the WRONGTYPE reply.
 */
export function lookupTyped<T extends CollectionValue['type']>(
  ctx: CommandContext,
  key: string,
  type: T,
  access: 'read' | 'write',
): CollectionOf<T> | undefined | Reply {
  const o = access === 'read' ? lookupKeyRead(ctx, ctx.db, key) : lookupKeyWrite(ctx, ctx.db, key);
  if (o === undefined) return undefined;
  if (typeof o === 'string' || o.type !== type) return ERR.wrongType;
  return o as CollectionOf<T>;
}

/**
 * activeExpireCycle (master only; replicas never run it): delete keys whose expire time is in the
 * past, walking databases 0…15 and each database's expires in insertion order, so the result is
 * deterministic. `onExpired(db, key)` is called after each deletion (the server propagates a bare
 * `DEL key`, never wrapped in MULTI). Stops after `budget` deletions. Returns how many were deleted.
 */
export function activeExpireCycle(
  dbs: readonly RedisDb[],
  nowUnixMs: number,
  onExpired: (db: RedisDb, key: string) => void,
  budget = Infinity,
): number {
  let deleted = 0;
  for (const db of dbs) {
    if (db.expires.size === 0) continue;
    let due: string[] | null = null;
    for (const [key, when] of db.expires) {
      if (nowUnixMs > when) {
        (due ??= []).push(key);
        if (deleted + due.length >= budget) break;
      }
    }
    if (due === null) continue;
    for (const key of due) {
      dbDelete(db, key);
      deleted++;
      onExpired(db, key);
    }
    if (deleted >= budget) break;
  }
  return deleted;
}
