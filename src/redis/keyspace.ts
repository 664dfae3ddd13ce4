/** The keyspace (db.c / server.h redisDb): 16 databases of typed values with absolute-ms expiry. */

/** A value, by Redis type. Strings and members are byte strings (see bytes.ts). */
export type RedisValue =
  | { type: 'string'; value: string }
  | { type: 'list'; value: string[] }
  | { type: 'hash'; value: Map<string, string> }
  | { type: 'set'; value: Set<string> }
  /** member → score; ordered views are computed when read (score, then member bytes). */
  | { type: 'zset'; value: Map<string, number> };

export type RedisType = RedisValue['type'];

/** One database: the key dictionary and the expires dictionary (absolute Unix ms). */
export class RedisDb {
  readonly dict = new Map<string, RedisValue>();
  readonly expires = new Map<string, number>();
  /**
   * Set once OBJECT IDLETIME has been asked in this db: from then on commands stamp the access
   * time of the keys they name. Off until then, so the write path pays nothing for it.
   */
  trackAccessTimes = false;

  constructor(readonly id: number) {}

  clear(): void {
    this.dict.clear();
    this.expires.clear();
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
