/** Test helper: parse concatenated RESP2 replies (latin1 byte strings) into Reply values. */
import type { Reply } from '../../src/redis/reply.js';

export function parseReplies(buf: string): Reply[] {
  let pos = 0;
  const line = (): string => {
    const eol = buf.indexOf('\r\n', pos);
    if (eol < 0) throw new Error(`incomplete RESP at ${pos}`);
    const s = buf.slice(pos, eol);
    pos = eol + 2;
    return s;
  };
  const one = (): Reply => {
    const head = line();
    const rest = head.slice(1);
    switch (head[0]) {
      case '+':
        return { kind: 'status', text: rest };
      case '-':
        return { kind: 'error', text: rest };
      case ':':
        return { kind: 'integer', value: Number(rest) };
      case '$': {
        const n = Number(rest);
        if (n < 0) return { kind: 'bulk', value: null };
        const value = buf.slice(pos, pos + n);
        pos += n + 2;
        return { kind: 'bulk', value };
      }
      case '*': {
        const n = Number(rest);
        if (n < 0) return { kind: 'array', items: null };
        const items: Reply[] = [];
        for (let i = 0; i < n; i++) items.push(one());
        return { kind: 'array', items };
      }
      default:
        throw new Error(`bad RESP type ${JSON.stringify(head)}`);
    }
  };
  const out: Reply[] = [];
  while (pos < buf.length) out.push(one());
  return out;
}
