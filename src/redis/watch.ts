/**
 * WATCH for MULTI/EXEC (multi.c in Redis 7.0: watchForKey, unwatchAllKeys, touchWatchedKey,
 * touchAllWatchedKeysInDb, isWatchedKeyExpired): a key a client watches that anything modifies
 * before its EXEC — another client, the master's replication stream on a replica, expiry, a
 * flush — makes that EXEC answer a null array.
 */

import type { RedisDb } from './keyspace.js';
import type { Client, RedisServer } from './server.js';

/** One key a client watches (multi.c watchedKey); `expired`: already logically expired at WATCH. */
export interface WatchedKey {
  db: number;
  key: string;
  expired: boolean;
}

/** Where server.watchedKeys files a key: the db id, then the key (the first `:` separates them). */
function slot(db: number, key: string): string {
  return `${db}:${key}`;
}

/** keyIsExpired() without deleting anything. */
function isExpired(db: RedisDb, key: string, nowUnixMs: number): boolean {
  const when = db.expires.get(key);
  return when !== undefined && db.dict.has(key) && nowUnixMs > when;
}

/** watchForKey(): the client watches `key` in its selected db (once, however often it asks). */
export function watchForKey(server: RedisServer, c: Client, key: string): void {
  if (c.watched.some((w) => w.db === c.db && w.key === key)) return;
  const s = slot(c.db, key);
  let clients = server.watchedKeys.get(s);
  if (clients === undefined) server.watchedKeys.set(s, (clients = new Set()));
  clients.add(c);
  c.watched.push({ db: c.db, key, expired: isExpired(server.dbs[c.db], key, server.world.unixMs()) });
}

/** unwatchAllKeys(): forget every key the client watches (the caller clears dirtyCas if it must). */
export function unwatchAllKeys(server: RedisServer, c: Client): void {
  for (const w of c.watched) {
    const s = slot(w.db, w.key);
    const clients = server.watchedKeys.get(s);
    if (clients === undefined) continue;
    clients.delete(c);
    if (clients.size === 0) server.watchedKeys.delete(s);
  }
  c.watched = [];
}

/**
 * touchWatchedKey() (from signalModifiedKey): every client watching `key` in `db` will see its
 * EXEC fail — except where the key was already expired at WATCH time and is now simply gone
 * (deleting an expired key changes nothing a reader could see).
 */
export function touchWatchedKey(server: RedisServer, db: number, key: string): void {
  const clients = server.watchedKeys.get(slot(db, key));
  if (clients === undefined) return;
  for (const c of [...clients]) {
    const w = c.watched.find((x) => x.db === db && x.key === key);
    if (w !== undefined && w.expired && !server.dbs[db].dict.has(key)) {
      w.expired = false;
      continue;
    }
    c.dirtyCas = true;
    // Dirty already: nothing it watches matters any more until EXEC.
    unwatchAllKeys(server, c);
  }
}

/**
 * Which watched keys exist right now, per watched slot — taken before a FLUSHDB, FLUSHALL or
 * SWAPDB so that touchAllWatchedKeysInDb can tell which keys the command removed or replaced.
 */
export function watchedKeysPresent(server: RedisServer): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const s of server.watchedKeys.keys()) {
    const i = s.indexOf(':');
    out.set(s, server.dbs[Number(s.slice(0, i))].dict.has(s.slice(i + 1)));
  }
  return out;
}

/**
 * touchAllWatchedKeysInDb() after FLUSHDB / FLUSHALL / SWAPDB: a watched key that existed in a
 * db the command emptied, or exists in the db that took its place, is touched.
 */
export function touchWatchedKeysAfterDbChange(server: RedisServer, before: Map<string, boolean>, dbIds: readonly number[]): void {
  for (const [s, existed] of before) {
    const i = s.indexOf(':');
    const db = Number(s.slice(0, i));
    if (!dbIds.includes(db)) continue;
    const key = s.slice(i + 1);
    if (existed || server.dbs[db].dict.has(key)) touchWatchedKey(server, db, key);
  }
}

/** isWatchedKeyExpired(): a key that was live at WATCH time has expired since (EXEC then fails). */
export function isWatchedKeyExpired(server: RedisServer, c: Client): boolean {
  const now = server.world.unixMs();
  return c.watched.some((w) => !w.expired && isExpired(server.dbs[w.db], w.key, now));
}
