/** A fake CommandContext for the data-command tests: records dirty counts, propagations and lazy expiries. */

import type { CommandContext } from '../../../src/redis/command-types.js';
import { dataCommands } from '../../../src/redis/commands/index.js';
import { touchCommandKeys } from '../../../src/redis/commands/object.js';
import { createDbs, type RedisDb } from '../../../src/redis/keyspace.js';
import { ERR, type Reply } from '../../../src/redis/reply.js';
import { Rng } from '../../../src/sim/rng.js';

export const T0 = 1_700_000_000_000;

export interface FakeServer {
  dbs: RedisDb[];
  db: RedisDb;
  nowUnixMs: number;
  isMaster: boolean;
  fromMaster: boolean;
  dirty: number;
  /** Commands the handler asked to propagate (rewrites), per call. */
  propagated: string[][];
  /** Keys lazily expired, as `DEL key` would be propagated. */
  expired: string[];
  rng: Rng;
  /** Run one command like the server would (arity check, then the handler). */
  run(...argv: string[]): Reply;
  /** What the server would feed its replicas for the last command. */
  lastFeed: string[][];
}

/** A master (or replica) with 16 empty databases, at virtual time T0. */
export function fakeServer(opts: { isMaster?: boolean; fromMaster?: boolean; seed?: number } = {}): FakeServer {
  const dbs = createDbs();
  const server: FakeServer = {
    dbs,
    db: dbs[0],
    nowUnixMs: T0,
    isMaster: opts.isMaster ?? true,
    fromMaster: opts.fromMaster ?? false,
    dirty: 0,
    propagated: [],
    expired: [],
    rng: new Rng(opts.seed ?? 1),
    lastFeed: [],
    run(...argv: string[]): Reply {
      const spec = dataCommands.get(argv[0].toLowerCase());
      if (!spec) throw new Error(`no such command in the table: ${argv[0]}`);
      if ((spec.arity > 0 && argv.length !== spec.arity) || argv.length < -spec.arity) {
        return ERR.wrongArgs(argv[0]);
      }
      const dirtyBefore = server.dirty;
      const propagated: string[][] = [];
      const expired: string[][] = [];
      const ctx: CommandContext = {
        db: server.db,
        dbs: server.dbs,
        nowUnixMs: server.nowUnixMs,
        isMaster: server.isMaster,
        fromMaster: server.fromMaster,
        dirty: (n = 1) => {
          server.dirty += n;
        },
        propagate: (a) => {
          propagated.push(a);
          server.propagated.push(a);
        },
        expired: (_db, key) => {
          expired.push(['DEL', key]);
          server.expired.push(key);
        },
        rng: server.rng,
      };
      const reply = spec.handler(ctx, argv);
      // As RedisServer.call(): stamp access times once the db tracks them (OBJECT IDLETIME).
      if (ctx.db.trackAccessTimes && spec.firstKey > 0) touchCommandKeys(ctx, argv, spec);
      const own = propagated.length > 0 ? propagated : server.dirty > dirtyBefore ? [argv] : [];
      server.lastFeed = [...expired, ...own];
      return reply;
    },
  };
  return server;
}

/** Reply shorthands for expectations. */
export const ok = { kind: 'status', text: 'OK' } as const;
export const nil = { kind: 'bulk', value: null } as const;
export const int = (value: number) => ({ kind: 'integer', value }) as const;
export const str = (value: string) => ({ kind: 'bulk', value }) as const;
export const err = (text: string) => ({ kind: 'error', text }) as const;
export const arr = (...values: Array<string | null>) => ({
  kind: 'array',
  items: values.map((v) => ({ kind: 'bulk', value: v })),
});

/** A bulk reply's string; fails the test on any other reply. */
export function bulkOf(r: Reply): string {
  if (r.kind !== 'bulk' || r.value === null) throw new Error(`expected a bulk string, got ${JSON.stringify(r)}`);
  return r.value;
}

/** An array reply's items; fails the test on any other reply. */
export function itemsOf(r: Reply): Reply[] {
  if (r.kind !== 'array' || r.items === null) throw new Error(`expected an array, got ${JSON.stringify(r)}`);
  return r.items;
}
