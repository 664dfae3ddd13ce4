/** Generic key commands (db.c and expire.c, Redis 7.0): DEL, EXISTS, KEYS, SCAN, TTL, EXPIRE, RENAME, COPY… */

import { copyStream } from '../stream.js';
import type { CommandContext, CommandSpec } from '../command-types.js';
import { valueType, type RedisValue } from '../keyspace.js';
import { ERR, NIL, OK, bulk, error, integer, status, type Reply } from '../reply.js';
import {
  dbDelete,
  expireIfNeeded,
  getExpire,
  keyIsExpired,
  lookupKeyRead,
  lookupKeyWrite,
  removeExpire,
  setExpire,
} from './expire.js';
import { stringMatch } from './glob.js';
import { parseLongLong } from './numbers.js';
import { ALL_KEYS, MINUS_ONE, MINUS_TWO, NO_KEYS, ONE, ONE_KEY, ZERO, command, eqi, invalidExpireTime } from './shared.js';

/** LLONG_MAX (2^63 − 1) as the nearest double, 2^63. */
const LLONG_MAX = 2 ** 63;

/** DEL / UNLINK: delete the keys that exist; reply how many. No existing key → not dirty. */
function delCommand(ctx: CommandContext, argv: string[]): Reply {
  const db = ctx.db;
  let deleted = 0;
  for (let j = 1; j < argv.length; j++) {
    // A master deletes an expired key through expiry (propagating its own DEL) and does not
    // count it; a replica's expireIfNeeded keeps it, so the delete below removes and counts it.
    expireIfNeeded(ctx, db, argv[j], false);
    if (dbDelete(db, argv[j])) deleted++;
  }
  if (deleted > 0) ctx.dirty(deleted);
  return integer(deleted);
}

function existsCommand(ctx: CommandContext, argv: string[]): Reply {
  let count = 0;
  for (let j = 1; j < argv.length; j++) if (lookupKeyRead(ctx, ctx.db, argv[j]) !== undefined) count++;
  return integer(count);
}

/** KEYS: every key matching the glob, in dict (insertion) order; expired keys are skipped, not deleted. */
function keysCommand(ctx: CommandContext, argv: string[]): Reply {
  const pattern = argv[1];
  const all = pattern === '*';
  const items: Reply[] = [];
  const db = ctx.db;
  const now = ctx.nowUnixMs;
  for (const key of db.dict.keys()) {
    if ((all || stringMatch(pattern, key)) && !keyIsExpired(db, key, now)) items.push(bulk(key));
  }
  return { kind: 'array', items };
}

/** The Redis type name of a value (getObjectTypeName). */
export function typeName(value: RedisValue | undefined): string {
  return value === undefined ? 'none' : valueType(value);
}

function typeCommand(ctx: CommandContext, argv: string[]): Reply {
  return status(typeName(lookupKeyRead(ctx, ctx.db, argv[1])));
}

/** FNV-1a over the key's bytes: the simulated dict's hash function (stable across runs). */
function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function rev32(v: number): number {
  v = ((v >>> 1) & 0x55555555) | ((v & 0x55555555) << 1);
  v = ((v >>> 2) & 0x33333333) | ((v & 0x33333333) << 2);
  v = ((v >>> 4) & 0x0f0f0f0f) | ((v & 0x0f0f0f0f) << 4);
  v = ((v >>> 8) & 0x00ff00ff) | ((v & 0x00ff00ff) << 8);
  return ((v >>> 16) | (v << 16)) >>> 0;
}

/**
 * SCAN cursor [MATCH pattern] [COUNT count] [TYPE type].
 * The keyspace is viewed as a power-of-two hash table (FNV-1a buckets) and walked with dictScan's
 * reverse-binary cursor, so — like Redis — a key present for the whole iteration is returned at
 * least once even if the table grows or shrinks between calls, and the final cursor is 0.
 */
