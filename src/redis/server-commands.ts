/**
 * Server-level commands (server.c, multi.c, config.c, replication.c, debug.c, networking.c
 * command handlers): connection, transactions, INFO, CONFIG, persistence, DEBUG, CLIENT, ROLE,
 * REPLICAOF, WAIT, SYNC/PSYNC/REPLCONF, SHUTDOWN, COMMAND; and the merged command table.
 */

import type { CommandFlag, CommandSpec } from './command-types.js';
import { CONFIG_DEFS, findConfig, normalizeConfigValue } from './config.js';
import { genRedisInfoString } from './info.js';
import { ERR, OK, array, bulk, bulkArray, error, integer, status, type Reply } from './reply.js';
import {
  changeReplicationId,
  feedReplicationStream,
  replconfCommand,
  replicaOutputBufferBytes,
  replicationSetMaster,
  replicationUnsetMaster,
  startBgsave,
  syncCommand,
  waitCommand,
} from './replication.js';
import { reloadDataOnly, saveToDisk } from './persistence.js';
import { OOM_TEXT } from './memory-budget.js';
import { lookupKeyWrite } from './commands/expire.js';
import { selectDbIndex } from './commands/index.js';
import { findCommandDoc } from './command-docs.js';
import { DEBUG_HELP_LINES } from './debug-help.js';
import { failoverCommand } from './failover.js';
import { memoryUsage } from './memory-usage.js';
import { datasetDigest, valueDigest } from './digest.js';
import { isWatchedKeyExpired, unwatchAllKeys, watchForKey } from './watch.js';
import { blockingCommands } from './blocking.js';
import { pubsubCommands, subscriptionCounts, inSubscribedMode } from './pubsub.js';
import { connectionCommands } from './connection-commands.js';
import {
  GETACK_FRAME,
  NO_REPLY,
  commandEntry,
  runPausedCommands,
  unblockClient,
  type CommandEntry,
  type RedisServer,
  type ServerCommandSpec,
  type ShutdownPending,
  type Client,
} from './server.js';

type Spec = ServerCommandSpec;

function spec(
  name: string,
  arity: number,
  flags: CommandFlag[],
  handler: Spec['handler'],
  keys: [number, number, number] = [0, 0, 0],
): Spec {
  return { name, arity, flags, firstKey: keys[0], lastKey: keys[1], keyStep: keys[2], handler };
}

const isInt = (s: string) => /^-?\d+$/.test(s);

function subcommandError(sub: string, cmd: string): Reply {
  return error(`ERR unknown subcommand '${sub}'. Try ${cmd} HELP.`);
}

// ---------------------------------------------------------------------------------------------
// SELECT (the other connection/keyspace basics are data commands: src/redis/commands/server.ts)
// ---------------------------------------------------------------------------------------------

const select = spec('select', 2, ['loading', 'stale', 'fast'], (ctx, argv) => {
  const id = selectDbIndex(argv, ctx.dbs.length);
  if (typeof id !== 'number') return id;
  ctx.client.db = id;
  ctx.db = ctx.dbs[id];
  return OK;
});

// ---------------------------------------------------------------------------------------------
// Transactions (multi.c)
// ---------------------------------------------------------------------------------------------

const multi = spec('multi', 1, ['loading', 'stale', 'fast'], (ctx) => {
  if (ctx.client.multi !== null) return error('ERR MULTI calls can not be nested');
  ctx.client.multi = [];
  ctx.client.multiError = false;
  return OK;
});

const discard = spec('discard', 1, ['loading', 'stale', 'fast'], (ctx) => {
  if (ctx.client.multi === null) return error('ERR DISCARD without MULTI');
  discardTransaction(ctx.server, ctx.client);
  return OK;
});

/** discardTransaction(): leave MULTI and stop watching. */
function discardTransaction(server: RedisServer, c: Client): void {
  c.multi = null;
  c.multiError = false;
  unwatchAllKeys(server, c);
  c.dirtyCas = false;
}

const watch = spec('watch', -2, ['loading', 'stale', 'fast'], (ctx, argv) => {
  if (ctx.client.multi !== null) return error('ERR WATCH inside MULTI is not allowed');
  // A client already marked dirty need not watch more (7.0: its EXEC fails anyway).
  if (ctx.client.dirtyCas) return OK;
  for (let i = 1; i < argv.length; i++) watchForKey(ctx.server, ctx.client, argv[i]);
  return OK;
}, [1, -1, 1]);

const unwatch = spec('unwatch', 1, ['loading', 'stale', 'fast'], (ctx) => {
  unwatchAllKeys(ctx.server, ctx.client);
  ctx.client.dirtyCas = false;
  return OK;
});

const exec = spec('exec', 1, ['loading', 'stale'], (ctx) => {
  const c = ctx.client;
  const server = ctx.server;
  if (c.multi === null) return error('ERR EXEC without MULTI');
  const queued = c.multi;
  const aborted = c.multiError;
  // A watched key touched, or expired since WATCH: the transaction does not run (null array).
  const dirty = c.dirtyCas || isWatchedKeyExpired(server, c);
  discardTransaction(server, c);
  if (aborted) return ERR.execAbort;
  if (dirty) return NULL_ARRAY;
  const replies: Reply[] = [];
  server.inExec = true;
  try {
    for (const argv of queued) {
      const entry = lookup(server, argv[0])!;
      const r = server.call(c, entry, argv);
      replies.push(r ?? OK);
    }
  } finally {
    server.inExec = false;
  }
  return array(replies);
});

