/**
 * Publish/subscribe as Redis 7.0 does it (pubsub.c): each client's channels, patterns and shard
 * channels, the server's registry of who listens to what, PUBLISH/SPUBLISH (delivered at once to
 * the subscribers of this server, and propagated to replicas like a write, so that subscribers
 * connected to a replica get the message too), the (P|S)(UN)SUBSCRIBE confirmations, PUBSUB's
 * introspection, and PING's subscribed-mode form. Pushed messages leave through pushToClient.
 */

import { stringMatch } from './commands/glob.js';
import { ERR, array, bulk, error, integer, status, type Reply } from './reply.js';
import type { Client, RedisServer, ServerCommandSpec, ServerContext } from './server.js';
import { replyBytes } from './wire.js';

/** One client's subscriptions (c->pubsub_channels, pubsub_patterns, pubsubshard_channels). */
export class ClientSubscriptions {
  /** Channels, in the order subscribed (a real server's dict order is a hash order). */
  readonly channels = new Set<string>();
  /** Patterns, in the order subscribed (7.0 keeps them in a list). */
  readonly patterns: string[] = [];
  readonly shardChannels = new Set<string>();
  /** CLIENT_PUBSUB: set by any (P|S)SUBSCRIBE, cleared when the client's last subscription goes. */
  mode = false;
}

/** The server's side (server.pubsub_channels, pubsub_patterns, pubsubshard_channels): subscribers in arrival order. */
export class ServerSubscriptions {
  readonly channels = new Map<string, Set<Client>>();
  readonly patterns = new Map<string, Set<Client>>();
  readonly shardChannels = new Map<string, Set<Client>>();
}

/** The commands a RESP2 client in subscribed mode may still send (processCommand's pubsub check). */
const ALLOWED_IN_SUBSCRIBED_MODE = new Set(['ping', 'subscribe', 'ssubscribe', 'unsubscribe', 'sunsubscribe', 'psubscribe', 'punsubscribe', 'quit', 'reset']);

/**
 * processCommand's subscribed-mode check (RESP2 only; RESP3 has no limits): the error for a command
 * a subscribed client may not send, or null. `fullName` is 7.0's name for it (`client|info`).
 */
export function subscribedModeError(c: Client, name: string, fullName: string): Reply | null {
  if (c.pubsub === null || !c.pubsub.mode || c.resp !== 2 || ALLOWED_IN_SUBSCRIBED_MODE.has(name)) return null;
  return error(`ERR Can't execute '${fullName}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`);
}

/** Is the client in subscribed mode (CLIENT_PUBSUB)? */
export function inSubscribedMode(c: Client): boolean {
  return c.pubsub !== null && c.pubsub.mode;
}

/** CLIENT LIST's sub=, psub=, ssub= */
export function subscriptionCounts(c: Client): { sub: number; psub: number; ssub: number } {
  const s = c.pubsub;
  return s === null ? { sub: 0, psub: 0, ssub: 0 } : { sub: s.channels.size, psub: s.patterns.length, ssub: s.shardChannels.size };
}

/**
 * A message the server pushes to a client outside any reply: to its socket (serve mode writes a
 * RESP2 array, or a RESP3 `>` push) or to its redis-cli session's listener.
 */
export function pushToClient(c: Client, msg: Reply): void {
  if (c.closed) return;
  if (c.pushTo !== null) c.pushTo(msg);
  else if (c.socket?.open) c.socket.send({ k: 'push', reply: msg }, replyBytes(msg));
}

/** `127.0.0.1:53122`: how the trace names a subscriber. */
function clientName(c: Client): string {
  return c.addr ?? `127.0.0.1:${c.peerPort}`;
}

/**
 * pubsubPublishMessage(): deliver `message` to the subscribers of `channel` (then, for a plain
 * channel, to every client whose pattern matches it, pattern by pattern). Returns how many
 * clients received it: PUBLISH's reply. Traced as one `pubsub.publish` event.
 */
