/** Test helpers for the RDB suites: building keyspaces, locating one key's bytes in a file. */
import { createDbs, type RedisDb, type RedisValue } from '../../../src/redis/keyspace.js';
import { encodeRdb } from '../../../src/redis/rdb/index.js';

export const str = (value: string): RedisValue => value;
export const list = (...value: string[]): RedisValue => ({ type: 'list', value });
export const set = (...members: string[]): RedisValue => ({ type: 'set', value: new Set(members) });
export const hash = (pairs: [string, string][]): RedisValue => ({ type: 'hash', value: new Map(pairs) });
export const zset = (pairs: [string, number][]): RedisValue => ({ type: 'zset', value: new Map(pairs) });

/** 16 databases with the given keys in db 0 (or the db named by the third tuple item). */
export function keyspace(entries: [string, RedisValue, number?][]): RedisDb[] {
  const dbs = createDbs();
  for (const [key, value, db = 0] of entries) dbs[db].dict.set(key, value);
  return dbs;
}

/** `n` strings made by f(0..n-1). */
export function range<T>(n: number, f: (i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => f(i));
}

/**
 * The bytes our encoder writes for one key ([expire] type key value), cut out of a whole file:
 * everything after db 0's SELECTDB/RESIZEDB up to the EOF byte.
 */
export function keyBytes(key: string, value: RedisValue, expireMs?: number): Buffer {
  const dbs = keyspace([[key, value]]);
  if (expireMs !== undefined) dbs[0].expires.set(key, expireMs);
  const file = Buffer.from(encodeRdb(dbs, null));
  const select = file.indexOf(Buffer.from([0xfe, 0x00, 0xfb]));
  // SELECTDB 0, RESIZEDB, two 1-byte lengths.
  return file.subarray(select + 5, file.length - 9);
}

export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
export const fromHex = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex');