function lookup(server: RedisServer, name: string): CommandEntry | undefined {
  return server.world.commands.get(name) ?? server.world.commands.get(name.toLowerCase());
}

// ---------------------------------------------------------------------------------------------
// INFO, CONFIG
// ---------------------------------------------------------------------------------------------

const NULL_ARRAY: Reply = { kind: 'array', items: null };

const info = spec('info', -1, ['loading', 'stale'], (ctx, argv) => bulk(genRedisInfoString(ctx.server, argv.slice(1))));

const config = spec('config', -2, ['admin', 'loading', 'stale'], (ctx, argv) => {
  const sub = argv[1].toLowerCase();
  const server = ctx.server;
  if (sub === 'get') {
    if (argv.length < 3) return ERR.wrongArgs('config|get');
    const pairs = server.config.match(argv.slice(2));
    return bulkArray(pairs.flat());
  }
  if (sub === 'set') {
    if (argv.length < 4 || argv.length % 2 !== 0) return ERR.wrongArgs('config|set');
    // configSetCommand(): names first (unknown, immutable, duplicate — in argument order), then
    // values. A name and its alias are separate table entries in 7.0, so they are no duplicate.
    const seen = new Set<string>();
    for (let i = 2; i < argv.length; i += 2) {
      const def = findConfig(argv[i]);
      if (!def) return error(`ERR Unknown option or number of arguments for CONFIG SET - '${argv[i]}'`);
      if (def.immutable) {
        return error(`ERR CONFIG SET failed (possibly related to argument '${argv[i]}') - can't set immutable config`);
      }
      const typed = argv[i].toLowerCase();
      if (seen.has(typed)) return error(`ERR CONFIG SET failed (possibly related to argument '${argv[i]}') - duplicate parameter`);
      seen.add(typed);
    }
    const changes: Array<[string, string]> = [];
    for (let i = 2; i < argv.length; i += 2) {
      const def = findConfig(argv[i])!;
      const r = normalizeConfigValue(def, [argv[i + 1]], server.config.get(def.name));
      if ('error' in r) return error(`ERR CONFIG SET failed (possibly related to argument '${argv[i]}') - ${r.error}`);
      changes.push([def.name, r.value]);
    }
    for (const [name, value] of changes) applyConfigChange(server, name, value);
    return OK;
  }
  if (sub === 'resetstat') {
    if (argv.length !== 2) return ERR.wrongArgs('config|resetstat');
    const s = server.stat;
    for (const k of Object.keys(s) as Array<keyof typeof s>) s[k] = 0;
    return OK;
  }
  if (sub === 'rewrite') {
    if (server.configPath === '') return error('ERR The server is running without a config file');
    return OK;
  }
  if (sub === 'help') {
    return array(
      [
        'CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
        'GET <pattern>',
        '    Return parameters matching the glob-like <pattern> and their values.',
        'SET <directive> <value>',
        '    Set the configuration <directive> to <value>.',
        'RESETSTAT',
        '    Reset statistics reported by the INFO command.',
        'REWRITE',
        '    Rewrite the configuration file.',
        'HELP',
        '    Print this help.',
      ].map(status),
    );
  }
  return subcommandError(argv[1], 'CONFIG');
});

/** Apply one validated CONFIG SET change and its side effects (replicaof, backlog size). */
export function applyConfigChange(server: RedisServer, name: string, value: string): void {
  if (name === 'replicaof') {
    if (value === '') replicationUnsetMaster(server);
    else {
      const [host, port] = value.split(' ');
      replicationSetMaster(server, host, Number(port));
    }
  }
  server.config.setRaw(name, value);
  server.refreshConfigCache();
  // updateGoodSlaves(): min-replicas-* changes take effect at once.
  server.refreshGoodReplicasCount();
  server.emit({ type: 'config.set', port: server.port, name, value });
}

// ---------------------------------------------------------------------------------------------
// Persistence and DEBUG
// ---------------------------------------------------------------------------------------------

const save = spec('save', 1, ['admin', 'no-multi'], (ctx) => {
  if (ctx.server.bgsave !== null) return error('ERR Background save already in progress');
  saveToDisk(ctx.server);
  return OK;
});

const bgsave = spec('bgsave', -1, ['admin'], (ctx, argv) => {
  if (argv.length > 2 || (argv.length === 2 && argv[1].toLowerCase() !== 'schedule')) return ERR.syntax;
  if (ctx.server.bgsave !== null) {
    if (argv.length === 2) return status('Background saving scheduled');
    return error('ERR Background save already in progress');
  }
  startBgsave(ctx.server, false);
  return status('Background saving started');
});

const lastsave = spec('lastsave', 1, ['loading', 'stale', 'fast'], (ctx) => integer(ctx.server.lastSaveUnixSec));

