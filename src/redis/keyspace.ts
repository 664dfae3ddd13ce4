/** The keyspace (db.c / server.h redisDb): 16 databases of typed values with absolute-ms expiry. */

import { KeyDict } from './key-dict.js';
import type { StreamValue } from './stream.js';

/**
 * A value, by Redis type. Strings and members are byte strings (see bytes.ts). A string value is
 * the JS string itself, with no wrapper object: most keys of a big dataset are strings, and a
 * `{ type, value }` per key would cost 40 bytes and garbage-collector work for each of them.
 * Test `typeof v === 'string'`, or use valueType().
 */
export type RedisValue = string | CollectionValue;

/** The values that are not strings, tagged by their Redis type. */
export type CollectionValue =
  | { type: 'list'; value: string[] }
  | { type: 'hash'; value: Map<string, string> }
  | { type: 'set'; value: Set<string> }
  /** member → score; ordered views are computed when read (score, then member bytes). */
  | { type: 'zset'; value: Map<string, number> }
  | { type: 'stream'; value: StreamValue };

export type RedisType = 'string' | CollectionValue['type'];

/** The Redis type of a value (what TYPE replies). */
export function valueType(v: RedisValue): RedisType {
  return typeof v === 'string' ? 'string' : v.type;
}

/** One database: the key dictionary and the expires dictionary (absolute Unix ms). */
export class RedisDb {
  readonly dict = new KeyDict<RedisValue>();
  readonly expires = new Map<string, number>();
  /**
   * Set once OBJECT IDLETIME has been asked in this db: from then on commands stamp the access
   * time of the keys they name. Off until then, so the write path pays nothing for it.
   */
  trackAccessTimes = false;
  /**
   * Last access time (virtual Unix ms) per key, like robj.lru, stamped once trackAccessTimes is
   * set. Each stamp names the value it was taken for: a key whose value has been replaced since
   * (a new robj in Redis) reads as never stamped. Keyed by name because a string value is a
   * primitive, which has no identity to hang a clock on.
   */
  readonly accessTimes = new Map<string, { value: RedisValue; atMs: number }>();

  constructor(readonly id: number) {}

  clear(): void {
    this.dict.clear();
    this.expires.clear();
    this.accessTimes.clear();
  }
}

export const DB_COUNT = 16;

/** All databases of one server. */
export function createDbs(): RedisDb[] {
  return Array.from({ length: DB_COUNT }, (_, i) => new RedisDb(i));
}

/** Total keys over all databases. */
export function totalKeys(dbs: readonly RedisDb[]): number {
  let n = 0;
  for (const db of dbs) n += db.dict.size;
  return n;
}
