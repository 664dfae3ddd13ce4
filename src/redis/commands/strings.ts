/** String commands (t_string.c, Redis 7.0): SET and friends, GET*, INCR*, APPEND, ranges. */

import type { CommandContext, CommandSpec } from '../command-types.js';
import { ERR, NIL, OK, bulk, error, integer, type Reply } from '../reply.js';
import { dbDelete, lookupKeyRead, lookupKeyWrite, removeExpire, setExpire } from './expire.js';
import {
  addInt64,
  addLongDouble,
  formatLongDoubleHuman,
  parseLongDouble,
  parseLongLong,
} from './numbers.js';
import {
  ALL_KEYS,
  EMPTY_BULK,
  ONE,
  ONE_KEY,
  PROTO_MAX_BULK_LEN,
  STRING_TOO_LONG,
  ZERO,
  command,
  eqi,
  invalidExpireTime,
  setKey,
} from './shared.js';

// OBJ_SET_* flags of parseExtendedStringArgumentsOrReply.
const NX = 1 << 0;
const XX = 1 << 1;
const EX = 1 << 2;
const PX = 1 << 3;
const KEEPTTL = 1 << 4;
const GET = 1 << 5;
const EXAT = 1 << 6;
const PXAT = 1 << 7;
const PERSIST = 1 << 8;
const ANY_EXPIRE = EX | PX | EXAT | PXAT;

interface StringArgs {
  flags: number;
  /** The EX/PX/EXAT/PXAT argument text, or null. */
  expire: string | null;
}

/**
 * parseExtendedStringArgumentsOrReply: SET's options from argv[3] on, or GETEX's from argv[2] on.
 * Repeating an option is allowed (the last EX wins); conflicting ones are a syntax error.
 */
function parseStringArgs(argv: string[], forGetex: boolean): StringArgs | Reply {
  let flags = 0;
  let expire: string | null = null;
  for (let j = forGetex ? 2 : 3; j < argv.length; j++) {
    const opt = argv[j];
    const hasNext = j < argv.length - 1;
    if (!forGetex && eqi(opt, 'nx') && !(flags & XX)) flags |= NX;
    else if (!forGetex && eqi(opt, 'xx') && !(flags & NX)) flags |= XX;
    else if (!forGetex && eqi(opt, 'get')) flags |= GET;
    else if (!forGetex && eqi(opt, 'keepttl') && !(flags & (PERSIST | ANY_EXPIRE))) flags |= KEEPTTL;
    else if (forGetex && eqi(opt, 'persist') && !(flags & (ANY_EXPIRE | KEEPTTL))) flags |= PERSIST;
    else if (eqi(opt, 'ex') && !(flags & (KEEPTTL | PERSIST | EXAT | PX | PXAT)) && hasNext) {
      flags |= EX;
      expire = argv[++j];
    } else if (eqi(opt, 'px') && !(flags & (KEEPTTL | PERSIST | EX | EXAT | PXAT)) && hasNext) {
      flags |= PX;
      expire = argv[++j];
    } else if (eqi(opt, 'exat') && !(flags & (KEEPTTL | PERSIST | EX | PX | PXAT)) && hasNext) {
      flags |= EXAT;
      expire = argv[++j];
    } else if (eqi(opt, 'pxat') && !(flags & (KEEPTTL | PERSIST | EX | EXAT | PX)) && hasNext) {
      flags |= PXAT;
      expire = argv[++j];
    } else {
      return ERR.syntax;
    }
  }
  return { flags, expire };
}

/**
 * getExpireMillisecondsOrReply: the absolute expire time in Unix ms for EX/PX/EXAT/PXAT, or the
 * error `invalid expire time in '<cmd>' command` (≤ 0, or overflow).
 */
function expireMillis(ctx: CommandContext, text: string, flags: number, name: string): number | Reply {
  let ms = parseLongLong(text);
  if (ms === null) return ERR.notInteger;
  const seconds = (flags & (EX | EXAT)) !== 0;
  // LLONG_MAX (2^63 − 1) as the nearest double, 2^63.
  if (ms <= 0 || (seconds && ms > 2 ** 63 / 1000)) return invalidExpireTime(name);
  if (seconds) ms *= 1000;
  if (flags & (EX | PX)) ms += ctx.nowUnixMs;
  if (ms <= 0 || ms > 2 ** 63) return invalidExpireTime(name);
  return ms;
}

