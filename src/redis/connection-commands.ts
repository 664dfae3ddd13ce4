/**
 * The small connection commands real client libraries send (networking.c, server.c, db.c, Redis
 * 7.0): QUIT, RESET (the connection as freshly opened), TIME (from the world's virtual clock) and
 * TOUCH (counts existing keys; reading them refreshes their access time).
 */

import { lookupKeyRead } from './commands/expire.js';
import { OK, array, bulk, error, integer, status, type Reply } from './reply.js';
import { unsubscribeAll } from './pubsub.js';
import type { ServerCommandSpec, ServerContext } from './server.js';
import { unwatchAllKeys } from './watch.js';

const RESET = status('RESET');

/**
 * QUIT: +OK. The connection closes once the reply is written (CLIENT_CLOSE_AFTER_REPLY): the
 * connection layers do that (external.ts for real clients; the tutor's redis-cli exits on `quit`).
 */
function quitCommand(): Reply {
  return OK;
}

/** RESET (clearClientConnectionState): leave MONITOR, MULTI, WATCH and pub/sub; db 0, RESP2, no name, default auth. */
function resetCommand(ctx: ServerContext): Reply {
  const c = ctx.client;
  const server = ctx.server;
  if (c.replica !== null || c.isMaster) return error('ERR can only reset normal client connections');
  if (c.monitor) {
    server.monitors.splice(server.monitors.indexOf(c), 1);
    c.monitor = false;
  }
  c.db = 0;
  ctx.db = ctx.dbs[0];
  c.resp = 2;
  // clientSetDefaultAuth: authenticated only if the default user needs no password.
  c.authenticated = server.requirepass === '';
  c.multi = null;
  c.multiError = false;
  unwatchAllKeys(server, c);
  c.dirtyCas = false;
  unsubscribeAll(server, c);
  c.name = '';
  return RESET;
}

/**
 * TIME: the world's virtual Unix time (World.unixMs: 2026-01-01 00:00:00 UTC when the world starts,
 * plus virtual time since), as seconds and microseconds. Virtual time has millisecond steps, so
 * the microseconds are a multiple of 1000.
 */
function timeCommand(ctx: ServerContext): Reply {
  const ms = ctx.server.world.unixMs();
  const sec = Math.floor(ms / 1000);
  const usec = Math.floor((ms - sec * 1000) * 1000);
  return array([bulk(String(sec)), bulk(String(usec))]);
}

/** TOUCH: how many of the keys exist (an expired one is deleted, as a read would). Not propagated: it writes nothing. */
function touchCommand(ctx: ServerContext, argv: string[]): Reply {
  let n = 0;
  for (let j = 1; j < argv.length; j++) if (lookupKeyRead(ctx, ctx.db, argv[j]) !== undefined) n++;
  return integer(n);
}

export const connectionCommands: ServerCommandSpec[] = [
  { name: 'quit', arity: -1, flags: ['noscript', 'loading', 'stale', 'fast'], firstKey: 0, lastKey: 0, keyStep: 0, handler: quitCommand },
  { name: 'reset', arity: 1, flags: ['noscript', 'loading', 'stale', 'fast'], firstKey: 0, lastKey: 0, keyStep: 0, handler: resetCommand },
  { name: 'time', arity: 1, flags: ['loading', 'stale', 'fast'], firstKey: 0, lastKey: 0, keyStep: 0, handler: timeCommand },
  { name: 'touch', arity: -2, flags: ['readonly', 'fast'], firstKey: 1, lastKey: -1, keyStep: 1, handler: touchCommand },
];
