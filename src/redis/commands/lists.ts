/**
 * List commands (t_list.c, Redis 7.0): pushes, pops with count, ranges, LSET, LREM, LTRIM, LINSERT,
 * LPOS, LMOVE, LMPOP; and the pops the blocking commands (blocking.ts) run once a list has elements.
 */

import type { CommandContext, CommandSpec } from '../command-types.js';
import { ERR, NIL, NIL_ARRAY, EMPTY_ARRAY, OK, array, bulk, bulkArray, error, integer, isReply, type Reply } from '../reply.js';
import { dbDelete, lookupTyped } from './expire.js';
import { parseLongLong } from './numbers.js';
import { MINUS_ONE, NO_KEYS, ONE_KEY, ZERO, clampRange, command, eqi, parsePositiveArg } from './shared.js';

export type ListValue = { type: 'list'; value: string[] };

/** pushGenericCommand: LPUSH/RPUSH (create the list) and LPUSHX/RPUSHX (only if it exists). */
function pushGeneric(ctx: CommandContext, argv: string[], head: boolean, xx: boolean): Reply {
  const found = lookupTyped(ctx, argv[1], 'list', 'write');
  let list: ListValue;
  if (found === undefined) {
    if (xx) return ZERO;
    list = { type: 'list', value: [] };
    ctx.db.dict.set(argv[1], list);
  } else if (isReply(found)) {
    return found;
  } else {
    list = found;
  }
  const items = list.value;
  for (let j = 2; j < argv.length; j++) {
    if (head) items.unshift(argv[j]);
    else items.push(argv[j]);
  }
  ctx.dirty(argv.length - 2);
  return integer(items.length);
}

/** popGenericCommand: LPOP/RPOP key [count]; the list key is deleted when it becomes empty. */
function popGeneric(ctx: CommandContext, argv: string[], head: boolean): Reply {
  const name = head ? 'lpop' : 'rpop';
  if (argv.length > 3) return ERR.wrongArgs(name);
  const hasCount = argv.length === 3;
  let count = 0;
  if (hasCount) {
    const n = parsePositiveArg(argv[2]);
    if (typeof n !== 'number') return n;
    count = n;
  }
  const found = lookupTyped(ctx, argv[1], 'list', 'write');
  if (found === undefined) return hasCount ? NIL_ARRAY : NIL;
  if (isReply(found)) return found;
  if (hasCount && count === 0) return EMPTY_ARRAY;
  const items = found.value;
  let reply: Reply;
  let popped: number;
  if (!hasCount) {
    reply = bulk((head ? items.shift() : items.pop()) as string);
    popped = 1;
  } else {
    popped = Math.min(count, items.length);
    const out = head ? items.splice(0, popped) : items.splice(items.length - popped, popped).reverse();
    reply = bulkArray(out);
  }
  if (items.length === 0) dbDelete(ctx.db, argv[1]);
  ctx.dirty(popped);
  return reply;
}

function lrangeCommand(ctx: CommandContext, argv: string[]): Reply {
  const start = parseLongLong(argv[2]);
  const end = parseLongLong(argv[3]);
  if (start === null || end === null) return ERR.notInteger;
  const found = lookupTyped(ctx, argv[1], 'list', 'read');
  if (found === undefined) return EMPTY_ARRAY;
  if (isReply(found)) return found;
  const range = clampRange(start, end, found.value.length);
  if (range === null) return EMPTY_ARRAY;
  return bulkArray(found.value.slice(range[0], range[1] + 1));
}

function llenCommand(ctx: CommandContext, argv: string[]): Reply {
  const found = lookupTyped(ctx, argv[1], 'list', 'read');
  if (found === undefined) return ZERO;
  if (isReply(found)) return found;
  return integer(found.value.length);
}

function lindexCommand(ctx: CommandContext, argv: string[]): Reply {
  const found = lookupTyped(ctx, argv[1], 'list', 'read');
  if (found === undefined) return NIL;
  if (isReply(found)) return found;
  let index = parseLongLong(argv[2]);
  if (index === null) return ERR.notInteger;
  const items = found.value;
  if (index < 0) index = items.length + index;
  if (index < 0 || index >= items.length) return NIL;
  return bulk(items[index]);
}

