/** Connection and database commands (server.c / db.c, Redis 7.0): PING, ECHO, DBSIZE, FLUSHDB, FLUSHALL, SWAPDB, and SELECT's argument check. */

import type { CommandContext, CommandSpec } from '../command-types.js';
import { DB_COUNT } from '../keyspace.js';
import { ERR, OK, bulk, error, integer, status, type Reply } from '../reply.js';
import { parseLongLong } from './numbers.js';
import { NO_KEYS, command, eqi } from './shared.js';

const PONG = status('PONG');
const DB_OUT_OF_RANGE = error('ERR DB index is out of range');
const INT_MAX = 2147483647;
const INT_MIN = -2147483648;

function pingCommand(_ctx: CommandContext, argv: string[]): Reply {
  if (argv.length > 2) return ERR.wrongArgs('ping');
  return argv.length === 1 ? PONG : bulk(argv[1]);
}

/** getIntFromObjectOrReply: a C int, or `msg` (default: the shared "not an integer" error). */
function parseIntOr(arg: string, msg: Reply): number | Reply {
  const n = parseLongLong(arg);
  if (n === null || n > INT_MAX || n < INT_MIN) return msg;
  return n;
}

/**
 * SELECT's argument check, for the server (which owns the client's selected db).
 * Returns the db index to switch to, or the error reply to send
 * (`ERR value is not an integer or out of range`, `ERR DB index is out of range`).
 */
export function selectDbIndex(argv: string[], dbCount = DB_COUNT): number | Reply {
  if (argv.length !== 2) return ERR.wrongArgs('select');
  const id = parseIntOr(argv[1], ERR.notInteger);
  if (typeof id !== 'number') return id;
  if (id < 0 || id >= dbCount) return DB_OUT_OF_RANGE;
  return id;
}

/** getFlushCommandFlags: FLUSHDB/FLUSHALL accept nothing, ASYNC or SYNC. */
function flushArgsOk(argv: string[]): boolean {
  if (argv.length > 2) return false;
  return argv.length === 1 || eqi(argv[1], 'sync') || eqi(argv[1], 'async');
}

/** FLUSHDB: empty the selected db. Always propagated, even when the db was already empty. */
function flushdbCommand(ctx: CommandContext, argv: string[]): Reply {
  if (!flushArgsOk(argv)) return ERR.syntax;
  const removed = ctx.db.dict.size;
  ctx.db.clear();
  if (removed > 0) ctx.dirty(removed);
  ctx.propagate(argv);
  return OK;
}

/**
 * FLUSHALL: empty every db; dirty = keys removed + 1, always propagated. (Killing a running
 * BGSAVE child and the save-after-flush are the server's part.)
 */
function flushallCommand(ctx: CommandContext, argv: string[]): Reply {
  if (!flushArgsOk(argv)) return ERR.syntax;
  let removed = 0;
  for (const db of ctx.dbs) {
    removed += db.dict.size;
    db.clear();
  }
  ctx.dirty(removed + 1);
  ctx.propagate(argv);
  return OK;
}

/** SWAPDB: exchange two databases' contents (clients keep their db index, so they see the swap). */
function swapdbCommand(ctx: CommandContext, argv: string[]): Reply {
  const a = parseIntOr(argv[1], error('ERR invalid first DB index'));
  if (typeof a !== 'number') return a;
  const b = parseIntOr(argv[2], error('ERR invalid second DB index'));
  if (typeof b !== 'number') return b;
  const dbs = ctx.dbs;
  if (a < 0 || a >= dbs.length || b < 0 || b >= dbs.length) return DB_OUT_OF_RANGE;
  if (a !== b) {
    const x = dbs[a];
    const y = dbs[b];
    const dict = new Map(x.dict);
    const expires = new Map(x.expires);
    const accessTimes = new Map(x.accessTimes);
    x.clear();
    for (const [k, v] of y.dict) x.dict.set(k, v);
    for (const [k, v] of y.expires) x.expires.set(k, v);
    for (const [k, v] of y.accessTimes) x.accessTimes.set(k, v);
    y.clear();
    for (const [k, v] of dict) y.dict.set(k, v);
    for (const [k, v] of expires) y.expires.set(k, v);
    for (const [k, v] of accessTimes) y.accessTimes.set(k, v);
  }
  ctx.dirty();
  return OK;
}

export const serverDataCommands: CommandSpec[] = [
  command('ping', -1, ['fast'], NO_KEYS, pingCommand),
  command('echo', 2, ['loading', 'stale', 'fast'], NO_KEYS, (_ctx, argv) => bulk(argv[1])),
  command('dbsize', 1, ['readonly', 'fast'], NO_KEYS, (ctx) => integer(ctx.db.dict.size)),
  command('flushdb', -1, ['write'], NO_KEYS, flushdbCommand),
  command('flushall', -1, ['write'], NO_KEYS, flushallCommand),
  command('swapdb', 3, ['write', 'fast'], NO_KEYS, swapdbCommand),
];
