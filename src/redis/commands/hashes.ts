/** Hash commands (t_hash.c, Redis 7.0). Field order is insertion order, like a small listpack hash. */

import type { CommandContext, CommandSpec } from '../command-types.js';
import { ERR, NIL, EMPTY_ARRAY, OK, bulk, error, integer, isReply, type Reply } from '../reply.js';
import { lookupTyped } from './expire.js';
import { addInt64, addLongDouble, formatLongDoubleHuman, parseLongDouble, parseLongLong } from './numbers.js';
import { ONE, ONE_KEY, ZERO, command, removeMembers } from './shared.js';

type HashValue = { type: 'hash'; value: Map<string, string> };

/** hashTypeLookupWriteOrCreate: the hash at `key`, created empty if missing, or WRONGTYPE. */
function hashForWriteOrCreate(ctx: CommandContext, key: string): HashValue | Reply {
  const o = lookupTyped(ctx, key, 'hash', 'write');
  if (o !== undefined) return o;
  const created: HashValue = { type: 'hash', value: new Map() };
  ctx.db.dict.set(key, created);
  return created;
}

/** HSET (reply: fields created) and HMSET (reply: OK). Dirty by pairs written, changed or not. */
function hsetGeneric(ctx: CommandContext, argv: string[], hmset: boolean): Reply {
  if (argv.length % 2 === 1) return ERR.wrongArgs(hmset ? 'hmset' : 'hset');
  const h = hashForWriteOrCreate(ctx, argv[1]);
  if (isReply(h)) return h;
  let created = 0;
  for (let j = 2; j < argv.length; j += 2) {
    if (!h.value.has(argv[j])) created++;
    h.value.set(argv[j], argv[j + 1]);
  }
  ctx.dirty((argv.length - 2) / 2);
  return hmset ? OK : integer(created);
}

function hsetnxCommand(ctx: CommandContext, argv: string[]): Reply {
  const h = hashForWriteOrCreate(ctx, argv[1]);
  if (isReply(h)) return h;
  if (h.value.has(argv[2])) return ZERO;
  h.value.set(argv[2], argv[3]);
  ctx.dirty();
  return ONE;
}

function hgetCommand(ctx: CommandContext, argv: string[]): Reply {
  const h = lookupTyped(ctx, argv[1], 'hash', 'read');
  if (h === undefined) return NIL;
  if (isReply(h)) return h;
  const v = h.value.get(argv[2]);
  return v === undefined ? NIL : bulk(v);
}

function hmgetCommand(ctx: CommandContext, argv: string[]): Reply {
  const h = lookupTyped(ctx, argv[1], 'hash', 'read');
  if (h !== undefined && isReply(h)) return h;
  const items: Reply[] = [];
  for (let j = 2; j < argv.length; j++) {
    const v = h?.value.get(argv[j]);
    items.push(v === undefined ? NIL : bulk(v));
  }
  return { kind: 'array', items };
}

/** HGETALL / HKEYS / HVALS. */
function hgetallGeneric(ctx: CommandContext, argv: string[], keys: boolean, values: boolean): Reply {
  const h = lookupTyped(ctx, argv[1], 'hash', 'read');
  if (h === undefined) return EMPTY_ARRAY;
  if (isReply(h)) return h;
  const items: Reply[] = [];
  for (const [f, v] of h.value) {
    if (keys) items.push(bulk(f));
    if (values) items.push(bulk(v));
  }
  return { kind: 'array', items };
}

function hdelCommand(ctx: CommandContext, argv: string[]): Reply {
  const o = lookupTyped(ctx, argv[1], 'hash', 'write');
  if (o === undefined) return ZERO;
  if (isReply(o)) return o;
  return removeMembers(ctx, argv, o.value);
}

function hlenCommand(ctx: CommandContext, argv: string[]): Reply {
  const h = lookupTyped(ctx, argv[1], 'hash', 'read');
  if (h === undefined) return ZERO;
  if (isReply(h)) return h;
  return integer(h.value.size);
}

