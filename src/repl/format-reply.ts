/**
 * Reply formatting exactly like redis-cli 7.0 on a terminal (redis-cli.c:cliFormatReplyTTY(),
 * cliFormatReplyRaw(), sds.c:sdscatrepr()), including which commands it prints raw (INFO, CLIENT LIST…).
 */

import type { Reply } from '../redis/reply.js';

/**
 * sdscatrepr: a byte string double-quoted, with `\\ \" \n \r \t \a \b` escapes and every other
 * non-printable byte (controls, DEL and all bytes ≥ 0x80) as lowercase `\xHH`.
 * `"€\x01"` as bytes → `"\xe2\x82\xac\x01"`.
 */
export function reprBytes(bytes: string): string {
  let out = '"';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes.charCodeAt(i);
    switch (c) {
      case 0x5c: out += '\\\\'; break;
      case 0x22: out += '\\"'; break;
      case 0x0a: out += '\\n'; break;
      case 0x0d: out += '\\r'; break;
      case 0x09: out += '\\t'; break;
      case 0x07: out += '\\a'; break;
      case 0x08: out += '\\b'; break;
      default:
        // isprint() in the C locale: 0x20–0x7e.
        if (c >= 0x20 && c <= 0x7e) out += bytes[i];
        else out += '\\x' + c.toString(16).padStart(2, '0');
    }
  }
  return out + '"';
}

/** C's `%s`: a string argument stops at its first NUL byte. */
function cString(s: string): string {
  const nul = s.indexOf('\0');
  return nul >= 0 ? s.slice(0, nul) : s;
}

/**
 * cliFormatReplyTTY: the text redis-cli prints for a reply on a terminal, ending with "\n".
 * `prefix` is the indentation of nested arrays (callers pass '').
 */
export function formatReplyTTY(r: Reply, prefix = ''): string {
  switch (r.kind) {
    case 'error':
      return `(error) ${cString(r.text)}\n`;
    case 'status':
      return `${cString(r.text)}\n`;
    case 'integer':
      return `(integer) ${r.value}\n`;
    case 'bulk':
      return r.value === null ? '(nil)\n' : reprBytes(r.value) + '\n';
    case 'array': {
      // hiredis turns `*-1` into a nil reply.
      if (r.items === null) return '(nil)\n';
      if (r.items.length === 0) return '(empty array)\n';
      // The index is right-aligned to the digit count of the element count: ` 1)` … `11)`.
      const idxLen = String(r.items.length).length;
      // Nested arrays are indented by the parent's prefix plus the index width and ") ".
      const nestedPrefix = prefix + ' '.repeat(idxLen + 2);
      let out = '';
      r.items.forEach((item, i) => {
        // The first element's prefix was already printed by the parent on the same line.
        out += (i === 0 ? '' : prefix) + String(i + 1).padStart(idxLen, ' ') + ') ';
        out += formatReplyTTY(item, nestedPrefix);
      });
      return out;
    }
  }
}

/**
 * cliFormatReplyRaw, as used for "verbatim" commands in TTY mode: strings and statuses as they
 * are (no newline added), errors with a newline, nil as nothing, array items joined by "\n".
 */
export function formatReplyRaw(r: Reply): string {
  switch (r.kind) {
    case 'error':
      return r.text + '\n';
    case 'status':
      return r.text;
    case 'integer':
      return String(r.value);
    case 'bulk':
      return r.value ?? '';
    case 'array':
      return (r.items ?? []).map(formatReplyRaw).join('\n');
  }
}

/**
 * The commands redis-cli 7.0 prints raw even on a terminal (cliSendCommand's output_raw list):
 * INFO, LOLWUT, DEBUG HTSTATS…, MEMORY MALLOC-STATS/DOCTOR, CLUSTER NODES/INFO, CLIENT LIST/INFO,
 * LATENCY GRAPH/DOCTOR, PROXY INFO. `argv` are the arguments as sent (byte strings).
 */
export function isRawOutputCommand(argv: readonly string[]): boolean {
  if (argv.length === 0) return false;
  const cmd = argv[0].toLowerCase();
  const sub = argv.length >= 2 ? argv[1].toLowerCase() : '';
  const argc = argv.length;
  return (
    cmd === 'info' ||
    cmd === 'lolwut' ||
    (argc >= 2 && cmd === 'debug' && (sub === 'htstats' || sub === 'htstats-key' || sub === 'client-eviction')) ||
    (argc >= 2 && cmd === 'memory' && (sub === 'malloc-stats' || sub === 'doctor')) ||
    (argc === 2 && cmd === 'cluster' && (sub === 'nodes' || sub === 'info')) ||
    (argc >= 2 && cmd === 'client' && (sub === 'list' || sub === 'info')) ||
    (argc === 3 && cmd === 'latency' && sub === 'graph') ||
    (argc === 2 && cmd === 'latency' && sub === 'doctor') ||
    (argc >= 2 && cmd === 'proxy' && sub === 'info')
  );
}

/** What redis-cli writes to the terminal for the reply to `argv` (raw for INFO and friends). */
export function formatReply(argv: readonly string[], r: Reply): string {
  return isRawOutputCommand(argv) ? formatReplyRaw(r) : formatReplyTTY(r);
}

/**
 * The printed text as screen lines: split on "\n", a trailing "\r" dropped (INFO's CRLF shows
 * as a plain line end on a terminal), and no empty last line for text ending in "\n".
 * Raw output without a final newline (an INFO reply always has one) still ends its line.
 */
export function toScreenLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}