export function publishMessage(server: RedisServer, channel: string, message: string, shard: boolean, fromMaster: boolean): number {
  const reg = server.pubsub;
  const to: string[] = [];
  const subscribers = (shard ? reg.shardChannels : reg.channels).get(channel);
  if (subscribers !== undefined) {
    const msg = array([bulk(shard ? 'smessage' : 'message'), bulk(channel), bulk(message)]);
    for (const c of [...subscribers]) {
      pushToClient(c, msg);
      to.push(clientName(c));
    }
  }
  if (!shard) {
    for (const [pattern, clients] of [...reg.patterns]) {
      if (!stringMatch(pattern, channel)) continue;
      const msg = array([bulk('pmessage'), bulk(pattern), bulk(channel), bulk(message)]);
      for (const c of [...clients]) {
        pushToClient(c, msg);
        to.push(clientName(c));
      }
    }
  }
  if (server.trace.enabled) {
    server.emit({ type: 'pubsub.publish', port: server.port, channel, message, receivers: to, shard, fromMaster });
  }
  return to.length;
}

// ---------------------------------------------------------------------------------------------
// Subscribing and unsubscribing
// ---------------------------------------------------------------------------------------------

type Kind = 'channel' | 'pattern' | 'shard';

function subsOf(c: Client): ClientSubscriptions {
  if (c.pubsub === null) c.pubsub = new ClientSubscriptions();
  return c.pubsub;
}

/** The count each confirmation carries: channels + patterns, or shard channels alone. */
function countFor(s: ClientSubscriptions, kind: Kind): number {
  return kind === 'shard' ? s.shardChannels.size : s.channels.size + s.patterns.length;
}

function totalCount(s: ClientSubscriptions): number {
  return s.channels.size + s.patterns.length + s.shardChannels.size;
}

function registryOf(server: RedisServer, kind: Kind): Map<string, Set<Client>> {
  const reg = server.pubsub;
  return kind === 'channel' ? reg.channels : kind === 'pattern' ? reg.patterns : reg.shardChannels;
}

function has(s: ClientSubscriptions, kind: Kind, name: string): boolean {
  return kind === 'channel' ? s.channels.has(name) : kind === 'pattern' ? s.patterns.includes(name) : s.shardChannels.has(name);
}

function add(server: RedisServer, c: Client, kind: Kind, name: string): void {
  const s = subsOf(c);
  if (kind === 'channel') s.channels.add(name);
  else if (kind === 'pattern') s.patterns.push(name);
  else s.shardChannels.add(name);
  const reg = registryOf(server, kind);
  let clients = reg.get(name);
  if (clients === undefined) reg.set(name, (clients = new Set()));
  clients.add(c);
}

function remove(server: RedisServer, c: Client, kind: Kind, name: string): boolean {
  const s = c.pubsub;
  if (s === null || !has(s, kind, name)) return false;
  if (kind === 'channel') s.channels.delete(name);
  else if (kind === 'pattern') s.patterns.splice(s.patterns.indexOf(name), 1);
  else s.shardChannels.delete(name);
  // An entry with no subscriber left is removed: PUBSUB CHANNELS lists active channels only.
  const reg = registryOf(server, kind);
  const clients = reg.get(name);
  if (clients !== undefined) {
    clients.delete(c);
    if (clients.size === 0) reg.delete(name);
  }
  return true;
}

const CONFIRM: Record<Kind, { sub: string; unsub: string }> = {
  channel: { sub: 'subscribe', unsub: 'unsubscribe' },
  pattern: { sub: 'psubscribe', unsub: 'punsubscribe' },
  shard: { sub: 'ssubscribe', unsub: 'sunsubscribe' },
};

/** addReplyPubsub(Un)Subscribed: `[subscribe, ch, count]`; a nil name when there was nothing to leave. */
function confirmation(word: string, name: string | null, count: number): Reply {
  return array([bulk(word), bulk(name), integer(count)]);
}

/**
 * A command answered with one confirmation per argument: each is its own reply on the wire. All
 * but the last are pushed now (they precede it); the last is the command's reply.
 */
