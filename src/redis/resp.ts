/** RESP2 encoding of commands and replies (networking.c): what goes on the wire, and how many bytes. */

import type { Reply } from './reply.js';

/** Number of decimal digits of a non-negative integer. */
function digits(n: number): number {
  return n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : String(n).length;
}

/**
 * Byte length of `argv` encoded as a RESP multibulk, without building the string.
 * Worked example: SET a 10 → "*3\r\n" (4) + "$3\r\nSET\r\n" (9) + "$1\r\na\r\n" (7) + "$2\r\n10\r\n" (8) = 28.
 */
export function respCommandLength(argv: readonly string[]): number {
  let n = 1 + digits(argv.length) + 2;
  for (const a of argv) n += 1 + digits(a.length) + 2 + a.length + 2;
  return n;
}

/** `argv` as a RESP multibulk byte string. */
export function encodeCommand(argv: readonly string[]): string {
  let s = `*${argv.length}\r\n`;
  for (const a of argv) s += `$${a.length}\r\n${a}\r\n`;
  return s;
}

/** A reply as RESP2 bytes. */
export function encodeReply(r: Reply): string {
  switch (r.kind) {
    case 'status':
      return `+${r.text}\r\n`;
    case 'error':
      return `-${r.text}\r\n`;
    case 'integer':
      return `:${r.value}\r\n`;
    case 'bulk':
      return r.value === null ? '$-1\r\n' : `$${r.value.length}\r\n${r.value}\r\n`;
    case 'array':
      return r.items === null
        ? '*-1\r\n'
        : `*${r.items.length}\r\n` + r.items.map(encodeReply).join('');
  }
}