function lsetCommand(ctx: CommandContext, argv: string[]): Reply {
  let index = parseLongLong(argv[2]);
  if (index === null) return ERR.notInteger;
  const found = lookupTyped(ctx, argv[1], 'list', 'write');
  if (found === undefined) return ERR.noSuchKey;
  if (isReply(found)) return found;
  const items = found.value;
  if (index < 0) index = items.length + index;
  if (index < 0 || index >= items.length) return ERR.outOfRangeIndex;
  items[index] = argv[3];
  ctx.dirty();
  return OK;
}

/** LREM key count element: count > 0 from the head, < 0 from the tail, 0 all. */
function lremCommand(ctx: CommandContext, argv: string[]): Reply {
  const count = parseLongLong(argv[2]);
  if (count === null) return ERR.notInteger;
  const found = lookupTyped(ctx, argv[1], 'list', 'write');
  if (found === undefined) return ZERO;
  if (isReply(found)) return found;
  const items = found.value;
  const element = argv[3];
  const limit = count === 0 ? Infinity : Math.abs(count);
  let removed = 0;
  if (count >= 0) {
    for (let i = 0; i < items.length && removed < limit; ) {
      if (items[i] === element) {
        items.splice(i, 1);
        removed++;
      } else i++;
    }
  } else {
    for (let i = items.length - 1; i >= 0 && removed < limit; i--) {
      if (items[i] === element) {
        items.splice(i, 1);
        removed++;
      }
    }
  }
  if (removed > 0) {
    if (items.length === 0) dbDelete(ctx.db, argv[1]);
    ctx.dirty(removed);
  }
  return integer(removed);
}

/** LTRIM: keep [start, stop]; dirty by the number of elements removed (0 → not propagated). */
function ltrimCommand(ctx: CommandContext, argv: string[]): Reply {
  const start = parseLongLong(argv[2]);
  const end = parseLongLong(argv[3]);
  if (start === null || end === null) return ERR.notInteger;
  const found = lookupTyped(ctx, argv[1], 'list', 'write');
  if (found === undefined) return OK;
  if (isReply(found)) return found;
  const items = found.value;
  const len = items.length;
  const range = clampRange(start, end, len);
  let removed: number;
  if (range === null) {
    removed = len;
    items.length = 0;
  } else {
    removed = len - (range[1] - range[0] + 1);
    items.splice(range[1] + 1);
    items.splice(0, range[0]);
  }
  if (items.length === 0) dbDelete(ctx.db, argv[1]);
  if (removed > 0) ctx.dirty(removed);
  return OK;
}

/** LINSERT key BEFORE|AFTER pivot element: the new length, -1 if the pivot is missing, 0 if the key is. */
function linsertCommand(ctx: CommandContext, argv: string[]): Reply {
  let after: boolean;
  if (eqi(argv[2], 'after')) after = true;
  else if (eqi(argv[2], 'before')) after = false;
  else return ERR.syntax;
  const found = lookupTyped(ctx, argv[1], 'list', 'write');
  if (found === undefined) return ZERO;
  if (isReply(found)) return found;
  const items = found.value;
  const at = items.indexOf(argv[3]);
  if (at === -1) return MINUS_ONE;
  items.splice(after ? at + 1 : at, 0, argv[4]);
  ctx.dirty();
  return integer(items.length);
}

const RANK_ZERO = error(
  "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list",
);
const COUNT_NEGATIVE = error("ERR COUNT can't be negative");
const MAXLEN_NEGATIVE = error("ERR MAXLEN can't be negative");

/**
 * LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]: indexes (from the head) of
 * matches, scanning from the tail when RANK is negative, comparing at most MAXLEN elements.
 */
