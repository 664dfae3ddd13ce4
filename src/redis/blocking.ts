/**
 * Blocking pops (blocked.c, and the blocking halves of t_list.c and t_zset.c, Redis 7.0): BLPOP,
 * BRPOP, BRPOPLPUSH, BLMOVE, BLMPOP, BZPOPMIN, BZPOPMAX, BZMPOP. A client that finds every key
 * empty blocks on them (blockForKeys); a write that creates one of those keys makes it ready
 * (signalKeyAsReady), and once that command is done the server serves the clients blocked on it,
 * first blocked first served (handleClientsBlockedOnKeys). A served pop is propagated as its
 * non-blocking form (LPOP, RPOP, LMOVE, RPOPLPUSH, ZPOPMIN, ZPOPMAX), on its own, after the write
 * that served it. Timeouts run on the virtual clock.
 */

import type { CommandFlag } from './command-types.js';
import type { CollectionValue } from './keyspace.js';
import { ERR, NIL, NIL_ARRAY, error, isReply, type Reply } from './reply.js';
import { NO_REPLY, answerLocal, drainPending, replySummary, type Client, type RedisServer, type ServerCommandSpec, type ServerContext } from './server.js';
import { longDoubleSecondsToMsCeil, parseLongDouble } from './commands/numbers.js';
import { firstNonEmptyList, listEnd, lmoveGeneric, parseMpop, popListWithKey, type ListValue } from './commands/lists.js';
import { firstZset, popZsetWithKey, type ZsetValue } from './commands/zsets.js';
import { lookupTyped } from './commands/expire.js';
import { touchWatchedKey } from './watch.js';

/** A client blocked on keys (client.bpop): what it waits for and what it does once served. */
export interface BlockedPop {
  readonly client: Client;
  /** The type of value that serves it (btype: BLOCKED_LIST or BLOCKED_ZSET). */
  readonly type: 'list' | 'zset';
  readonly db: number;
  /** The keys it waits on, each once, in the order given. */
  readonly keys: readonly string[];
  /** The command as typed (for the trace). */
  readonly argv: readonly string[];
  /** The pop it runs on the key found ready: replies, and propagates its non-blocking form. */
  serve(ctx: ServerContext, key: string, value: CollectionValue): Reply;
  /** What a timeout answers: a nil array, or a nil bulk for BLMOVE/BRPOPLPUSH. */
  readonly nil: Reply;
  timer: { cancel(): void } | null;
}

/** One key clients block on (an entry of redisDb.blocking_keys): who waits, first blocked first. */
export interface BlockingKey {
  readonly db: number;
  readonly key: string;
  readonly clients: BlockedPop[];
}

const TIMEOUT_NOT_FLOAT = error('ERR timeout is not a float or out of range');
const TIMEOUT_NEGATIVE = error('ERR timeout is negative');
const UNBLOCKED_STATE = error('UNBLOCKED force unblock from blocking operation, instance state changed (master -> replica?)');
const LLONG_MAX = (1n << 63n) - 1n;

/**
 * getTimeoutFromObjectOrReply(UNIT_SECONDS), 7.0: seconds as a long double (strtold: decimal, hex,
 * inf; no leading space), times 1000, rounded up to whole ms. Returns the ms (0 = block forever)
 * or the error. 7.0 quirks kept: a product of 2^63 ms or more (1e16, inf) overflows the cast to a
 * negative number ("timeout is negative"); -0.0001 rounds up to 0 and blocks forever.
 */
export function parseBlockTimeout(arg: string, nowUnixMs: number): number | Reply {
  const ld = parseLongDouble(arg);
  if (ld === null) return TIMEOUT_NOT_FLOAT;
  const ms = longDoubleSecondsToMsCeil(ld);
  if (ms === 'inf' || ms < 0n || ms > LLONG_MAX) return TIMEOUT_NEGATIVE;
  // tval + mstime() past LLONG_MAX wraps around: such a deadline never comes.
  if (ms > LLONG_MAX - BigInt(nowUnixMs) || ms > BigInt(Number.MAX_SAFE_INTEGER)) return 0;
  return Number(ms);
}

/** `db:key`, the blocking_keys entry of a key (one map for all databases). */
function slot(db: number, key: string): string {
  return `${db}:${key}`;
}

/** How the trace names a client: its real address in serve mode, else the made-up local one. */
function clientName(c: Client): string {
  return c.addr ?? `127.0.0.1:${c.peerPort}`;
}

