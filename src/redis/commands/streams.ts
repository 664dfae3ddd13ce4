/**
 * Stream commands (t_stream.c, Redis 7.0): XADD, XLEN, XRANGE, XREVRANGE, XDEL, XTRIM and
 * XREAD without blocking. XADD with an ID Redis generates (`*`, or `ms-*`) is propagated with
 * that ID written in, and approximate trimming (`~`) as the exact trim it did — so a replica
 * ends up with the same entries.
 */

import type { CommandContext, CommandSpec } from '../command-types.js';
import { ERR, EMPTY_ARRAY, NIL, array, bulk, error, integer, type Reply } from '../reply.js';
import {
  compareIds,
  firstId,
  idString,
  newStream,
  streamAppend,
  streamDelete,
  streamEntries,
  streamTrim,
  type StreamEntry,
  type StreamId,
  type StreamValue,
  type TrimStrategy,
} from '../stream.js';
import { lookupKeyRead, lookupKeyWrite } from './expire.js';
import { parseLongLong } from './numbers.js';
import { ONE_KEY, command, eqi } from './shared.js';

type StreamObject = { type: 'stream'; value: StreamValue };

const INVALID_ID = error('ERR Invalid stream ID specified as stream command argument');
const NULL_ARRAY: Reply = { kind: 'array', items: null };
/** 2^64 - 1 is the largest ID part in Redis; the tutor keeps IDs within JavaScript's exact integers. */
const MAX_PART = Number.MAX_SAFE_INTEGER;
const MAX_ID: StreamId = { ms: MAX_PART, seq: MAX_PART };
const MAX_ID_TEXT = '18446744073709551615-18446744073709551615';

function streamForRead(ctx: CommandContext, key: string): StreamObject | undefined | Reply {
  const o = lookupKeyRead(ctx, ctx.db, key);
  if (o === undefined) return undefined;
  if (typeof o === 'string' || o.type !== 'stream') return ERR.wrongType;
  return o as StreamObject;
}

function isReply(x: unknown): x is Reply {
  return typeof x === 'object' && x !== null && 'kind' in x;
}

const UINT64_MAX = 18446744073709551615n;

/**
 * An unsigned ID part (string2ull), or null. Parts above 2^53 (up to 2^64 - 1, e.g. the
 * UINT64_MAX-UINT64_MAX a master writes for an emptied MINID trim) read as the largest the tutor
 * holds; XADD refuses to store such an ID rather than round it (see xaddCommand).
 */
function parsePart(s: string): number | null {
  if (!/^\d+$/.test(s) || s.length > 20) return null;
  const n = Number(s);
  if (n <= MAX_PART) return n;
  return BigInt(s) <= UINT64_MAX ? MAX_PART : null;
}

/**
 * streamParseID(): `ms`, `ms-seq`, with `missingSeq` for a bare `ms`; `-`/`+` unless strict;
 * `ms-*` only where `allowAutoSeq` (XADD). Returns the ID and whether seq was given.
 */
function parseId(s: string, missingSeq: number, strict: boolean, allowAutoSeq = false): { id: StreamId; seqGiven: boolean } | null {
  if (!strict && s === '-') return { id: { ms: 0, seq: 0 }, seqGiven: true };
  if (!strict && s === '+') return { id: { ...MAX_ID }, seqGiven: true };
  const dash = s.indexOf('-');
  if (dash < 0) {
    const ms = parsePart(s);
    return ms === null ? null : { id: { ms, seq: missingSeq }, seqGiven: true };
  }
  const ms = parsePart(s.slice(0, dash));
  if (ms === null) return null;
  const rest = s.slice(dash + 1);
  if (allowAutoSeq && rest === '*') return { id: { ms, seq: 0 }, seqGiven: false };
  const seq = parsePart(rest);
  return seq === null ? null : { id: { ms, seq }, seqGiven: true };
}