function scanCommand(ctx: CommandContext, argv: string[]): Reply {
  const cursorText = argv[1];
  if (!/^[+-]?\d*$/.test(cursorText) || cursorText.replace(/^[+-]/, '').length > 20) {
    return error('ERR invalid cursor');
  }
  let count = 10;
  let pattern: string | null = null;
  let type: string | null = null;
  for (let i = 2; i < argv.length; ) {
    const left = argv.length - i;
    if (eqi(argv[i], 'count') && left >= 2) {
      const n = parseLongLong(argv[i + 1]);
      if (n === null) return ERR.notInteger;
      if (n < 1) return ERR.syntax;
      count = n;
      i += 2;
    } else if (eqi(argv[i], 'match') && left >= 2) {
      pattern = argv[i + 1] === '*' ? null : argv[i + 1];
      i += 2;
    } else if (eqi(argv[i], 'type') && left >= 2) {
      type = argv[i + 1];
      i += 2;
    } else {
      return ERR.syntax;
    }
  }
  const db = ctx.db;
  let tableSize = 4;
  while (tableSize < db.dict.size) tableSize *= 2;
  const mask = tableSize - 1;
  const buckets = new Map<number, string[]>();
  for (const key of db.dict.keys()) {
    const b = keyHash(key) & mask;
    const list = buckets.get(b);
    if (list) list.push(key);
    else buckets.set(b, [key]);
  }
  const digits = cursorText.replace(/^[+-]/, '') || '0';
  let v = Number(BigInt(digits) % 4294967296n);
  if (cursorText[0] === '-' && v !== 0) v = 4294967296 - v; // strtoul wraps negatives
  const found: string[] = [];
  let maxIterations = count * 10;
  do {
    const list = buckets.get(v & mask);
    if (list) for (const key of list) found.push(key);
    v = (v | ~mask) >>> 0;
    v = rev32(v);
    v = (v + 1) >>> 0;
    v = rev32(v);
  } while (v !== 0 && maxIterations-- > 0 && found.length < count);
  const items: Reply[] = [];
  for (const key of found) {
    if (pattern !== null && !stringMatch(pattern, key)) continue;
    if (expireIfNeeded(ctx, db, key, false)) continue;
    if (type !== null && !eqi(type, typeName(db.dict.get(key)))) continue;
    items.push(bulk(key));
  }
  return { kind: 'array', items: [bulk(String(v)), { kind: 'array', items }] };
}

/** TTL / PTTL / EXPIRETIME / PEXPIRETIME (ttlGenericCommand). */
function ttlGeneric(ctx: CommandContext, key: string, outputMs: boolean, outputAbs: boolean): Reply {
  if (lookupKeyRead(ctx, ctx.db, key) === undefined) return MINUS_TWO;
  const when = getExpire(ctx.db, key);
  if (when === -1) return MINUS_ONE;
  let ttl = outputAbs ? when : when - ctx.nowUnixMs;
  if (ttl < 0) ttl = 0;
  return integer(outputMs ? ttl : Math.floor((ttl + 500) / 1000));
}

const EXPIRE_NX = 1;
const EXPIRE_XX = 2;
const EXPIRE_GT = 4;
const EXPIRE_LT = 8;

/**
 * expireGenericCommand: EXPIRE / PEXPIRE / EXPIREAT / PEXPIREAT key time [NX|XX|GT|LT].
 * On a master a time already past deletes the key (propagated as `DEL key`); otherwise the
 * expire is set and propagated as `PEXPIREAT key <abs-ms> [flags]` (PEXPIREAT itself as typed).
 * A replica (the master's stream) always stores the time, even a past one.
 */