/**
 * blockForKeys(): the client waits on `keys` until one holds a value of `type`, or `timeoutMs`
 * passes (0: forever). Returns NO_REPLY; or `nil` at once when the client may not block
 * (CLIENT_DENY_BLOCKING: inside MULTI/EXEC, or a connection nobody reads a reply from).
 */
function blockForKeys(
  ctx: ServerContext,
  argv: string[],
  type: 'list' | 'zset',
  keys: readonly string[],
  timeoutMs: number,
  nil: Reply,
  serve: BlockedPop['serve'],
): Reply | null {
  const server = ctx.server;
  const c = ctx.client;
  if (server.inExec || c.replyTo === null) return nil;
  const distinct = [...new Set(keys)];
  const b: BlockedPop = { client: c, type, db: c.db, keys: distinct, argv, serve, nil, timer: null };
  for (const key of distinct) {
    const s = slot(b.db, key);
    const entry = server.blockingKeys.get(s);
    if (entry === undefined) server.blockingKeys.set(s, { db: b.db, key, clients: [b] });
    else entry.clients.push(b);
  }
  if (timeoutMs > 0) {
    const fireAt = timeoutTick(server, server.now + timeoutMs);
    b.timer = server.world.scheduler.at(fireAt, { kind: 'blockedTimeout', port: server.port }, () =>
      server.dispatch(() => {
        if (c.blockedPop !== b) return;
        unblockPop(server, b);
        server.emit({ type: 'pop.unblock', port: server.port, client: clientName(c), command: argv[0].toUpperCase(), how: 'timeout', reply: replySummary(nil) });
        answerLocal(c, nil);
        drainPending(c);
      }),
    );
  }
  c.blockedPop = b;
  c.blocked = { cancel: () => unblockPop(server, b) };
  server.emit({ type: 'pop.block', port: server.port, client: clientName(c), argv: [...argv], keys: [...distinct], timeoutMs });
  return NO_REPLY;
}

/**
 * When a deadline is noticed: blocked clients' timeouts are checked each time the event loop
 * wakes (beforeSleep → handleBlockedClientsTimeout), and an idle server wakes for serverCron, hz
 * times a second counted from its start — so the first tick after the deadline. `BLPOP q 1`
 * answers after 1.0x s, as real redis-cli's timing line shows.
 */
function timeoutTick(server: RedisServer, deadlineMs: number): number {
  const hz = Math.min(500, Math.max(1, server.config.getInt('hz')));
  const periodMs = 1000 / hz;
  const ticks = Math.floor((deadlineMs - server.startedMs) / periodMs) + 1;
  return Math.ceil(server.startedMs + ticks * periodMs);
}

/** unblockClient()'s bookkeeping: the client leaves every key it waited on; its timer stops. */
function unblockPop(server: RedisServer, b: BlockedPop): void {
  const c = b.client;
  if (c.blockedPop !== b) return;
  c.blockedPop = null;
  c.blocked = null;
  b.timer?.cancel();
  for (const key of b.keys) {
    const s = slot(b.db, key);
    const entry = server.blockingKeys.get(s);
    if (entry === undefined) continue;
    const i = entry.clients.indexOf(b);
    if (i >= 0) entry.clients.splice(i, 1);
    if (entry.clients.length === 0) server.blockingKeys.delete(s);
  }
}

/** Does `value` serve a client blocked for `type` (a list for BLPOP, a sorted set for BZPOPMIN)? */
function serves(value: CollectionValue | string | undefined, type: 'list' | 'zset'): value is CollectionValue {
  return value !== undefined && typeof value !== 'string' && value.type === type;
}

/**
 * signalKeyAsReady(), after a write ran (call()): the keys clients block on that it created — a
 * blocked-on key never holds a value that serves its clients between commands, so one that does
 * now was just made. In the order the command names them (RPUSH b, then a MULTI's RPUSH a: b
 * first), others (SWAPDB, MOVE) after, in the order they were first blocked on.
 */
export function signalReadyKeys(server: RedisServer, argv: readonly string[]): void {
  const found: BlockingKey[] = [];
  for (const [s, entry] of server.blockingKeys) {
    if (server.readyKeys.includes(s)) continue;
    const value = server.dbs[entry.db].dict.get(entry.key);
    if (entry.clients.some((b) => serves(value, b.type))) found.push(entry);
  }
  if (found.length === 0) return;
  const position = (e: BlockingKey) => {
    const i = argv.indexOf(e.key, 1);
    return i < 0 ? argv.length : i;
  };
  found.sort((a, b) => position(a) - position(b));
  for (const e of found) server.readyKeys.push(slot(e.db, e.key));
}

