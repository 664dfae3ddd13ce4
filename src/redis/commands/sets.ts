/**
 * Set commands (t_set.c, Redis 7.0). Reply order: a set whose members are all integers (≤ 512,
 * Redis's intset) iterates in ascending numeric order, like real Redis; others in insertion order.
 */

import type { CommandContext, CommandSpec } from '../command-types.js';
import { ERR, NIL, EMPTY_ARRAY, bulk, bulkArray, error, integer, isReply, type Reply } from '../reply.js';
import { dbDelete, lookupTyped } from './expire.js';
import { parseLongLong } from './numbers.js';
import { ALL_KEYS, ONE, ONE_KEY, ZERO, command, parsePositiveArg, setKey, removeMembers } from './shared.js';

type SetValue = { type: 'set'; value: Set<string> };

/** set-max-intset-entries (default 512). */
const MAX_INTSET_ENTRIES = 512;

/** The members in the order Redis would iterate them (sorted when it would be an intset). */
export function setMembersInOrder(set: Set<string>): string[] {
  const members = Array.from(set);
  if (members.length > MAX_INTSET_ENTRIES) return members;
  const nums: number[] = [];
  for (const m of members) {
    const n = parseLongLong(m);
    if (n === null) return members;
    nums.push(n);
  }
  const idx = members.map((_, i) => i);
  idx.sort((a, b) => nums[a] - nums[b] || (members[a].length - members[b].length));
  return idx.map((i) => members[i]);
}

function saddCommand(ctx: CommandContext, argv: string[]): Reply {
  const found = lookupTyped(ctx, argv[1], 'set', 'write');
  let s: SetValue;
  if (found === undefined) {
    s = { type: 'set', value: new Set() };
    ctx.db.dict.set(argv[1], s);
  } else if (isReply(found)) {
    return found;
  } else {
    s = found;
  }
  let added = 0;
  for (let j = 2; j < argv.length; j++) {
    if (!s.value.has(argv[j])) {
      s.value.add(argv[j]);
      added++;
    }
  }
  if (added > 0) ctx.dirty(added);
  return integer(added);
}

function sremCommand(ctx: CommandContext, argv: string[]): Reply {
  const s = lookupTyped(ctx, argv[1], 'set', 'write');
  if (s === undefined) return ZERO;
  if (isReply(s)) return s;
  return removeMembers(ctx, argv, s.value);
}

function smembersCommand(ctx: CommandContext, argv: string[]): Reply {
  const s = lookupTyped(ctx, argv[1], 'set', 'read');
  if (s === undefined) return EMPTY_ARRAY;
  if (isReply(s)) return s;
  return bulkArray(setMembersInOrder(s.value));
}

function sismemberCommand(ctx: CommandContext, argv: string[]): Reply {
  const s = lookupTyped(ctx, argv[1], 'set', 'read');
  if (s === undefined) return ZERO;
  if (isReply(s)) return s;
  return s.value.has(argv[2]) ? ONE : ZERO;
}

function scardCommand(ctx: CommandContext, argv: string[]): Reply {
  const s = lookupTyped(ctx, argv[1], 'set', 'read');
  if (s === undefined) return ZERO;
  if (isReply(s)) return s;
  return integer(s.value.size);
}

/** A random member (ctx.rng), from the members in iteration order. */
function randomMember(ctx: CommandContext, members: string[]): string {
  return members[ctx.rng.int(members.length)];
}

/**
 * SPOP key [count]. Each popped member is propagated as its own `SREM key member` (several are
 * wrapped in MULTI/EXEC by the server); popping the whole set is propagated as `DEL key`.
 */
function spopCommand(ctx: CommandContext, argv: string[]): Reply {
  if (argv.length > 3) return ERR.syntax;
  if (argv.length === 3) return spopWithCount(ctx, argv);
  const s = lookupTyped(ctx, argv[1], 'set', 'write');
  if (s === undefined) return NIL;
  if (isReply(s)) return s;
  const member = randomMember(ctx, setMembersInOrder(s.value));
  s.value.delete(member);
  ctx.propagate(['SREM', argv[1], member]);
  if (s.value.size === 0) dbDelete(ctx.db, argv[1]);
  ctx.dirty();
  return bulk(member);
}