function several(c: Client, replies: Reply[]): Reply {
  for (let i = 0; i < replies.length - 1; i++) pushToClient(c, replies[i]);
  return replies[replies.length - 1];
}

function subscribe(ctx: ServerContext, argv: string[], kind: Kind): Reply {
  const c = ctx.client;
  const replies: Reply[] = [];
  for (let j = 1; j < argv.length; j++) {
    if (!has(subsOf(c), kind, argv[j])) add(ctx.server, c, kind, argv[j]);
    replies.push(confirmation(CONFIRM[kind].sub, argv[j], countFor(subsOf(c), kind)));
  }
  subsOf(c).mode = true;
  return several(c, replies);
}

/** The names `kind` subscriptions of a client, in order (for UNSUBSCRIBE with no argument). */
function namesOf(s: ClientSubscriptions, kind: Kind): string[] {
  return kind === 'channel' ? [...s.channels] : kind === 'pattern' ? [...s.patterns] : [...s.shardChannels];
}

function unsubscribe(ctx: ServerContext, argv: string[], kind: Kind): Reply {
  const c = ctx.client;
  const s = subsOf(c);
  const word = CONFIRM[kind].unsub;
  const replies: Reply[] = [];
  if (argv.length === 1) {
    for (const name of namesOf(s, kind)) {
      remove(ctx.server, c, kind, name);
      replies.push(confirmation(word, name, countFor(s, kind)));
    }
    if (replies.length === 0) replies.push(confirmation(word, null, countFor(s, kind)));
  } else {
    for (let j = 1; j < argv.length; j++) {
      remove(ctx.server, c, kind, argv[j]);
      replies.push(confirmation(word, argv[j], countFor(s, kind)));
    }
  }
  if (totalCount(s) === 0) s.mode = false;
  return several(c, replies);
}

/** Every subscription of a client goes, without confirmations (freeClient, RESET). */
export function unsubscribeAll(server: RedisServer, c: Client): void {
  const s = c.pubsub;
  if (s === null) return;
  for (const kind of ['channel', 'pattern', 'shard'] as const) for (const name of namesOf(s, kind)) remove(server, c, kind, name);
  s.mode = false;
}

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

type Spec = ServerCommandSpec;

function spec(name: string, arity: number, handler: Spec['handler'], keys: [number, number, number] = [0, 0, 0]): Spec {
  return { name, arity, flags: ['loading', 'stale'], firstKey: keys[0], lastKey: keys[1], keyStep: keys[2], handler };
}

/** PUBLISH and SPUBLISH: deliver here, and propagate to replicas (forceCommandPropagation, PROPAGATE_REPL). */
function publish(ctx: ServerContext, argv: string[], shard: boolean): Reply {
  const receivers = publishMessage(ctx.server, argv[1], argv[2], shard, ctx.fromMaster);
  // Not a write: nothing is dirty, yet the stream carries it (7.0 propagates SPUBLISH too outside a cluster).
  ctx.propagate(argv);
  return integer(receivers);
}

const PUBSUB_HELP = [
  'PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'CHANNELS [<pattern>]',
  "    Return the currently active channels matching a <pattern> (default: '*').",
  'NUMPAT',
  '    Return number of subscriptions to patterns.',
  'NUMSUB [<channel> ...]',
  '    Return the number of subscribers for the specified channels, excluding',
  '    pattern subscriptions(default: no channels).',
  'SHARDCHANNELS [<pattern>]',
  "    Return the currently active shard level channels matching a <pattern> (default: '*').",
  'SHARDNUMSUB [<shardchannel> ...]',
  '    Return the number of subscribers for the specified shard level channel(s)',
  'HELP',
  '    Prints this help.',
];

/** The PUBSUB subcommands 7.0 has, with their arity (checked before the subcommand runs). */
const PUBSUB_SUBCOMMANDS: Record<string, number> = { channels: -2, numsub: -2, numpat: 2, shardchannels: -2, shardnumsub: -2, help: 2 };