function expireGeneric(ctx: CommandContext, argv: string[], baseMs: number, seconds: boolean, name: string): Reply {
  let flags = 0;
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j];
    if (eqi(opt, 'nx')) flags |= EXPIRE_NX;
    else if (eqi(opt, 'xx')) flags |= EXPIRE_XX;
    else if (eqi(opt, 'gt')) flags |= EXPIRE_GT;
    else if (eqi(opt, 'lt')) flags |= EXPIRE_LT;
    else return error(`ERR Unsupported option ${opt}`);
  }
  if (flags & EXPIRE_NX && flags & (EXPIRE_XX | EXPIRE_GT | EXPIRE_LT)) {
    return error('ERR NX and XX, GT or LT options at the same time are not compatible');
  }
  if (flags & EXPIRE_GT && flags & EXPIRE_LT) {
    return error('ERR GT and LT options at the same time are not compatible');
  }
  let when = parseLongLong(argv[2]);
  if (when === null) return ERR.notInteger;
  if (seconds) {
    if (when > LLONG_MAX / 1000 || when < -LLONG_MAX / 1000) return invalidExpireTime(name);
    when *= 1000;
  }
  if (when > LLONG_MAX - baseMs) return invalidExpireTime(name);
  when += baseMs;
  const db = ctx.db;
  const key = argv[1];
  if (lookupKeyWrite(ctx, db, key) === undefined) return ZERO;
  if (flags) {
    const current = getExpire(db, key);
    if (flags & EXPIRE_NX && current !== -1) return ZERO;
    if (flags & EXPIRE_XX && current === -1) return ZERO;
    if (flags & EXPIRE_GT && (when <= current || current === -1)) return ZERO;
    if (flags & EXPIRE_LT && current !== -1 && when >= current) return ZERO;
  }
  if (when <= ctx.nowUnixMs && ctx.isMaster) {
    dbDelete(db, key);
    ctx.dirty();
    ctx.propagate(['DEL', key]);
    return ONE;
  }
  setExpire(db, key, when);
  ctx.dirty();
  if (name !== 'pexpireat') {
    const rewritten = argv.slice();
    rewritten[0] = 'PEXPIREAT';
    rewritten[2] = String(when);
    ctx.propagate(rewritten);
  }
  return ONE;
}

function persistCommand(ctx: CommandContext, argv: string[]): Reply {
  if (lookupKeyWrite(ctx, ctx.db, argv[1]) === undefined) return ZERO;
  if (!removeExpire(ctx.db, argv[1])) return ZERO;
  ctx.dirty();
  return ONE;
}

/** RENAME / RENAMENX: move the value and its TTL; the destination is overwritten (or, NX, kept). */
function renameGeneric(ctx: CommandContext, argv: string[], nx: boolean): Reply {
  const db = ctx.db;
  const src = argv[1];
  const dst = argv[2];
  const value = lookupKeyWrite(ctx, db, src);
  if (value === undefined) return ERR.noSuchKey;
  if (src === dst) return nx ? ZERO : OK;
  const when = getExpire(db, src);
  if (lookupKeyWrite(ctx, db, dst) !== undefined) {
    if (nx) return ZERO;
    dbDelete(db, dst);
  }
  db.dict.set(dst, value);
  if (when !== -1) setExpire(db, dst, when);
  dbDelete(db, src);
  ctx.dirty();
  return nx ? ONE : OK;
}

/**
 * dbRandomKey: a random key (ctx.rng). On a master, expired picks are deleted and another is
 * drawn; on a replica where every key is volatile it gives up after 100 tries and returns one.
 */
function randomkeyCommand(ctx: CommandContext): Reply {
  const db = ctx.db;
  let maxTries = 100;
  const allVolatile = db.dict.size === db.expires.size;
  let keys: string[] | null = null;
  for (;;) {
    if (db.dict.size === 0) return NIL;
    if (keys === null || keys.length !== db.dict.size) keys = Array.from(db.dict.keys());
    const key = keys[ctx.rng.int(keys.length)];
    if (db.expires.has(key)) {
      if (allVolatile && !ctx.isMaster && --maxTries === 0) return bulk(key);
      if (expireIfNeeded(ctx, db, key, false)) continue;
    }
    return bulk(key);
  }
}

const SAME_OBJECT = error('ERR source and destination objects are the same');
const DB_OUT_OF_RANGE = error('ERR DB index is out of range');