function spopWithCount(ctx: CommandContext, argv: string[]): Reply {
  const count = parsePositiveArg(argv[2]);
  if (typeof count !== 'number') return count;
  const s = lookupTyped(ctx, argv[1], 'set', 'write');
  if (s === undefined) return EMPTY_ARRAY;
  if (isReply(s)) return s;
  if (count === 0) return EMPTY_ARRAY;
  const members = setMembersInOrder(s.value);
  if (count >= members.length) {
    dbDelete(ctx.db, argv[1]);
    ctx.dirty(members.length);
    ctx.propagate(['DEL', argv[1]]);
    return bulkArray(members);
  }
  const popped: string[] = [];
  for (let i = 0; i < count; i++) {
    const j = ctx.rng.int(members.length);
    const m = members[j];
    members[j] = members[members.length - 1];
    members.pop();
    s.value.delete(m);
    popped.push(m);
    ctx.propagate(['SREM', argv[1], m]);
  }
  ctx.dirty(count);
  return bulkArray(popped);
}

/** SRANDMEMBER key [count]: count > 0 distinct members, count < 0 with repetitions. */
function srandmemberCommand(ctx: CommandContext, argv: string[]): Reply {
  if (argv.length > 3) return ERR.syntax;
  if (argv.length === 2) {
    const s = lookupTyped(ctx, argv[1], 'set', 'read');
    if (s === undefined) return NIL;
    if (isReply(s)) return s;
    return bulk(randomMember(ctx, setMembersInOrder(s.value)));
  }
  const count = parseLongLong(argv[2]);
  if (count === null) return ERR.notInteger;
  // LLONG_MIN + 1 as the nearest double, -(2^63): only LLONG_MIN itself is refused.
  if (count < -(2 ** 63)) {
    return error('ERR value is out of range, must be between -9223372036854775807 and 9223372036854775807');
  }
  const s = lookupTyped(ctx, argv[1], 'set', 'read');
  if (s === undefined) return EMPTY_ARRAY;
  if (isReply(s)) return s;
  if (count === 0) return EMPTY_ARRAY;
  const members = setMembersInOrder(s.value);
  if (count < 0) {
    const out: string[] = [];
    for (let i = 0; i < -count; i++) out.push(randomMember(ctx, members));
    return bulkArray(out);
  }
  if (count >= members.length) return bulkArray(members);
  const pool = members.slice();
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const j = ctx.rng.int(pool.length);
    out.push(pool[j]);
    pool[j] = pool[pool.length - 1];
    pool.pop();
  }
  return bulkArray(out);
}

/**
 * The members of SINTER / SUNION / SDIFF over argv[from…] (a missing key is an empty set), or
 * the error. Every key is type-checked first, even after a missing key has made an intersection
 * empty (7.0.15). The *STORE variants look their sources up for writing, like 7.0.
 */
function setAlgebra(ctx: CommandContext, argv: string[], from: number, op: 'inter' | 'union' | 'diff', forStore: boolean): string[] | Reply {
  const sets: Array<Set<string> | null> = [];
  for (let j = from; j < argv.length; j++) {
    const s = lookupTyped(ctx, argv[j], 'set', forStore ? 'write' : 'read');
    if (s !== undefined && isReply(s)) return s;
    sets.push(s === undefined ? null : s.value);
  }
  const result = new Set<string>();
  if (op === 'inter') {
    if (sets.some((s) => s === null)) return [];
    const sorted = (sets as Set<string>[]).slice().sort((a, b) => a.size - b.size);
    for (const m of setMembersInOrder(sorted[0])) {
      if (sorted.every((s) => s.has(m))) result.add(m);
    }
    return Array.from(result);
  }
  if (op === 'union') {
    for (const s of sets) if (s) for (const m of s) result.add(m);
  } else {
    const first = sets[0];
    if (first) {
      for (const m of first) result.add(m);
      for (let i = 1; i < sets.length; i++) {
        const s = sets[i];
        if (s) for (const m of s) result.delete(m);
      }
    }
  }
  return setMembersInOrder(result);
}

function setAlgebraCommand(ctx: CommandContext, argv: string[], op: 'inter' | 'union' | 'diff'): Reply {
  const members = setAlgebra(ctx, argv, 1, op, false);
  return Array.isArray(members) ? bulkArray(members) : members;
}