/**
 * handleClientsBlockedOnKeys(), after the command that made keys ready (processCommand): for each
 * ready key, serve the clients blocked on it in the order they blocked, while it still holds a
 * value; a served BLMOVE's push may make its destination ready in turn. Each pop replies to its
 * client and is propagated on its own (afterCommand per client). The clients' next commands run
 * once every ready key was handled (processUnblockedClients).
 */
export function handleClientsBlockedOnKeys(server: RedisServer): void {
  const served: Client[] = [];
  while (server.readyKeys.length > 0) {
    const ready = server.readyKeys.splice(0);
    for (const s of ready) {
      const entry = server.blockingKeys.get(s);
      if (entry === undefined) continue;
      const key = entry.key;
      for (const b of [...entry.clients]) {
        const value = server.dbs[b.db].dict.get(key);
        if (value === undefined) break;
        if (!serves(value, b.type) || b.client.blockedPop !== b) continue;
        const c = b.client;
        unblockPop(server, b);
        const reply = server.runForClient(c, (ctx) => b.serve(ctx, key, value));
        // A served BLMOVE's push may create a key others wait on (lmoveHandlePush → dbAdd).
        if (server.blockingKeys.size > 0) signalReadyKeys(server, b.argv);
        server.emit({ type: 'pop.unblock', port: server.port, client: clientName(c), command: b.argv[0].toUpperCase(), how: 'served', key, reply: replySummary(reply) });
        answerLocal(c, reply);
        served.push(c);
      }
    }
  }
  for (const c of served) drainPending(c);
}

/**
 * disconnectAllBlockedClients(), as a master becomes a replica: every blocked pop gets -UNBLOCKED
 * and its connection closes after the reply (CLIENT_CLOSE_AFTER_REPLY).
 */
export function disconnectAllBlockedClients(server: RedisServer): void {
  for (const c of [...server.clients.values()]) {
    const b = c.blockedPop;
    if (b === null) continue;
    unblockPop(server, b);
    server.emit({ type: 'pop.unblock', port: server.port, client: clientName(c), command: b.argv[0].toUpperCase(), how: 'unblocked', reply: replySummary(UNBLOCKED_STATE) });
    server.stat.totalErrorReplies++;
    answerLocal(c, UNBLOCKED_STATE);
    server.freeClient(c, 'UNBLOCKED');
  }
}

/** A served pop touches the keys it changed for WATCH (signalModifiedKey). */
function touched(ctx: ServerContext, ...keys: string[]): void {
  if (ctx.server.watchedKeys.size === 0) return;
  for (const k of keys) touchWatchedKey(ctx.server, ctx.db.id, k);
}

// ---------------------------------------------------------------------------------------------
// The commands
// ---------------------------------------------------------------------------------------------

/**
 * blockingPopGenericCommand: BLPOP/BRPOP key [key ...] timeout, and BLMPOP (`count` ≥ 1). Pops
 * from the first non-empty list (propagated as LPOP/RPOP), else blocks on every key.
 */
function blockingListPop(ctx: ServerContext, argv: string[], keys: string[], head: boolean, timeoutArg: string, count: number): Reply | null {
  const timeout = parseBlockTimeout(timeoutArg, ctx.nowUnixMs);
  if (typeof timeout !== 'number') return timeout;
  const found = firstNonEmptyList(ctx, keys);
  if (found !== undefined) return isReply(found) ? found : popListWithKey(ctx, found.key, found.list, head, count);
  return blockForKeys(ctx, argv, 'list', keys, timeout, NIL_ARRAY, (sctx, key, value) => {
    touched(sctx, key);
    return popListWithKey(sctx, key, value as ListValue, head, count);
  });
}

/**
 * blmoveGenericCommand: BLMOVE / BRPOPLPUSH. With elements, an LMOVE propagated as `LMOVE src dst
 * wherefrom whereto` (the ends as typed) or `RPOPLPUSH src dst`; else blocks on the source. Served
 * later, it propagates the ends in lower case ("left"/"right", as 7.0's shared objects are), and a
 * destination of the wrong type answers WRONGTYPE and pops nothing.
 */