/** The string at `key` for a read, or NIL / WRONGTYPE (getGenericCommand). */
function getGeneric(ctx: CommandContext, key: string): Reply {
  const o = lookupKeyRead(ctx, ctx.db, key);
  if (o === undefined) return NIL;
  if (typeof o !== 'string') return ERR.wrongType;
  return bulk(o);
}

/**
 * setGenericCommand: the shared core of SET, SETNX, SETEX, PSETEX.
 * Propagation: with an expire → `SET key value PXAT <abs-ms>`; with GET (no expire) → argv
 * without the GET words; otherwise as typed.
 */
function setGeneric(
  ctx: CommandContext,
  argv: string[],
  flags: number,
  key: string,
  value: string,
  expireText: string | null,
  name: string,
  okReply: Reply,
  abortReply: Reply,
): Reply {
  let when = 0;
  if (expireText !== null) {
    const ms = expireMillis(ctx, expireText, flags, name);
    if (typeof ms !== 'number') return ms;
    when = ms;
  }
  let reply: Reply | null = null;
  if (flags & GET) {
    reply = getGeneric(ctx, key);
    if (reply.kind === 'error') return reply;
  }
  const db = ctx.db;
  const found = lookupKeyWrite(ctx, db, key) !== undefined;
  if ((flags & NX && found) || (flags & XX && !found)) return reply ?? abortReply;
  setKey(db, key, value, (flags & KEEPTTL) !== 0);
  ctx.dirty();
  if (expireText !== null) {
    setExpire(db, key, when);
    ctx.propagate(['SET', key, value, 'PXAT', String(when)]);
  } else if (flags & GET) {
    const without: string[] = [];
    for (let j = 0; j < argv.length; j++) if (j < 3 || !eqi(argv[j], 'get')) without.push(argv[j]);
    ctx.propagate(without);
  }
  return reply ?? okReply;
}

function setCommand(ctx: CommandContext, argv: string[]): Reply {
  if (argv.length === 3) {
    // Hot path, no options: lookupKeyWrite only for its lazy-expire side effect (the DEL that
    // must be propagated before this SET); overwrite drops any TTL.
    const db = ctx.db;
    const key = argv[1];
    if (db.expires.size !== 0) {
      lookupKeyWrite(ctx, db, key);
      db.expires.delete(key);
    }
    db.dict.set(key, argv[2]);
    ctx.dirty();
    return OK;
  }
  const parsed = parseStringArgs(argv, false);
  if ('kind' in parsed) return parsed;
  return setGeneric(ctx, argv, parsed.flags, argv[1], argv[2], parsed.expire, 'set', OK, NIL);
}

function getCommand(ctx: CommandContext, argv: string[]): Reply {
  return getGeneric(ctx, argv[1]);
}

function getexCommand(ctx: CommandContext, argv: string[]): Reply {
  const parsed = parseStringArgs(argv, true);
  if ('kind' in parsed) return parsed;
  const { flags, expire } = parsed;
  const key = argv[1];
  const db = ctx.db;
  const o = lookupKeyRead(ctx, db, key);
  if (o === undefined) return NIL;
  if (typeof o !== 'string') return ERR.wrongType;
  let when = 0;
  if (expire !== null) {
    const ms = expireMillis(ctx, expire, flags, 'getex');
    if (typeof ms !== 'number') return ms;
    when = ms;
  }
  const reply = bulk(o);
  if (flags & (PXAT | EXAT) && when <= ctx.nowUnixMs && ctx.isMaster) {
    // checkAlreadyExpired: an absolute time already past deletes the key (propagated as DEL).
    dbDelete(db, key);
    ctx.dirty();
    ctx.propagate(['DEL', key]);
  } else if (expire !== null) {
    setExpire(db, key, when);
    ctx.dirty();
    ctx.propagate(['PEXPIREAT', key, String(when)]);
  } else if (flags & PERSIST) {
    if (removeExpire(db, key)) {
      ctx.dirty();
      ctx.propagate(['PERSIST', key]);
    }
  }
  return reply;
}

function setnxCommand(ctx: CommandContext, argv: string[]): Reply {
  return setGeneric(ctx, argv, NX, argv[1], argv[2], null, 'setnx', ONE, ZERO);
}

function setexCommand(ctx: CommandContext, argv: string[]): Reply {
  return setGeneric(ctx, argv, EX, argv[1], argv[3], argv[2], 'setex', OK, NIL);
}

function psetexCommand(ctx: CommandContext, argv: string[]): Reply {
  return setGeneric(ctx, argv, PX, argv[1], argv[3], argv[2], 'psetex', OK, NIL);
}