function lposCommand(ctx: CommandContext, argv: string[]): Reply {
  let rank = 1;
  let count = -1; // -1: no COUNT given, reply a single index
  let maxlen = 0;
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j];
    const more = argv.length - 1 - j;
    if (more > 0 && (eqi(opt, 'rank') || eqi(opt, 'count') || eqi(opt, 'maxlen'))) {
      // RANK takes any integer; COUNT and MAXLEN (getPositiveLongFromObjectOrReply) answer their
      // own message for a non-integer too.
      const n = parseLongLong(argv[++j]);
      if (eqi(opt, 'rank')) {
        if (n === null) return ERR.notInteger;
        if (n === 0) return RANK_ZERO;
        rank = n;
      } else if (eqi(opt, 'count')) {
        if (n === null || n < 0) return COUNT_NEGATIVE;
        count = n;
      } else {
        if (n === null || n < 0) return MAXLEN_NEGATIVE;
        maxlen = n;
      }
    } else {
      return ERR.syntax;
    }
  }
  const found = lookupTyped(ctx, argv[1], 'list', 'read');
  if (found === undefined) return count === -1 ? NIL : EMPTY_ARRAY;
  if (isReply(found)) return found;
  const items = found.value;
  const fromTail = rank < 0;
  let skip = Math.abs(rank) - 1;
  const wanted = count === -1 ? 1 : count === 0 ? Infinity : count;
  const limit = maxlen === 0 ? items.length : Math.min(maxlen, items.length);
  const matches: Reply[] = [];
  for (let n = 0; n < limit && matches.length < wanted; n++) {
    const index = fromTail ? items.length - 1 - n : n;
    if (items[index] !== argv[2]) continue;
    if (skip > 0) skip--;
    else matches.push(integer(index));
  }
  if (count === -1) return matches.length > 0 ? matches[0] : NIL;
  return { kind: 'array', items: matches };
}

/** getListPositionFromObjectOrReply: LEFT (head) or RIGHT (tail). */
export function listEnd(arg: string): boolean | null {
  if (eqi(arg, 'left')) return true;
  if (eqi(arg, 'right')) return false;
  return null;
}

/**
 * lmoveGenericCommand: pop from one end of source, push onto one end of destination (created if
 * missing), reply the element. Source and destination may be the same list (a rotation).
 * Propagated as typed (LMOVE or RPOPLPUSH); BLMOVE and BRPOPLPUSH pass `rewrite`, the command
 * to propagate instead.
 */
export function lmoveGeneric(ctx: CommandContext, src: string, dst: string, fromHead: boolean, toHead: boolean, rewrite?: string[]): Reply {
  const source = lookupTyped(ctx, src, 'list', 'write');
  if (source === undefined) return NIL;
  if (isReply(source)) return source;
  const found = lookupTyped(ctx, dst, 'list', 'write');
  if (found !== undefined && isReply(found)) return found;
  const value = (fromHead ? source.value.shift() : source.value.pop()) as string;
  let target = found;
  if (target === undefined) {
    target = { type: 'list', value: [] };
    ctx.db.dict.set(dst, target);
  }
  if (toHead) target.value.unshift(value);
  else target.value.push(value);
  if (source.value.length === 0) dbDelete(ctx.db, src);
  ctx.dirty();
  if (rewrite !== undefined) ctx.propagate(rewrite);
  return bulk(value);
}

function lmoveCommand(ctx: CommandContext, argv: string[]): Reply {
  const from = listEnd(argv[3]);
  const to = listEnd(argv[4]);
  if (from === null || to === null) return ERR.syntax;
  return lmoveGeneric(ctx, argv[1], argv[2], from, to);
}

/**
 * A pop from a list found non-empty (blockingPopGenericCommand's and mpopGenericCommand's body):
 * `count` -1 is BLPOP/BRPOP's one element, replied `[key, element]` and propagated as
 * `LPOP key`; a count (LMPOP, BLMPOP) pops up to that many, replied `[key, [elements]]` and
 * propagated as `LPOP key n` with n the number actually popped (listPopRangeAndReplyWithKey).
 * The key is deleted when the list empties.
 */
export function popListWithKey(ctx: CommandContext, key: string, list: ListValue, head: boolean, count: number): Reply {
  const items = list.value;
  const n = count === -1 ? 1 : Math.min(count, items.length);
  const out = head ? items.splice(0, n) : items.splice(items.length - n, n).reverse();
  if (items.length === 0) dbDelete(ctx.db, key);
  ctx.dirty(n);
  const pop = head ? 'LPOP' : 'RPOP';
  if (count === -1) {
    ctx.propagate([pop, key]);
    return bulkArray([key, out[0]]);
  }
  ctx.propagate([pop, key, String(n)]);
  return array([bulk(key), bulkArray(out)]);
}

/**
 * The first of `keys` holding a non-empty list, or the WRONGTYPE error of the first key of another
 * type met before it, or undefined when none has elements (the caller blocks or answers nil).
 */
export function firstNonEmptyList(ctx: CommandContext, keys: readonly string[]): { key: string; list: ListValue } | Reply | undefined {
  for (const key of keys) {
    const found = lookupTyped(ctx, key, 'list', 'write');
    if (found === undefined) continue;
    if (isReply(found)) return found;
    if (found.value.length > 0) return { key, list: found };
  }
  return undefined;
}