/**
 * SINTERSTORE / SUNIONSTORE / SDIFFSTORE destination key…: a non-empty result overwrites the
 * destination whatever its type (dropping its TTL); an empty one deletes it. 7.0.15 dirties the
 * dataset only when something was stored or deleted, so an empty result over a missing
 * destination is not propagated.
 */
function setAlgebraStore(ctx: CommandContext, argv: string[], op: 'inter' | 'union' | 'diff'): Reply {
  const members = setAlgebra(ctx, argv, 2, op, true);
  if (!Array.isArray(members)) return members;
  const dst = argv[1];
  if (members.length > 0) {
    setKey(ctx.db, dst, { type: 'set', value: new Set(members) });
    ctx.dirty();
    return integer(members.length);
  }
  if (dbDelete(ctx.db, dst)) ctx.dirty();
  return ZERO;
}

/**
 * SMOVE source destination member. Both keys are type-checked after a missing source answers 0;
 * moving within one set answers whether the member is there and changes nothing.
 */
function smoveCommand(ctx: CommandContext, argv: string[]): Reply {
  const src = lookupTyped(ctx, argv[1], 'set', 'write');
  const dst = lookupTyped(ctx, argv[2], 'set', 'write');
  if (src === undefined) return ZERO;
  if (isReply(src)) return src;
  if (dst !== undefined && isReply(dst)) return dst;
  const member = argv[3];
  if (src === dst) return src.value.has(member) ? ONE : ZERO;
  if (!src.value.delete(member)) return ZERO;
  if (src.value.size === 0) dbDelete(ctx.db, argv[1]);
  let target = dst;
  if (target === undefined) {
    target = { type: 'set', value: new Set() };
    ctx.db.dict.set(argv[2], target);
  }
  ctx.dirty();
  if (!target.value.has(member)) {
    target.value.add(member);
    ctx.dirty();
  }
  return ONE;
}

/** SMISMEMBER key member…: 1 or 0 per member; a missing key answers all zeros. */
function smismemberCommand(ctx: CommandContext, argv: string[]): Reply {
  const s = lookupTyped(ctx, argv[1], 'set', 'read');
  if (s !== undefined && isReply(s)) return s;
  const items: Reply[] = [];
  for (let j = 2; j < argv.length; j++) items.push(s?.value.has(argv[j]) ? ONE : ZERO);
  return { kind: 'array', items };
}

const RF = ['readonly', 'fast'] as const;

export const setCommands: CommandSpec[] = [
  command('sadd', -3, ['write', 'denyoom', 'fast'], ONE_KEY, saddCommand),
  command('srem', -3, ['write', 'fast'], ONE_KEY, sremCommand),
  command('smembers', 2, ['readonly'], ONE_KEY, smembersCommand),
  command('sismember', 3, RF, ONE_KEY, sismemberCommand),
  command('scard', 2, RF, ONE_KEY, scardCommand),
  command('spop', -2, ['write', 'fast'], ONE_KEY, spopCommand),
  command('srandmember', -2, ['readonly'], ONE_KEY, srandmemberCommand),
  command('smismember', -3, RF, ONE_KEY, smismemberCommand),
  command('smove', 4, ['write', 'fast'], [1, 2, 1], smoveCommand),
  command('sinter', -2, ['readonly'], ALL_KEYS, (ctx, argv) => setAlgebraCommand(ctx, argv, 'inter')),
  command('sunion', -2, ['readonly'], ALL_KEYS, (ctx, argv) => setAlgebraCommand(ctx, argv, 'union')),
  command('sdiff', -2, ['readonly'], ALL_KEYS, (ctx, argv) => setAlgebraCommand(ctx, argv, 'diff')),
  command('sinterstore', -3, ['write', 'denyoom'], ALL_KEYS, (ctx, argv) => setAlgebraStore(ctx, argv, 'inter')),
  command('sunionstore', -3, ['write', 'denyoom'], ALL_KEYS, (ctx, argv) => setAlgebraStore(ctx, argv, 'union')),
  command('sdiffstore', -3, ['write', 'denyoom'], ALL_KEYS, (ctx, argv) => setAlgebraStore(ctx, argv, 'diff')),
];
