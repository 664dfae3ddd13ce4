/** Invariant checkers over a World (TigerBeetle-style: separate from the engine, called by tests). */

import type { World } from '../../src/redis/world.js';

/**
 * No replica's applied offset is ever ahead of its master's master_repl_offset (a replica only
 * applies what its master fed). Returns a description of each violation.
 */
export function offsetsNeverAhead(w: World): string[] {
  const bad: string[] = [];
  for (const n of w.snapshot()) {
    if (n.status !== 'running' || !n.master || !n.master.linkUp) continue;
    const m = w.node(n.master.port);
    if (!m || (m.status !== 'running' && m.status !== 'paused')) continue;
    // Only while both ends hold the link: a master that dropped the replica (say, to resync from a
    // new master of its own) may restart its offsets before the close reaches a replica behind a slow link.
    if (!m.replicas.some((r) => r.port === n.port)) continue;
    if (n.replicaOffset !== null && n.replicaOffset > m.masterReplOffset) {
      bad.push(`${n.port} at ${n.replicaOffset} is ahead of its master ${m.port} at ${m.masterReplOffset}`);
    }
  }
  return bad;
}

/** Every db of `port` as comparable data. */
export function dataOf(w: World, port: number): string {
  const dbs: unknown[] = [];
  for (let db = 0; db < 16; db++) dbs.push(w.keys(port, db).map((k) => [k.key, k.type, k.value, k.expiresAtMs]));
  return JSON.stringify(dbs);
}

/**
 * After healing and settling: every replica whose master is running (and itself a master or a
 * connected replica) is connected, holds exactly its master's data, and its offset equals its
 * master's. Returns a description of each violation.
 */
export function replicasConverged(w: World): string[] {
  const bad: string[] = [];
  const nodes = w.snapshot();
  const byPort = new Map(nodes.map((n) => [n.port, n]));
  for (const n of nodes) {
    if (n.status !== 'running' || !n.master) continue;
    const m = byPort.get(n.master.port);
    if (!m || m.status !== 'running') continue;
    if (m.master && !m.master.linkUp) continue;
    if (!n.master.linkUp) {
      bad.push(`${n.port} is not connected to ${m.port} (state ${n.master.linkState})`);
      continue;
    }
    if (n.replicaOffset !== m.masterReplOffset) {
      bad.push(`${n.port} offset ${n.replicaOffset} ≠ master ${m.port} offset ${m.masterReplOffset}`);
    }
    if (dataOf(w, n.port) !== dataOf(w, m.port)) bad.push(`${n.port} data differs from master ${m.port}`);
  }
  return bad;
}
