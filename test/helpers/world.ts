/** Test helpers: start servers, run commands like redis-cli, read INFO fields. */

import type { Connection } from '../../src/redis/api.js';
import type { Reply } from '../../src/redis/reply.js';
import { World } from '../../src/redis/world.js';

/** A world with servers on `ports` (no save points unless `save` is given), like the seed's three. */
export function worldWith(ports: number[], opts: { seed?: number; extra?: string } = {}): World {
  const w = new World({ seed: opts.seed ?? 1 });
  for (const p of ports) {
    const r = w.startServer({ configText: `port ${p}\nsave ""\ndir /data/${p}\n${opts.extra ?? ''}` });
    if (!r.ok) throw new Error(r.lines.join('\n'));
  }
  return w;
}

const conns = new WeakMap<World, Map<number, Connection>>();

/** One cached connection per port (reopened when closed). */
export function conn(w: World, port: number): Connection {
  let m = conns.get(w);
  if (!m) conns.set(w, (m = new Map()));
  let c = m.get(port);
  if (!c || !c.open) {
    const r = w.connect('127.0.0.1', port);
    if ('error' in r) throw new Error(`connect ${port}: ${r.error}`);
    c = r;
    m.set(port, c);
  }
  return c;
}

/** Send a command and return its immediate reply (throws if it blocks). */
export function cmd(w: World, port: number, ...argv: string[]): Reply | null {
  let got: Reply | null | undefined;
  conn(w, port).send(argv, (r) => (got = r));
  if (got === undefined) throw new Error(`${argv.join(' ')} on ${port} did not answer at once`);
  return got;
}

/** Send a command on a new connection (its reply may come later); returns a getter for it. */
export function send(w: World, port: number, ...argv: string[]): () => Reply | null | undefined {
  let got: Reply | null | undefined;
  const c = w.connect('127.0.0.1', port);
  if ('error' in c) throw new Error(c.error);
  c.send(argv, (r) => (got = r));
  return () => got;
}

/** The reply as plain text: status/bulk text, error text, integer as a string. */
export function text(r: Reply | null): string {
  if (r === null) return '(closed)';
  switch (r.kind) {
    case 'status':
    case 'error':
      return r.text;
    case 'integer':
      return String(r.value);
    case 'bulk':
      return r.value ?? '(nil)';
    case 'array':
      return JSON.stringify(r.items);
  }
}

/** `cmd` then `text`. */
export function run(w: World, port: number, ...argv: string[]): string {
  return text(cmd(w, port, ...argv));
}

/** INFO <section> as a field → value record. */
export function info(w: World, port: number, section = 'replication'): Record<string, string> {
  const body = run(w, port, 'INFO', section);
  const out: Record<string, string> = {};
  for (const line of body.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0 && !line.startsWith('#')) out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}

/** Types of the trace events since `seq`, optionally filtered. */
export function traceTypes(w: World, fromSeq = 0, filter?: (t: string) => boolean): string[] {
  return w.trace.since(fromSeq).map((e) => e.type).filter((t) => !filter || filter(t));
}