function blockingMove(ctx: ServerContext, argv: string[], fromHead: boolean, toHead: boolean, timeoutArg: string, rpoplpush: boolean): Reply | null {
  const timeout = parseBlockTimeout(timeoutArg, ctx.nowUnixMs);
  if (typeof timeout !== 'number') return timeout;
  const src = argv[1];
  const dst = argv[2];
  const source = lookupTyped(ctx, src, 'list', 'write');
  if (source !== undefined && isReply(source)) return source;
  if (source !== undefined) {
    return lmoveGeneric(ctx, src, dst, fromHead, toHead, rpoplpush ? ['RPOPLPUSH', src, dst] : ['LMOVE', src, dst, argv[3], argv[4]]);
  }
  const end = (head: boolean) => (head ? 'left' : 'right');
  return blockForKeys(ctx, argv, 'list', [src], timeout, NIL, (sctx) => {
    const reply = lmoveGeneric(sctx, src, dst, fromHead, toHead, rpoplpush ? ['RPOPLPUSH', src, dst] : ['LMOVE', src, dst, end(fromHead), end(toHead)]);
    if (reply.kind !== 'error') touched(sctx, src, dst);
    else sctx.server.stat.totalErrorReplies++;
    return reply;
  });
}

/** blockingGenericZpopCommand: BZPOPMIN/BZPOPMAX key [key ...] timeout, and BZMPOP (`count` ≥ 1). */
function blockingZsetPop(ctx: ServerContext, argv: string[], keys: string[], max: boolean, timeoutArg: string, count: number): Reply | null {
  const timeout = parseBlockTimeout(timeoutArg, ctx.nowUnixMs);
  if (typeof timeout !== 'number') return timeout;
  const found = firstZset(ctx, keys);
  if (found !== undefined) return isReply(found) ? found : popZsetWithKey(ctx, found.key, found.zset, max, count);
  return blockForKeys(ctx, argv, 'zset', keys, timeout, NIL_ARRAY, (sctx, key, value) => {
    touched(sctx, key);
    return popZsetWithKey(sctx, key, value as ZsetValue, max, count);
  });
}

function blmpop(ctx: ServerContext, argv: string[], type: 'list' | 'zset'): Reply | null {
  const args = parseMpop(argv, 2, type === 'list' ? ['left', 'right'] : ['min', 'max']);
  if (isReply(args)) return args;
  if (type === 'list') return blockingListPop(ctx, argv, args.keys, args.head, argv[1], args.count);
  return blockingZsetPop(ctx, argv, args.keys, !args.head, argv[1], args.count);
}

function spec(name: string, arity: number, flags: CommandFlag[], keys: [number, number, number], handler: ServerCommandSpec['handler']): ServerCommandSpec {
  return { name, arity, flags, firstKey: keys[0], lastKey: keys[1], keyStep: keys[2], handler };
}

const KEYS_THEN_TIMEOUT: [number, number, number] = [1, -2, 1];
const SOURCE_DESTINATION: [number, number, number] = [1, 2, 1];
const MOVABLE_KEYS: [number, number, number] = [0, 0, 0];

/** The blocking commands, for the server's command table. */
export const blockingCommands: ServerCommandSpec[] = [
  spec('blpop', -3, ['write', 'noscript'], KEYS_THEN_TIMEOUT, (ctx, argv) => blockingListPop(ctx, argv, argv.slice(1, -1), true, argv[argv.length - 1], -1)),
  spec('brpop', -3, ['write', 'noscript'], KEYS_THEN_TIMEOUT, (ctx, argv) => blockingListPop(ctx, argv, argv.slice(1, -1), false, argv[argv.length - 1], -1)),
  spec('brpoplpush', 4, ['write', 'denyoom', 'noscript'], SOURCE_DESTINATION, (ctx, argv) => blockingMove(ctx, argv, false, true, argv[3], true)),
  spec('blmove', 6, ['write', 'denyoom', 'noscript'], SOURCE_DESTINATION, (ctx, argv) => {
    const from = listEnd(argv[3]);
    const to = listEnd(argv[4]);
    if (from === null || to === null) return ERR.syntax;
    return blockingMove(ctx, argv, from, to, argv[5], false);
  }),
  spec('blmpop', -5, ['write'], MOVABLE_KEYS, (ctx, argv) => blmpop(ctx, argv, 'list')),
  spec('bzpopmin', -3, ['write', 'noscript', 'fast'], KEYS_THEN_TIMEOUT, (ctx, argv) => blockingZsetPop(ctx, argv, argv.slice(1, -1), false, argv[argv.length - 1], -1)),
  spec('bzpopmax', -3, ['write', 'noscript', 'fast'], KEYS_THEN_TIMEOUT, (ctx, argv) => blockingZsetPop(ctx, argv, argv.slice(1, -1), true, argv[argv.length - 1], -1)),
  spec('bzmpop', -5, ['write'], MOVABLE_KEYS, (ctx, argv) => blmpop(ctx, argv, 'zset')),
];