/** What 7.0 answers DEBUG with `enable-debug-command no` (its default; the tutor's is `local`). */
const DEBUG_NOT_ALLOWED =
  'ERR DEBUG command not allowed. If the enable-debug-command option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.';

/** DEBUG's reply for a known subcommand with the wrong arguments, or an unknown one (7.0 text). */
function debugSubError(sub: string): Reply {
  return error(`ERR unknown subcommand or wrong number of arguments for '${sub}'. Try DEBUG HELP.`);
}

/** getPositiveLongFromObjectOrReply(): a non-negative integer, else 7.0's one message for both cases. */
function positiveLong(s: string): number | Reply {
  if (!isInt(s) || Number(s) < 0) return error('ERR value is out of range, must be positive');
  return Number(s);
}

/** The DEBUG subcommands the tutor runs as 7.0 does. */
const DEBUG_SIMULATED = new Set(['help', 'populate', 'sleep', 'reload', 'set-active-expire', 'digest', 'digest-value', 'change-repl-id', 'error', 'log']);

/** DEBUG subcommands of 7.0 that the tutor does not simulate, and what to use instead. */
const DEBUG_NOT_SIMULATED: Record<string, string> = {
  segfault: 'use :kill PORT to crash a server',
  panic: 'use :kill PORT to crash a server',
  assert: 'use :kill PORT to crash a server',
  oom: 'use :kill PORT to crash a server',
  'crash-and-recover': 'use :kill PORT, then :restart PORT',
  restart: 'use SHUTDOWN, then :restart PORT',
};

/**
 * debugCommand() (7.0): POPULATE, RELOAD, SLEEP, SET-ACTIVE-EXPIRE, DIGEST, DIGEST-VALUE,
 * CHANGE-REPL-ID, ERROR, LOG and HELP as Redis runs them; the memory, encoding and crash
 * internals answer with a tutor note naming why they are not simulated.
 */
const debug = spec('debug', -2, ['admin', 'loading', 'stale'], (ctx, argv) => {
  const server = ctx.server;
  // Every connection in the tutor is local, so `local` allows it like `yes`.
  if (server.config.get('enable-debug-command') === 'no') return error(DEBUG_NOT_ALLOWED);
  const sub = argv[1].toLowerCase();
  const n = argv.length;
  if (sub === 'help' && n === 2) return array(DEBUG_HELP_LINES.map(status));
  if (sub === 'populate' && n >= 3 && n <= 5) {
    const count = positiveLong(argv[2]);
    if (typeof count !== 'number') return count;
    const prefix = argv[3] ?? 'key';
    let size = -1;
    if (n === 5) {
      const sz = positiveLong(argv[4]);
      if (typeof sz !== 'number') return sz;
      size = sz;
    }
    // The tutor's memory budget: refuse before building what would not fit (a real server would
    // allocate it all; here every process shares one JavaScript heap).
    const memory = server.world.memory;
    if (memory.wouldExceed(count * ((size >= 0 ? size : 16) + prefix.length + 80))) return error(OOM_TEXT);
    memory.invalidate(server);
    const db = ctx.db;
    const dict = db.dict;
    // Into an empty db every key is new: skip the existence check (half the hashing).
    const check = dict.size > 0;
    // One number-to-string per key, shared by key and value; "key:" built once, not per key.
    const keyHead = `${prefix}:`;
    for (let i = 0; i < count; i++) {
      const num = String(i);
      const key = keyHead + num;
      // lookupKeyWrite, as debug.c does: a logically expired key is deleted (DEL propagated on a
      // master) and populated again.
      if (check && lookupKeyWrite(ctx, db, key) !== undefined) continue;
      let value = 'value:' + num;
      if (size >= 0) value = value.length >= size ? value.slice(0, size) : value + '\0'.repeat(size - value.length);
      dict.set(key, value);
    }
    return OK;
  }
  if (sub === 'sleep' && n === 3) {
    // atof(): text that is no number sleeps 0 seconds.
    const parsed = parseFloat(argv[2]);
    const secs = Number.isFinite(parsed) ? parsed : 0;
    const c = ctx.client;
    if (c.multi !== null || c.replyTo === null || secs <= 0) return OK;
    c.blocked = {};
    server.sleep(Math.round(secs * 1000), () => unblockClient(c, OK));
    return NO_REPLY;
  }
  if (sub === 'reload') {
    // The dump and the decoded copy exist next to the dataset until the old one is dropped.
    if (server.world.memory.wouldExceed(2 * server.world.memory.serverBytes(server))) return error(OOM_TEXT);
    return debugReload(ctx.server, argv.slice(2));
  }
  if (sub === 'set-active-expire' && n === 3) {
    // atoi(): anything that is not a non-zero number turns active expiry off.
    server.activeExpireEnabled = (parseInt(argv[2], 10) || 0) !== 0;
    return OK;
  }
  if (sub === 'digest' && n === 2) return status(datasetDigest(server.dbs));
  if (sub === 'digest-value' && n >= 2) return array(argv.slice(2).map((k) => status(valueDigest(ctx.db, k))));
  if (sub === 'change-repl-id' && n === 2) {
    changeReplicationId(server);
    return OK;
  }
  if (sub === 'error' && n === 3) return error(argv[2]);
  if (sub === 'log' && n === 3) return OK;
  if (DEBUG_SIMULATED.has(sub)) return debugSubError(argv[1]);
  const why = DEBUG_NOT_SIMULATED[sub];
  if (why !== undefined) return error(`ERR DEBUG ${sub.toUpperCase()} is not simulated by the tutor: ${why}`);
  if (DEBUG_HELP_LINES.some((l) => l.toLowerCase().startsWith(sub + ' ') || l.toLowerCase() === sub)) {
    return error(`ERR DEBUG ${sub.toUpperCase()} shows Redis's C internals (memory, encodings, allocator), which the tutor does not simulate`);
  }
  return debugSubError(argv[1]);
});