function channelList(channels: Map<string, Set<Client>>, pattern: string | undefined): Reply {
  const names = [...channels.keys()].filter((n) => pattern === undefined || stringMatch(pattern, n));
  return array(names.map((n) => bulk(n)));
}

function numsub(channels: Map<string, Set<Client>>, names: string[]): Reply {
  const items: Reply[] = [];
  for (const n of names) items.push(bulk(n), integer(channels.get(n)?.size ?? 0));
  return array(items);
}

function pubsubCommand(ctx: ServerContext, argv: string[]): Reply {
  const sub = argv[1].toLowerCase();
  const arity = PUBSUB_SUBCOMMANDS[Object.hasOwn(PUBSUB_SUBCOMMANDS, sub) ? sub : ''];
  if (arity === undefined) return error(`ERR unknown subcommand '${argv[1].slice(0, 128)}'. Try PUBSUB HELP.`);
  if ((arity > 0 && argv.length !== arity) || argv.length < -arity) return ERR.wrongArgs(`pubsub|${sub}`);
  const reg = ctx.server.pubsub;
  const syntax = error(`ERR unknown subcommand or wrong number of arguments for '${argv[1].slice(0, 128)}'. Try PUBSUB HELP.`);
  switch (sub) {
    case 'help':
      return array(PUBSUB_HELP.map((l) => status(l)));
    case 'channels':
      return argv.length <= 3 ? channelList(reg.channels, argv[2]) : syntax;
    case 'shardchannels':
      return argv.length <= 3 ? channelList(reg.shardChannels, argv[2]) : syntax;
    case 'numsub':
      return numsub(reg.channels, argv.slice(2));
    case 'shardnumsub':
      return numsub(reg.shardChannels, argv.slice(2));
    default:
      // NUMPAT: unique patterns (dictSize(server.pubsub_patterns)).
      return integer(reg.patterns.size);
  }
}

const PONG = status('PONG');

/** PING; a RESP2 client in subscribed mode gets `*2 pong <message or "">` instead (its replies are all arrays there). */
function pingCommand(ctx: ServerContext, argv: string[]): Reply {
  if (argv.length > 2) return ERR.wrongArgs('ping');
  if (inSubscribedMode(ctx.client) && ctx.client.resp === 2) return array([bulk('pong'), bulk(argv.length > 1 ? argv[1] : '')]);
  return argv.length === 1 ? PONG : bulk(argv[1]);
}

/** The pub/sub commands (and PING, whose subscribed-mode form lives here). */
export const pubsubCommands: Spec[] = [
  spec('subscribe', -2, (ctx, argv) => subscribe(ctx, argv, 'channel')),
  spec('unsubscribe', -1, (ctx, argv) => unsubscribe(ctx, argv, 'channel')),
  spec('psubscribe', -2, (ctx, argv) => subscribe(ctx, argv, 'pattern')),
  spec('punsubscribe', -1, (ctx, argv) => unsubscribe(ctx, argv, 'pattern')),
  spec(
    'ssubscribe',
    -2,
    (ctx, argv) =>
      // EXEC runs its commands with CLIENT_DENY_BLOCKING, which 7.0 checks for SSUBSCRIBE only.
      ctx.server.inExec ? error("ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client") : subscribe(ctx, argv, 'shard'),
    [1, -1, 1],
  ),
  spec('sunsubscribe', -1, (ctx, argv) => unsubscribe(ctx, argv, 'shard'), [1, -1, 1]),
  { ...spec('publish', 3, (ctx, argv) => publish(ctx, argv, false)), flags: ['loading', 'stale', 'fast'] },
  { ...spec('spublish', 3, (ctx, argv) => publish(ctx, argv, true), [1, 1, 1]), flags: ['loading', 'stale', 'fast'] },
  { ...spec('pubsub', -2, pubsubCommand), flags: [] },
  { name: 'ping', arity: -1, flags: ['fast'], firstKey: 0, lastKey: 0, keyStep: 0, handler: pingCommand },
];