function hexistsCommand(ctx: CommandContext, argv: string[]): Reply {
  const h = lookupTyped(ctx, argv[1], 'hash', 'read');
  if (h === undefined) return ZERO;
  if (isReply(h)) return h;
  return h.value.has(argv[2]) ? ONE : ZERO;
}

/** HSTRLEN: the byte length of a field's value, 0 if the field or key is missing. */
function hstrlenCommand(ctx: CommandContext, argv: string[]): Reply {
  const h = lookupTyped(ctx, argv[1], 'hash', 'read');
  if (h === undefined) return ZERO;
  if (isReply(h)) return h;
  return integer(h.value.get(argv[2])?.length ?? 0);
}

function hincrbyCommand(ctx: CommandContext, argv: string[]): Reply {
  const incr = parseLongLong(argv[3]);
  if (incr === null) return ERR.notInteger;
  const h = hashForWriteOrCreate(ctx, argv[1]);
  if (isReply(h)) return h;
  const currentText = h.value.get(argv[2]) ?? '0';
  const current = parseLongLong(currentText);
  if (current === null) return error('ERR hash value is not an integer');
  const next = addInt64(currentText, current, incr, argv[3]);
  if (next === null) return error('ERR increment or decrement would overflow');
  h.value.set(argv[2], next);
  ctx.dirty();
  return integer(Number(next));
}

/** HINCRBYFLOAT: long double arithmetic; always propagated as `HSET key field <result>`. */
function hincrbyfloatCommand(ctx: CommandContext, argv: string[]): Reply {
  const incr = parseLongDouble(argv[3]);
  if (incr === null) return ERR.notFloat;
  if (incr.kind === 'inf') return error('ERR value is NaN or Infinity');
  const h = hashForWriteOrCreate(ctx, argv[1]);
  if (isReply(h)) return h;
  const currentText = h.value.get(argv[2]);
  let current = parseLongDouble('0');
  if (currentText !== undefined) {
    current = parseLongDouble(currentText);
    if (current === null) return error('ERR hash value is not a float');
  }
  const sum = addLongDouble(current!, incr);
  if (sum === 'nan' || sum.kind === 'inf') return error('ERR increment would produce NaN or Infinity');
  const text = formatLongDoubleHuman(sum);
  h.value.set(argv[2], text);
  ctx.dirty();
  ctx.propagate(['HSET', argv[1], argv[2], text]);
  return bulk(text);
}

const WF = ['write', 'denyoom', 'fast'] as const;
const RF = ['readonly', 'fast'] as const;

export const hashCommands: CommandSpec[] = [
  command('hset', -4, WF, ONE_KEY, (ctx, argv) => hsetGeneric(ctx, argv, false)),
  command('hmset', -4, WF, ONE_KEY, (ctx, argv) => hsetGeneric(ctx, argv, true)),
  command('hsetnx', 4, WF, ONE_KEY, hsetnxCommand),
  command('hget', 3, RF, ONE_KEY, hgetCommand),
  command('hmget', -3, RF, ONE_KEY, hmgetCommand),
  command('hgetall', 2, ['readonly'], ONE_KEY, (ctx, argv) => hgetallGeneric(ctx, argv, true, true)),
  command('hkeys', 2, ['readonly'], ONE_KEY, (ctx, argv) => hgetallGeneric(ctx, argv, true, false)),
  command('hvals', 2, ['readonly'], ONE_KEY, (ctx, argv) => hgetallGeneric(ctx, argv, false, true)),
  command('hdel', -3, ['write', 'fast'], ONE_KEY, hdelCommand),
  command('hlen', 2, RF, ONE_KEY, hlenCommand),
  command('hexists', 3, RF, ONE_KEY, hexistsCommand),
  command('hstrlen', 3, RF, ONE_KEY, hstrlenCommand),
  command('hincrby', 4, WF, ONE_KEY, hincrbyCommand),
  command('hincrbyfloat', 4, WF, ONE_KEY, hincrbyfloatCommand),
];