/** streamEntry as a reply: [id, [field, value, …]]. */
function entryReply(e: StreamEntry): Reply {
  return array([bulk(idString(e)), array(e.fields.map((f) => bulk(f)))]);
}

// ---------------------------------------------------------------------------------------------
// XADD / XTRIM argument parsing (streamParseAddOrTrimArgsOrReply)

interface AddTrimArgs {
  strategy: TrimStrategy | null;
  approx: boolean;
  /** Index of the threshold argument (its `~`/`=` is just before it, if any). */
  thresholdIdx: number;
  /** Whether a `~` or `=` was typed before the threshold. */
  specifierGiven: boolean;
  limit: number;
  noMkStream: boolean;
  id: StreamId | null;
  seqGiven: boolean;
  /** Where parsing stopped: XADD's ID position. */
  pos: number;
}

function parseAddOrTrimArgs(ctx: CommandContext, argv: string[], xadd: boolean): AddTrimArgs | Reply {
  const a: AddTrimArgs = { strategy: null, approx: false, thresholdIdx: -1, specifierGiven: false, limit: 0, noMkStream: false, id: null, seqGiven: true, pos: argv.length };
  let limitGiven = false;
  let i = 2;
  for (; i < argv.length; i++) {
    const moreargs = argv.length - 1 - i;
    const opt = argv[i];
    if (xadd && opt === '*') break;
    if ((eqi(opt, 'maxlen') || eqi(opt, 'minid')) && moreargs > 0) {
      if (a.strategy !== null) return error('ERR syntax error, MAXLEN and MINID options at the same time are not compatible');
      a.approx = false;
      a.specifierGiven = false;
      const next = argv[i + 1];
      if (moreargs >= 2 && (next === '~' || next === '=')) {
        a.approx = next === '~';
        a.specifierGiven = true;
        i++;
      }
      const threshold = argv[i + 1];
      if (eqi(opt, 'maxlen')) {
        const n = parseLongLong(threshold);
        if (n === null) return ERR.notInteger;
        if (n < 0) return error('ERR The MAXLEN argument must be >= 0.');
        a.strategy = { kind: 'maxlen', maxlen: n };
      } else {
        const p = parseId(threshold, 0, true);
        if (p === null) return INVALID_ID;
        a.strategy = { kind: 'minid', minid: p.id };
      }
      i++;
      a.thresholdIdx = i;
    } else if (eqi(opt, 'limit') && moreargs > 0) {
      const n = parseLongLong(argv[i + 1]);
      if (n === null) return ERR.notInteger;
      if (n < 0) return error('ERR The LIMIT argument must be >= 0.');
      a.limit = n;
      limitGiven = true;
      i++;
    } else if (xadd && eqi(opt, 'nomkstream')) {
      a.noMkStream = true;
    } else if (xadd) {
      const p = parseId(opt, 0, true, true);
      if (p === null) return INVALID_ID;
      a.id = p.id;
      a.seqGiven = p.seqGiven;
      break;
    } else {
      return ERR.syntax;
    }
  }
  a.pos = i;
  if (a.limit > 0 && a.strategy === null) return error('ERR syntax error, LIMIT cannot be used without specifying a trimming strategy');
  if (!xadd && a.strategy === null) return error('ERR syntax error, XTRIM must be called with a trimming strategy');
  if (ctx.fromMaster) {
    // The master rewrote the threshold to what it trimmed: apply it exactly, with no limit.
    a.limit = 0;
  } else if (limitGiven) {
    if (!a.approx) return error('ERR syntax error, LIMIT cannot be used without the special ~ option');
  } else {
    // 100 × stream-node-max-entries for `~`; no limit for an exact trim.
    a.limit = a.approx ? 10000 : 0;
  }
  return a;
}