/** GETSET: reply the old value, set the new one (drops the TTL); propagated as `SET key value`. */
function getsetCommand(ctx: CommandContext, argv: string[]): Reply {
  const reply = getGeneric(ctx, argv[1]);
  if (reply.kind === 'error') return reply;
  setKey(ctx.db, argv[1], argv[2]);
  ctx.dirty();
  ctx.propagate(['SET', argv[1], argv[2]]);
  return reply;
}

/** GETDEL: reply the value and delete the key; propagated as `DEL key`. */
function getdelCommand(ctx: CommandContext, argv: string[]): Reply {
  const reply = getGeneric(ctx, argv[1]);
  if (reply.kind === 'error') return reply;
  if (dbDelete(ctx.db, argv[1])) {
    ctx.dirty();
    ctx.propagate(['DEL', argv[1]]);
  }
  return reply;
}

function msetGeneric(ctx: CommandContext, argv: string[], nx: boolean): Reply {
  if (argv.length % 2 === 0) return ERR.wrongArgs(nx ? 'msetnx' : 'mset');
  const db = ctx.db;
  if (nx) {
    for (let j = 1; j < argv.length; j += 2) {
      if (lookupKeyWrite(ctx, db, argv[j]) !== undefined) return ZERO;
    }
  }
  for (let j = 1; j < argv.length; j += 2) {
    if (!nx && db.expires.size !== 0) lookupKeyWrite(ctx, db, argv[j]);
    setKey(db, argv[j], argv[j + 1]);
  }
  ctx.dirty((argv.length - 1) / 2);
  return nx ? ONE : OK;
}

function mgetCommand(ctx: CommandContext, argv: string[]): Reply {
  const items: Reply[] = [];
  for (let j = 1; j < argv.length; j++) {
    const o = lookupKeyRead(ctx, ctx.db, argv[j]);
    items.push(typeof o !== 'string' ? NIL : bulk(o));
  }
  return { kind: 'array', items };
}

/**
 * incrDecrCommand: add an integer to the string at `key` (missing = 0), keeping its TTL.
 * Returns the new value, or an error (WRONGTYPE, not an integer, overflow).
 */
function incrDecr(ctx: CommandContext, key: string, incr: number, incrText: string): Reply {
  const db = ctx.db;
  const o = lookupKeyWrite(ctx, db, key);
  let valueText = '0';
  if (o !== undefined) {
    if (typeof o !== 'string') return ERR.wrongType;
    valueText = o;
  }
  const value = parseLongLong(valueText);
  if (value === null) return ERR.notInteger;
  const next = addInt64(valueText, value, incr, incrText);
  if (next === null) return error('ERR increment or decrement would overflow');
  // dbOverwrite keeps the expire time.
  db.dict.set(key, next);
  ctx.dirty();
  return integer(Number(next));
}

function incrCommand(ctx: CommandContext, argv: string[]): Reply {
  return incrDecr(ctx, argv[1], 1, '1');
}

function decrCommand(ctx: CommandContext, argv: string[]): Reply {
  return incrDecr(ctx, argv[1], -1, '-1');
}

function incrbyCommand(ctx: CommandContext, argv: string[]): Reply {
  const incr = parseLongLong(argv[2]);
  if (incr === null) return ERR.notInteger;
  return incrDecr(ctx, argv[1], incr, argv[2]);
}

function decrbyCommand(ctx: CommandContext, argv: string[]): Reply {
  const text = argv[2];
  const decr = parseLongLong(text);
  if (decr === null) return ERR.notInteger;
  if (text === '-9223372036854775808') return error('ERR decrement would overflow');
  const negated = decr === 0 ? '0' : text[0] === '-' ? text.slice(1) : '-' + text;
  return incrDecr(ctx, argv[1], -decr, negated);
}

/**
 * INCRBYFLOAT: long double arithmetic, the result printed like ld2string (trailing zeros
 * trimmed). Keeps the TTL. Propagated as `SET key <result> KEEPTTL`.
 */
function incrbyfloatCommand(ctx: CommandContext, argv: string[]): Reply {
  const db = ctx.db;
  const key = argv[1];
  const o = lookupKeyWrite(ctx, db, key);
  let valueText = '0';
  if (o !== undefined) {
    if (typeof o !== 'string') return ERR.wrongType;
    valueText = o;
  }
  const value = parseLongDouble(valueText);
  const incr = value === null ? null : parseLongDouble(argv[2]);
  if (value === null || incr === null) return ERR.notFloat;
  const sum = addLongDouble(value, incr);
  if (sum === 'nan' || sum.kind === 'inf') return error('ERR increment would produce NaN or Infinity');
  const text = formatLongDoubleHuman(sum);
  db.dict.set(key, text);
  ctx.dirty();
  ctx.propagate(['SET', key, text, 'KEEPTTL']);
  return bulk(text);
}

