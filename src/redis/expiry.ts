/**
 * Active expiry as the server runs it (expire.c activeExpireCycle, called from a master's
 * serverCron): the data layer finds and deletes the keys whose time has passed; the server
 * propagates each deletion as its own `DEL key` (`UNLINK` with lazyfree-lazy-expire), never wrapped
 * in MULTI. Replicas never run it: they wait for their master's DEL.
 */

import { activeExpireCycle } from './commands/expire.js';
import type { RedisServer } from './server.js';
import { touchWatchedKey } from './watch.js';

/** Keys deleted per cron second at most: bounds the work on big datasets. */
const BUDGET_PER_CRON = 20_000;

/** Delete expired keys in every database of a master; returns how many were deleted. */
export function activeExpire(server: RedisServer): number {
  let volatile = false;
  for (const db of server.dbs) {
    if (db.expires.size > 0) {
      volatile = true;
      break;
    }
  }
  if (!volatile) return 0;
  const lazyfree = server.lazyfreeLazyExpire;
  return activeExpireCycle(
    server.dbs,
    server.world.unixMs(),
    (db, key) => {
      server.stat.expiredKeys++;
      server.dirty++;
      if (server.watchedKeys.size > 0) touchWatchedKey(server, db.id, key);
      server.propagateStandalone(db.id, [lazyfree ? 'UNLINK' : 'DEL', key]);
    },
    BUDGET_PER_CRON,
  );
}
