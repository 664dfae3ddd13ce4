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
import { computeDatasetDigest } from './digest.js';
import {
  GETACK_FRAME,
  NO_REPLY,
  commandEntry,
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
  ctx.client.multi = null;
  ctx.client.multiError = false;
  return OK;
});

const exec = spec('exec', 1, ['loading', 'stale'], (ctx) => {
  const c = ctx.client;
  const server = ctx.server;
  if (c.multi === null) return error('ERR EXEC without MULTI');
  const queued = c.multi;
  const aborted = c.multiError;
  c.multi = null;
  c.multiError = false;
  if (aborted) return ERR.execAbort;
  const replies: Reply[] = [];
  for (const argv of queued) {
    const entry = lookup(server, argv[0])!;
    const r = server.call(c, entry, argv);
    replies.push(r ?? OK);
  }
  return array(replies);
});

function lookup(server: RedisServer, name: string): CommandEntry | undefined {
  return server.world.commands.get(name) ?? server.world.commands.get(name.toLowerCase());
}

// ---------------------------------------------------------------------------------------------
// INFO, CONFIG
// ---------------------------------------------------------------------------------------------

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
    const changes: Array<[string, string]> = [];
    for (let i = 2; i < argv.length; i += 2) {
      const def = findConfig(argv[i]);
      if (!def) return error(`ERR Unknown option or number of arguments for CONFIG SET - '${argv[i]}'`);
      if (def.immutable) {
        return error(`ERR CONFIG SET failed (possibly related to argument '${argv[i]}') - can't set immutable config`);
      }
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

const debug = spec('debug', -2, ['admin', 'loading', 'stale'], (ctx, argv) => {
  const server = ctx.server;
  // Every connection in the tutor is local, so `local` allows it like `yes`.
  if (server.config.get('enable-debug-command') === 'no') return error(DEBUG_NOT_ALLOWED);
  const sub = argv[1].toLowerCase();
  if (sub === 'populate') {
    if (argv.length < 3 || argv.length > 5) return ERR.wrongArgs('debug|populate');
    if (!isInt(argv[2])) return ERR.notInteger;
    const count = Number(argv[2]);
    if (count < 0) return error('ERR count should be greater than or equal to 0');
    const prefix = argv[3] ?? 'key';
    let size = -1;
    if (argv.length === 5) {
      if (!isInt(argv[4])) return ERR.notInteger;
      size = Number(argv[4]);
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
      const n = String(i);
      const key = keyHead + n;
      // lookupKeyWrite, as debug.c does: a logically expired key is deleted (DEL propagated on a
      // master) and populated again.
      if (check && lookupKeyWrite(ctx, db, key) !== undefined) continue;
      let value = 'value:' + n;
      if (size >= 0) value = value.length >= size ? value.slice(0, size) : value + '\0'.repeat(size - value.length);
      dict.set(key, value);
    }
    return OK;
  }
  if (sub === 'sleep') {
    if (argv.length !== 3) return ERR.wrongArgs('debug|sleep');
    const secs = Number(argv[2]);
    if (!Number.isFinite(secs)) return error('ERR value is not a valid float');
    const c = ctx.client;
    if (c.multi !== null || c.replyTo === null || secs <= 0) return OK;
    c.blocked = {};
    server.sleep(Math.round(secs * 1000), () => unblockClient(c, OK));
    return NO_REPLY;
  }
  if (sub === 'reload') {
    // The dump and the decoded copy exist next to the dataset until the old one is dropped.
    if (server.world.memory.wouldExceed(2 * server.world.memory.serverBytes(server))) return error(OOM_TEXT);
    saveToDisk(server);
    const loaded = reloadDataOnly(server);
    if ('error' in loaded) return error('ERR Error trying to load the RDB dump, check server logs.');
    return OK;
  }
  if (sub === 'digest') {
    if (argv.length !== 2) return ERR.wrongArgs('debug|digest');
    return status(computeDatasetDigest(server.dbs));
  }
  if (sub === 'help') {
    return array(['DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:', 'DIGEST', 'POPULATE <count> [<prefix>] [<size>]', 'RELOAD', 'SLEEP <seconds>', 'HELP'].map(status));
  }
  return subcommandError(argv[1], 'DEBUG');
});

// ---------------------------------------------------------------------------------------------
// CLIENT
// ---------------------------------------------------------------------------------------------

function clientFlags(c: Client): string {
  if (c.monitor) return 'O';
  if (c.isMaster) return 'M';
  if (c.replica) return 'S';
  return c.multi !== null ? 'x' : 'N';
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
    'sub=0',
    'psub=0',
    'ssub=0',
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
        const xType = x.isMaster ? 'master' : x.replica ? 'replica' : 'normal';
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
      .map((c) => array([bulk('127.0.0.1'), bulk(String(c.replica!.listeningPort)), bulk(String(c.replica!.ackOffset))]));
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
  for (const { client, argv } of p.paused) {
    client.blocked = null;
    if (client.closed) continue;
    const reply = server.processCommand(client, argv);
    if (client.replyTo !== null) {
      if (reply !== NO_REPLY || client.blocked === null) unblockClient(client, reply);
    } else if (reply !== NO_REPLY && client.socket?.open) {
      server.sendReply(client, reply);
    }
  }
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
  multi, exec, discard,
  info, config, save, bgsave, lastsave, debug, client,
  role, replicaofHandler('replicaof'), replicaofHandler('slaveof'), wait, sync, psync, replconf,
  shutdown, command, auth, hello, monitor,
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
  return table;
}

/** All config names (for completion). */
export const configNames: string[] = CONFIG_DEFS.flatMap((d) => (d.alias ? [d.name, d.alias] : [d.name]));
