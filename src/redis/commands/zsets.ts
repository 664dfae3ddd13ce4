/**
 * Sorted set commands (t_zset.c, Redis 7.0): ZADD with all flags, ZRANGE (rank/score/lex, REV,
 * LIMIT), ranks, counts, pops, ZMPOP; and the pops BZPOPMIN/BZPOPMAX/BZMPOP (blocking.ts) run.
 */

import type { CommandContext, CommandSpec } from '../command-types.js';
import { ERR, NIL, NIL_ARRAY, EMPTY_ARRAY, array, bulk, error, integer, isReply, type Reply } from '../reply.js';
import { dbDelete, lookupTyped } from './expire.js';
import { formatDouble17g, parseDouble, parseLongLong, parseStrtodWhole } from './numbers.js';
import { NO_KEYS, ONE_KEY, ZERO, command, eqi, parsePositiveArg, removeMembers } from './shared.js';
import { parseMpop } from './lists.js';

export type ZsetValue = { type: 'zset'; value: Map<string, number> };

const NAN_SCORE = error('ERR resulting score is not a number (NaN)');
const MIN_MAX_NOT_FLOAT = error('ERR min or max is not a float');

/** Members ordered like the skiplist: by score, then by member bytes. */
export function zsetOrdered(z: Map<string, number>): Array<[string, number]> {
  const entries = Array.from(z);
  entries.sort((a, b) => (a[1] !== b[1] ? a[1] - b[1] : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return entries;
}

/** addReplyDouble (RESP2): the score as a "%.17g" bulk string. */
function doubleReply(score: number): Reply {
  return bulk(formatDouble17g(score));
}

/** zaddGenericCommand: ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member … and ZINCRBY. */
function zaddGeneric(ctx: CommandContext, argv: string[], zincrby: boolean): Reply {
  let nx = false;
  let xx = false;
  let gt = false;
  let lt = false;
  let ch = false;
  let incr = zincrby;
  let scoreIdx = 2;
  if (!zincrby) {
    while (scoreIdx < argv.length) {
      const opt = argv[scoreIdx];
      if (eqi(opt, 'nx')) nx = true;
      else if (eqi(opt, 'xx')) xx = true;
      else if (eqi(opt, 'ch')) ch = true;
      else if (eqi(opt, 'incr')) incr = true;
      else if (eqi(opt, 'gt')) gt = true;
      else if (eqi(opt, 'lt')) lt = true;
      else break;
      scoreIdx++;
    }
  }
  const elements = argv.length - scoreIdx;
  if (elements % 2 !== 0 || elements === 0) return ERR.syntax;
  const pairs = elements / 2;
  if (nx && xx) return error('ERR XX and NX options at the same time are not compatible');
  if ((gt && nx) || (lt && nx) || (gt && lt)) {
    return error('ERR GT, LT, and/or NX options at the same time are not compatible');
  }
  if (incr && pairs > 1) return error('ERR INCR option supports a single increment-element pair');
  const scores: number[] = [];
  for (let j = 0; j < pairs; j++) {
    const s = parseDouble(argv[scoreIdx + j * 2]);
    if (s === null) return ERR.notFloat;
    scores.push(s);
  }
  const key = argv[1];
  const o = lookupTyped(ctx, key, 'zset', 'write');
  let z: ZsetValue;
  let added = 0;
  let updated = 0;
  let processed = 0;
  let score = 0;
  if (o !== undefined && isReply(o)) return o;
  if (o === undefined) {
    if (xx) return incr ? NIL : ZERO;
    z = { type: 'zset', value: new Map() };
    ctx.db.dict.set(key, z);
  } else {
    z = o;
  }
  for (let j = 0; j < pairs; j++) {
    score = scores[j];
    const member = argv[scoreIdx + 1 + j * 2];
    const current = z.value.get(member);
    if (current !== undefined) {
      if (nx) continue;
      if (incr) {
        score += current;
        if (Number.isNaN(score)) {
          if (added + updated > 0) ctx.dirty(added + updated);
          return NAN_SCORE;
        }
      }
      if ((lt && score >= current) || (gt && score <= current)) continue;
      processed++;
      if (score !== current) {
        z.value.set(member, score);
        updated++;
      }
    } else {
      if (xx) continue;
      z.value.set(member, score);
      added++;
      processed++;
    }
  }
  if (added + updated > 0) ctx.dirty(added + updated);
  if (incr) return processed ? doubleReply(score) : NIL;
  return integer(ch ? added + updated : added);
}

interface ScoreRange {
  min: number;
  max: number;
  minex: boolean;
  maxex: boolean;
}

/** zslParseRange: "(1.5" is exclusive, "-inf"/"+inf" are infinite. */
function parseScoreRange(minText: string, maxText: string): ScoreRange | null {
  const parseItem = (text: string): [number, boolean] | null => {
    const ex = text[0] === '(';
    const v = parseStrtodWhole(ex ? text.slice(1) : text);
    return v === null ? null : [v, ex];
  };
  const a = parseItem(minText);
  const b = parseItem(maxText);
  if (a === null || b === null) return null;
  return { min: a[0], minex: a[1], max: b[0], maxex: b[1] };
}

function inRange(score: number, r: ScoreRange): boolean {
  const aboveMin = r.minex ? score > r.min : score >= r.min;
  const belowMax = r.maxex ? score < r.max : score <= r.max;
  return aboveMin && belowMax;
}

function emit(entries: Array<[string, number]>, withScores: boolean): Reply {
  const items: Reply[] = [];
  for (const [m, s] of entries) {
    items.push(bulk(m));
    if (withScores) items.push(doubleReply(s));
  }
  return { kind: 'array', items };
}

/** zslParseLexRange: "[a" inclusive, "(a" exclusive, "-" / "+" the ends (null bound). */
interface LexRange {
  min: string | null;
  max: string | null;
  minex: boolean;
  maxex: boolean;
  /** "+" given as min or "-" as max: nothing can match. */
  empty: boolean;
}

const LEX_RANGE_INVALID = error('ERR min or max not valid string range item');

function parseLexRange(minText: string, maxText: string): LexRange | null {
  const item = (t: string): { v: string | null; ex: boolean; end: '-' | '+' | null } | null => {
    if (t === '+' || t === '-') return { v: null, ex: false, end: t };
    if (t[0] === '(' || t[0] === '[') return { v: t.slice(1), ex: t[0] === '(', end: null };
    return null;
  };
  const a = item(minText);
  const b = item(maxText);
  if (a === null || b === null) return null;
  return { min: a.v, minex: a.ex, max: b.v, maxex: b.ex, empty: a.end === '+' || b.end === '-' };
}

/** Byte-wise comparison, as memcmp-based sdscmplex. */
function inLexRange(member: string, r: LexRange): boolean {
  if (r.empty) return false;
  if (r.min !== null && (r.minex ? member <= r.min : member < r.min)) return false;
  if (r.max !== null && (r.maxex ? member >= r.max : member > r.max)) return false;
  return true;
}

/**
 * zrangeGenericCommand: ZRANGE key start stop [BYSCORE|BYLEX] [REV] [LIMIT offset count]
 * [WITHSCORES], and the legacy ZREVRANGE / ZRANGEBYSCORE / ZREVRANGEBYSCORE (preset type and
 * direction), and ZRANGEBYLEX / ZREVRANGEBYLEX.
 */
function zrangeGeneric(
  ctx: CommandContext,
  argv: string[],
  presetType: 'rank' | 'score' | 'lex' | null,
  presetReverse: boolean | null,
): Reply {
  let withScores = false;
  let offset = 0;
  let limit = -1;
  let hasLimit = false;
  let reverse = presetReverse;
  let rangeType = presetType;
  for (let j = 4; j < argv.length; j++) {
    const left = argv.length - j - 1;
    const opt = argv[j];
    if (eqi(opt, 'withscores')) withScores = true;
    else if (eqi(opt, 'limit') && left >= 2) {
      const o = parseLongLong(argv[j + 1]);
      const l = parseLongLong(argv[j + 2]);
      if (o === null || l === null) return ERR.notInteger;
      offset = o;
      limit = l;
      hasLimit = true;
      j += 2;
    } else if (reverse === null && eqi(opt, 'rev')) reverse = true;
    else if (rangeType === null && eqi(opt, 'byscore')) rangeType = 'score';
    else if (rangeType === null && eqi(opt, 'bylex')) rangeType = 'lex';
    else return ERR.syntax;
  }
  if (reverse === null) reverse = false;
  if (rangeType === null) rangeType = 'rank';
  if (hasLimit && rangeType === 'rank') {
    return error('ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX');
  }
  let minText = argv[2];
  let maxText = argv[3];
  if (withScores && rangeType === 'lex') {
    return error('ERR syntax error, WITHSCORES not supported in combination with BYLEX');
  }
  if (reverse && rangeType !== 'rank') [minText, maxText] = [maxText, minText];
  let start = 0;
  let end = 0;
  let range: ScoreRange | null = null;
  let lexRange: LexRange | null = null;
  if (rangeType === 'lex') {
    lexRange = parseLexRange(minText, maxText);
    if (lexRange === null) return LEX_RANGE_INVALID;
  } else if (rangeType === 'rank') {
    const s = parseLongLong(minText);
    const e = parseLongLong(maxText);
    if (s === null || e === null) return ERR.notInteger;
    start = s;
    end = e;
  } else {
    range = parseScoreRange(minText, maxText);
    if (range === null) return MIN_MAX_NOT_FLOAT;
  }
  const z = lookupTyped(ctx, argv[1], 'zset', 'read');
  if (z === undefined) return EMPTY_ARRAY;
  if (isReply(z)) return z;
  const ordered = zsetOrdered(z.value);
  if (reverse) ordered.reverse();
  if (rangeType === 'rank') {
    const len = ordered.length;
    if (start < 0) start = len + start;
    if (end < 0) end = len + end;
    if (start < 0) start = 0;
    if (start > end || start >= len) return EMPTY_ARRAY;
    if (end >= len) end = len - 1;
    return emit(ordered.slice(start, end + 1), withScores);
  }
  // genericZrangebyscoreCommand: offset past the end → empty; a negative offset skips
  // everything; a negative limit means no limit.
  if (offset > 0 && offset >= ordered.length) return EMPTY_ARRAY;
  const matched = lexRange
    ? ordered.filter(([m]) => inLexRange(m, lexRange!))
    : ordered.filter(([, s]) => inRange(s, range!));
  if (offset < 0) return EMPTY_ARRAY;
  const sliced = limit < 0 ? matched.slice(offset) : matched.slice(offset, offset + limit);
  return emit(sliced, withScores);
}

function zscoreCommand(ctx: CommandContext, argv: string[]): Reply {
  const z = lookupTyped(ctx, argv[1], 'zset', 'read');
  if (z === undefined) return NIL;
  if (isReply(z)) return z;
  const s = z.value.get(argv[2]);
  return s === undefined ? NIL : doubleReply(s);
}

function zremCommand(ctx: CommandContext, argv: string[]): Reply {
  const o = lookupTyped(ctx, argv[1], 'zset', 'write');
  if (o === undefined) return ZERO;
  if (isReply(o)) return o;
  return removeMembers(ctx, argv, o.value);
}

function zcardCommand(ctx: CommandContext, argv: string[]): Reply {
  const z = lookupTyped(ctx, argv[1], 'zset', 'read');
  if (z === undefined) return ZERO;
  if (isReply(z)) return z;
  return integer(z.value.size);
}

function zrankGeneric(ctx: CommandContext, argv: string[], reverse: boolean): Reply {
  const z = lookupTyped(ctx, argv[1], 'zset', 'read');
  if (z === undefined) return NIL;
  if (isReply(z)) return z;
  if (!z.value.has(argv[2])) return NIL;
  const ordered = zsetOrdered(z.value);
  const rank = ordered.findIndex(([m]) => m === argv[2]);
  return integer(reverse ? ordered.length - 1 - rank : rank);
}

function zcountCommand(ctx: CommandContext, argv: string[]): Reply {
  const range = parseScoreRange(argv[2], argv[3]);
  if (range === null) return MIN_MAX_NOT_FLOAT;
  const z = lookupTyped(ctx, argv[1], 'zset', 'read');
  if (z === undefined) return ZERO;
  if (isReply(z)) return z;
  let count = 0;
  for (const s of z.value.values()) if (inRange(s, range)) count++;
  return integer(count);
}

/** ZLEXCOUNT key min max. */
function zlexcountCommand(ctx: CommandContext, argv: string[]): Reply {
  const range = parseLexRange(argv[2], argv[3]);
  if (range === null) return LEX_RANGE_INVALID;
  const z = lookupTyped(ctx, argv[1], 'zset', 'read');
  if (z === undefined) return ZERO;
  if (isReply(z)) return z;
  let count = 0;
  for (const m of z.value.keys()) if (inLexRange(m, range)) count++;
  return integer(count);
}

/** ZMSCORE key member…: one score or nil per member; a missing key answers all nils. */
function zmscoreCommand(ctx: CommandContext, argv: string[]): Reply {
  const z = lookupTyped(ctx, argv[1], 'zset', 'read');
  if (z !== undefined && isReply(z)) return z;
  const items: Reply[] = [];
  for (let j = 2; j < argv.length; j++) {
    const s = z?.value.get(argv[j]);
    items.push(s === undefined ? NIL : doubleReply(s));
  }
  return { kind: 'array', items };
}

/**
 * genericZpopCommand: ZPOPMIN / ZPOPMAX key [count]. RESP2 reply: a flat array of member, score
 * pairs (also without a count). Propagated as typed; count 0 or a missing key change nothing.
 */
function zpopGeneric(ctx: CommandContext, argv: string[], max: boolean): Reply {
  if (argv.length > 3) return ERR.syntax;
  let count = 1;
  if (argv.length === 3) {
    const n = parsePositiveArg(argv[2]);
    if (typeof n !== 'number') return n;
    count = n;
  }
  const o = lookupTyped(ctx, argv[1], 'zset', 'write');
  if (o === undefined) return EMPTY_ARRAY;
  if (isReply(o)) return o;
  if (count === 0) return EMPTY_ARRAY;
  const ordered = zsetOrdered(o.value);
  if (max) ordered.reverse();
  const popped = ordered.slice(0, count);
  const items: Reply[] = [];
  for (const [m, score] of popped) {
    o.value.delete(m);
    items.push(bulk(m), doubleReply(score));
  }
  if (o.value.size === 0) dbDelete(ctx.db, argv[1]);
  ctx.dirty(popped.length);
  return { kind: 'array', items };
}

/**
 * A pop from a sorted set found non-empty (genericZpopCommand with the key in the reply), the
 * body of BZPOPMIN/BZPOPMAX (`count` -1: one member, replied `[key, member, score]`, propagated
 * as `ZPOPMIN key`) and of ZMPOP/BZMPOP (`count` ≥ 1, replied `[key, [[member, score], …]]`,
 * propagated as `ZPOPMIN key n` with n the number actually popped). The key is deleted when empty.
 */
export function popZsetWithKey(ctx: CommandContext, key: string, zset: ZsetValue, max: boolean, count: number): Reply {
  const ordered = zsetOrdered(zset.value);
  if (max) ordered.reverse();
  const n = count === -1 ? 1 : Math.min(count, ordered.length);
  const popped = ordered.slice(0, n);
  for (const [m] of popped) zset.value.delete(m);
  if (zset.value.size === 0) dbDelete(ctx.db, key);
  ctx.dirty(n);
  const pop = max ? 'ZPOPMAX' : 'ZPOPMIN';
  if (count === -1) {
    ctx.propagate([pop, key]);
    return array([bulk(key), bulk(popped[0][0]), doubleReply(popped[0][1])]);
  }
  ctx.propagate([pop, key, String(n)]);
  return array([bulk(key), array(popped.map(([m, score]) => array([bulk(m), doubleReply(score)])))]);
}

/**
 * The first of `keys` holding a sorted set, or the WRONGTYPE error of the first key of another
 * type met before it, or undefined when none exists (sorted sets are never empty).
 */
export function firstZset(ctx: CommandContext, keys: readonly string[]): { key: string; zset: ZsetValue } | Reply | undefined {
  for (const key of keys) {
    const found = lookupTyped(ctx, key, 'zset', 'write');
    if (found === undefined) continue;
    if (isReply(found)) return found;
    return { key, zset: found };
  }
  return undefined;
}

/** ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]: nil when no key holds a sorted set. */
function zmpopCommand(ctx: CommandContext, argv: string[]): Reply {
  const args = parseMpop(argv, 1, ['min', 'max']);
  if (isReply(args)) return args;
  const found = firstZset(ctx, args.keys);
  if (found === undefined) return NIL_ARRAY;
  if (isReply(found)) return found;
  return popZsetWithKey(ctx, found.key, found.zset, !args.head, args.count);
}

const RF = ['readonly', 'fast'] as const;

export const zsetCommands: CommandSpec[] = [
  command('zadd', -4, ['write', 'denyoom', 'fast'], ONE_KEY, (ctx, argv) => zaddGeneric(ctx, argv, false)),
  command('zincrby', 4, ['write', 'denyoom', 'fast'], ONE_KEY, (ctx, argv) => zaddGeneric(ctx, argv, true)),
  command('zrange', -4, ['readonly'], ONE_KEY, (ctx, argv) => zrangeGeneric(ctx, argv, null, null)),
  command('zrevrange', -4, ['readonly'], ONE_KEY, (ctx, argv) => zrangeGeneric(ctx, argv, 'rank', true)),
  command('zrangebyscore', -4, ['readonly'], ONE_KEY, (ctx, argv) => zrangeGeneric(ctx, argv, 'score', false)),
  command('zrevrangebyscore', -4, ['readonly'], ONE_KEY, (ctx, argv) => zrangeGeneric(ctx, argv, 'score', true)),
  command('zscore', 3, RF, ONE_KEY, zscoreCommand),
  command('zrem', -3, ['write', 'fast'], ONE_KEY, zremCommand),
  command('zcard', 2, RF, ONE_KEY, zcardCommand),
  command('zrank', 3, RF, ONE_KEY, (ctx, argv) => zrankGeneric(ctx, argv, false)),
  command('zrevrank', 3, RF, ONE_KEY, (ctx, argv) => zrankGeneric(ctx, argv, true)),
  command('zcount', 4, RF, ONE_KEY, zcountCommand),
  command('zmscore', -3, RF, ONE_KEY, zmscoreCommand),
  command('zpopmin', -2, ['write', 'fast'], ONE_KEY, (ctx, argv) => zpopGeneric(ctx, argv, false)),
  command('zpopmax', -2, ['write', 'fast'], ONE_KEY, (ctx, argv) => zpopGeneric(ctx, argv, true)),
  command('zrangebylex', -4, ['readonly'], ONE_KEY, (ctx, argv) => zrangeGeneric(ctx, argv, 'lex', false)),
  command('zrevrangebylex', -4, ['readonly'], ONE_KEY, (ctx, argv) => zrangeGeneric(ctx, argv, 'lex', true)),
  command('zlexcount', 4, RF, ONE_KEY, zlexcountCommand),
  command('zmpop', -4, ['write'], NO_KEYS, zmpopCommand),
];