/** A deep copy of a value (COPY's dup*Object): the copy shares no mutable state with the source. */
export function duplicateValue(value: RedisValue): RedisValue {
  if (typeof value === 'string') return value; // JS strings are immutable: sharing is a copy
  switch (value.type) {
    case 'list':
      return { type: 'list', value: value.value.slice() };
    case 'hash':
      return { type: 'hash', value: new Map(value.value) };
    case 'set':
      return { type: 'set', value: new Set(value.value) };
    case 'zset':
      return { type: 'zset', value: new Map(value.value) };
    case 'stream':
      return { type: 'stream', value: copyStream(value.value) };
  }
}

/**
 * COPY source destination [DB destination-db] [REPLACE]: copy the value and its TTL, into another
 * database if asked. An existing destination is kept (reply 0) unless REPLACE. Propagated as typed:
 * the replica resolves DB against its own selected database, like the master did.
 */
function copyCommand(ctx: CommandContext, argv: string[]): Reply {
  let replace = false;
  let dstDb = ctx.db;
  for (let j = 3; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    if (eqi(argv[j], 'replace')) replace = true;
    else if (eqi(argv[j], 'db') && more > 0) {
      const id = parseLongLong(argv[++j]);
      if (id === null) return ERR.notInteger;
      if (id < 0 || id >= ctx.dbs.length) return DB_OUT_OF_RANGE;
      dstDb = ctx.dbs[id];
    } else return ERR.syntax;
  }
  const src = argv[1];
  const dst = argv[2];
  if (dstDb === ctx.db && src === dst) return SAME_OBJECT;
  const value = lookupKeyRead(ctx, ctx.db, src);
  if (value === undefined) return ZERO;
  const when = getExpire(ctx.db, src);
  if (lookupKeyWrite(ctx, dstDb, dst) !== undefined) {
    if (!replace) return ZERO;
    dbDelete(dstDb, dst);
  }
  dstDb.dict.set(dst, duplicateValue(value));
  if (when !== -1) setExpire(dstDb, dst, when);
  ctx.dirty();
  return ONE;
}

const RF = ['readonly', 'fast'] as const;
const WF = ['write', 'fast'] as const;

export const keyspaceCommands: CommandSpec[] = [
  command('del', -2, ['write'], ALL_KEYS, delCommand),
  command('unlink', -2, WF, ALL_KEYS, delCommand),
  command('exists', -2, RF, ALL_KEYS, existsCommand),
  command('keys', 2, ['readonly'], NO_KEYS, keysCommand),
  command('scan', -2, ['readonly'], NO_KEYS, scanCommand),
  command('type', 2, RF, ONE_KEY, typeCommand),
  command('ttl', 2, RF, ONE_KEY, (ctx, argv) => ttlGeneric(ctx, argv[1], false, false)),
  command('pttl', 2, RF, ONE_KEY, (ctx, argv) => ttlGeneric(ctx, argv[1], true, false)),
  command('expiretime', 2, RF, ONE_KEY, (ctx, argv) => ttlGeneric(ctx, argv[1], false, true)),
  command('pexpiretime', 2, RF, ONE_KEY, (ctx, argv) => ttlGeneric(ctx, argv[1], true, true)),
  command('expire', -3, WF, ONE_KEY, (ctx, argv) => expireGeneric(ctx, argv, ctx.nowUnixMs, true, 'expire')),
  command('pexpire', -3, WF, ONE_KEY, (ctx, argv) => expireGeneric(ctx, argv, ctx.nowUnixMs, false, 'pexpire')),
  command('expireat', -3, WF, ONE_KEY, (ctx, argv) => expireGeneric(ctx, argv, 0, true, 'expireat')),
  command('pexpireat', -3, WF, ONE_KEY, (ctx, argv) => expireGeneric(ctx, argv, 0, false, 'pexpireat')),
  command('persist', 2, WF, ONE_KEY, persistCommand),
  command('rename', 3, ['write'], [1, 2, 1], (ctx, argv) => renameGeneric(ctx, argv, false)),
  command('renamenx', 3, WF, [1, 2, 1], (ctx, argv) => renameGeneric(ctx, argv, true)),
  command('randomkey', 1, ['readonly'], NO_KEYS, randomkeyCommand),
  command('copy', -3, ['write', 'denyoom'], [1, 2, 1], copyCommand),
];