/**
 * DEBUG RELOAD [MERGE] [NOFLUSH] [NOSAVE]: save dump.rdb (unless NOSAVE), empty the dataset (unless
 * NOFLUSH) and load the file back. NOFLUSH without MERGE on a key that exists kills the process in
 * 7.0 ("Duplicated key found in RDB file"): here the load stops with an error instead.
 */
function debugReload(server: RedisServer, opts: string[]): Reply {
  let merge = false;
  let noflush = false;
  let nosave = false;
  for (const o of opts) {
    const l = o.toLowerCase();
    if (l === 'merge') merge = true;
    else if (l === 'noflush') noflush = true;
    else if (l === 'nosave') nosave = true;
    else return error('ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.');
  }
  if (!nosave) saveToDisk(server);
  const loaded = reloadDataOnly(server, noflush ? (merge ? 'merge' : 'keep') : 'flush');
  if ('error' in loaded) return error('ERR Error trying to load the RDB dump');
  return OK;
}

// ---------------------------------------------------------------------------------------------
// MEMORY

const MEMORY_HELP = [
  'MEMORY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'DOCTOR',
  '    Return memory problems reports.',
  'MALLOC-STATS',
  '    Return internal statistics report from the memory allocator.',
  'PURGE',
  '    Attempt to purge dirty pages for reclamation by the allocator.',
  'STATS',
  '    Return information about the memory usage of the server.',
  'USAGE <key> [SAMPLES <count>]',
  '    Return memory in bytes used by <key> and its value. Nested values are',
  '    sampled up to <count> times (default: 5, 0 means sample all).',
  'HELP',
  '    Prints this help.',
];

/**
 * memoryCommand(): USAGE (src/redis/memory-usage.ts) and HELP; DOCTOR, STATS, MALLOC-STATS and
 * PURGE report on a real process's allocator, which the tutor does not have.
 */
const memory = spec('memory', -2, [], (ctx, argv) => {
  const sub = argv[1].toLowerCase();
  if (sub === 'help' && argv.length === 2) return array(MEMORY_HELP.map(status));
  if (sub === 'usage' && argv.length >= 3) {
    let samples = 5;
    for (let j = 3; j < argv.length; j++) {
      if (argv[j].toLowerCase() === 'samples' && j + 1 < argv.length) {
        if (!isInt(argv[j + 1])) return ERR.notInteger;
        samples = Number(argv[j + 1]);
        if (samples < 0) return ERR.syntax;
        j++;
      } else {
        return ERR.syntax;
      }
    }
    // dictFind, not lookupKey: MEMORY USAGE neither expires nor touches the key.
    const value = ctx.db.dict.get(argv[2]);
    if (value === undefined) return bulk(null);
    return integer(memoryUsage(argv[2], value, samples));
  }
  if (['doctor', 'malloc-stats', 'purge', 'stats'].includes(sub)) {
    return error(`ERR MEMORY ${sub.toUpperCase()} reports on a real process's allocator, which the tutor does not simulate`);
  }
  if (['help', 'usage'].includes(sub)) return ERR.wrongArgs(`memory|${sub}`);
  return subcommandError(argv[1], 'MEMORY');
});

// ---------------------------------------------------------------------------------------------
// CLIENT
// ---------------------------------------------------------------------------------------------

function clientFlags(c: Client): string {
  if (c.monitor) return 'O';
  if (c.isMaster) return 'M';
  if (c.replica) return 'S';
  // CLIENT_PUBSUB, CLIENT_MULTI, CLIENT_BLOCKED, in 7.0's order; N when none.
  const f = (inSubscribedMode(c) ? 'P' : '') + (c.multi !== null ? 'x' : '') + (c.blockedPop !== null ? 'b' : '');
  return f === '' ? 'N' : f;
}

