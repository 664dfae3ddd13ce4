/**
 * Replies as bytes for a real client (networking.c's addReply* family): RESP2, or RESP3 after
 * HELLO 3, where the same reply takes its typed form — maps, sets, doubles and `_` nulls — by the
 * command that produced it, as 7.0's commands choose (checked against redis-server 7.0.15).
 */

import type { Reply } from '../redis/reply.js';
import { encodeReply as encodeResp2 } from '../redis/resp.js';

/** How a command's array reply reads in RESP3. */
type Shape = 'map' | 'set' | 'double' | 'doubles' | 'scorePairs' | 'pairs' | 'memberScore' | 'keyMemberScore' | 'keyScorePairs' | 'verbatim' | 'push';

function hasArg(argv: readonly string[], word: string): boolean {
  for (let i = 1; i < argv.length; i++) if (argv[i].toLowerCase() === word) return true;
  return false;
}

/** The RESP3 shape of `argv`'s reply, or null when RESP2's is already right. */
export function resp3Shape(argv: readonly string[]): Shape | null {
  const name = argv[0]?.toLowerCase();
  switch (name) {
    case 'hgetall':
    case 'hello':
      return 'map';
    case 'config':
      return argv[1]?.toLowerCase() === 'get' ? 'map' : null;
    case 'info':
      return 'verbatim';
    case 'client': {
      const sub = argv[1]?.toLowerCase();
      return sub === 'list' || sub === 'info' ? 'verbatim' : null;
    }
    case 'smembers':
    case 'sinter':
    case 'sunion':
    case 'sdiff':
      return 'set';
    case 'zscore':
    case 'zincrby':
      return 'double';
    case 'zadd':
      return hasArg(argv, 'incr') ? 'double' : null;
    case 'zmscore':
      return 'doubles';
    case 'zrange':
    case 'zrangebyscore':
    case 'zrevrange':
    case 'zrevrangebyscore':
    case 'zrandmember':
    case 'zunion':
    case 'zinter':
    case 'zdiff':
      return hasArg(argv, 'withscores') ? 'scorePairs' : null;
    case 'zpopmin':
    case 'zpopmax':
      return argv.length > 2 ? 'scorePairs' : 'memberScore';
    case 'bzpopmin':
    case 'bzpopmax':
      return 'keyMemberScore';
    case 'zmpop':
    case 'bzmpop':
      return 'keyScorePairs';
    case 'hrandfield':
      return hasArg(argv, 'withvalues') ? 'pairs' : null;
    case 'subscribe':
    case 'unsubscribe':
    case 'psubscribe':
    case 'punsubscribe':
    case 'ssubscribe':
    case 'sunsubscribe':
      // Their confirmations are pushes in RESP3, like the messages that follow.
      return 'push';
    default:
      return null;
  }
}

/** A reply in RESP3 with no command-specific shape: nulls become `_`. */
function resp3Plain(r: Reply): string {
  switch (r.kind) {
    case 'bulk':
      return r.value === null ? '_\r\n' : `$${r.value.length}\r\n${r.value}\r\n`;
    case 'array':
      if (r.items === null) return '_\r\n';
      return `*${r.items.length}\r\n` + r.items.map(resp3Plain).join('');
    default:
      return encodeResp2(r);
  }
}

function double(r: Reply): string {
  return r.kind === 'bulk' && r.value !== null ? `,${r.value}\r\n` : resp3Plain(r);
}

function shaped(r: Reply, shape: Shape): string {
  // A verbatim string (addReplyVerbatim): `=<len>\r\ntxt:<text>\r\n`.
  if (shape === 'verbatim') return r.kind === 'bulk' && r.value !== null ? `=${r.value.length + 4}\r\ntxt:${r.value}\r\n` : resp3Plain(r);
  if (r.kind !== 'array' || r.items === null) return shape === 'double' ? double(r) : resp3Plain(r);
  const items = r.items;
  switch (shape) {
    case 'map':
      return `%${items.length >> 1}\r\n` + items.map(resp3Plain).join('');
    case 'push':
      return `>${items.length}\r\n` + items.map(resp3Plain).join('');
    case 'set':
      return `~${items.length}\r\n` + items.map(resp3Plain).join('');
    case 'double':
    case 'doubles':
      return `*${items.length}\r\n` + items.map(double).join('');
    case 'memberScore':
      return items.length === 2 ? `*2\r\n${resp3Plain(items[0])}${double(items[1])}` : resp3Plain(r);
    case 'keyMemberScore':
      return items.length === 3 ? `*3\r\n${resp3Plain(items[0])}${resp3Plain(items[1])}${double(items[2])}` : resp3Plain(r);
    case 'keyScorePairs': {
      const pairs = items[1];
      if (items.length !== 2 || pairs.kind !== 'array' || pairs.items === null) return resp3Plain(r);
      return `*2\r\n${resp3Plain(items[0])}*${pairs.items.length}\r\n` + pairs.items.map((p) => shaped(p, 'memberScore')).join('');
    }
    case 'scorePairs':
    case 'pairs': {
      let s = `*${items.length >> 1}\r\n`;
      for (let i = 0; i + 1 < items.length; i += 2) {
        s += `*2\r\n${resp3Plain(items[i])}${shape === 'pairs' ? resp3Plain(items[i + 1]) : double(items[i + 1])}`;
      }
      return s;
    }
  }
}

/**
 * The bytes (one char per byte) of `reply` to the command `argv` for a client speaking `resp`.
 * `queued` is the transaction EXEC ran, so that each of its replies takes its own command's shape.
 */
export function encodeClientReply(reply: Reply, resp: number, argv: readonly string[], queued: readonly string[][] | null): string {
  if (resp !== 3) return encodeResp2(reply);
  if (queued !== null && reply.kind === 'array' && reply.items !== null && reply.items.length === queued.length) {
    return `*${reply.items.length}\r\n` + reply.items.map((r, i) => encodeClientReply(r, 3, queued[i], null)).join('');
  }
  const shape = resp3Shape(argv);
  return shape === null ? resp3Plain(reply) : shaped(reply, shape);
}

/** A message pushed outside any reply (pub/sub): a RESP2 array, or a RESP3 `>` push. */
export function encodePush(msg: Reply, resp: number): string {
  return resp === 3 ? shaped(msg, 'push') : encodeResp2(msg);
}
