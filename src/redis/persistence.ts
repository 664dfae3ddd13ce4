/**
 * Snapshots on the virtual disk (rdb.c rdbSave / rdbPopulateSaveInfo / loadDataFromDisk): which
 * replication info goes into an RDB, where dump.rdb lives, and loading a file at start-up.
 */

import { encodeRdb, decodeRdb, type RdbAux } from './rdb/index.js';
import { ReplBacklog } from './backlog.js';
import { streamEntries } from './stream.js';
import { RedisDb, totalKeys } from './keyspace.js';
import type { RedisServer } from './server.js';

/** `${dir}/${dbfilename}`. */
export function rdbPath(server: RedisServer): string {
  const dir = server.config.get('dir').replace(/\/+$/, '');
  const file = server.config.get('dbfilename');
  return file.startsWith('/') ? file : `${dir}/${file}`;
}

/** A rough used_memory: a fresh 7.0 reports ~900 KB, and a small key costs ~70 bytes. */
export function usedMemory(server: RedisServer, stopAbove = 2e9): number {
  let n = 900_000;
  for (const db of server.dbs) {
    // Most of the 16 databases are empty: no iterator for them (the memory budget walks often).
    if (db.dict.size === 0) continue;
    for (const [k, v] of db.dict) {
      n += 56 + k.length;
      if (typeof v === 'string') {
        n += v.length + 8;
        continue;
      }
      switch (v.type) {
        case 'list':
          for (const e of v.value) n += e.length + 11;
          break;
        case 'set':
          for (const e of v.value) n += e.length + 40;
          break;
        case 'hash':
          for (const [f, x] of v.value) n += f.length + x.length + 48;
          break;
        case 'zset':
          for (const [m] of v.value) n += m.length + 64;
          break;
        case 'stream':
          for (const e of streamEntries(v.value)) n += 16 + e.fields.reduce((a, f) => a + f.length + 2, 0);
          break;
      }
      if (n > stopAbove) return n;
    }
  }
  return n;
}

/** used_memory without walking the dataset (for INFO on big datasets): ~90 bytes per key. */
export function estimatedUsedMemory(server: RedisServer): number {
  const keys = totalKeys(server.dbs);
  return keys > 10_000 ? 900_000 + keys * 90 : usedMemory(server);
}

/**
 * rdbPopulateSaveInfo(): the replication info an RDB records — on a master with a backlog its own
 * id and offset; on a replica its master's; else none.
 */
export function saveInfo(server: RedisServer): RdbAux | null {
  const ctimeSec = Math.floor(server.world.unixMs() / 1000);
  const usedMem = estimatedUsedMemory(server);
  const streamDb = server.slaveseldb === -1 ? 0 : server.slaveseldb;
  if (server.masterHost === null) {
    if (server.backlog === null) return null;
    return { replStreamDb: streamDb, replId: server.replid, replOffset: server.masterReplOffset, ctimeSec, usedMem };
  }
  const link = server.masterLink;
  if (link?.client) {
    return { replStreamDb: link.client.db, replId: link.replid, replOffset: link.reploff, ctimeSec, usedMem };
  }
  if (server.cachedMaster) {
    return { replStreamDb: server.cachedMaster.db, replId: server.cachedMaster.replid, replOffset: server.cachedMaster.reploff, ctimeSec, usedMem };
  }
  return null;
}

/** The RDB bytes of the current dataset. A replication BGSAVE always carries repl info. */
export function encodeServerRdb(server: RedisServer, forReplication: boolean): Uint8Array {
  let aux = saveInfo(server);
  if (forReplication && aux === null) {
    aux = {
      replStreamDb: 0,
      replId: server.replid,
      replOffset: server.masterReplOffset,
      ctimeSec: Math.floor(server.world.unixMs() / 1000),
      usedMem: estimatedUsedMemory(server),
    };
  }
  return encodeRdb(server.dbs, aux, {
    ctimeSec: Math.floor(server.world.unixMs() / 1000),
    usedMem: estimatedUsedMemory(server),
  });
}

/** SAVE: write dump.rdb now. */
export function saveToDisk(server: RedisServer): number {
  const bytes = encodeServerRdb(server, false);
  server.world.disk.set(rdbPath(server), bytes);
  server.rdbGeneratedByReplication = false;
  server.dirty = 0;
  server.lastSaveUnixSec = Math.floor(server.world.unixMs() / 1000);
  server.rdbSaves++;
  server.lastBgsaveOk = true;
  return bytes.length;
}

/**
 * Put decoded databases in place of ours. A master drops keys that are already expired while
 * loading (rdb.c checks iAmMaster()); a replica keeps them until its master's DEL arrives.
 */