function clientInfoLine(server: RedisServer, c: Client): string {
  const now = server.now;
  return [
    `id=${c.id}`,
    `addr=127.0.0.1:${c.peerPort}`,
    `laddr=127.0.0.1:${c.isMaster ? c.peerPort : server.port}`,
    `fd=${c.id + 7}`,
    `name=${c.name}`,
    `age=${Math.floor((now - c.createdMs) / 1000)}`,
    `idle=${Math.floor((now - c.lastInteractionMs) / 1000)}`,
    `flags=${clientFlags(c)}`,
    `db=${c.db}`,
    `sub=${subscriptionCounts(c).sub}`,
    `psub=${subscriptionCounts(c).psub}`,
    `ssub=${subscriptionCounts(c).ssub}`,
    `multi=${c.multi === null ? -1 : c.multi.length}`,
    'qbuf=0',
    'qbuf-free=0',
    'argv-mem=0',
    'multi-mem=0',
    'rbs=1024',
    'rbp=0',
    'obl=0',
    `oll=${c.replica ? c.replica.outputBuffer.length : 0}`,
    // What client-output-buffer-limit is checked against.
    `omem=${c.replica ? replicaOutputBufferBytes(server, c) : 0}`,
    'tot-mem=22298',
    'events=r',
    `cmd=${c.lastCommand}`,
    'user=default',
    'redir=-1',
    `resp=${c.resp}`,
  ].join(' ');
}

/** Every client including the master link (which CLIENT LIST shows with flags=M). */
function allClients(server: RedisServer): Client[] {
  const list = [...server.clients.values()];
  const mc = server.masterLink?.client;
  if (mc && !mc.closed) list.push(mc);
  return list.sort((a, b) => a.id - b.id);
}

const client = spec('client', -2, ['admin', 'loading', 'stale'], (ctx, argv) => {
  const server = ctx.server;
  const sub = argv[1].toLowerCase();
  const c = ctx.client;
  switch (sub) {
    case 'list':
      return bulk(allClients(server).map((x) => clientInfoLine(server, x) + '\n').join(''));
    case 'info':
      return bulk(clientInfoLine(server, c) + '\n');
    case 'id':
      return integer(c.id);
    case 'getname':
      return bulk(c.name === '' ? null : c.name);
    case 'setname':
      if (argv.length !== 3) return ERR.wrongArgs('client|setname');
      if (/[\s]/.test(argv[2])) return error('ERR Client names cannot contain spaces, newlines or special characters.');
      c.name = argv[2];
      return OK;
    case 'kill': {
      if (argv.length === 3) {
        const target = allClients(server).find((x) => `127.0.0.1:${x.peerPort}` === argv[2]);
        if (!target) return error('ERR No such client');
        killClient(server, target);
        return OK;
      }
      if (argv.length < 4 || argv.length % 2 !== 0) return ERR.syntax;
      let type: string | null = null;
      let id: number | null = null;
      let addr: string | null = null;
      let skipme = true;
      for (let i = 2; i < argv.length; i += 2) {
        const opt = argv[i].toLowerCase();
        const val = argv[i + 1];
        if (opt === 'type') {
          type = val.toLowerCase();
          if (type === 'slave') type = 'replica';
          if (!['normal', 'master', 'replica', 'pubsub'].includes(type)) return error(`ERR Unknown client type '${val}'`);
        } else if (opt === 'id') {
          if (!isInt(val)) return error('ERR client-id should be greater than 0');
          id = Number(val);
        } else if (opt === 'addr') {
          addr = val;
        } else if (opt === 'skipme') {
          skipme = val.toLowerCase() === 'yes';
        } else {
          return ERR.syntax;
        }
      }
      let killed = 0;
      for (const x of allClients(server)) {
        // getClientType(): a client in subscribed mode is of type pubsub.
        const xType = x.isMaster ? 'master' : x.replica ? 'replica' : inSubscribedMode(x) ? 'pubsub' : 'normal';
        if (type !== null && xType !== type) continue;
        if (id !== null && x.id !== id) continue;
        if (addr !== null && `127.0.0.1:${x.peerPort}` !== addr) continue;
        if (skipme && x === c) continue;
        killClient(server, x);
        killed++;
      }
      return integer(killed);
    }
    case 'help':
      return array(['CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:', 'ID', 'INFO', 'KILL <ip:port>', 'KILL <option> <value> [<option> <value> [...]]', '     TYPE (normal|master|replica|pubsub)', 'LIST', 'GETNAME', 'SETNAME <name>', 'HELP'].map(status));
    default:
      return subcommandError(argv[1], 'CLIENT');
  }
});

function killClient(server: RedisServer, c: Client): void {
  if (c.isMaster) {
    // Freeing the master client caches it: the replica reconnects and continues with PSYNC.
    server.masterLink?.socket?.close('CLIENT KILL');
    return;
  }
  server.freeClient(c, 'CLIENT KILL');
}

// ---------------------------------------------------------------------------------------------
// AUTH, HELLO, MONITOR (acl.c, networking.c, replication.c)
// ---------------------------------------------------------------------------------------------

const AUTH_NOPASS_ERR =
  'ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?';
const WRONGPASS = error('WRONGPASS invalid username-password pair or user is disabled.');

/** ACLAuthenticateUser() for the default user only: the tutor has no other users. */
function authenticate(server: RedisServer, c: Client, username: string, password: string): boolean {
  if (username !== 'default') return false;
  // nopass (no requirepass) accepts any password, as the default user does.
  if (server.requirepass !== '' && password !== server.requirepass) return false;
  c.authenticated = true;
  return true;
}

