/**
 * What travels on a simulated TCP connection between two servers (networking.c's reads and
 * writes, one message per protocol unit): commands, replies, the RDB payload and keepalives.
 */

import type { ReplFrame } from './backlog.js';
import type { Reply } from './reply.js';
import { encodeReply } from './resp.js';

export type WireMessage =
  /** A command: handshake commands, REPLCONF ACK, and every frame of the replication stream. */
  | ReplFrame
  | { readonly k: 'reply'; readonly reply: Reply }
  /** A message pushed to a client outside any reply (pub/sub): a RESP2 array, or a RESP3 `>` push. */
  | { readonly k: 'push'; readonly reply: Reply }
  /** The single `\n` a master writes to a waiting replica once per second (not counted in offsets). */
  | { readonly k: 'newline' }
  /** `$<len>\r\n` (disk) or `$EOF:<40 chars>\r\n` (diskless), announcing the RDB payload. */
  | { readonly k: 'bulk'; readonly total: number; readonly eofMark: string | null }
  /** A piece of the RDB payload. `offset` is where it starts inside the payload. */
  | { readonly k: 'chunk'; readonly data: Uint8Array; readonly offset: number; readonly last: boolean };

/** The bytes a reply occupies on the wire. */
export function replyBytes(r: Reply): number {
  return encodeReply(r).length;
}

/** A command frame for `argv` with its RESP length precomputed. */
export function frame(argv: string[], bytes: number): ReplFrame {
  return { k: 'cmd', argv, bytes };
}