function appendCommand(ctx: CommandContext, argv: string[]): Reply {
  const db = ctx.db;
  const key = argv[1];
  const o = lookupKeyWrite(ctx, db, key);
  let next: string;
  if (o === undefined) {
    next = argv[2];
  } else {
    if (typeof o !== 'string') return ERR.wrongType;
    if (o.length + argv[2].length > PROTO_MAX_BULK_LEN) return STRING_TOO_LONG;
    next = o + argv[2];
  }
  db.dict.set(key, next);
  ctx.dirty();
  return integer(next.length);
}

function strlenCommand(ctx: CommandContext, argv: string[]): Reply {
  const o = lookupKeyRead(ctx, ctx.db, argv[1]);
  if (o === undefined) return ZERO;
  if (typeof o !== 'string') return ERR.wrongType;
  return integer(o.length);
}

function getrangeCommand(ctx: CommandContext, argv: string[]): Reply {
  let start = parseLongLong(argv[2]);
  let end = parseLongLong(argv[3]);
  if (start === null || end === null) return ERR.notInteger;
  const o = lookupKeyRead(ctx, ctx.db, argv[1]);
  if (o === undefined) return EMPTY_BULK;
  if (typeof o !== 'string') return ERR.wrongType;
  const str = o;
  const len = str.length;
  if (start < 0 && end < 0 && start > end) return EMPTY_BULK;
  if (start < 0) start = len + start;
  if (end < 0) end = len + end;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= len) end = len - 1;
  if (start > end || len === 0) return EMPTY_BULK;
  return bulk(str.slice(start, end + 1));
}

function setrangeCommand(ctx: CommandContext, argv: string[]): Reply {
  const offset = parseLongLong(argv[2]);
  if (offset === null) return ERR.notInteger;
  if (offset < 0) return error('ERR offset is out of range');
  const value = argv[3];
  const db = ctx.db;
  const key = argv[1];
  const o = lookupKeyWrite(ctx, db, key);
  let old = '';
  if (o === undefined) {
    if (value.length === 0) return ZERO;
  } else {
    if (typeof o !== 'string') return ERR.wrongType;
    old = o;
    if (value.length === 0) return integer(old.length);
  }
  if (offset + value.length > PROTO_MAX_BULK_LEN) return STRING_TOO_LONG;
  const padded = old.length < offset ? old + '\0'.repeat(offset - old.length) : old;
  const next = padded.slice(0, offset) + value + padded.slice(offset + value.length);
  db.dict.set(key, next);
  ctx.dirty();
  return integer(next.length);
}

const W = ['write', 'denyoom'] as const;
const WF = ['write', 'denyoom', 'fast'] as const;
const RF = ['readonly', 'fast'] as const;

export const stringCommands: CommandSpec[] = [
  command('set', -3, W, ONE_KEY, setCommand),
  command('setnx', 3, WF, ONE_KEY, setnxCommand),
  command('setex', 4, W, ONE_KEY, setexCommand),
  command('psetex', 4, W, ONE_KEY, psetexCommand),
  command('get', 2, RF, ONE_KEY, getCommand),
  command('getex', -2, ['write', 'fast'], ONE_KEY, getexCommand),
  command('getset', 3, WF, ONE_KEY, getsetCommand),
  command('getdel', 2, ['write', 'fast'], ONE_KEY, getdelCommand),
  command('mset', -3, W, [1, -1, 2], (ctx, argv) => msetGeneric(ctx, argv, false)),
  command('msetnx', -3, W, [1, -1, 2], (ctx, argv) => msetGeneric(ctx, argv, true)),
  command('mget', -2, RF, ALL_KEYS, mgetCommand),
  command('incr', 2, WF, ONE_KEY, incrCommand),
  command('decr', 2, WF, ONE_KEY, decrCommand),
  command('incrby', 3, WF, ONE_KEY, incrbyCommand),
  command('decrby', 3, WF, ONE_KEY, decrbyCommand),
  command('incrbyfloat', 3, WF, ONE_KEY, incrbyfloatCommand),
  command('append', 3, WF, ONE_KEY, appendCommand),
  command('strlen', 2, RF, ONE_KEY, strlenCommand),
  command('getrange', 4, ['readonly'], ONE_KEY, getrangeCommand),
  command('setrange', 4, W, ONE_KEY, setrangeCommand),
];