const auth = spec('auth', -2, ['loading', 'stale', 'fast'], (ctx, argv) => {
  if (argv.length > 3) return ERR.syntax;
  if (argv.length === 2 && ctx.server.requirepass === '') return error(AUTH_NOPASS_ERR);
  const username = argv.length === 3 ? argv[1] : 'default';
  return authenticate(ctx.server, ctx.client, username, argv[argv.length - 1]) ? OK : WRONGPASS;
});

/** HELLO [protover [AUTH username password] [SETNAME clientname]]: switch RESP2/RESP3, say who we are. */
const hello = spec('hello', -1, ['loading', 'stale', 'fast'], (ctx, argv) => {
  const server = ctx.server;
  const c = ctx.client;
  let ver = 0;
  let next = 1;
  if (argv.length >= 2) {
    next = 2;
    if (!isInt(argv[1]) || Math.abs(Number(argv[1])) > Number.MAX_SAFE_INTEGER) {
      return error('ERR Protocol version is not an integer or out of range');
    }
    ver = Number(argv[1]);
    if (ver < 2 || ver > 3) return error('NOPROTO unsupported protocol version');
  }
  let user: string | null = null;
  let pass: string | null = null;
  let name: string | null = null;
  for (let j = next; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    const opt = argv[j].toLowerCase();
    if (opt === 'auth' && more >= 2) {
      user = argv[j + 1];
      pass = argv[j + 2];
      j += 2;
    } else if (opt === 'setname' && more >= 1) {
      name = argv[j + 1];
      j++;
    } else {
      return error(`ERR Syntax error in HELLO option '${argv[j]}'`);
    }
  }
  if (user !== null && pass !== null && !authenticate(server, c, user, pass)) return WRONGPASS;
  if (!c.authenticated && server.requirepass !== '') {
    return error(
      'NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time',
    );
  }
  if (name !== null) {
    if (/[^\x21-\x7e]/.test(name)) return error('ERR Client names cannot contain spaces, newlines or special characters.');
    c.name = name;
  }
  if (ver !== 0) c.resp = ver;
  // A map in RESP3; the encoder (src/serve) turns this flat array into one for HELLO.
  return array([
    bulk('server'), bulk('redis'),
    bulk('version'), bulk('7.0.15'),
    bulk('proto'), integer(c.resp),
    bulk('id'), integer(c.id),
    bulk('mode'), bulk('standalone'),
    bulk('role'), bulk(server.masterHost === null ? 'master' : 'replica'),
    bulk('modules'), array([]),
  ]);
});

const monitor = spec('monitor', 1, ['admin', 'loading', 'stale'], (ctx) => {
  const c = ctx.client;
  // A replica's link is never a monitor; a second MONITOR is a no-op (no reply in 7.0).
  if (c.replica !== null || c.isMaster || c.monitor) return NO_REPLY;
  if (c.socket === null) return error('ERR MONITOR streams to a real client: run `repl-tutor serve` and use your own redis-cli');
  c.monitor = true;
  ctx.server.monitors.push(c);
  return OK;
});

// ---------------------------------------------------------------------------------------------
// Replication commands
// ---------------------------------------------------------------------------------------------

const role = spec('role', 1, ['loading', 'stale', 'fast'], (ctx) => {
  const server = ctx.server;
  if (server.masterHost === null) {
    const replicas = server.replicas
      .filter((c) => c.replica!.state === 'online')
      .map((c) => array([bulk(c.replica!.announcedIp), bulk(String(c.replica!.announcedPort)), bulk(String(c.replica!.ackOffset))]));
    return array([bulk('master'), integer(server.masterReplOffset), array(replicas)]);
  }
  const link = server.masterLink;
  return array([
    bulk('slave'),
    bulk(server.masterHost),
    integer(server.masterPort),
    bulk(server.linkState),
    integer(link?.client ? link.reploff : -1),
  ]);
});

function replicaofHandler(name: string) {
  return spec(name, 3, ['admin', 'stale'], (ctx, argv) => {
    const server = ctx.server;
    if (ctx.client.replica) return error('ERR Command is not valid when client is a replica.');
    if (argv[1].toLowerCase() === 'no' && argv[2].toLowerCase() === 'one') {
      if (server.masterHost !== null) {
        replicationUnsetMaster(server);
        server.config.setRaw('replicaof', '');
      }
      return OK;
    }
    if (!isInt(argv[2]) || Number(argv[2]) < 0 || Number(argv[2]) > 65535) return error('ERR Invalid master port');
    const port = Number(argv[2]);
    if (server.masterHost !== null && server.masterHost.toLowerCase() === argv[1].toLowerCase() && server.masterPort === port) {
      return status('OK Already connected to specified master');
    }
    replicationSetMaster(server, argv[1], port);
    server.config.setRaw('replicaof', `${argv[1]} ${port}`);
    return OK;
  });
}

const wait = spec('wait', 3, [], (ctx, argv) => waitCommand(ctx.server, ctx.client, argv));
const failover = spec('failover', -1, ['admin', 'noscript', 'stale'], (ctx, argv) => failoverCommand(ctx.server, argv));
const sync = spec('sync', 1, ['admin', 'no-multi'], (ctx, argv) => syncCommand(ctx.server, ctx.client, argv));
const psync = spec('psync', -3, ['admin', 'no-multi'], (ctx, argv) => syncCommand(ctx.server, ctx.client, argv));
const replconf = spec('replconf', -1, ['admin', 'loading', 'stale'], (ctx, argv) => replconfCommand(ctx.server, ctx.client, argv));