/** What LMPOP and BLMPOP parsed: the keys, the end to pop from, how many. */
export interface MpopArgs {
  keys: string[];
  head: boolean;
  count: number;
}

const NUMKEYS_POSITIVE = error('ERR numkeys should be greater than 0');
export const COUNT_POSITIVE = error('ERR count should be greater than 0');

/**
 * lmpopGenericCommand's and zmpopGenericCommand's parsing from `numkeysIndex`: numkeys (≥ 1),
 * the keys, then LEFT|RIGHT (MIN|MAX for sorted sets: `ends`), then an optional COUNT n (≥ 1;
 * 1 when absent). Returns the parsed arguments or the error reply.
 */
export function parseMpop(argv: string[], numkeysIndex: number, ends: readonly [head: string, tail: string]): MpopArgs | Reply {
  const numkeys = parseLongLong(argv[numkeysIndex]);
  if (numkeys === null || numkeys < 1) return NUMKEYS_POSITIVE;
  const whereIndex = numkeysIndex + numkeys + 1;
  if (whereIndex >= argv.length) return ERR.syntax;
  let head: boolean;
  if (eqi(argv[whereIndex], ends[0])) head = true;
  else if (eqi(argv[whereIndex], ends[1])) head = false;
  else return ERR.syntax;
  let count = -1;
  for (let j = whereIndex + 1; j < argv.length; j++) {
    if (count === -1 && eqi(argv[j], 'count') && j < argv.length - 1) {
      const n = parseLongLong(argv[++j]);
      if (n === null || n < 1) return COUNT_POSITIVE;
      count = n;
    } else {
      return ERR.syntax;
    }
  }
  return { keys: argv.slice(numkeysIndex + 1, whereIndex), head, count: count === -1 ? 1 : count };
}

/** LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count] (mpopGenericCommand): nil when every list is empty. */
function lmpopCommand(ctx: CommandContext, argv: string[]): Reply {
  const args = parseMpop(argv, 1, ['left', 'right']);
  if (isReply(args)) return args;
  const found = firstNonEmptyList(ctx, args.keys);
  if (found === undefined) return NIL_ARRAY;
  if (isReply(found)) return found;
  return popListWithKey(ctx, found.key, found.list, args.head, args.count);
}

const WF = ['write', 'denyoom', 'fast'] as const;

export const listCommands: CommandSpec[] = [
  command('lpush', -3, WF, ONE_KEY, (ctx, argv) => pushGeneric(ctx, argv, true, false)),
  command('rpush', -3, WF, ONE_KEY, (ctx, argv) => pushGeneric(ctx, argv, false, false)),
  command('lpushx', -3, WF, ONE_KEY, (ctx, argv) => pushGeneric(ctx, argv, true, true)),
  command('rpushx', -3, WF, ONE_KEY, (ctx, argv) => pushGeneric(ctx, argv, false, true)),
  command('lpop', -2, ['write', 'fast'], ONE_KEY, (ctx, argv) => popGeneric(ctx, argv, true)),
  command('rpop', -2, ['write', 'fast'], ONE_KEY, (ctx, argv) => popGeneric(ctx, argv, false)),
  command('lrange', 4, ['readonly'], ONE_KEY, lrangeCommand),
  command('llen', 2, ['readonly', 'fast'], ONE_KEY, llenCommand),
  command('lindex', 3, ['readonly'], ONE_KEY, lindexCommand),
  command('lset', 4, ['write', 'denyoom'], ONE_KEY, lsetCommand),
  command('lrem', 4, ['write'], ONE_KEY, lremCommand),
  command('ltrim', 4, ['write'], ONE_KEY, ltrimCommand),
  command('linsert', 5, ['write', 'denyoom'], ONE_KEY, linsertCommand),
  command('lpos', -3, ['readonly'], ONE_KEY, lposCommand),
  command('lmove', 5, ['write', 'denyoom'], [1, 2, 1], lmoveCommand),
  command('rpoplpush', 3, ['write', 'denyoom'], [1, 2, 1], (ctx, argv) => lmoveGeneric(ctx, argv[1], argv[2], false, true)),
  command('lmpop', -4, ['write'], NO_KEYS, lmpopCommand),
];