/** streamRewriteApproxSpecifier + streamRewriteTrimArgument: `~ N` becomes `= <what was kept>`. */
function rewriteApproxTrim(argv: string[], a: AddTrimArgs, s: StreamValue): string[] {
  const out = argv.slice();
  out[a.thresholdIdx - 1] = '=';
  // An emptied stream's MINID becomes the largest ID there is (UINT64_MAX-UINT64_MAX), as in 7.0.
  out[a.thresholdIdx] = a.strategy!.kind === 'maxlen' ? String(s.length) : s.length > 0 ? idString(firstId(s)) : MAX_ID_TEXT;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Commands

/** XADD key [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT count]] *|id field value [field value …] */
function xaddCommand(ctx: CommandContext, argv: string[]): Reply {
  const a = parseAddOrTrimArgs(ctx, argv, true);
  if (isReply(a)) return a;
  const fieldPos = a.pos + 1;
  if (argv.length - fieldPos < 2 || (argv.length - fieldPos) % 2 === 1) return ERR.wrongArgs('xadd');
  if (a.id !== null && a.seqGiven && a.id.ms === 0 && a.id.seq === 0) {
    return error('ERR The ID specified in XADD must be greater than 0-0');
  }
  if (a.id !== null && (a.id.ms === MAX_PART || a.id.seq === MAX_PART)) {
    return error('ERR stream IDs above 2^53 are not simulated by the tutor');
  }
  const o = lookupKeyWrite(ctx, ctx.db, argv[1]);
  let s: StreamValue;
  if (o === undefined) {
    if (a.noMkStream) return NULL_ARRAY_OR_NIL;
    s = newStream();
    ctx.db.dict.set(argv[1], { type: 'stream', value: s });
  } else {
    if (typeof o === 'string' || o.type !== 'stream') return ERR.wrongType;
    s = (o as StreamObject).value;
  }
  const id = nextId(s, a, ctx.nowUnixMs);
  if (id === null) {
    if (o === undefined) ctx.db.dict.delete(argv[1]);
    return error('ERR The ID specified in XADD is equal or smaller than the target stream top item');
  }
  streamAppend(s, id, argv.slice(fieldPos));
  ctx.dirty();
  let propagated = argv;
  if (a.strategy !== null) {
    streamTrim(s, a.strategy, a.approx, a.limit);
    if (a.approx) propagated = rewriteApproxTrim(propagated, a, s);
  }
  // The ID Redis chose goes into the propagated command, so the replica stores the same one.
  if (a.id === null || !a.seqGiven) {
    if (propagated === argv) propagated = argv.slice();
    propagated[a.pos] = idString(id);
  }
  if (propagated !== argv) ctx.propagate(propagated);
  return bulk(idString(id));
}

/** XADD NOMKSTREAM on a missing key: a null bulk. */
const NULL_ARRAY_OR_NIL = NIL;

/** streamAppendItem's ID choice: `*` from the clock (streamNextID), `ms-*`, or the one given. */
function nextId(s: StreamValue, a: AddTrimArgs, nowMs: number): StreamId | null {
  const last = s.lastId;
  if (a.id === null) {
    if (nowMs > last.ms) return { ms: nowMs, seq: 0 };
    return last.seq === MAX_PART ? { ms: last.ms + 1, seq: 0 } : { ms: last.ms, seq: last.seq + 1 };
  }
  if (!a.seqGiven) {
    if (a.id.ms === last.ms) return last.seq === MAX_PART ? null : { ms: last.ms, seq: last.seq + 1 };
    return a.id.ms > last.ms ? { ms: a.id.ms, seq: 0 } : null;
  }
  return compareIds(a.id, last) > 0 ? a.id : null;
}

function xlenCommand(ctx: CommandContext, argv: string[]): Reply {
  const o = streamForRead(ctx, argv[1]);
  if (isReply(o)) return o;
  return integer(o === undefined ? 0 : o.value.length);
}

/** The interval ends of XRANGE: `-`, `+`, an ID, a bare ms, or `(` for an exclusive end. */
function parseIntervalId(s: string, missingSeq: number): { id: StreamId; exclusive: boolean } | null {
  const exclusive = s.startsWith('(') && s.length > 1;
  const p = parseId(exclusive ? s.slice(1) : s, missingSeq, exclusive);
  return p === null ? null : { id: p.id, exclusive };
}

/** XRANGE key start end [COUNT n] and XREVRANGE key end start [COUNT n]. */
function xrangeGeneric(ctx: CommandContext, argv: string[], rev: boolean): Reply {
  const startArg = rev ? argv[3] : argv[2];
  const endArg = rev ? argv[2] : argv[3];
  const start = parseIntervalId(startArg, 0);
  if (start === null) return INVALID_ID;
  const end = parseIntervalId(endArg, MAX_PART);
  if (end === null) return INVALID_ID;
  let startId = start.id;
  let endId = end.id;
  if (start.exclusive) {
    if (startId.ms === MAX_PART && startId.seq === MAX_PART) return error('ERR invalid start ID for the interval');
    startId = startId.seq === MAX_PART ? { ms: startId.ms + 1, seq: 0 } : { ms: startId.ms, seq: startId.seq + 1 };
  }
  if (end.exclusive) {
    if (endId.ms === 0 && endId.seq === 0) return error('ERR invalid end ID for the interval');
    endId = endId.seq === 0 ? { ms: endId.ms - 1, seq: MAX_PART } : { ms: endId.ms, seq: endId.seq - 1 };
  }
  let count = -1;
  for (let j = 4; j < argv.length; j++) {
    if (eqi(argv[j], 'count') && j + 1 < argv.length) {
      const n = parseLongLong(argv[j + 1]);
      if (n === null) return ERR.notInteger;
      count = Math.max(0, n);
      j++;
    } else {
      return ERR.syntax;
    }
  }
  const o = streamForRead(ctx, argv[1]);
  if (isReply(o)) return o;
  if (o === undefined) return EMPTY_ARRAY;
  if (count === 0) return NULL_ARRAY;
  const items: Reply[] = [];
  const all = [...streamEntries(o.value)];
  if (rev) all.reverse();
  for (const e of all) {
    if (compareIds(e, startId) < 0 || compareIds(e, endId) > 0) continue;
    items.push(entryReply(e));
    if (count > 0 && items.length >= count) break;
  }
  return array(items);
}

/** XDEL key id [id …]: entries removed; dirty by that many. */
function xdelCommand(ctx: CommandContext, argv: string[]): Reply {
  const ids: StreamId[] = [];
  for (let j = 2; j < argv.length; j++) {
    const p = parseId(argv[j], 0, true);
    if (p === null) return INVALID_ID;
    ids.push(p.id);
  }
  const o = lookupKeyWrite(ctx, ctx.db, argv[1]);
  if (o === undefined) return integer(0);
  if (typeof o === 'string' || o.type !== 'stream') return ERR.wrongType;
  const s = (o as StreamObject).value;
  let deleted = 0;
  for (const id of ids) {
    if (!streamDelete(s, id)) continue;
    deleted++;
    if (compareIds(id, s.maxDeletedId) > 0) s.maxDeletedId = { ...id };
  }
  if (deleted > 0) ctx.dirty(deleted);
  return integer(deleted);
}

/** XTRIM key MAXLEN|MINID [=|~] threshold [LIMIT count]: entries removed. */
function xtrimCommand(ctx: CommandContext, argv: string[]): Reply {
  const a = parseAddOrTrimArgs(ctx, argv, false);
  if (isReply(a)) return a;
  const o = lookupKeyWrite(ctx, ctx.db, argv[1]);
  if (o === undefined) return integer(0);
  if (typeof o === 'string' || o.type !== 'stream') return ERR.wrongType;
  const s = (o as StreamObject).value;
  const deleted = streamTrim(s, a.strategy!, a.approx, a.limit);
  if (deleted > 0) {
    ctx.dirty(deleted);
    if (a.approx) ctx.propagate(rewriteApproxTrim(argv, a, s));
  }
  return integer(deleted);
}

/** XREAD [COUNT n] [BLOCK ms] STREAMS key … id …: entries after each ID; nil when there are none. */
function xreadCommand(ctx: CommandContext, argv: string[]): Reply {
  let count = 0;
  let block = false;
  let streamsArg = 0;
  for (let i = 1; i < argv.length; i++) {
    const moreargs = argv.length - i - 1;
    const o = argv[i];
    if (eqi(o, 'block') && moreargs > 0) {
      i++;
      const n = parseLongLong(argv[i]);
      if (n === null) return error('ERR timeout is not an integer or out of range');
      if (n < 0) return error('ERR timeout is negative');
      block = true;
    } else if (eqi(o, 'count') && moreargs > 0) {
      i++;
      const n = parseLongLong(argv[i]);
      if (n === null) return ERR.notInteger;
      count = Math.max(0, n);
    } else if (eqi(o, 'streams') && moreargs > 0) {
      streamsArg = i + 1;
      if ((argv.length - streamsArg) % 2 !== 0) {
        return error("ERR Unbalanced 'xread' list of streams: for each stream key an ID or '$' must be specified.");
      }
      break;
    } else if (eqi(o, 'group') && moreargs >= 2) {
      return error('ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.');
    } else if (eqi(o, 'noack')) {
      return error('ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.');
    } else {
      return ERR.syntax;
    }
  }
  if (streamsArg === 0) return ERR.syntax;
  const n = (argv.length - streamsArg) / 2;
  const after: StreamId[] = [];
  for (let k = 0; k < n; k++) {
    const key = argv[streamsArg + k];
    const idArg = argv[streamsArg + n + k];
    const o = streamForRead(ctx, key);
    if (isReply(o)) return o;
    if (idArg === '$') {
      after.push(o === undefined ? { ms: 0, seq: 0 } : { ...o.value.lastId });
      continue;
    }
    if (idArg === '>') {
      return error('ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.');
    }
    const p = parseId(idArg, 0, false);
    if (p === null) return INVALID_ID;
    after.push(p.id);
  }
  const out: Reply[] = [];
  for (let k = 0; k < n; k++) {
    const key = argv[streamsArg + k];
    const o = streamForRead(ctx, key) as StreamObject | undefined;
    if (o === undefined) continue;
    const s = o.value;
    if (compareIds(s.lastId, after[k]) <= 0) continue;
    const items: Reply[] = [];
    for (const e of streamEntries(s)) {
      if (compareIds(e, after[k]) <= 0) continue;
      items.push(entryReply(e));
      if (count > 0 && items.length >= count) break;
    }
    if (items.length === 0) continue;
    out.push(array([bulk(key), array(items)]));
  }
  if (out.length > 0) return array(out);
  if (block && !ctx.fromMaster) {
    return error('ERR XREAD BLOCK waiting for new entries is not simulated by the tutor (without BLOCK, XREAD answers at once)');
  }
  return NULL_ARRAY;
}

export const streamCommands: CommandSpec[] = [
  command('xadd', -5, ['write', 'denyoom', 'fast'], ONE_KEY, xaddCommand),
  command('xlen', 2, ['readonly', 'fast'], ONE_KEY, xlenCommand),
  command('xrange', -4, ['readonly'], ONE_KEY, (ctx, argv) => xrangeGeneric(ctx, argv, false)),
  command('xrevrange', -4, ['readonly'], ONE_KEY, (ctx, argv) => xrangeGeneric(ctx, argv, true)),
  command('xdel', -3, ['write', 'fast'], ONE_KEY, xdelCommand),
  command('xtrim', -4, ['write'], ONE_KEY, xtrimCommand),
  command('xread', -4, ['readonly'], [0, 0, 0], xreadCommand),
];
