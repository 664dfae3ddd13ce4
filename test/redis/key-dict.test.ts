// The key dictionary: a Map in every behaviour the engine relies on, whatever the sequence of operations.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyDict } from '../../src/redis/key-dict.js';

type Op =
  | { op: 'set'; key: string; value: number }
  | { op: 'delete'; key: string }
  | { op: 'get'; key: string }
  | { op: 'clear' }
  | { op: 'iterate'; deleteEvery: number; addEvery: number };

// Few distinct keys, so that sets overwrite, deletes hit and probe chains cross deleted entries.
const key = fc.oneof(fc.integer({ min: 0, max: 60 }).map((n) => `k${n}`), fc.string({ maxLength: 4 }));
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('set' as const), key, value: fc.integer() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), key }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('get' as const), key }) },
  { weight: 1, arbitrary: fc.constant({ op: 'clear' as const }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('iterate' as const), deleteEvery: fc.integer({ min: 0, max: 3 }), addEvery: fc.integer({ min: 0, max: 3 }) }) },
);

/** Apply one operation to a dictionary; what it returns or visits, for comparison. */
function apply(d: Map<string, number>, o: Op, stamp: number): unknown {
  switch (o.op) {
    case 'set':
      d.set(o.key, o.value);
      return d.size;
    case 'delete':
      return d.delete(o.key);
    case 'get':
      return [d.get(o.key), d.has(o.key)];
    case 'clear':
      d.clear();
      return d.size;
    case 'iterate': {
      // Deletes and inserts while iterating, as an expire cycle or a command over KEYS may.
      const seen: Array<[string, number]> = [];
      let i = 0;
      for (const [k, v] of d) {
        seen.push([k, v]);
        if (o.deleteEvery && i % o.deleteEvery === 0) d.delete(k);
        if (o.addEvery && i % o.addEvery === 0 && i < 40) d.set(`new${stamp}-${i}`, i);
        i++;
      }
      return seen;
    }
  }
}

describe('KeyDict, the keyspace dictionary', () => {
  // 0: the table from the first key; 8: a small Map that moves to the table; default: a Map throughout.
  it.each([0, 8, undefined])('behaves as a Map under any sequence of sets, deletes, clears and iterations that mutate (table from %s keys)', (tableFrom) => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const map = new Map<string, number>();
        const dict = new KeyDict<number>(tableFrom);
        ops.forEach((o, i) => {
          expect(apply(dict, o, i)).toEqual(apply(map, o, i));
          expect(dict.size).toBe(map.size);
        });
        expect([...dict.entries()]).toEqual([...map.entries()]);
        expect([...dict.keys()]).toEqual([...map.keys()]);
        expect([...dict.values()]).toEqual([...map.values()]);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps insertion order through the move to the table, growth and rebuilds, with a hundred thousand keys', () => {
    const dict = new KeyDict<string>();
    for (let i = 0; i < 100_000; i++) dict.set(`key:${i}`, `value:${i}`);
    for (let i = 0; i < 100_000; i += 2) dict.delete(`key:${i}`);
    for (let i = 100_000; i < 150_000; i++) dict.set(`key:${i}`, `value:${i}`);
    expect(dict.size).toBe(100_000);
    const keys = [...dict.keys()];
    expect(keys.slice(0, 3)).toEqual(['key:1', 'key:3', 'key:5']);
    expect(keys.at(-1)).toBe('key:149999');
    expect(dict.get('key:99999')).toBe('value:99999');
    expect(dict.has('key:99998')).toBe(false);
  });

  it('answers a break out of an iteration like a Map (the iteration ends cleanly, later rebuilds still run)', () => {
    const dict = new KeyDict<number>(0);
    for (let i = 0; i < 1000; i++) dict.set(`k${i}`, i);
    for (const [k] of dict) if (k === 'k10') break;
    for (let i = 0; i < 1000; i++) dict.delete(`k${i}`);
    for (let i = 0; i < 5000; i++) dict.set(`n${i}`, i);
    expect([...dict.keys()]).toEqual(Array.from({ length: 5000 }, (_, i) => `n${i}`));
  });

  it('works with what takes a Map: spread, new Map, forEach, toStringTag', () => {
    const dict = new KeyDict<number>().set('a', 1).set('b', 2);
    expect(new Map(dict)).toEqual(new Map([['a', 1], ['b', 2]]));
    const seen: string[] = [];
    dict.forEach((v, k) => seen.push(`${k}=${v}`));
    expect(seen).toEqual(['a=1', 'b=2']);
    expect(Object.prototype.toString.call(dict)).toBe('[object KeyDict]');
  });
});