export function loadRdbInto(
  server: RedisServer,
  dbs: RedisDb[],
  onExpiredSkipped?: (db: number, key: string) => void,
): number {
  const nowMs = server.world.unixMs();
  const master = server.masterHost === null;
  let loaded = 0;
  server.world.memory.invalidate(server);
  const byId = new Map(dbs.map((d) => [d.id, d]));
  for (let i = 0; i < server.dbs.length; i++) {
    const src = byId.get(i);
    if (!src) {
      server.dbs[i] = new RedisDb(i);
      continue;
    }
    if (master && src.expires.size > 0) {
      for (const [k, at] of src.expires) {
        if (at < nowMs) {
          src.dict.delete(k);
          src.expires.delete(k);
          onExpiredSkipped?.(i, k);
        }
      }
    }
    // The decoded database object becomes ours: no copy of a million entries.
    server.dbs[i] = src;
    loaded += src.dict.size;
  }
  return loaded;
}

/**
 * loadDataFromDisk() at start-up: load dump.rdb if there is one. A master keeps the file's
 * history as replid2 (so its old replicas can PSYNC); a replica (replicaof in its config) takes
 * the id and offset and caches itself as the master to PSYNC from. Returns keys loaded, or null
 * when there is no file, or the error text.
 */
export function loadDataFromDisk(server: RedisServer): { keys: number } | { error: string } | null {
  const bytes = server.world.disk.get(rdbPath(server));
  if (!bytes) return null;
  let decoded: ReturnType<typeof decodeRdb>;
  try {
    decoded = decodeRdb(bytes);
  } catch (e) {
    return { error: (e as Error).message };
  }
  const aux = decoded.aux;
  const replId = aux['repl-id'];
  const replOffset = aux['repl-offset'] !== undefined ? Number(aux['repl-offset']) : NaN;
  const hasReplInfo = replId !== undefined && replId.length === 40 && Number.isFinite(replOffset);
  if (hasReplInfo && server.masterHost === null) {
    // [live] restarted master: new replid, the file's id as replid2, a backlog at the saved
    // offset — so its replicas continue with PSYNC.
    server.replid2 = replId;
    server.secondReplOffset = replOffset + 1;
    server.masterReplOffset = replOffset;
    server.backlog = new ReplBacklog(server.config.getInt('repl-backlog-size'), replOffset);
    server.replNoSlavesSinceMs = server.now;
  }
  // RDBFLAGS_FEED_REPL: keys found expired while a master reloads go into the new backlog as
  // DELs, so that replicas continuing with PSYNC delete them too.
  const expired: Array<[number, string]> = [];
  const keys = loadRdbInto(server, decoded.dbs, (db, key) => expired.push([db, key]));
  server.lastLoadKeys = keys;
  if (server.backlog !== null) {
    for (const [db, key] of expired) server.propagateStandalone(db, [server.lazyfreeLazyExpire ? 'UNLINK' : 'DEL', key]);
  }
  if (hasReplInfo && server.masterHost !== null) {
    server.replid = replId;
    server.masterReplOffset = replOffset;
    const db = Number(aux['repl-stream-db'] ?? 0);
    server.cachedMaster = { replid: replId, reploff: replOffset, db: Number.isFinite(db) ? db : 0 };
  }
  return { keys };
}

/**
 * DEBUG RELOAD's load: the data of dump.rdb only, replication ids and backlog untouched. `flush`
 * replaces the dataset; `merge` (NOFLUSH MERGE) adds the file's keys over the current ones;
 * `keep` (NOFLUSH) adds them but fails on a key that already exists.
 */
export function reloadDataOnly(server: RedisServer, mode: 'flush' | 'merge' | 'keep' = 'flush'): { keys: number } | { error: string } {
  const bytes = server.world.disk.get(rdbPath(server));
  if (!bytes) return { error: 'no dump.rdb' };
  try {
    const decoded = decodeRdb(bytes);
    if (mode !== 'flush') return mergeRdbInto(server, decoded.dbs, mode === 'merge');
    const keys = loadRdbInto(server, decoded.dbs);
    server.lastLoadKeys = keys;
    return { keys };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** NOFLUSH: the file's keys go over the current dataset (with `replace`, a clash overwrites). */
function mergeRdbInto(server: RedisServer, dbs: RedisDb[], replace: boolean): { keys: number } | { error: string } {
  if (!replace) {
    for (const src of dbs) {
      for (const [k] of src.dict) if (server.dbs[src.id].dict.has(k)) return { error: `Duplicated key '${k}' found in RDB file` };
    }
  }
  let keys = 0;
  for (const src of dbs) {
    const dst = server.dbs[src.id];
    for (const [k, v] of src.dict) {
      dst.dict.set(k, v);
      dst.expires.delete(k);
      const at = src.expires.get(k);
      if (at !== undefined) dst.expires.set(k, at);
      keys++;
    }
  }
  server.lastLoadKeys = keys;
  return { keys };
}
