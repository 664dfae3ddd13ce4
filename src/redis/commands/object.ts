/**
 * OBJECT ENCODING / FREQ / IDLETIME / REFCOUNT / HELP (object.c, Redis 7.0, default config:
 * maxmemory-policy noeviction, so LRU idle times are kept and LFU frequencies are not), and the
 * per-key access clock that IDLETIME reads.
 */

import type { CommandContext, CommandSpec } from '../command-types.js';
import type { RedisValue } from '../keyspace.js';
import { ERR, NIL, error, integer, status, type Reply } from '../reply.js';
import { rdbObjectType } from '../rdb/index.js';
import {
  RDB_TYPE_HASH_LISTPACK,
  RDB_TYPE_SET_INTSET,
  RDB_TYPE_ZSET_LISTPACK,
} from '../rdb/constants.js';
import { string2ll } from '../rdb/string2ll.js';
import { lookupKeyRead } from './expire.js';
import { NO_KEYS, ONE, command, eqi } from './shared.js';

/** OBJ_SHARED_INTEGERS: 0…9999 are shared objects, whose refcount reads as INT_MAX. */
const OBJ_SHARED_INTEGERS = 10000;
const OBJ_SHARED_REFCOUNT = integer(2147483647);
/** OBJ_ENCODING_EMBSTR_SIZE_LIMIT. */
const EMBSTR_SIZE_LIMIT = 44;

/**
 * Touch the keys a command named (its key spec), after it ran: every command that looks a key up
 * refreshes its LRU clock (robj.lru) in Redis, except OBJECT itself (LOOKUP_NOTOUCH). The clocks
 * live in RedisDb.accessTimes, and only once the db tracks them (its first OBJECT IDLETIME).
 */
export function touchCommandKeys(
  ctx: CommandContext,
  argv: readonly string[],
  spec: Pick<CommandSpec, 'firstKey' | 'lastKey' | 'keyStep'>,
): void {
  const last = spec.lastKey < 0 ? argv.length + spec.lastKey : spec.lastKey;
  const db = ctx.db;
  for (let j = spec.firstKey; j <= last && j < argv.length; j += spec.keyStep) {
    const value = db.dict.get(argv[j]);
    if (value !== undefined) db.accessTimes.set(argv[j], { value, atMs: ctx.nowUnixMs });
  }
}

/**
 * OBJECT IDLETIME's clock: whole seconds since the key's value was last touched. A value not
 * stamped yet (or replaced since its stamp) starts its clock now, as a freshly loaded key would.
 */
function idleTimeSec(ctx: CommandContext, key: string, value: RedisValue): number {
  const db = ctx.db;
  db.trackAccessTimes = true;
  const stamp = db.accessTimes.get(key);
  if (stamp === undefined || stamp.value !== value) {
    db.accessTimes.set(key, { value, atMs: ctx.nowUnixMs });
    return 0;
  }
  return Math.max(0, Math.floor((ctx.nowUnixMs - stamp.atMs) / 1000));
}

/** The encoding a default-configured 7.0 would hold the value in, by the RDB encoder's thresholds. */
export function objectEncoding(value: RedisValue): string {
  if (typeof value === 'string') {
    if (string2ll(value) !== null) return 'int';
    return value.length <= EMBSTR_SIZE_LIMIT ? 'embstr' : 'raw';
  }
  switch (value.type) {
    case 'list':
      return 'quicklist'; // 7.0 always holds lists as a quicklist (of listpacks)
    case 'set':
      return rdbObjectType(value) === RDB_TYPE_SET_INTSET ? 'intset' : 'hashtable';
    case 'hash':
      return rdbObjectType(value) === RDB_TYPE_HASH_LISTPACK ? 'listpack' : 'hashtable';
    case 'zset':
      return rdbObjectType(value) === RDB_TYPE_ZSET_LISTPACK ? 'listpack' : 'skiplist';
    case 'stream':
      return 'stream';
  }
}

/** A string that tryObjectEncoding would swap for one of the shared integers 0…9999. */
function isSharedInteger(value: RedisValue): boolean {
  if (typeof value !== 'string') return false;
  const n = string2ll(value);
  return typeof n === 'number' && n >= 0 && n < OBJ_SHARED_INTEGERS;
}

const HELP_LINES = [
  'OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'ENCODING <key>',
  '    Return the kind of internal representation used in order to store the value',
  '    associated with a <key>.',
  'FREQ <key>',
  '    Return the access frequency index of the <key>. The returned integer is',
  '    proportional to the logarithm of the recent access frequency of the key.',
  'IDLETIME <key>',
  '    Return the idle time of the <key>, that is the approximated number of',
  '    seconds elapsed since the last access to the key.',
  'REFCOUNT <key>',
  '    Return the number of references of the value associated with the specified',
  '    <key>.',
  'HELP',
  '    Prints this help.',
];
const HELP_REPLY: Reply = { kind: 'array', items: HELP_LINES.map((l) => status(l)) };

const LFU_NOT_SELECTED = error(
  'ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.',
);

const KEY_SUBCOMMANDS = ['encoding', 'freq', 'idletime', 'refcount'] as const;

/**
 * OBJECT <subcommand> …: the container answers the subcommand's own arity error
 * ("object|encoding") and 7.0's unknown-subcommand error, like processCommand.
 */
function objectCommand(ctx: CommandContext, argv: string[]): Reply {
  const sub = argv[1];
  if (eqi(sub, 'help')) {
    if (argv.length !== 2) return ERR.wrongArgs('object|help');
    return HELP_REPLY;
  }
  const name = KEY_SUBCOMMANDS.find((n) => eqi(sub, n));
  if (name === undefined) {
    return error(`ERR unknown subcommand '${sub.slice(0, 128)}'. Try ${argv[0].toUpperCase()} HELP.`);
  }
  if (argv.length !== 3) return ERR.wrongArgs(`object|${name}`);
  const value = lookupKeyRead(ctx, ctx.db, argv[2]);
  if (value === undefined) return NIL;
  switch (name) {
    case 'encoding':
      return { kind: 'bulk', value: objectEncoding(value) };
    case 'refcount':
      return isSharedInteger(value) ? OBJ_SHARED_REFCOUNT : ONE;
    case 'freq':
      return LFU_NOT_SELECTED;
    case 'idletime':
      return integer(idleTimeSec(ctx, argv[2], value));
  }
}

/** Key positions 0: the key is a subcommand argument (COMMAND INFO shows it per subcommand). */
export const objectCommands: CommandSpec[] = [command('object', -2, [], NO_KEYS, objectCommand)];