// ---------------------------------------------------------------------------------------------
// SHUTDOWN
// ---------------------------------------------------------------------------------------------

/**
 * shutdownCommand() (7.0): SAVE/NOSAVE/NOW/FORCE/ABORT in any order; ABORT alone cancels a
 * shutdown that waits for replicas. Without NOW, a master whose replicas have not ACKed
 * master_repl_offset pauses writes, sends them REPLCONF GETACK and waits up to shutdown-timeout
 * seconds (prepareForShutdown); the client stays blocked and gets no reply when the process exits.
 */
const shutdown = spec('shutdown', -1, ['admin', 'loading', 'stale', 'no-multi'], (ctx, argv) => {
  const server = ctx.server;
  let save = false;
  let nosave = false;
  let now = false;
  let force = false;
  let abort = false;
  for (const a of argv.slice(1)) {
    const o = a.toLowerCase();
    if (o === 'save') save = true;
    else if (o === 'nosave') nosave = true;
    else if (o === 'now') now = true;
    else if (o === 'force') force = true;
    else if (o === 'abort') abort = true;
    else return ERR.syntax;
  }
  if ((abort && (save || nosave || now || force)) || (save && nosave)) return ERR.syntax;
  if (abort) {
    if (server.shutdownPending === null) return error('ERR No shutdown in progress.');
    cancelShutdown(server);
    return OK;
  }
  const c = ctx.client;
  const pending = server.shutdownPending;
  if (pending !== null) {
    // isShutdownInitiated(): this client waits for the same outcome.
    c.blocked = { cancel: () => removeClient(pending.clients, c) };
    pending.clients.push(c);
    return NO_REPLY;
  }
  // A dataset half loaded must never overwrite dump.rdb.
  if (server.loading !== null) {
    save = false;
    nosave = true;
  }
  const timeoutSec = server.config.getInt('shutdown-timeout');
  if (!now && timeoutSec !== 0 && !isReadyToShutdown(server)) {
    const p: ShutdownPending = { save, nosave, deadlineMs: server.now + timeoutSec * 1000, clients: [c], paused: [], timer: null };
    server.shutdownPending = p;
    c.blocked = { cancel: () => removeClient(p.clients, c) };
    // sendGetackToReplicas() (a replica feeds nothing of its own), then the write pause.
    if (server.masterHost === null && server.backlog !== null) {
      feedReplicationStream(server, GETACK_FRAME, true);
      server.emit({ type: 'getack.send', master: server.port, offset: server.masterReplOffset });
    }
    scheduleShutdownCheck(server, p);
    return NO_REPLY;
  }
  finishShutdown(server, save, nosave);
  return NO_REPLY;
});

/**
 * SIGTERM (7.0 with shutdown-on-sigterm default): prepareForShutdown with no flags — save if there
 * are save points, and first wait up to shutdown-timeout for lagging replicas, as SHUTDOWN does.
 */
export function shutdownOnSigterm(server: RedisServer): void {
  if (server.shutdownPending !== null) return;
  const nosave = server.loading !== null;
  const timeoutSec = server.config.getInt('shutdown-timeout');
  if (timeoutSec !== 0 && !isReadyToShutdown(server)) {
    const p: ShutdownPending = { save: false, nosave, deadlineMs: server.now + timeoutSec * 1000, clients: [], paused: [], timer: null };
    server.shutdownPending = p;
    if (server.masterHost === null && server.backlog !== null) {
      feedReplicationStream(server, GETACK_FRAME, true);
      server.emit({ type: 'getack.send', master: server.port, offset: server.masterReplOffset });
    }
    scheduleShutdownCheck(server, p);
    return;
  }
  finishShutdown(server, false, nosave);
}

function removeClient(list: Client[], c: Client): void {
  const i = list.indexOf(c);
  if (i >= 0) list.splice(i, 1);
}

/** isReadyToShutdown(): every replica (whatever its state) ACKed master_repl_offset. */
function isReadyToShutdown(server: RedisServer): boolean {
  return server.replicas.every((r) => r.replica!.ackOffset === server.masterReplOffset);
}

/** serverCron runs at hz 10: a waiting shutdown is checked every 100 ms. */
function scheduleShutdownCheck(server: RedisServer, p: ShutdownPending): void {
  p.timer = server.world.scheduler.after(100, { kind: 'shutdownCheck', port: server.port }, () =>
    server.dispatch(() => {
      p.timer = null;
      if (server.shutdownPending !== p) return;
      if (server.now >= p.deadlineMs || isReadyToShutdown(server)) {
        server.shutdownPending = null;
        finishShutdown(server, p.save, p.nosave);
      } else {
        scheduleShutdownCheck(server, p);
      }
    }),
  );
}

/** finishShutdown(): save when there are save points (or SAVE) unless NOSAVE, then exit. */
function finishShutdown(server: RedisServer, save: boolean, nosave: boolean): void {
  const saving = save || (!nosave && server.config.get('save') !== '');
  if (saving) saveToDisk(server);
  server.world.shutdownServer(server, saving);
}

