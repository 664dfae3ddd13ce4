/** The world's memory budget: a cheap running figure, and a walk of the dataset every max(16, keys/16) writes. */
import { describe, expect, it } from 'vitest';
import { MemoryBudget } from '../../src/redis/memory-budget.js';
import { usedMemory } from '../../src/redis/persistence.js';
import type { RedisServer } from '../../src/redis/server.js';

/** A server as the budget reads it: 16 databases of plain maps. */
function fakeServer(keys: number): { server: RedisServer; db0: Map<string, string> } {
  const dbs = Array.from({ length: 16 }, () => ({ dict: new Map<string, string>() }));
  for (let i = 0; i < keys; i++) dbs[0].dict.set(`k${i}`, 'v');
  return { server: { dbs } as unknown as RedisServer, db0: dbs[0].dict };
}

describe('memory budget', () => {
  for (const keys of [0, 100, 1000]) {
    it(`with ${keys} keys the dataset is walked again after max(16, keys/16) = ${Math.max(16, keys >> 4)} writes, not before`, () => {
      const { server, db0 } = fakeServer(keys);
      const budget = new MemoryBudget(1 << 30, () => [server], () => 7);
      const first = budget.used();
      expect(first).toBe(7 + usedMemory(server));
      const every = Math.max(16, keys >> 4);
      for (let w = 1; w <= every; w++) {
        // A write the budget hears of (5 bytes of arguments) and a value it does not: only a walk sees it.
        budget.noteWrite(server, ['SET', 'x', 'y'], 1);
        db0.set('extra', 'v'.repeat(w));
        const now = budget.used();
        if (w < every) expect(now, `write ${w}`).toBe(first + 5 * w);
        else expect(now, `write ${w}`).toBe(7 + usedMemory(server));
      }
    });
  }

  it('counts the dataset of every server it is given, and the disk', () => {
    const a = fakeServer(10).server;
    const b = fakeServer(20).server;
    const budget = new MemoryBudget(1 << 30, () => [a, b], () => 1000);
    expect(budget.used()).toBe(1000 + usedMemory(a) + usedMemory(b));
    expect(new MemoryBudget(0, () => [a], () => 0).overLimit()).toBe(false);
  });
});
