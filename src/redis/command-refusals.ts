/**
 * The Redis 7.0.15 commands the tutor does not run, each with the reason (the tutor prints a note
 * after the unknown-command error a server without it would give). Every command of 7.0.15's
 * COMMAND is either in the command table or here: test/redis/command-coverage.test.ts checks it
 * against a fixture captured from the real server.
 */

/** Why a 7.0 command is refused: a whole subsystem the tutor leaves out, or not built yet. */
export type RefusalReason =
  | 'scripting' // Lua scripts and functions
  | 'cluster' // Redis Cluster: slots, migration, per-slot routing
  | 'modules'
  | 'auth' // users, ACLs, AUTH, HELLO (RESP3 and protocol negotiation)
  | 'streams-groups' // consumer groups of streams
  | 'bitmaps'
  | 'geo'
  | 'hyperloglog'
  | 'aof' // the append-only file: the tutor persists with RDB only
  | 'serialization' // DUMP/RESTORE's payload format
  | 'diagnostics' // latency, memory and slowlog internals of a real process
  | 'not-yet'; // plain data or connection commands not built yet

export const REFUSED_COMMANDS: Readonly<Record<string, RefusalReason>> = {
  eval: 'scripting', eval_ro: 'scripting', evalsha: 'scripting', evalsha_ro: 'scripting',
  fcall: 'scripting', fcall_ro: 'scripting', function: 'scripting', script: 'scripting',
  asking: 'cluster', cluster: 'cluster', readonly: 'cluster', readwrite: 'cluster', migrate: 'cluster',
  'restore-asking': 'cluster',
  module: 'modules',
  acl: 'auth',
  xgroup: 'streams-groups', xreadgroup: 'streams-groups', xack: 'streams-groups', xpending: 'streams-groups',
  xclaim: 'streams-groups', xautoclaim: 'streams-groups',
  bitcount: 'bitmaps', bitfield: 'bitmaps', bitfield_ro: 'bitmaps', bitop: 'bitmaps', bitpos: 'bitmaps',
  getbit: 'bitmaps', setbit: 'bitmaps',
  geoadd: 'geo', geodist: 'geo', geohash: 'geo', geopos: 'geo', georadius: 'geo', georadius_ro: 'geo',
  georadiusbymember: 'geo', georadiusbymember_ro: 'geo', geosearch: 'geo', geosearchstore: 'geo',
  pfadd: 'hyperloglog', pfcount: 'hyperloglog', pfmerge: 'hyperloglog', pfdebug: 'hyperloglog',
  pfselftest: 'hyperloglog',
  bgrewriteaof: 'aof',
  dump: 'serialization', restore: 'serialization',
  latency: 'diagnostics', slowlog: 'diagnostics', lolwut: 'diagnostics',
  // Not built yet: they are Redis data or connection commands like the ones the tutor has.
  hrandfield: 'not-yet', hscan: 'not-yet', sscan: 'not-yet', zscan: 'not-yet', lcs: 'not-yet',
  move: 'not-yet', sintercard: 'not-yet', zintercard: 'not-yet',
  sort: 'not-yet', sort_ro: 'not-yet', substr: 'not-yet',
  zdiff: 'not-yet', zdiffstore: 'not-yet', zinter: 'not-yet', zunion: 'not-yet', zrandmember: 'not-yet',
  zrangestore: 'not-yet', zremrangebylex: 'not-yet', zremrangebyrank: 'not-yet',
  zremrangebyscore: 'not-yet',
  xinfo: 'not-yet', xsetid: 'not-yet',
};

/** The reason a 7.0 command is refused, or undefined (implemented, or not a 7.0 command at all). */
export function refusalReason(name: string): RefusalReason | undefined {
  const n = name.toLowerCase();
  return Object.prototype.hasOwnProperty.call(REFUSED_COMMANDS, n) ? REFUSED_COMMANDS[n] : undefined;
}