/**
 * abortShutdown() → cancelShutdown(): the blocked SHUTDOWN clients get an error, and the writes
 * held by the pause run now, in order.
 */
function cancelShutdown(server: RedisServer): void {
  const p = server.shutdownPending!;
  server.shutdownPending = null;
  p.timer?.cancel();
  for (const c of p.clients) {
    c.blocked = null;
    unblockClient(c, error('ERR Errors trying to SHUTDOWN. Check logs.'));
  }
  runPausedCommands(server, p.paused);
}

// ---------------------------------------------------------------------------------------------
// COMMAND
// ---------------------------------------------------------------------------------------------

/** COMMAND INFO's 10-element entry; flags and ACL categories from command-docs (real 7.0.15). */
function commandInfo(e: CommandEntry): Reply {
  const s = e.spec;
  const doc = findCommandDoc(s.name);
  return array([
    bulk(s.name),
    integer(s.arity),
    array((doc ? doc.flags : s.flags).map((f) => status(f))),
    integer(s.firstKey),
    integer(s.lastKey),
    integer(s.keyStep),
    array((doc ? doc.aclCategories : []).map((c) => status(c))),
    array([]),
    array([]),
    array([]),
  ]);
}

/** COMMAND DOCS's map for one command: summary, since, group, complexity. */
function commandDocsReply(name: string): Reply {
  const doc = findCommandDoc(name);
  if (!doc) return array([]);
  return array([
    bulk('summary'), bulk(doc.summary),
    bulk('since'), bulk(doc.since),
    bulk('group'), bulk(doc.group),
    bulk('complexity'), bulk(doc.complexity),
  ]);
}

const command = spec('command', -1, ['loading', 'stale'], (ctx, argv) => {
  const table = ctx.server.world.commands;
  if (argv.length === 1) return array([...table.values()].map(commandInfo));
  const sub = argv[1].toLowerCase();
  if (sub === 'count') {
    if (argv.length !== 2) return ERR.wrongArgs('command|count');
    return integer(table.size);
  }
  if (sub === 'info') {
    if (argv.length === 2) return array([...table.values()].map(commandInfo));
    return array(argv.slice(2).map((n) => {
      const e = table.get(n.toLowerCase());
      return e ? commandInfo(e) : ({ kind: 'array', items: null } as Reply);
    }));
  }
  if (sub === 'docs') {
    const names = argv.length === 2 ? [...table.keys()] : argv.slice(2).map((n) => n.toLowerCase());
    const items: Reply[] = [];
    for (const n of names) {
      if (!table.has(n)) continue;
      items.push(bulk(n), commandDocsReply(n));
    }
    return array(items);
  }
  if (sub === 'list') return bulkArray([...table.keys()]);
  return subcommandError(argv[1], 'COMMAND');
});

/** The server-level command specs of this module. */
export const serverCommands: Spec[] = [
  select,
  multi, exec, discard, watch, unwatch,
  info, config, save, bgsave, lastsave, debug, client, memory,
  role, replicaofHandler('replicaof'), replicaofHandler('slaveof'), wait, failover, sync, psync, replconf,
  shutdown, command, auth, hello, monitor,
  ...blockingCommands,
];

/** Commands whose server-level version must win (they act on the client or the server). */
const SERVER_OWNED = new Set(['select', 'multi', 'exec', 'discard', 'info', 'config', 'shutdown']);

/**
 * flushallCommand()'s server part: with save points configured, the emptied dataset is saved at
 * once (rdb_changes_since_last_save keeps the flush's dirty count, as in 7.0).
 */
function withSaveAfterFlushall(data: Spec): Spec {
  return {
    ...data,
    handler(ctx, argv) {
      const reply = data.handler(ctx, argv);
      const server = ctx.server;
      if (reply !== null && reply.kind !== 'error' && server.config.get('save') !== '' && server.bgsave === null) {
        const dirty = server.dirty;
        saveToDisk(server);
        server.dirty = dirty;
      }
      return reply;
    },
  };
}

/**
 * The merged table: the data commands (src/redis/commands) plus the server commands. Where both
 * define a command the data one wins, unless it must act on the client or server (SELECT, MULTI…).
 */
export function buildCommandTable(dataCommands: ReadonlyMap<string, CommandSpec>): Map<string, CommandEntry> {
  const table = new Map<string, CommandEntry>();
  for (const s of serverCommands) table.set(s.name, commandEntry(s));
  for (const [name, s] of dataCommands) {
    if (SERVER_OWNED.has(name) && table.has(name)) continue;
    const spec = s as unknown as Spec;
    table.set(name, commandEntry(name === 'flushall' ? withSaveAfterFlushall(spec) : spec));
  }
  // Pub/sub and the connection commands come last: PING's subscribed-mode form is pubsub.ts's.
  for (const s of [...pubsubCommands, ...connectionCommands]) table.set(s.name, commandEntry(s));
  return table;
}

/** All config names (for completion). */
export const configNames: string[] = CONFIG_DEFS.flatMap((d) => (d.alias ? [d.name, d.alias] : [d.name]));
